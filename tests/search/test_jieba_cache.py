"""jieba's marshal cache lives in a private folder: a cache planted in the shared temp dir is never loaded."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys

from rag.config import PROJECT_ROOT
from rag.search.lexical import private_cache_dir


def test_planted_cache_in_temp_dir_is_not_loaded(tmp_path):
    shared_tmp, cache_home = tmp_path / "tmp", tmp_path / "cache"
    shared_tmp.mkdir()
    with open(shared_tmp / "jieba.cache", "wb") as handle:  # what an attacker would plant
        marshal.dump(({"周": 1, "村": 1, "planted": 1}, 3), handle)
    code = ("from rag.search.lexical import _jieba; import jieba; _jieba(); "
            "print(len(jieba.dt.FREQ), jieba.dt.tmp_dir)")
    env = {**os.environ, "TMPDIR": str(shared_tmp), "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(PROJECT_ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    size, folder = out.stdout.split()
    assert int(size) > 300_000 and folder == str(cache_home / "rag" / "jieba")
    assert oct((cache_home / "rag" / "jieba").stat().st_mode & 0o777) == "0o700"


def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "rag" / "jieba").mkdir(parents=True)
    os.chmod(tmp_path / "rag" / "jieba", 0o777)
    folder = private_cache_dir("jieba")
    assert folder != tmp_path / "rag" / "jieba" and oct(folder.stat().st_mode & 0o777) == "0o700"
