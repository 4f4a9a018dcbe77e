"""PostgreSQL backend against a real server: round trip, same ranking as files, atomic generations, facts in SQL."""
from __future__ import annotations

import pytest
from conftest import mini_corpus_value

from rag.config import ConfigError, Settings
from rag.search import pg_build
from rag.search.backend import FilesBackend, PostgresBackend, backend_name, get_backend
from rag.search.embed import FakeEmbedder
from rag.search.pg_feedback import FeedbackRow, PgFeedbackStore, feedback_store
from rag.search.pg_schema import DatabaseError, connect, migrate, migration_files
from rag.search.retrieve import Retriever
from rag.search.store import build_index, load_index

pytestmark = pytest.mark.pg
QUESTIONS = ("污泥处理处置由谁牵头", "黑臭水体", "2020年水质优良比例", "工业集聚区 污水集中处理")


def pg_settings(url: str, tmp_path) -> Settings:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir(exist_ok=True)
    return Settings(database_url=url, corpus_dir=corpus_dir, index_dir=tmp_path / "index", embed_runtime="fake",
                    embed_model="fake-hash")


@pytest.fixture
def built(pg_url, tmp_path):
    backend = PostgresBackend(pg_settings(pg_url, tmp_path), FakeEmbedder())
    backend.build(mini_corpus_value(), progress=False)
    return backend


def test_the_database_url_selects_the_backend(tmp_path):
    assert backend_name(Settings(database_url="")) == "files"
    assert backend_name(Settings(database_url="postgresql://u@h/db")) == "postgresql"
    assert isinstance(get_backend(Settings(index_dir=tmp_path), FakeEmbedder()), FilesBackend)
    with pytest.raises(ConfigError, match="must start with postgresql://"):
        backend_name(Settings(database_url="mysql://u@h/db"))


def test_an_unreachable_database_is_one_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match=r"cannot connect to the database in RAG_DATABASE_URL \(postgresql://u:\*\*\*@"):
        connect("postgresql://u:secret@127.0.0.1:1/nodb")


def test_migrations_apply_once_in_order(pg_url):
    versions = [v for v, _ in migration_files()]
    assert versions == [1, 2, 3, 4]
    assert migrate(pg_url) == [1, 2, 3, 4]
    assert migrate(pg_url) == []


def test_the_corpus_round_trips_through_the_database(built):
    opened = built.open_current()
    assert opened.corpus == mini_corpus_value()
    assert opened.manifest.counts["rows"] == 9 and opened.backend == "postgresql"


def test_rankings_and_bm25_scores_equal_the_files_backend(built, tmp_path):
    files = Retriever(load_index(_files_index(tmp_path)), FakeEmbedder(), built.settings)
    pg = built.open_current().searcher
    for question in QUESTIONS:
        expected = [(h.clause.clause_id, round(h.score, 4)) for h in files.search_bm25(question, k=5)]
        assert [(h.clause.clause_id, round(h.score, 4)) for h in pg.search_bm25(question, k=5)] == expected
        assert [(h.clause.clause_id, h.sentence) for h in pg.search(question, k=5)] == [
            (h.clause.clause_id, h.sentence) for h in files.search(question, k=5)]
        dense = [(h.clause.clause_id, round(h.score, 4)) for h in files.search_dense(question, k=3)]
        assert [(h.clause.clause_id, round(h.score, 4)) for h in pg.search_dense(question, k=3)] == dense


def _files_index(tmp_path):
    build_index(mini_corpus_value(), FakeEmbedder(), tmp_path / "files-index", progress=False)
    return tmp_path / "files-index"


def test_the_plan_filter_is_applied_in_sql_before_ranking(built):
    pg = built.open_current().searcher
    hits = pg.search("黑臭水体 污泥", k=5, plan_ids=["shanxi-2015"])
    assert {h.clause.plan_id for h in hits} == {"shanxi-2015"}
    assert [h.clause.clause_id for h in pg.search("黑臭水体", k=3, levels=["province"])][0].startswith("shanxi-2015")
    assert pg.search("黑臭水体", k=3, plan_ids=["nosuch"]) == []


def test_status_is_missing_then_ok_then_stale_on_a_model_change(pg_url, tmp_path):
    backend = PostgresBackend(pg_settings(pg_url, tmp_path), FakeEmbedder())
    assert backend.status().state == "missing"
    backend.build(mini_corpus_value(), progress=False)
    assert backend.status().state == "ok"
    other = PostgresBackend(pg_settings(pg_url, tmp_path), FakeEmbedder(model="fake-other"))
    assert other.status().reason == "embedding model changed: fake-hash → fake-other"


def test_a_build_that_fails_midway_leaves_the_previous_generation_serving(built, monkeypatch):
    before = built.open_current()

    def broken(*args):
        yield from ()
        raise OSError("disk full while writing facts")

    monkeypatch.setattr(pg_build, "_fact_rows", broken)
    with pytest.raises(OSError, match="disk full"):
        built.build(mini_corpus_value(), progress=False)
    after = built.open_current()
    assert after.searcher.generation == before.searcher.generation
    with connect(built.url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM rag_generation").fetchone()[0] == 1


def test_a_pinned_searcher_keeps_its_generation_through_two_rebuilds_of_others(built):
    first = built.open_current().searcher
    built.build(mini_corpus_value(), progress=False)
    second = built.open_current().searcher
    assert second.generation == first.generation + 1
    assert [h.clause.clause_id for h in first.search("黑臭水体", k=2)] == ["zhoucun-2016/三/（二）/2",
                                                                         "zhoucun-2016/二/（二）/3"]
    built.build(mini_corpus_value(), progress=False)  # only the newest two generations are kept
    with connect(built.url, autocommit=True) as conn:
        kept = [row[0] for row in conn.execute("SELECT id FROM rag_generation ORDER BY id")]
        assert conn.execute("SELECT count(*) FROM rag_row").fetchone()[0] == 18
    assert kept == [second.generation, second.generation + 1]


def test_a_rebuild_embeds_only_new_text(built):
    manifest = built.build(mini_corpus_value(), progress=False)
    assert manifest.counts["embedded"] == 0


def test_facts_across_plans_by_unit_and_indicator_use_the_trigram_index(built):
    assert [r.clause_id for r in built.facts_for_unit("住建局")] == ["zhoucun-2016/三/（二）/2"]
    assert built.facts_for_unit("环保分局")[0].cooperating_units[1].name == "区环保分局"
    assert built.facts_for_unit("100%_") == []
    assert [t.value for t in built.targets_for_indicator("水质优良")] == [60.0]
    with connect(built.url, autocommit=True) as conn:
        conn.execute("SET enable_seqscan = off")  # a tiny table: show the plan the index gives at scale
        plan = " ".join(r[0] for r in conn.execute("EXPLAIN SELECT record FROM rag_fact WHERE units LIKE '%住建局%'"))
    assert "rag_fact_units_trgm" in plan


def test_tsvector_literal_holds_each_token_once_and_escapes_quotes():
    assert pg_build.tsvector_literal(["污泥", "~污泥", "污泥", "it's", "a\\b"]) == "'污泥' '~污泥' 'it''s' 'a\\\\b'"


def test_feedback_goes_to_the_database_from_several_writers(pg_url):
    from concurrent.futures import ThreadPoolExecutor

    store = PgFeedbackStore(pg_url)
    first = FeedbackRow("s1", 0, 1, "准确", "周村区污泥由谁牵头？", "区住建局牵头[1]", ("zhoucun-2016/三/（一）/2/1",),
                        1_764_230_400.0)
    assert store.record(first) == 1
    with ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(store.record, [FeedbackRow(f"s{n}", n, -1, "", "q", "a", ()) for n in range(2, 10)]))
    assert sorted(ids) == list(range(2, 10)) and store.count() == 9
    assert next(store.all()) == first
    assert feedback_store(Settings(database_url="")) is None
    store.close()


def test_app_and_cli_feedback_go_to_the_database_when_it_is_configured(pg_url, tmp_path):
    from rag.feedback import Feedback, open_store

    store = open_store(tmp_path, Settings(database_url=pg_url, data_dir=tmp_path))
    assert isinstance(store, PgFeedbackStore)
    store.record(Feedback("s1", 0, -1, "牵头单位不对", "周村区污泥由谁牵头？", "区住建局牵头[1]",
                          ("zhoucun-2016/三/（一）/2/3",), 1_764_230_400.0))
    assert [f.comment for f in store.all()] == ["牵头单位不对"] and not (tmp_path / "feedback.sqlite3").exists()
    assert type(next(store.all())) is Feedback
    store.close()
    assert type(open_store(tmp_path, Settings(database_url="", data_dir=tmp_path))).__name__ == "SqliteFeedbackStore"


def test_glossary_expansion_is_searched_as_in_the_files_backend(built, tmp_path):
    files = Retriever(load_index(_files_index(tmp_path)), FakeEmbedder(), built.settings)
    pg = built.open_current().searcher
    # "臭水沟" is the everyday word; the glossary adds the plans' term 黑臭水体 at half weight.
    for question, expansion in (("臭水沟谁来管", "黑臭水体"), ("污泥", "污泥无害化处置")):
        expected = [h.clause.clause_id for h in files.search(question, k=5, expansion=expansion)]
        assert [h.clause.clause_id for h in pg.search(question, k=5, expansion=expansion)] == expected
    assert pg._lexical_trust("臭水沟谁来管", True) == files._lexical_trust("臭水沟谁来管", "黑臭水体")


def test_sentence_vectors_score_clauses_and_name_the_sentence_as_in_the_files_backend(built, tmp_path):
    files = Retriever(load_index(_files_index(tmp_path)), FakeEmbedder(), built.settings)
    pg = built.open_current().searcher
    with connect(built.url, autocommit=True) as conn:
        stored = conn.execute("SELECT count(*) FROM rag_sentence WHERE generation_id = %s", (pg.generation,))
        assert stored.fetchone()[0] == len(files.store.sentences.texts) == 28
    top = pg.search("黑臭水体", k=2)
    assert [(h.clause.clause_id, h.sentence) for h in top] == [("zhoucun-2016/三/（二）/2", "2．消除城市建成区黑臭水体。"),
                                                               ("zhoucun-2016/二/（二）/3", "3．城市黑臭水体。")]
    # The plan filter holds in the sentence scan too: the best sentence comes from the allowed plan's clause.
    filtered = [(h.clause.clause_id, h.sentence) for h in pg.search("黑臭水体", k=3, plan_ids=["shanxi-2015"])]
    assert filtered == [(h.clause.clause_id, h.sentence) for h in files.search("黑臭水体", k=3, plan_ids=["shanxi-2015"])]
    assert filtered[1] == ("shanxi-2015/二/（一）/1/1", "取缔“十小”企业。")
    pg.settings_sentences = files.settings_sentences = False  # clause vectors alone: still the same ranking
    for question in QUESTIONS:
        assert [h.clause.clause_id for h in pg.search(question, k=5)] == [h.clause.clause_id for h in files.search(question, k=5)]
