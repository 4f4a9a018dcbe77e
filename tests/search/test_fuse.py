"""Reciprocal rank fusion on tiny literal rankings."""
from __future__ import annotations

import pytest

from rag.search.fuse import Fused, reciprocal_rank_fusion


def test_scores_are_weighted_reciprocal_ranks():
    fused = reciprocal_rank_fusion({"bm25": ["a", "b"], "dense": ["b", "c"]}, k=60)
    assert [f.clause_id for f in fused] == ["b", "a", "c"]
    assert fused[0] == Fused("b", 1 / 62 + 1 / 61, ("bm25", "dense"), (("bm25", 2), ("dense", 1)))
    assert fused[1].score == pytest.approx(1 / 61)
    assert fused[1].sources == ("bm25",)
    assert fused[2].ranks == (("dense", 2),)


def test_weights_shift_the_order():
    rankings = {"bm25": ["a", "b"], "dense": ["b", "a"]}
    assert [f.clause_id for f in reciprocal_rank_fusion(rankings, {"bm25": 2.0, "dense": 1.0})] == ["a", "b"]
    assert [f.clause_id for f in reciprocal_rank_fusion(rankings, {"bm25": 1.0, "dense": 2.0})] == ["b", "a"]


def test_zero_weight_drops_the_retriever_entirely():
    fused = reciprocal_rank_fusion({"bm25": ["a"], "dense": ["b"]}, {"bm25": 0.0})
    assert [(f.clause_id, f.sources) for f in fused] == [("b", ("dense",))]


def test_ties_break_by_best_rank_then_clause_id():
    fused = reciprocal_rank_fusion({"bm25": ["x", "y"], "dense": ["y", "x"]}, k=1)
    assert [f.clause_id for f in fused] == ["x", "y"]
    assert fused[0].score == fused[1].score == pytest.approx(1 / 2 + 1 / 3)


def test_duplicate_in_one_ranking_counts_once_at_its_first_rank():
    fused = reciprocal_rank_fusion({"bm25": ["a", "a", "b"]}, k=10)
    assert [(f.clause_id, f.ranks) for f in fused] == [("a", (("bm25", 1),)), ("b", (("bm25", 2),))]


def test_empty_and_invalid_inputs():
    assert reciprocal_rank_fusion({}) == []
    assert reciprocal_rank_fusion({"bm25": []}) == []
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({"bm25": ["a"]}, {"bm25": -1.0})
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({"bm25": ["a"]}, k=0)
