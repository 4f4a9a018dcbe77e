"""Hybrid retrieval over the mini corpus with the fake embedder: fusion, filters before ranking, baselines."""
from __future__ import annotations

import pytest

from rag.search.embed import FakeEmbedder
from rag.search.retrieve import Retriever
from rag.search.store import build_index, load_index

TEN_SMALL = "shanxi-2015/二/（一）/1/1"  # 取缔“十小”企业
ZHOUCUN_INDUSTRY = "zhoucun-2016/三/（一）/1"  # 深化工业污染防治


@pytest.fixture
def retriever(mini_corpus, fake_settings):
    build_index(mini_corpus, FakeEmbedder(), fake_settings.index_dir, progress=False)
    return Retriever(load_index(fake_settings.index_dir), FakeEmbedder(), fake_settings)


def ids(hits):
    return [hit.clause.clause_id for hit in hits]


def test_hybrid_fuses_both_lists_and_says_who_found_what(retriever):
    hits = retriever.search("取缔十小企业", k=3)
    assert ids(hits) == [TEN_SMALL, ZHOUCUN_INDUSTRY, "shanxi-2015/二/（一）/2/1"]
    # Dense ranks by the best of a clause and its sentences: "取缔“十小”企业。" alone is closest to the question.
    assert hits[0].sources == ("bm25", "dense") and hits[0].ranks == (("bm25", 1), ("dense", 1))
    assert hits[0].score == pytest.approx(1 / 61 + 1 / 61)
    assert hits[0].sentence == "取缔“十小”企业。"


def test_baselines_return_their_own_scores_and_ranks(retriever):
    bm25 = retriever.search_bm25("取缔十小企业", k=2)
    assert ids(bm25) == [TEN_SMALL, ZHOUCUN_INDUSTRY]
    assert bm25[0].sources == ("bm25",) and bm25[1].ranks == (("bm25", 2),) and bm25[0].score > bm25[1].score > 0
    dense = retriever.search_dense("取缔十小企业", k=2)
    assert ids(dense) == [TEN_SMALL, ZHOUCUN_INDUSTRY] and dense[0].sources == ("dense",)


@pytest.mark.parametrize("method", ["search", "search_bm25", "search_dense"])
def test_plan_filter_searches_within_the_plan_before_ranking(retriever, method):
    # Overall the shanxi clause wins; restricted to zhoucun with k=1 the best zhoucun clause must come back.
    hits = getattr(retriever, method)("取缔十小企业", k=1, plan_ids=["zhoucun-2016"])
    assert ids(hits) == [ZHOUCUN_INDUSTRY]


def test_level_and_region_filters(retriever):
    province = retriever.search("黑臭水体", k=9, levels=["province"])
    assert ids(province) == ["shanxi-2015/一/（三）/p1", TEN_SMALL, "shanxi-2015/二/（一）/2/1"]
    assert ids(retriever.search("黑臭水体", k=9, regions=["太原"])) == ids(province)
    assert {h.clause.plan_id for h in retriever.search("黑臭水体", k=9, regions=["淄博市周村区"])} == {"zhoucun-2016"}
    assert retriever.search("黑臭水体", k=5, plan_ids=["no-such-plan"]) == []


def test_bare_headings_are_never_returned(retriever):
    everything = ids(retriever.search("主要任务 主要指标", k=50))
    assert len(everything) == 9
    assert not {"zhoucun-2016/三", "zhoucun-2016/三/（一）", "shanxi-2015/一/（三）"} & set(everything)


def test_traditional_and_full_width_questions_match_like_simplified(retriever):
    assert ids(retriever.search("取締十小企業", k=3)) == ids(retriever.search("取缔十小企业", k=3))
    assert ids(retriever.search_bm25("ＣＯＤ４０ｍｇ", k=1)) == ["zhoucun-2016/三/（一）/2"]


def test_zero_weight_turns_a_retriever_off(retriever, fake_settings):
    dense_only = Retriever(retriever.store, retriever.embedder, fake_settings.with_(weight_bm25=0.0))
    hits = dense_only.search("取缔十小企业", k=2)
    assert ids(hits) == [TEN_SMALL, ZHOUCUN_INDUSTRY] and {h.sources for h in hits} == {("dense",)}


def test_without_sentence_scores_a_clause_is_ranked_by_its_own_vector(retriever):
    retriever.settings_sentences = False
    assert ids(retriever.search_dense("取缔十小企业", k=2)) == [ZHOUCUN_INDUSTRY, TEN_SMALL]


def test_blank_questions_return_nothing(retriever):
    assert retriever.search("", k=3) == [] and retriever.search("？！…", k=3) == []
    assert retriever.search_dense("   ", k=3) == []


def test_an_index_from_another_embedder_is_refused(retriever, fake_settings):
    with pytest.raises(ValueError, match="rebuild the index"):
        Retriever(retriever.store, FakeEmbedder(dim=32), fake_settings)


def test_a_repeated_query_is_embedded_once(mini_corpus, fake_settings):
    from rag.search.embed import FakeEmbedder
    from rag.search.retrieve import Retriever
    from rag.search.store import build_index, load_index

    class Counting(FakeEmbedder):
        calls = 0

        def embed_queries(self, texts):
            Counting.calls += 1
            return super().embed_queries(texts)

    embedder = Counting()
    build_index(mini_corpus, embedder, fake_settings.index_dir, progress=False)
    retriever = Retriever(load_index(fake_settings.index_dir), embedder, fake_settings)
    first = retriever.search("污泥处理处置", k=3)
    retriever.search_dense("污泥处理处置", k=1)
    retriever.search("污泥处理处置", k=3, plan_ids=["shanxi-2015"])
    assert Counting.calls == 1
    assert [h.clause.clause_id for h in retriever.search("污泥处理处置", k=3)] == [h.clause.clause_id for h in first]
