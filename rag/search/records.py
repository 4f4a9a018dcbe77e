"""JSON (de)serialisers for the rag.types dataclasses, so a Corpus survives a trip to disk exactly."""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from rag.types import Clause, Corpus, Deadline, Plan, Responsibility, Target, Unit

_UNIT_FIELDS = ("lead_units", "cooperating_units", "implementing_units", "inherited")


def _tuples(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """JSON lists back to the tuples the frozen dataclasses hold."""
    return {**row, **{name: tuple(row[name]) for name in names if name in row}}


def _known(cls: type, row: dict[str, Any]) -> dict[str, Any]:
    """Only the fields cls declares, so a record written by a newer version still loads."""
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in row.items() if key in names}


def plan_from_json(row: dict[str, Any]) -> Plan:
    return Plan(**_tuples(_known(Plan, row), ("regions",)))


def clause_from_json(row: dict[str, Any]) -> Clause:
    return Clause(**_tuples(_known(Clause, row), ("path",)))


def responsibility_from_json(row: dict[str, Any]) -> Responsibility:
    row = _known(Responsibility, row)
    units = {name: tuple(Unit(**u) for u in row[name]) for name in _UNIT_FIELDS if name in row}
    return Responsibility(**{**row, **units})


def corpus_to_json(corpus: Corpus) -> dict[str, Any]:
    """Plain JSON-ready dict of every plan, clause and fact."""
    return {
        "plans": [asdict(p) for p in corpus.plans],
        "clauses": [asdict(c) for c in corpus.clauses],
        "responsibilities": [asdict(r) for r in corpus.responsibilities],
        "targets": [asdict(t) for t in corpus.targets],
        "deadlines": [asdict(d) for d in corpus.deadlines],
        "problems": list(corpus.problems),
    }


def corpus_from_json(data: dict[str, Any]) -> Corpus:
    """Inverse of corpus_to_json."""
    return Corpus(
        plans=tuple(plan_from_json(p) for p in data["plans"]),
        clauses=tuple(clause_from_json(c) for c in data["clauses"]),
        responsibilities=tuple(responsibility_from_json(r) for r in data.get("responsibilities", ())),
        targets=tuple(Target(**_known(Target, t)) for t in data.get("targets", ())),
        deadlines=tuple(Deadline(**_known(Deadline, d)) for d in data.get("deadlines", ())),
        problems=tuple(data.get("problems", ())),
    )
