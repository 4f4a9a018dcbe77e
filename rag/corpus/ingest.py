"""Plan files → decoded text, metadata and cleaned lines with offsets back into the raw text."""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.cleaning import Line, clean_lines
from rag.corpus.formats import DOCUMENT_SUFFIXES, Limits, PlanFileError, check_size, document_text
from rag.corpus.metadata import infer_plan
from rag.types import Plan

MANIFEST_NAME = "plans.toml"
_TEXT_LIMITS = Limits()


@dataclass(frozen=True)
class PlanText:
    """A decoded plan file with its metadata and cleaned lines."""

    plan: Plan
    raw: str
    lines: tuple[Line, ...]
    encoding: str


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a plan file: UTF-16 with a BOM, UTF-8 (with or without BOM), else GB18030, else a clear error."""
    if not data.strip():
        raise PlanFileError(f"{name}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM, as Windows editors save "Unicode"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise PlanFileError(f"{name}: starts as UTF-16 but does not decode; save it as UTF-8") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK/GB2312, the usual encodings of Chinese government files.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise PlanFileError(f"{name}: not UTF-8 and not GB18030; save it as UTF-8") from None
    if _cjk_share(text) < 0.2:
        raise PlanFileError(f"{name}: decodes as GB18030 but is not Chinese text; save it as UTF-8")
    return text, "gb18030"


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, len(letters))


def read_manifest(corpus_dir: Path) -> dict[str, dict]:
    """Manifest entries keyed by file name (empty when there is no plans.toml)."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("plan", [])
    return {entry["file"]: entry for entry in entries}


def plan_from_entry(entry: dict, source_file: str, content_hash: str) -> Plan:
    """A Plan from its manifest entry."""
    return Plan(
        plan_id=entry["id"],
        title=entry["title"],
        issuer=entry.get("issuer", ""),
        level=entry.get("level", ""),
        regions=tuple(entry.get("regions", ())),
        doc_number=entry.get("doc_number", ""),
        date=entry.get("date", ""),
        source_file=source_file,
        content_hash=content_hash,
        province=entry.get("province", ""),
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_plan_file(path: Path, entry: dict | None) -> PlanText:
    """Read, decode, identify and clean one plan file."""
    data = path.read_bytes()
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        text, encoding = document_text(path, data, decode_bytes), path.suffix.lower().lstrip(".")
    else:
        check_size(data, path.name, _TEXT_LIMITS)
        text, encoding = decode_bytes(data, path.name)
    digest = sha256(data)
    plan = plan_from_entry(entry, path.name, digest) if entry else infer_plan(text, path.name, digest)
    return PlanText(plan=plan, raw=text, lines=clean_lines(text), encoding=encoding)
