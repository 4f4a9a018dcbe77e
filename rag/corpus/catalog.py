"""`rag add` (bring plan files into the corpus with an editable plans.toml entry) and `rag plans` (what is loaded)."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.formats import PLAN_SUFFIXES, PlanFileError
from rag.corpus.ingest import MANIFEST_NAME, load_plan_file, read_manifest
from rag.types import Corpus, Plan

_ENTRY_FIELDS = ("id", "file", "title", "issuer", "level", "province", "regions", "doc_number", "date")


@dataclass(frozen=True)
class Added:
    """One file brought into the corpus: its inferred plan, or why it was refused."""

    source: str
    plan: Plan | None
    problem: str = ""


def toml_entry(plan: Plan) -> str:
    """A plans.toml [[plan]] entry for an inferred plan (values JSON-quoted, which TOML reads as basic strings)."""
    values = {"id": plan.plan_id, "file": plan.source_file, "title": plan.title, "issuer": plan.issuer,
              "level": plan.level, "province": plan.province, "regions": list(plan.regions),
              "doc_number": plan.doc_number, "date": plan.date}
    lines = ["", "# Inferred by `rag add`: check and edit.", "[[plan]]"]
    lines += [f"{key} = {json.dumps(values[key], ensure_ascii=False)}" for key in _ENTRY_FIELDS]
    return "\n".join(lines) + "\n"


def add_plan(source: Path, corpus_dir: Path) -> Added:
    """Copy one plan file into corpus_dir and append its inferred entry to plans.toml; refuse what cannot load."""
    if source.suffix.lower() not in PLAN_SUFFIXES:
        return Added(str(source), None, f"{source.name}: unsupported file type; use one of {', '.join(PLAN_SUFFIXES)}")
    if not source.is_file():
        return Added(str(source), None, f"{source}: no such file")
    target = corpus_dir / source.name
    if target.exists() and target.read_bytes() != source.read_bytes():
        return Added(str(source), None, f"{source.name}: a different file of that name is already in {corpus_dir}")
    try:
        plan = load_plan_file(source, None).plan
    except PlanFileError as exc:
        return Added(str(source), None, str(exc))
    manifest = read_manifest(corpus_dir)
    if any(entry.get("id") == plan.plan_id for entry in manifest.values()) and source.name not in manifest:
        return Added(str(source), None, f"{source.name}: plan id {plan.plan_id!r} is already used in {MANIFEST_NAME}")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(source, target)
    if source.name not in manifest:
        with (corpus_dir / MANIFEST_NAME).open("a", encoding="utf-8") as handle:
            handle.write(toml_entry(plan))
    return Added(str(source), plan)


def plan_rows(corpus: Corpus) -> list[dict]:
    """One row per loaded plan: metadata and counts of clauses, notes, targets and deadlines."""
    counts: dict[str, dict[str, int]] = {p.plan_id: dict.fromkeys(("clauses", "notes", "targets", "deadlines"), 0)
                                         for p in corpus.plans}
    for kind, items in (("clauses", corpus.clauses), ("notes", corpus.responsibilities),
                        ("targets", corpus.targets), ("deadlines", corpus.deadlines)):
        for item in items:
            counts[item.plan_id][kind] += 1
    return [{**plan.to_json(), **counts[plan.plan_id]} for plan in corpus.plans]
