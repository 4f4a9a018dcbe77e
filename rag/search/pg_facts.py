"""Facts across plans in SQL: responsibilities by unit, targets by indicator, each one query on a trigram index."""
from __future__ import annotations

from typing import Sequence

from rag.search.pg_schema import connect
from rag.search.records import responsibility_from_json
from rag.search.records import _known  # noqa: PLC2701 (the same field filter the JSON records use)
from rag.types import Responsibility, Target

_CURRENT = "(SELECT generation_id FROM rag_current)"


def _like(text: str) -> str:
    """A LIKE pattern matching text anywhere, with LIKE's own wildcards escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def facts_for_unit(url: str, unit: str, plan_ids: Sequence[str] | None = None) -> list[Responsibility]:
    """Responsibilities naming unit in any role, in every plan (or those given), by plan then corpus order."""
    with connect(url, autocommit=True) as conn:
        rows = conn.execute(
            f"SELECT record FROM rag_fact WHERE generation_id = {_CURRENT} AND kind = 'responsibility' "
            "AND units LIKE %s AND (%s::text[] IS NULL OR plan_id = ANY(%s)) ORDER BY plan_id, ord",
            (_like(unit), list(plan_ids) if plan_ids else None, list(plan_ids) if plan_ids else None)).fetchall()
    return [responsibility_from_json(row[0]) for row in rows]


def targets_for_indicator(url: str, indicator: str) -> list[Target]:
    """Targets whose indicator contains the words given, in every plan."""
    with connect(url, autocommit=True) as conn:
        rows = conn.execute(
            f"SELECT record FROM rag_fact WHERE generation_id = {_CURRENT} AND kind = 'target' "
            "AND indicator LIKE %s ORDER BY plan_id, ord", (_like(indicator),)).fetchall()
    return [Target(**_known(Target, row[0])) for row in rows]
