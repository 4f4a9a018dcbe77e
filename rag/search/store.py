"""The index on disk: FAISS + BM25 + clause/fact JSON in atomic generations, checked at load."""
from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from rag.errors import RagError
from rag.normalize import normalize
from rag.search.embed import Embedder
from rag.search.embed_cache import embed_with_cache
from rag.search.lexical import DEFAULT_SCHEME, LexicalIndex
from rag.search.manifest import (
    MANIFEST_NAME,
    Manifest,
    Status,
    corpus_file_hashes,
    corpus_hash,
    file_sha256,
    normaliser_id,
    parser_version,
    stale_reasons,
)
from rag.search.records import corpus_from_json, corpus_to_json
from rag.search.sentences import SentenceIndex, build_sentences, load_sentences
from rag.types import Clause, Corpus

CURRENT = "current"  # symlink to the live generation, replaced atomically
CACHE_DIR = "embeddings-cache"
HEADING_KINDS = frozenset({"section", "subsection", "item", "subitem", "annex", "table"})
TITLE_MAX_CHARS = 40
FACT_KEYS = ("responsibilities", "targets", "deadlines", "problems")


class StoreError(RagError, RuntimeError):
    """The index cannot be used; callers rebuild it."""


class IndexMissing(StoreError):
    """No index has been built in this folder yet."""


class IndexCorrupt(StoreError):
    """The index exists but a file is missing, altered or unreadable."""


@dataclass(frozen=True)
class IndexStore:
    """A loaded generation: the corpus, the dense and lexical indexes, and clause ids in row order."""

    corpus: Corpus
    manifest: Manifest
    faiss_index: Any  # faiss.Index; rows align with clause_ids
    lexical: LexicalIndex
    clause_ids: tuple[str, ...]
    rows: tuple[Clause, ...]  # the clause of each row
    directory: Path
    sentences: SentenceIndex | None = None  # sentence vectors of the multi-sentence clauses (rag.search.sentences)


def is_retrievable(clause: Clause) -> bool:
    """False for a bare heading: a heading kind whose text is only its title (short, no sentence inside)."""
    text = clause.text.strip()
    if not text:
        return False
    if clause.kind not in HEADING_KINDS:
        return True
    inner = text.rstrip("。.;；:：")
    return len(text) > TITLE_MAX_CHARS or any(mark in inner for mark in "。；;，,")


def passage_text(clause: Clause) -> str:
    """What gets indexed: the breadcrumb titles the text does not repeat, then the clause text, normalised."""
    context = [title for title in clause.path if title not in clause.text]
    return normalize(" › ".join(context) + "\n" + clause.text if context else clause.text)


def build_index(corpus: Corpus, embedder: Embedder, index_dir: Path, *, progress: bool = True,
                corpus_dir: Path | None = None) -> Manifest:
    """Build a new generation, then switch `current` to it atomically; returns the manifest written."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(index_dir):
        return build_locked(corpus, embedder, index_dir, progress=progress, corpus_dir=corpus_dir)


def build_locked(corpus: Corpus, embedder: Embedder, index_dir: Path, *, progress: bool = True,
                 corpus_dir: Path | None = None) -> Manifest:
    """build_index for a caller that holds the build lock; a failed build leaves no partial generation."""
    remove_leftovers(index_dir)
    generation = index_dir / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.time_ns() % 10**6}"
    generation.mkdir()
    try:
        manifest = _write_generation(corpus, embedder, index_dir, generation, progress, corpus_dir)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    previous = _switch_current(index_dir, generation)
    _prune(index_dir, keep={generation.name, previous})
    return manifest


def _write_generation(corpus: Corpus, embedder: Embedder, index_dir: Path, generation: Path, progress: bool,
                      corpus_dir: Path | None) -> Manifest:
    rows = [c for c in corpus.clauses if is_retrievable(c)]
    texts = [passage_text(c) for c in rows]
    vectors, embedded = embed_with_cache(embedder, texts, index_dir / CACHE_DIR, progress=progress)
    _write_dense(generation / "dense.faiss", vectors, embedder.dim)
    # Clause text, not the passage with its breadcrumb: a sentence is matched on its own words.
    build_sentences([c.text for c in rows], lambda batch: embed_with_cache(
        embedder, batch, index_dir / CACHE_DIR, progress=progress)[0], generation, embedder.dim)
    LexicalIndex.build(texts, DEFAULT_SCHEME).save(generation / "lexical")
    _write_records(generation, corpus, [c.clause_id for c in rows])
    files = corpus_file_hashes(corpus_dir) if corpus_dir else {p.source_file: p.content_hash for p in corpus.plans}
    manifest = Manifest(
        corpus_hash=corpus_hash(files), corpus_files=files, model=embedder.model, runtime=embedder.runtime,
        dim=embedder.dim, normaliser=normaliser_id(), tokenizer=DEFAULT_SCHEME, parser_version=parser_version(),
        counts={"plans": len(corpus.plans), "clauses": len(corpus.clauses), "rows": len(rows),
                "embedded": embedded, "responsibilities": len(corpus.responsibilities),
                "targets": len(corpus.targets), "deadlines": len(corpus.deadlines)},
        files=_hash_tree(generation), generation=generation.name, created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    )
    _write_json(generation / MANIFEST_NAME, manifest.to_json())
    return manifest


def load_index(index_dir: Path, generation: Path | None = None) -> IndexStore:
    """Load the current (or given) generation, verifying every file's sha256; IndexMissing / IndexCorrupt otherwise."""
    generation = generation or current_generation(Path(index_dir))
    manifest = read_manifest(generation)
    for name, expected in manifest.files.items():
        path = generation / name
        if not path.is_file():
            raise IndexCorrupt(f"index file {name} is missing from {generation}; rebuild with `rag index build`")
        if file_sha256(path) != expected:
            raise IndexCorrupt(f"index file {name} in {generation} is damaged (sha256 mismatch); "
                               "rebuild with `rag index build`")
    try:
        return _read_generation(generation, manifest)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorrupt(f"index in {generation} cannot be read ({type(exc).__name__}: {exc}); rebuild it") from exc


def current_generation(index_dir: Path) -> Path:
    """The directory `current` points to, or IndexMissing."""
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        raise IndexMissing(f"no index in {index_dir}: build it with `rag index build`")
    generation = index_dir / os.readlink(link) if link.is_symlink() else link
    if not generation.is_dir():
        raise IndexCorrupt(f"{link} points to {generation.name}, which does not exist; rebuild the index")
    return generation


def read_manifest(generation: Path) -> Manifest:
    """The generation's manifest, or IndexCorrupt if it is missing, unparsable or altered."""
    try:
        row = json.loads((generation / MANIFEST_NAME).read_text(encoding="utf-8"))
        return Manifest.from_json(row)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise IndexCorrupt(f"manifest of {generation} is unreadable ({exc}); rebuild the index") from exc


def index_status(index_dir: Path, corpus_dir: Path, embedder_model: str, embedder_runtime: str) -> Status:
    """"missing", "stale" (with the reason) or "ok", from the manifest alone (file checksums are load's job)."""
    try:
        manifest = read_manifest(current_generation(Path(index_dir)))
    except IndexMissing as exc:
        return Status("missing", str(exc))
    except IndexCorrupt as exc:
        return Status("stale", str(exc))
    reasons = stale_reasons(manifest, corpus_file_hashes(corpus_dir), embedder_model, embedder_runtime,
                            DEFAULT_SCHEME)
    return Status("stale", "; ".join(reasons)) if reasons else Status("ok", f"index {manifest.generation} is current")


def _read_generation(generation: Path, manifest: Manifest) -> IndexStore:
    import faiss

    clauses_file = json.loads((generation / "clauses.json").read_text(encoding="utf-8"))
    facts = json.loads((generation / "facts.json").read_text(encoding="utf-8"))
    corpus = corpus_from_json({**clauses_file, **facts})
    faiss_index = faiss.read_index(str(generation / "dense.faiss"))
    lexical = LexicalIndex.load(generation / "lexical")
    clause_ids = tuple(clauses_file["rows"])
    by_id = {c.clause_id: c for c in corpus.clauses}
    if not faiss_index.ntotal == lexical.size == len(clause_ids) or faiss_index.d != manifest.dim:
        raise ValueError(f"row counts disagree: faiss {faiss_index.ntotal}, bm25 {lexical.size}, ids {len(clause_ids)}")
    rows = tuple(by_id[cid] for cid in clause_ids)
    return IndexStore(corpus, manifest, faiss_index, lexical, clause_ids, rows, generation,
                      load_sentences(generation))


def _write_dense(path: Path, vectors: np.ndarray, dim: int) -> None:
    import faiss

    if vectors.shape[1:] != (dim,):
        raise ValueError(f"embedder returned vectors of shape {vectors.shape}, expected (n, {dim})")
    index = faiss.IndexFlatIP(dim)  # inner product on unit vectors = cosine; exact at this scale
    index.add(vectors)
    try:
        faiss.write_index(index, str(path))
    except RuntimeError as exc:  # FAISS reports a failed write (full disk, I/O error) as RuntimeError
        code = errno.ENOSPC if "space" in str(exc).lower() or disk_full(path.parent) else errno.EIO
        raise OSError(code, f"cannot write {path.name}: {str(exc).strip().splitlines()[-1]}") from exc


def _write_records(generation: Path, corpus: Corpus, row_ids: list[str]) -> None:
    data = corpus_to_json(corpus)
    _write_json(generation / "clauses.json", {"rows": row_ids, "plans": data["plans"], "clauses": data["clauses"]})
    _write_json(generation / "facts.json", {key: data[key] for key in FACT_KEYS})


def _write_json(path: Path, row: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(row, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())


def _hash_tree(generation: Path) -> dict[str, str]:
    return {str(p.relative_to(generation)): file_sha256(p) for p in sorted(generation.rglob("*")) if p.is_file()}


def _switch_current(index_dir: Path, generation: Path) -> str:
    """Point `current` at generation with one rename; returns the generation it pointed to before."""
    link = index_dir / CURRENT
    previous = os.readlink(link) if link.is_symlink() else ""
    staged = index_dir / f".{CURRENT}-{os.getpid()}"
    staged.unlink(missing_ok=True)
    os.symlink(generation.name, staged)  # relative, so the index folder can be moved
    os.replace(staged, link)
    return previous


def _prune(index_dir: Path, keep: set[str]) -> None:
    """Remove old generations and leftovers of killed builds (safe: we hold the build lock)."""
    for path in index_dir.glob("gen-*"):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    remove_leftovers(index_dir)


def remove_leftovers(index_dir: Path) -> list[str]:
    """Delete what killed builds leave (generations without a manifest, staged `.current-<pid>` links, *.tmp
    files); only under the build lock, when no other build can be writing them. Returns the names removed."""
    index_dir = Path(index_dir)
    live = os.readlink(index_dir / CURRENT) if (index_dir / CURRENT).is_symlink() else ""
    removed = []
    for path in index_dir.glob("gen-*"):
        if path.is_dir() and path.name != live and not (path / MANIFEST_NAME).exists():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    for path in [*index_dir.glob(f".{CURRENT}-*"), *index_dir.glob("*.tmp"), *index_dir.glob(f"{CACHE_DIR}/*.tmp")]:
        path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def disk_full(directory: Path, margin: int = 1 << 20) -> bool:
    """True when the file system holding directory has less than margin bytes free."""
    try:
        return shutil.disk_usage(directory).free < margin
    except OSError:
        return False


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    # flock dies with its process, so a SIGKILLed build never leaves a stale lock behind.
    with open(index_dir / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
