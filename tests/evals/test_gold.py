"""The gold set is well formed and agrees with the parsed corpus (clause ids exist, facts are in them)."""
from __future__ import annotations

from collections import Counter

import pytest

from evals.resolve_gold import apply, find_clause, load_gold, resolve
from rag.normalize import normalize
from rag.types import Clause

MINIMUMS = {"lead": 30, "cooperate": 10, "target": 30, "deadline": 15, "table": 10, "obligation": 10,
            "compare": 8, "list": 8, "unanswerable": 15}
VARIANT_MINIMUMS = {"paraphrase": 20, "english": 10, "traditional": 5}
PLAN_IDS = {"zhoucun-2016", "ledu-2017", "changyi-2016", "liaocheng-2020", "shanxi-2015"}
LANG_OF = {"original": "zh", "paraphrase": "zh", "english": "en", "traditional": "zh-hant"}

GOLD = load_gold()
ORIGINALS = [q for q in GOLD if q["variant"] == "original"]
BY_ID = {q["id"]: q for q in GOLD}


@pytest.fixture(scope="module")
def corpus():
    from rag.config import Settings
    from rag.corpus.loader import load_corpus

    return load_corpus(Settings.load().corpus_dir)


def test_ids_are_unique():
    assert len(BY_ID) == len(GOLD)


def test_counts_per_type_meet_minimums():
    counts = Counter(q["type"] for q in ORIGINALS)
    assert {t: counts[t] >= n for t, n in MINIMUMS.items()} == dict.fromkeys(MINIMUMS, True), counts
    variants = Counter(q["variant"] for q in GOLD)
    assert {v: variants[v] >= n for v, n in VARIANT_MINIMUMS.items()} == dict.fromkeys(VARIANT_MINIMUMS, True)


def test_variants_point_to_originals_of_the_same_question():
    for q in GOLD:
        assert q["lang"] == LANG_OF[q["variant"]], q["id"]
        if q["variant"] == "original":
            assert q["variant_of"] is None, q["id"]
            continue
        base = BY_ID[q["variant_of"]]
        assert base["variant"] == "original", q["id"]
        same = ("type", "split", "answerable", "expected", "gold", "plan_ids")
        assert {k: q[k] for k in same} == {k: base[k] for k in same}, q["id"]


def test_split_is_half_and_half_within_each_type():
    for qtype in MINIMUMS:
        splits = Counter(q["split"] for q in ORIGINALS if q["type"] == qtype)
        assert set(splits) == {"dev", "test"} and abs(splits["dev"] - splits["test"]) <= 1, (qtype, splits)


def test_fields_are_consistent():
    for q in GOLD:
        assert set(q["plan_ids"]) <= PLAN_IDS, q["id"]
        assert {g["plan_id"] for g in q["gold"]} <= set(q["plan_ids"]), q["id"]
        if q["answerable"]:
            assert q["expected"] and q["gold"] and all(g["match"] for g in q["gold"]), q["id"]
        else:
            assert q["type"] == "unanswerable" and q["expected"] == [], q["id"]
    compare = [q for q in ORIGINALS if q["type"] == "compare"]
    assert all(len(q["plan_ids"]) >= 2 for q in compare)


def test_every_gold_clause_id_exists(corpus):
    known = {c.clause_id for c in corpus.clauses}
    for q in GOLD:
        if q["answerable"]:
            assert q["gold_clause_ids"], f"{q['id']} has no gold clause id: run python -m evals.resolve_gold --write"
        assert set(q["gold_clause_ids"]) <= known, (q["id"], set(q["gold_clause_ids"]) - known)


def test_gold_clause_ids_are_current(corpus):
    # Catches a parser change that moved clause ids since resolve_gold last ran.
    resolved = apply(ORIGINALS, resolve(ORIGINALS, corpus.clauses))
    stale = {q["id"] for q, fresh in zip(ORIGINALS, resolved) if q["gold_clause_ids"] != fresh["gold_clause_ids"]}
    assert stale == set()


def test_expected_facts_occur_in_gold_clauses(corpus):
    texts = {c.clause_id: normalize(c.text) for c in corpus.clauses}
    missing = []
    for q in ORIGINALS:
        gold_text = " ".join(texts.get(cid, "") for cid in q["gold_clause_ids"])
        missing += [(q["id"], fact) for fact in q["expected"] if normalize(fact) not in gold_text]
    assert missing == []


def clause(clause_id, text, start):
    return Clause("zhoucun-2016", clause_id, (), "task", text, normalize(text), start, start + len(text))


def test_find_clause_takes_the_smallest_and_flags_ambiguity():
    item = clause("zc/三/（一）/2", "2．强化城镇生活污染治理。推进污泥安全处置。（区住建局牵头）", 0)
    task = clause("zc/三/（一）/2/3", "推进污泥安全处置。（区住建局牵头）", 14)
    twin = clause("zc/三/（一）/2/3#2", "推进污泥安全处置。（区住建局牵头）", 900)
    other = clause("zc/x", "推进污泥安全处置。（区住建局牵头，区发改局参与）", 950)
    pairs = lambda *cs: [(c, normalize(c.text)) for c in cs]  # noqa: E731
    assert find_clause(["推进污泥安全处置", "区住建局牵头"], pairs(item, task)) == ("zc/三/（一）/2/3", "ok")
    assert find_clause(["推进污泥安全处置"], pairs(twin, task)) == ("zc/三/（一）/2/3", "ok")
    assert find_clause(["推进污泥安全处置"], pairs(item)) == ("zc/三/（一）/2", "ok")
    assert find_clause(["区环保分局牵头"], pairs(item, task)) == (None, "missing")
    short = clause("zc/y", "推进污泥安全处置。（区水务局牵头）", 990)
    assert find_clause(["推进污泥安全处置"], pairs(task, short)) == ("zc/三/（一）/2/3", "ambiguous")
    assert find_clause(["推进污泥安全处置"], pairs(other)) == ("zc/x", "ok")
