"""Keep answering when the index cannot be rebuilt: one rebuild at a time, the last good generation meanwhile.

Several `rag ask` processes started after one edit: the first takes the build lock and rebuilds; the others serve
the last good generation (with a warning) instead of rebuilding again, or wait when there is none. A read-only
index folder, a full disk, or a missing or empty corpus folder also serve the last good generation, with a
warning that says why, instead of leaving every question unanswered.
"""
from __future__ import annotations

import errno
import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from rag.config import Settings
from rag.search.embed import Embedder
from rag.search.manifest import MANIFEST_NAME, corpus_file_hashes
from rag.search.store import (
    IndexStore,
    StoreError,
    build_locked,
    disk_full,
    index_status,
    load_index,
    read_manifest,
)
from rag.types import Corpus

LOCK_NAME = ".build.lock"
NOT_PLANS = {"plans.toml", "README.md", "README.txt"}


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def last_good(index_dir: Path, embedder: Embedder) -> IndexStore | None:
    """The newest generation that loads intact and was built with this embedder (stale or not), or None."""
    index_dir = Path(index_dir)
    candidates = sorted((p for p in index_dir.glob("gen-*") if (p / MANIFEST_NAME).is_file()),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    for generation in candidates:
        try:
            manifest = read_manifest(generation)
            if (manifest.model, manifest.runtime, manifest.dim) != (embedder.model, embedder.runtime, embedder.dim):
                continue
            return load_index(generation.parent, generation=generation)
        except StoreError:
            continue
    return None


def corpus_problem(corpus_dir: Path) -> str:
    """Why the corpus folder cannot be indexed ("" when it has at least one plan file)."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        return f"the corpus folder {corpus_dir} does not exist"
    if not set(corpus_file_hashes(corpus_dir)) - NOT_PLANS:
        return f"the corpus folder {corpus_dir} holds no plan files"
    return ""


def failure_message(exc: BaseException, index_dir: Path) -> str:
    """Plain words for a failed build: a full disk and a read-only folder named as such."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or disk_full(index_dir):
        return f"the disk holding {index_dir} is full: free some space, then run `rag index build`"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"the index folder {index_dir} is not writable ({os.strerror(code)}); the index cannot be rebuilt"
    return f"the index could not be rebuilt in {index_dir} ({type(exc).__name__}: {exc})"


def ensure_index(settings: Settings, corpus_loader: Callable[[], Corpus], embedder: Embedder,
                 progress: bool = True) -> IndexStore:
    """Load the index if it is current; otherwise rebuild it once, or serve the last good generation with a
    warning while a rebuild is running elsewhere or impossible (see rag.search.serving)."""
    status = index_status(settings.index_dir, settings.corpus_dir, embedder.model, embedder.runtime)
    reason = status.reason
    if status.state == "ok":
        try:
            store = load_index(settings.index_dir)
            if store.manifest.dim == embedder.dim:
                return store
            reason = f"embedding dimension changed: {store.manifest.dim} → {embedder.dim}"
        except StoreError as exc:
            reason = str(exc)
    return rebuild_or_serve(settings, corpus_loader, embedder, reason, progress)


def rebuild_or_serve(settings: Settings, corpus_loader: Callable[[], object], embedder: Embedder, reason: str,
                     progress: bool) -> IndexStore:
    """Rebuild (once across processes) or serve the last good generation, saying which and why on stderr."""
    index_dir = Path(settings.index_dir)
    fallback = last_good(index_dir, embedder)
    problem = corpus_problem(settings.corpus_dir)
    if problem and fallback is not None:  # without one, the loader may still supply a corpus: try to build
        return _serve(fallback, problem)
    try:
        with build_lock(index_dir, wait=fallback is None) as held:
            if not held:
                return _serve(fallback, f"a rebuild is running in another process ({reason})")
            store = _current_if_ok(settings, embedder)  # another process may have rebuilt while we waited
            if store is not None:
                return store
            print(f"building the index ({reason})", file=sys.stderr)
            build_locked(corpus_loader(), embedder, index_dir, progress=progress, corpus_dir=settings.corpus_dir)
    except OSError as exc:
        return _serve(fallback, failure_message(exc, index_dir))
    return load_index(index_dir)


def _current_if_ok(settings: Settings, embedder: Embedder) -> IndexStore | None:
    status = index_status(settings.index_dir, settings.corpus_dir, embedder.model, embedder.runtime)
    if status.state != "ok":
        return None
    try:
        store = load_index(settings.index_dir)
    except StoreError:
        return None
    return store if store.manifest.dim == embedder.dim else None


def _serve(fallback: IndexStore | None, why: str) -> IndexStore:
    if fallback is None:
        raise StoreError(f"{why}, and there is no earlier index to serve")
    warn(f"{why}; serving the last good index {fallback.manifest.generation} "
         f"(built {fallback.manifest.created or 'earlier'}), which may be out of date")
    return fallback


@contextmanager
def build_lock(index_dir: Path, wait: bool) -> Iterator[bool]:
    """Hold the index folder's build lock; yields False at once when another process holds it and not wait."""
    index_dir.mkdir(parents=True, exist_ok=True)
    # flock dies with its process, so a SIGKILLed build never leaves a stale lock behind.
    with open(index_dir / LOCK_NAME, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
