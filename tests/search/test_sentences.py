"""Sentence vectors: the split, and a clause scoring as its best sentence."""
from __future__ import annotations

import numpy as np

from rag.search.sentences import build_sentences, load_sentences, split_sentences

CLAUSE = ("推进污泥处理处置。2016年6月底前,各市完成污泥堆放点排查和规范改造工作,防止二次污染的发生。"
          "非法污泥堆放点一律予以取缔。禁止处理处置不达标的污泥进入耕地。")


def test_a_clause_splits_into_its_sentences_and_a_one_sentence_clause_into_none():
    assert split_sentences(CLAUSE) == [
        "推进污泥处理处置。", "2016年6月底前,各市完成污泥堆放点排查和规范改造工作,防止二次污染的发生。",
        "非法污泥堆放点一律予以取缔。", "禁止处理处置不达标的污泥进入耕地。",
    ]
    assert split_sentences("到2017年底，消除城市建成区全部黑臭水体。") == []


def _unit(rows: list[list[float]]) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_sentences_round_trip_and_map_to_their_clause_rows(tmp_path):
    texts = ["单独一句话没有第二句。", CLAUSE]
    basis = {s: _unit([[1.0 if i == j else 0.1 for j in range(4)]])[0] for i, s in enumerate(split_sentences(CLAUSE))}
    count = build_sentences(texts, lambda batch: np.stack([basis[next(k for k in basis if k.startswith(b[:6]))]
                                                           for b in batch]), tmp_path, 4)
    index = load_sentences(tmp_path)
    assert count == 4 and index.rows.tolist() == [1, 1, 1, 1]
    best = index.best_rows(_unit([[0, 0, 0, 1.0]]), 2, None)
    assert list(best) == [1] and index.texts[best[1][1]] == "禁止处理处置不达标的污泥进入耕地。"
    assert index.best_rows(_unit([[0, 0, 0, 1.0]]), 2, np.array([True, False])) == {}  # the mask rules


def test_a_generation_without_sentence_files_has_no_sentence_index(tmp_path):
    assert load_sentences(tmp_path) is None
