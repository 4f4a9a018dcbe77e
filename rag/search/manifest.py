"""The index manifest: what an index was built from, file checksums, and the staleness check against it."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    """Everything an index generation was built from, and the sha256 of each file it holds."""

    corpus_hash: str
    corpus_files: dict[str, str]  # corpus file name → sha256 of its bytes
    model: str
    runtime: str
    dim: int
    normaliser: str
    tokenizer: str
    parser_version: str
    counts: dict[str, int]
    files: dict[str, str] = field(default_factory=dict)  # generation-relative path → sha256
    generation: str = ""
    created: str = ""
    format: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        row = asdict(self)
        row["checksum"] = _checksum(row)
        return row

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> "Manifest":
        """Parse a manifest, refusing one whose own checksum does not match (a flipped byte)."""
        claimed = row.pop("checksum", None)
        if claimed != _checksum(row):
            raise ValueError("manifest.json checksum does not match its content")
        return cls(**row)


@dataclass(frozen=True)
class Status:
    """Whether the index on disk can serve the current corpus and embedder."""

    state: str  # missing | stale | ok
    reason: str


def _checksum(row: dict[str, Any]) -> str:
    canonical = json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_file_hashes(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every visible file in the corpus folder (plans and plans.toml alike)."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        return {}
    return {p.name: file_sha256(p) for p in sorted(corpus_dir.iterdir()) if p.is_file() and not p.name.startswith(".")}


def corpus_hash(files: dict[str, str]) -> str:
    """One hash over the names and contents of all corpus files."""
    lines = "".join(f"{name}\0{sha}\n" for name, sha in sorted(files.items()))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def normaliser_id() -> str:
    """rag.normalize identified by its source hash, so a change to normalisation makes the index stale."""
    import rag.normalize

    return "rag.normalize@" + file_sha256(Path(rag.normalize.__file__))[:12]


# The parser version follows the code and data that turn files into clauses and facts: the corpus wing, the
# normaliser and the lexicon. Any edit changes it, so an index built by older code is reported stale instead of
# serving outdated facts. Hashed from the files, not imported: the search wing does not depend on the parser.
_RAG_DIR = Path(__file__).resolve().parents[1]
_PARSER_SOURCES = ("corpus/*.py", "normalize.py", "lexicon.py", "data/lexicon.toml", "data/places.txt",
                   "data/glossary.toml")  # its official terms are the lexical index's jieba user dictionary


def parser_version() -> str:
    """A hash of the parser's sources (rag/corpus/, normalize, lexicon and its data), read as bytes."""
    digest = hashlib.sha256()
    for pattern in _PARSER_SOURCES:
        for path in sorted(_RAG_DIR.glob(pattern)):
            digest.update(path.relative_to(_RAG_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return "3+" + digest.hexdigest()[:12]


def corpus_changes(built: dict[str, str], now: dict[str, str]) -> list[str]:
    """Plain words for each file added, removed or changed since the build."""
    changes = [f"{name} added" for name in sorted(set(now) - set(built))]
    changes += [f"{name} removed" for name in sorted(set(built) - set(now))]
    changes += [f"{name} changed" for name in sorted(set(now) & set(built)) if now[name] != built[name]]
    return changes


def stale_reasons(manifest: Manifest, corpus_files: dict[str, str], model: str, runtime: str,
                  tokenizer: str) -> list[str]:
    """Why an index no longer matches the corpus, embedder, parser or normaliser ([] when it does)."""
    reasons = []
    changes = corpus_changes(manifest.corpus_files, corpus_files)
    if changes:
        reasons.append("corpus changed: " + ", ".join(changes))
    checks = (("embedding model", manifest.model, model), ("embedding runtime", manifest.runtime, runtime),
              ("clause parser version", manifest.parser_version, parser_version()),
              ("normaliser", manifest.normaliser, normaliser_id()), ("tokenizer", manifest.tokenizer, tokenizer),
              ("index format", manifest.format, FORMAT_VERSION))
    reasons += [f"{what} changed: {old} → {new}" for what, old, new in checks if old != new]
    return reasons
