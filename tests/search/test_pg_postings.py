"""The impact-ordered posting table (migration 0004) and replicas that follow a new generation without a restart."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import mini_corpus_value
from test_pg import QUESTIONS, pg_settings

from rag.search import pg_build, pg_postings
from rag.search.backend import PostgresBackend
from rag.search.embed import FakeEmbedder
from rag.search.lexical import tokenize
from rag.search.pg_postings import (
    build_postings,
    count_tokens,
    exact_scores,
    top_postings,
)
from rag.search.pg_schema import connect

ROWS = [["污泥", "处置", "污泥"], ["处置", "黑臭"], ["污泥"]]


def test_impacts_are_bm25s_term_scores_ordered_by_impact_within_each_term():
    postings = build_postings(count_tokens(ROWS))
    assert postings.terms == ("污泥", "处置", "黑臭") and postings.starts.tolist() == [0, 2, 4, 5]
    # 污泥: the one-token row 2 outranks row 0 (tf 2 but three tokens long): BM25's length normalisation.
    assert postings.rows.tolist() == [2, 0, 1, 0, 1]
    assert [round(x, 6) for x in postings.impacts] == [0.242583, 0.231386, 0.188001, 0.153471, 0.392332]
    # bm25s (the files backend) gives these very scores for the query 污泥 处置: [0.384857, 0.188001, 0.242583].
    assert [round(x, 6) for x in exact_scores(postings, ["污泥", "处置", "污泥"], 3)] == [0.384857, 0.188001, 0.242583]
    assert list(top_postings(postings, 1)) == [("处置", 1, pytest.approx(0.188001, abs=1e-6)),
                                               ("污泥", 2, pytest.approx(0.242583, abs=1e-6)),
                                               ("黑臭", 1, pytest.approx(0.392332, abs=1e-6))]


def test_token_counts_keep_each_rows_tokens_in_first_occurrence_order():
    counts = count_tokens(ROWS)
    assert [counts.row(i) for i in range(3)] == [{"污泥": 2, "处置": 1}, {"处置": 1, "黑臭": 1}, {"污泥": 1}]
    assert counts.doc_lens.tolist() == [3, 2, 1] and counts.avg_len == 2.0


@pytest.fixture
def backend(pg_url, tmp_path):
    built = PostgresBackend(pg_settings(pg_url, tmp_path), FakeEmbedder())
    built.build(mini_corpus_value(), progress=False)
    return built


def test_the_posting_table_ranks_unfiltered_searches_exactly_as_the_tsvector_bm25(backend):
    searcher = backend.open_current().searcher
    with connect(backend.url, autocommit=True) as conn:
        stored = conn.execute("SELECT count(*), count(DISTINCT term) FROM rag_posting").fetchone()
        total_df = conn.execute("SELECT sum(df) FROM rag_term").fetchone()[0]
    assert searcher.per_term == 1000 and stored[0] == total_df  # every term's postings fit: nothing pruned
    for question in QUESTIONS:
        from_postings = searcher.rankings(question, 6, None, dense=False)["bm25"]
        searcher.per_term = None  # a generation without postings: the exact tsvector path
        exact = searcher.rankings(question, 6, None, dense=False)["bm25"]
        searcher.per_term = 1000
        assert [cid for cid, _ in from_postings] == [cid for cid, _ in exact]
        assert [s for _, s in from_postings] == pytest.approx([s for _, s in exact], abs=1e-12)
    assert [cid for cid, _ in searcher.rankings("黑臭水体", 3, None, dense=False)["bm25"]] == [
        "zhoucun-2016/二/（二）/3", "zhoucun-2016/三/（二）/2", "shanxi-2015/一/（三）/p1"]


def test_pruned_postings_bound_the_unfiltered_search_and_filtered_ones_stay_exact(backend, monkeypatch):
    monkeypatch.setattr(pg_build, "PER_TERM", 1)
    backend.build(mini_corpus_value(), progress=False)
    searcher = backend.open_current().searcher
    with connect(backend.url, autocommit=True) as conn:
        per_term = conn.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM rag_posting "
                                "WHERE generation_id = %s GROUP BY term) AS t", (searcher.generation,)).fetchone()
    assert searcher.per_term == 1 and per_term[0] == 1
    # 黑臭 and 水体 each keep their top clause only: a clause with both in second place drops out.
    assert [cid for cid, _ in searcher.rankings("黑臭水体", 3, None, dense=False)["bm25"]] == [
        "zhoucun-2016/二/（二）/3"]
    # A plan filter reads the plan's rows (exact BM25), so pruning loses nothing there.
    assert [cid for cid, _ in searcher.rankings("黑臭水体", 3, ["zhoucun-2016"], dense=False)["bm25"]] == [
        "zhoucun-2016/二/（二）/3", "zhoucun-2016/三/（二）/2"]
    # Rows picked by pruned sums are rescored by exact BM25: a row that lost a term to pruning gets its share back.
    question = "城市黑臭水体整治计划"
    top, score = searcher.rankings(question, 1, None, dense=False)["bm25"][0]
    terms = sorted(set(tokenize(question)))
    with connect(backend.url, autocommit=True) as conn:
        pruned = conn.execute("SELECT sum(p.impact) FROM rag_posting p JOIN rag_row r USING (generation_id, row_no) "
                              "WHERE p.generation_id = %s AND p.term = ANY(%s) AND r.clause_id = %s",
                              (searcher.generation, terms, top)).fetchone()[0]
    exact = dict(searcher.rankings(question, 9, [top.split("/")[0]], dense=False)["bm25"])[top]
    assert pruned < exact and score == pytest.approx(exact, abs=1e-12)
    assert pg_postings.PER_TERM == 1000


def test_a_serving_process_follows_a_new_generation_without_a_restart(backend):
    from rag.assistant import Following

    opened = backend.open_current()
    assistant = Following(backend.settings, opened)
    question = "周村区黑臭水体整治由谁牵头？"
    old = {c.clause_id: c.text for c in assistant.ask(question).citations}
    assert old["zhoucun-2016/三/（二）/2"].startswith("2．消除城市建成区黑臭水体。")
    assert opened.latest() is opened  # nothing rebuilt: the same corpus and searcher, no reload
    edited = replace(mini_corpus_value(), clauses=tuple(
        replace(c, text=c.text.replace("消除城市建成区黑臭水体", "全面消除城市建成区黑臭水体"))
        for c in mini_corpus_value().clauses))
    backend.build(edited, progress=False)
    new = {c.clause_id: c.text for c in assistant.ask(question).citations}
    assert new["zhoucun-2016/三/（二）/2"].startswith("2．全面消除城市建成区黑臭水体。")
    assert assistant.corpus.clause("zhoucun-2016/三/（二）/2").text.startswith("2．全面消除")
    assert opened.latest().searcher.generation == opened.searcher.generation + 1
    # The pinned searcher of the old generation still answers from it (an answer in flight finishes there).
    assert opened.searcher.search("黑臭水体", k=1)[0].clause.text.startswith("2．消除城市建成区黑臭水体。")
