"""Embedding cache keyed by (model, runtime, sha256(text)), so a rebuild embeds only new or changed text."""
from __future__ import annotations

import hashlib
import os
import re
import sys
import zipfile
from pathlib import Path
from typing import Sequence

import numpy as np

from rag.search.embed import Embedder


def text_key(text: str) -> str:
    """sha256 of the exact text handed to the embedder."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_file(cache_dir: Path, model: str, runtime: str) -> Path:
    """One .npz per (model, runtime): readable name plus a hash so distinct models never collide."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{runtime}--{model}")[-80:]
    digest = hashlib.sha256(f"{runtime}\0{model}".encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"{slug}-{digest}.npz"


def read_cache(path: Path, dim: int) -> dict[str, np.ndarray]:
    """Cached vectors by text key; an unreadable or mismatched cache is ignored (it is only a cache)."""
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as arrays:
            keys, vectors = arrays["keys"], arrays["vectors"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
        print(f"embedding cache {path.name} unreadable ({exc}); re-embedding", file=sys.stderr)
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(keys) != len(vectors):
        return {}
    return {str(key): vector for key, vector in zip(keys, vectors)}


def write_cache(path: Path, cached: dict[str, np.ndarray], dim: int) -> None:
    """Write the whole cache to a temporary file, then os.replace it (a crash leaves the old cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = np.array(sorted(cached), dtype="U64")
    vectors = np.stack([cached[k] for k in keys]) if len(keys) else np.zeros((0, dim), np.float32)
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(partial, "wb") as handle:
        np.savez(handle, keys=keys, vectors=vectors.astype(np.float32))
    os.replace(partial, path)


def embed_with_cache(
    embedder: Embedder, texts: Sequence[str], cache_dir: Path, *, progress: bool = True
) -> tuple[np.ndarray, int]:
    """Passage vectors for texts in order, and how many had to be embedded (the rest came from the cache)."""
    path = cache_file(cache_dir, embedder.model, embedder.runtime)
    cached = read_cache(path, embedder.dim)
    keys = [text_key(t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in cached))
    if missing:
        by_key = dict(zip(keys, texts))
        fresh = _embed_batches(embedder, [by_key[k] for k in missing], progress)
        cached.update(zip(missing, fresh))
        write_cache(path, cached, embedder.dim)
    vectors = np.stack([cached[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
    return np.ascontiguousarray(vectors, dtype=np.float32), len(missing)


def _embed_batches(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray:
    """Embed in batches with a tqdm bar on stderr."""
    from tqdm import tqdm

    batch = int(getattr(embedder, "batch_size", 32))
    parts = []
    with tqdm(total=len(texts), desc=f"embedding ({embedder.runtime})", unit="clause",
              file=sys.stderr, disable=not progress) as bar:
        for start in range(0, len(texts), batch):
            parts.append(embedder.embed_passages(texts[start:start + batch]))
            bar.update(len(parts[-1]))
    return np.concatenate(parts).astype(np.float32)
