"""The last good generation keeps serving when a rebuild is impossible or running; one rebuild across processes."""
from __future__ import annotations

import errno
import fcntl
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import write_corpus_files

import rag.search.serving as serving
import rag.search.store as store
from rag.config import PROJECT_ROOT
from rag.search.embed import FakeEmbedder
from rag.search.embed_cache import cache_file
from rag.search.serving import ensure_index
from rag.search.store import StoreError, build_index


@pytest.fixture
def stale(mini_corpus, fake_settings):
    """An index built from the corpus folder, then the folder edited: the index is stale but valid."""
    write_corpus_files(fake_settings.corpus_dir)
    built = build_index(mini_corpus, FakeEmbedder(), fake_settings.index_dir, progress=False,
                        corpus_dir=fake_settings.corpus_dir)
    (fake_settings.corpus_dir / "zhoucun-2016.txt").write_text("三、主要任务（改）\n", encoding="utf-8")
    return built


def _never_called():
    raise AssertionError("the corpus must not be loaded")


def test_a_read_only_index_folder_serves_the_stale_generation_with_a_warning(stale, mini_corpus, fake_settings,
                                                                             monkeypatch, capsys):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(serving, "build_locked", read_only)
    served = ensure_index(fake_settings, lambda: mini_corpus, FakeEmbedder(), progress=False)
    assert served.manifest.generation == stale.generation
    err = capsys.readouterr().err
    assert f"is not writable (Read-only file system); the index cannot be rebuilt; serving the last good index " \
           f"{stale.generation}" in err


def test_a_full_disk_is_named_and_leaves_no_partial_generation(stale, mini_corpus, fake_settings, monkeypatch,
                                                               capsys):
    import faiss

    def full(index, path):
        raise RuntimeError("Error in faiss::FileIOWriter: fwrite failed: No space left on device")

    monkeypatch.setattr(faiss, "write_index", full)
    served = ensure_index(fake_settings, lambda: mini_corpus, FakeEmbedder(), progress=False)
    assert served.manifest.generation == stale.generation
    assert "the disk holding" in capsys.readouterr().err
    assert [p.name for p in fake_settings.index_dir.glob("gen-*")] == [stale.generation]
    with pytest.raises(OSError, match="cannot write dense.faiss: .*No space left on device") as raised:
        build_index(mini_corpus, FakeEmbedder(), fake_settings.index_dir, progress=False)
    assert raised.value.errno == errno.ENOSPC


@pytest.mark.parametrize("corpus_state", ["missing", "empty"])
def test_a_missing_or_empty_corpus_folder_serves_the_last_index(stale, fake_settings, capsys, corpus_state):
    for path in fake_settings.corpus_dir.iterdir():
        path.unlink()
    if corpus_state == "missing":
        fake_settings.corpus_dir.rmdir()
    served = ensure_index(fake_settings, _never_called, FakeEmbedder(), progress=False)
    assert served.manifest.generation == stale.generation
    words = "does not exist" if corpus_state == "missing" else "holds no plan files"
    assert f"the corpus folder {fake_settings.corpus_dir} {words}; serving the last good index" in capsys.readouterr().err


def test_while_another_process_rebuilds_the_last_index_serves_at_once(stale, fake_settings, capsys):
    with open(fake_settings.index_dir / ".build.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        served = ensure_index(fake_settings, _never_called, FakeEmbedder(), progress=False)
    assert served.manifest.generation == stale.generation
    assert "a rebuild is running in another process (corpus changed: zhoucun-2016.txt changed)" in capsys.readouterr().err


def test_no_index_and_no_way_to_build_is_one_clear_error(mini_corpus, fake_settings, monkeypatch):
    monkeypatch.setattr(serving, "build_locked", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(StoreError, match="is full: free some space.*and there is no earlier index to serve"):
        ensure_index(fake_settings, lambda: mini_corpus, FakeEmbedder(), progress=False)


def test_leftovers_of_killed_builds_are_removed_by_the_next_build(mini_corpus, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)
    (index_dir / "gen-20260101T000000-999-1").mkdir()
    (index_dir / ".current-999").symlink_to(first.generation)
    (index_dir / "manifest.json.999.tmp").write_text("{")
    (index_dir / store.CACHE_DIR / "fake--fake-hash.vec.999.tmp").write_bytes(b"\0")
    second = build_index(mini_corpus, FakeEmbedder(), index_dir, progress=False)
    names = sorted(p.name for p in index_dir.iterdir()) + sorted(p.name for p in (index_dir / store.CACHE_DIR).iterdir())
    assert names == sorted([".build.lock", "current", "embeddings-cache", first.generation, second.generation]) + [
        cache_file(index_dir, "fake-hash", "fake").name]


RACER = """
import sys
sys.path.insert(0, {tests!r})
from conftest import mini_corpus_value
from rag.config import Settings
from rag.search.embed import FakeEmbedder
from rag.search.embed_cache import cache_file
from rag.search.serving import ensure_index
settings = Settings(corpus_dir={corpus!r}, index_dir={index!r}, embed_runtime="fake", embed_model="fake-hash")
store = ensure_index(settings, mini_corpus_value, FakeEmbedder(), progress=False)
print(store.clause_ids[0])
"""


def test_several_processes_after_one_edit_rebuild_once(stale, fake_settings):
    script = RACER.format(tests=str(Path(__file__).parents[1]), corpus=str(fake_settings.corpus_dir),
                          index=str(fake_settings.index_dir))
    racers = [subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [racer.communicate(timeout=120) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0, 0, 0]
    assert [out.strip() for out, _ in outputs] == ["zhoucun-2016/三/（一）/1"] * 4
    assert sum(err.count("building the index") for _, err in outputs) == 1
