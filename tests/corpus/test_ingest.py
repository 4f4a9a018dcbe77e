"""Bad plan files get a clear message and lose nothing; metadata is read from text without a manifest entry."""
from __future__ import annotations

import shutil

import pytest

from rag.config import PROJECT_ROOT
from rag.corpus.ingest import PlanFileError, decode_bytes, infer_plan
from rag.corpus.loader import load_corpus

SEEDS = PROJECT_ROOT / "corpus"


@pytest.fixture
def corpus_dir(tmp_path):
    for name in ("liaocheng-2020.txt", "ledu-2017.txt", "plans.toml"):
        shutil.copy(SEEDS / name, tmp_path / name)
    return tmp_path


def test_empty_non_utf8_and_duplicate_files_are_skipped_with_reasons(corpus_dir):
    (corpus_dir / "empty.txt").write_bytes(b"  \n")
    (corpus_dir / "copy.txt").write_bytes((corpus_dir / "ledu-2017.txt").read_bytes())
    (corpus_dir / "binary.txt").write_bytes(bytes(range(128, 256)) * 4)
    corpus = load_corpus(corpus_dir)
    assert {p.plan_id for p in corpus.plans} == {"ledu-2017", "liaocheng-2020"}
    problems = " | ".join(corpus.problems)
    assert "empty.txt: the file is empty" in problems
    assert "copy.txt: a duplicate of" in problems
    assert "binary.txt" in problems
    assert "plans.toml lists" in problems  # three manifest entries have no file here


def test_gb18030_file_is_decoded(corpus_dir):
    text = (SEEDS / "liaocheng-2020.txt").read_text(encoding="utf-8")
    (corpus_dir / "liaocheng-2020.txt").unlink()
    (corpus_dir / "gbk-plan.txt").write_bytes(text.encode("gb18030"))
    corpus = load_corpus(corpus_dir)
    plan = next(p for p in corpus.plans if p.plan_id == "gbk-plan")
    assert plan.title == "聊城市打好碧水保卫战2020年行动计划"  # no manifest entry: read from 《》
    assert plan.issuer == "聊城市人民政府" and plan.date == "2020-04-08" and plan.level == "city"
    assert any(c.clause_id == "gbk-plan/二/（二）/2" for c in corpus.clauses)
    assert "gbk-plan.txt: decoded as gb18030" in corpus.problems


def test_decode_rejects_empty_and_keeps_utf8_bom():
    with pytest.raises(PlanFileError, match="empty"):
        decode_bytes(b"", "a.txt")
    assert decode_bytes("\ufeff一、总体要求".encode("utf-8"), "b.txt") == ("一、总体要求", "utf-8")


def test_metadata_inferred_from_text():
    plan = infer_plan((SEEDS / "zhoucun-2016.txt").read_text(encoding="utf-8"), "x.txt", "0" * 64)
    assert (plan.title, plan.doc_number, plan.date) == ("周村区水污染防治行动计划实施方案", "周政发〔2016〕73号", "2016-12-25")
    assert plan.issuer == "周村区人民政府" and plan.level == "district" and "周村区" in plan.regions
