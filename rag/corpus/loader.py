"""corpus/ → Corpus: every plan file read, cleaned, parsed and its facts extracted; bad files reported, not fatal."""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.clauses import parse_clauses
from rag.corpus.extract import extract_facts
from rag.corpus.formats import PLAN_SUFFIXES, is_transient
from rag.corpus.ingest import PlanFileError, PlanText, load_plan_file
from rag.corpus.plans_toml import MANIFEST_NAME, read_plans_toml
from rag.types import Corpus, FileStatus

# A plan of the genre is 5–60k characters; 500k is ~10× the largest seen, and a cold index build over it
# already takes tens of minutes on 2 cores (a 30 MB file was estimated at 6–7 hours).
MAX_PLAN_CHARS = 500_000
MAX_FILE_BYTES = 64 * 1024 * 1024  # read nothing larger, whatever its format


@dataclass(frozen=True)
class PlanLoad:
    """The plans read from a corpus folder, the problems met, and what became of each file."""

    plans: tuple[PlanText, ...]
    problems: tuple[str, ...]
    files: tuple[FileStatus, ...]


def plan_files(corpus_dir: Path) -> list[Path]:
    """The plan files of a corpus folder, in a stable order (links and odd files included: scan_corpus checks them)."""
    return sorted(p for p in corpus_dir.iterdir() if _is_plan_name(p.name))


def _is_plan_name(name: str) -> bool:
    return not name.startswith(".") and Path(name).suffix.lower() in PLAN_SUFFIXES


def refusal(path: Path, corpus_dir: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Why a plan path must not be read ("" when it may): links out of the folder, non-regular or huge files."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(Path(os.path.realpath(corpus_dir))):
            return "a link to a file outside the corpus folder; copy the plan in instead"
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a folder, pipe or device)"
    if info.st_size > max_bytes:
        return f"{info.st_size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit for a plan file"
    return ""


def text_key(plan_text: PlanText) -> str:
    """A hash of the cleaned text: copies in another encoding or with other blank lines share it."""
    return hashlib.sha256("\n".join(line.text for line in plan_text.lines).encode("utf-8")).hexdigest()


def read_plans(corpus_dir: Path) -> tuple[list[PlanText], list[str]]:
    """Decoded, cleaned plans and the problems met (the shape older callers use; scan_corpus says more)."""
    loaded = scan_corpus(Path(corpus_dir))
    return list(loaded.plans), list(loaded.problems)


def scan_corpus(corpus_dir: Path, max_chars: int = MAX_PLAN_CHARS) -> PlanLoad:
    """Decoded, cleaned plans; empty, undecodable, duplicate, oversized and linked-out files are reported, not read."""
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    manifest = read_plans_toml(corpus_dir)
    entries = manifest.entries
    problems, files, plans = list(manifest.problems), [], []
    by_text: dict[str, str] = {}
    # Listed plans first, so an unlisted copy of a listed plan is the one reported as the duplicate.
    for path in sorted(plan_files(corpus_dir), key=lambda p: (p.name not in entries, p.name)):
        status = _load_one(path, corpus_dir, entries.get(path.name), max_chars, plans, by_text)
        files.append(status)
        if status.status in ("skipped", "refused"):
            problems.append(f"{status.status} {path.name}: {status.reason}")
        elif status.reason:
            problems.append(f"{path.name}: {status.reason}")
    missing = sorted(set(entries) - {p.plan.source_file for p in plans} - {f.file for f in files})
    problems.extend(f"plans.toml lists {name}, which is not in {corpus_dir.name}/" for name in missing)
    files.extend(FileStatus(p.name, "ignored", reason="not a plan file") for p in sorted(corpus_dir.iterdir())
                 if not _is_plan_name(p.name) and p.name != MANIFEST_NAME and not p.name.startswith("."))
    return PlanLoad(tuple(plans), tuple(problems), tuple(files))


def _load_one(path: Path, corpus_dir: Path, entry: dict | None, max_chars: int, plans: list[PlanText],
              by_text: dict[str, str]) -> FileStatus:
    """Load one plan file into `plans` (first of its text and id wins) and say what happened."""
    refused = refusal(path, corpus_dir)
    if refused:
        return FileStatus(path.name, "refused", reason=refused)
    try:
        plan_text = read_retrying(path, entry)
    except PlanFileError as exc:
        return FileStatus(path.name, "skipped", reason=str(exc).removeprefix(f"{path.name}: "))
    plan = plan_text.plan
    if len(plan_text.raw) > max_chars:
        return FileStatus(path.name, "refused", plan.plan_id,
                          f"{len(plan_text.raw):,} characters, over the {max_chars:,} limit for one plan; split it")
    twin = by_text.get(text_key(plan_text))
    if twin:
        return FileStatus(path.name, "skipped", plan.plan_id, f"a duplicate of {twin}")
    if any(p.plan.plan_id == plan.plan_id for p in plans):
        return FileStatus(path.name, "skipped", plan.plan_id, f"plan id {plan.plan_id!r} is already used")
    by_text[text_key(plan_text)] = path.name
    plans.append(plan_text)
    note = f"decoded as {plan_text.encoding}" if plan_text.encoding != "utf-8" else ""
    return FileStatus(path.name, "loaded" if entry else "inferred", plan.plan_id, note)


def read_retrying(path: Path, entry: dict | None, read=None) -> PlanText:
    """The plan file read, and read once more when the reader ran out of time or stopped without a result: on a
    busy machine a small web page's child reader can miss the limit, and a build that skipped it would record
    the file as read, so no later build retried it (an index "current" without one of its plans). A hostile
    file fails twice and is reported as before."""
    read = read or load_plan_file
    try:
        return read(path, entry)
    except PlanFileError as exc:
        if not is_transient(str(exc)):
            raise
        return read(path, entry)


def load_corpus(corpus_dir: Path, max_chars: int = MAX_PLAN_CHARS) -> Corpus:
    """Parse every plan in corpus_dir into clauses and facts."""
    loaded = scan_corpus(Path(corpus_dir), max_chars)
    clauses, responsibilities, targets, deadlines = [], [], [], []
    for plan_text in loaded.plans:
        plan_clauses = parse_clauses(plan_text)
        facts = extract_facts(plan_clauses)
        clauses.extend(plan_clauses)
        responsibilities.extend(facts.responsibilities)
        targets.extend(facts.targets)
        deadlines.extend(facts.deadlines)
    return Corpus(
        plans=tuple(p.plan for p in loaded.plans),
        clauses=tuple(clauses),
        responsibilities=tuple(responsibilities),
        targets=tuple(targets),
        deadlines=tuple(deadlines),
        problems=loaded.problems,
        files=loaded.files,
    )
