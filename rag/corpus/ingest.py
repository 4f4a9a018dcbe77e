"""Plan files → decoded text, metadata and cleaned lines with offsets back into the raw text."""
from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.cleaning import Line, clean_lines
from rag.errors import RagError
from rag.lexicon import load_lexicon
from rag.types import Plan

MANIFEST_NAME = "plans.toml"


class PlanFileError(RagError, ValueError):
    """A plan file that cannot be used (empty, undecodable, duplicate)."""


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


_TITLE = re.compile(r"《([^《》]{4,60}?(?:方案|计划|规划|办法|意见))》")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d{1,4}号")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ISSUER = re.compile(r"^\s*([\u4e00-\u9fff]{2,20}人民政府(?:办公室|办公厅)?)\s*$", re.M)
_LEVELS = load_lexicon().place_levels


def infer_plan(text: str, source_file: str, content_hash: str) -> Plan:
    """Metadata read from the text of a plan that has no manifest entry."""
    head = unicodedata.normalize("NFKC", text[:3000]).replace("[", "〔").replace("]", "〕")
    title_match = _TITLE.search(head)
    title = title_match.group(1) if title_match else Path(source_file).stem
    issuer_match = _ISSUER.search(head)
    issuer = issuer_match.group(1) if issuer_match else ""
    number = _DOC_NUMBER.search(head)
    date = _DATE.search(head)
    region = re.match(rf"^(.{{1,8}}?[{''.join(suffix for suffix, _ in _LEVELS)}])", issuer or title)
    place = region.group(1) if region else ""
    level = next((lvl for suffix, lvl in _LEVELS if place.endswith(suffix)), "")
    regions = tuple(dict.fromkeys(r for r in (place, place[:-1] if len(place) > 2 else "") if r))
    return Plan(
        plan_id=Path(source_file).stem,
        title=title,
        issuer=issuer,
        level=level,
        regions=regions,
        doc_number=number.group(0) if number else "",
        date=f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else "",
        source_file=source_file,
        content_hash=content_hash,
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_plan_file(path: Path, entry: dict | None) -> PlanText:
    """Read, decode, identify and clean one plan file."""
    data = path.read_bytes()
    text, encoding = decode_bytes(data, path.name)
    digest = sha256(data)
    plan = plan_from_entry(entry, path.name, digest) if entry else infer_plan(text, path.name, digest)
    return PlanText(plan=plan, raw=text, lines=clean_lines(text), encoding=encoding)
