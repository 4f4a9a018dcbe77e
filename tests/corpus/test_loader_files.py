"""Copies, links and odd files in corpus/: decided on the text, refused by name, never followed out of the folder."""
from __future__ import annotations

import os
import shutil

import pytest

from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus

SEEDS = PROJECT_ROOT / "corpus"


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("liaocheng-2020.txt", "ledu-2017.txt", "plans.toml"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def statuses(corpus) -> dict[str, tuple[str, str]]:
    return {f.file: (f.status, f.reason) for f in corpus.files}


def test_gb18030_copy_under_another_name_is_a_duplicate(corpus_dir):
    text = (corpus_dir / "ledu-2017.txt").read_text(encoding="utf-8")
    (corpus_dir / "ledu-copy.txt").write_bytes(text.encode("gb18030"))
    corpus = load_corpus(corpus_dir)
    assert {p.plan_id for p in corpus.plans} == {"ledu-2017", "liaocheng-2020"}
    assert "skipped ledu-copy.txt: a duplicate of ledu-2017.txt" in corpus.problems


def test_copy_with_one_more_trailing_newline_is_a_duplicate(corpus_dir):
    (corpus_dir / "again.txt").write_bytes((corpus_dir / "liaocheng-2020.txt").read_bytes() + b"\n\r\n")
    corpus = load_corpus(corpus_dir)
    assert statuses(corpus)["again.txt"] == ("skipped", "a duplicate of liaocheng-2020.txt")
    assert len(corpus.plans) == 2


def test_link_out_of_the_corpus_folder_is_refused(corpus_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("一、总体要求\n（一）root:x:0:0:root:/root:/bin/bash 由区环保局牵头。\n", encoding="utf-8")
    os.symlink(secret, corpus_dir / "passwd.txt")
    corpus = load_corpus(corpus_dir)
    assert statuses(corpus)["passwd.txt"] == ("refused", "a link to a file outside the corpus folder; "
                                                         "copy the plan in instead")
    assert not any("root:x" in c.text for c in corpus.clauses)
    assert "refused passwd.txt: a link to a file outside the corpus folder; copy the plan in instead" in corpus.problems


def test_link_inside_the_folder_is_read_once(corpus_dir):
    os.symlink("ledu-2017.txt", corpus_dir / "ledu-link.txt")
    corpus = load_corpus(corpus_dir)
    assert statuses(corpus)["ledu-link.txt"] == ("skipped", "a duplicate of ledu-2017.txt")


def test_folder_and_pipe_named_like_plans_are_refused(corpus_dir):
    (corpus_dir / "folder.txt").mkdir()
    os.mkfifo(corpus_dir / "pipe.txt")
    corpus = load_corpus(corpus_dir)  # a pipe opened for reading would block forever
    assert statuses(corpus)["folder.txt"] == ("refused", "not a regular file (a folder, pipe or device)")
    assert statuses(corpus)["pipe.txt"] == ("refused", "not a regular file (a folder, pipe or device)")
    assert len(corpus.plans) == 2


def test_oversized_plan_is_refused_by_name(corpus_dir):
    corpus = load_corpus(corpus_dir, max_chars=10_000)
    size = len((corpus_dir / "ledu-2017.txt").read_text(encoding="utf-8"))
    assert statuses(corpus)["ledu-2017.txt"] == (
        "refused", f"{size:,} characters, over the 10,000 limit for one plan; split it")
    assert f"refused ledu-2017.txt: {size:,} characters, over the 10,000 limit for one plan; split it" in corpus.problems


def test_every_file_has_a_status(corpus_dir):
    (corpus_dir / "notes.md").write_text("draft", encoding="utf-8")
    shutil.copy(SEEDS / "zhoucun-2016.txt", corpus_dir / "unlisted.txt")
    corpus = load_corpus(corpus_dir)
    assert statuses(corpus) == {"ledu-2017.txt": ("loaded", ""), "liaocheng-2020.txt": ("loaded", ""),
                                "unlisted.txt": ("inferred", ""), "notes.md": ("ignored", "not a plan file")}


def test_a_reader_that_ran_out_of_time_is_given_one_more_try(tmp_path):
    from rag.corpus.ingest import PlanFileError
    from rag.corpus.loader import read_retrying

    calls = []

    def busy_then_read(path, entry):  # the child reader missed its limit once, on a loaded machine
        calls.append(path.name)
        if len(calls) == 1:
            raise PlanFileError(f"{path.name}: reading took over 60 s: refused")
        return "the plan"

    assert read_retrying(tmp_path / "qingxiu-2017.html", None, busy_then_read) == "the plan"
    assert calls == ["qingxiu-2017.html", "qingxiu-2017.html"]

    def broken(path, entry):  # a file that is not readable is refused at once, not read twice
        calls.append("broken")
        raise PlanFileError(f"{path.name}: not a readable PDF (EOF marker not found)")

    with pytest.raises(PlanFileError, match="not a readable PDF"):
        read_retrying(tmp_path / "x.pdf", None, broken)
    assert calls.count("broken") == 1
