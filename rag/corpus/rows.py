"""Flat rows of clauses and facts for the CLI, the app's browse tables and CSV export."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterator

from rag.types import Corpus, Responsibility, by_clause, names

FACT_KINDS = ("responsibility", "target", "deadline")


def _roles(responsibilities: list[Responsibility]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {"lead_units": [], "cooperating_units": [], "implementing_units": []}
    for r in responsibilities:
        for role in roles:
            roles[role].extend(n for n in names(getattr(r, role)) if n not in roles[role])
    return roles


def clause_rows(corpus: Corpus, plan_id: str | None = None) -> Iterator[dict[str, Any]]:
    """One JSON-ready row per clause with its responsibilities, targets and deadlines."""
    notes = by_clause(corpus.responsibilities)
    targets = by_clause(corpus.targets)
    deadlines = by_clause(corpus.deadlines)
    for clause in corpus.clauses:
        if plan_id and clause.plan_id != plan_id:
            continue
        yield {
            "clause_id": clause.clause_id,
            "plan_id": clause.plan_id,
            "path": list(clause.path),
            "kind": clause.kind,
            "text": clause.text,
            "start": clause.start,
            "end": clause.end,
            **_roles(notes.get(clause.clause_id, [])),
            "targets": [_target_row(t) for t in targets.get(clause.clause_id, [])],
            "deadlines": [d.text for d in deadlines.get(clause.clause_id, [])],
        }


def _target_row(target) -> dict[str, Any]:
    row = asdict(target)
    del row["plan_id"], row["clause_id"]
    return row


def responsibility_rows(corpus: Corpus, plan_id: str | None = None) -> list[dict[str, Any]]:
    """The task table: one row per responsibility note."""
    deadlines = by_clause(corpus.deadlines)
    rows = []
    for r in corpus.responsibilities:
        if plan_id and r.plan_id != plan_id:
            continue
        covered = [d.text for d in deadlines.get(r.clause_id, []) if d.text in r.span]
        rows.append({
            "plan_id": r.plan_id, "clause_id": r.clause_id, "task": r.span,
            "lead_units": names(r.lead_units), "cooperating_units": names(r.cooperating_units),
            "implementing_units": names(r.implementing_units), "inherited_units": names(r.inherited),
            "deadlines": covered, "note": r.note,
        })
    return rows


def fact_rows(corpus: Corpus, kind: str, plan_id: str | None = None) -> list[dict[str, Any]]:
    """Rows of one fact kind: responsibility, target or deadline."""
    if kind == "responsibility":
        return responsibility_rows(corpus, plan_id)
    items = corpus.targets if kind == "target" else corpus.deadlines
    return [asdict(item) for item in items if not plan_id or item.plan_id == plan_id]
