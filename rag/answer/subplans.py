"""Sub-plans per county inside a city plan ("三、分县（市、区）实施方案 / （二）邵东市实施方案。…"): a target or time
limit under a heading naming a county belongs to that county. A question naming the county is answered from its
sub-plan first (not also with the city's figure for the same indicator), a question naming none of them from the
plan's own text first (not also with a county's figure), and never from another county's sub-plan.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.normalize import normalize
from rag.types import Clause, Hit

# A heading that is a place and a plan's genre, after its numbering: "（二）邵东市实施方案。", "3.隆回县工作方案".
# "分县（市、区）实施方案" and "各县实施方案" name no one county.
_SUBPLAN = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?\s*"
                      r"(?![分各])([\u4e00-\u9fff]{1,8}?(?:市|县|区|旗))(?:实施方案|工作方案|行动方案|方案)[。.]?\s*$")


def subplan_place(clause: Clause) -> str:
    """The county whose sub-plan the clause is in ("邵东市"), "" for the plan's own text."""
    for heading in reversed(clause.path):
        found = _SUBPLAN.match(heading)
        if found:
            return found.group(1)
    return ""


def _names(place: str) -> tuple[str, ...]:
    """A county's full name and its name without the level suffix when two characters remain (邵东市 → 邵东)."""
    short = place[:-1]
    return (place, short) if len(short) >= 2 else (place,)


def subplan_passes(question_norm: str, hits: Sequence[Hit]) -> list[list[Hit]]:
    """The hit lists to answer from, in turn, until one gives an answer (see the module's doc)."""
    places = {hit.clause.clause_id: subplan_place(hit.clause) for hit in hits}
    if not any(places.values()):
        return [list(hits)]
    asked = {p for p in set(places.values()) if p and any(normalize(n) in question_norm for n in _names(p))}
    if asked:
        own = [h for h in hits if places[h.clause.clause_id] in asked]
        kept = [h for h in hits if not places[h.clause.clause_id] or places[h.clause.clause_id] in asked]
        return [own, kept] if own and len(own) < len(kept) else [kept]
    plan_text = [h for h in hits if not places[h.clause.clause_id]]
    return [plan_text, list(hits)] if plan_text and len(plan_text) < len(hits) else [list(hits)]
