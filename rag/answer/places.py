"""Places a question names → the plans that cover them, through the gazetteer of administrative divisions.

A county inside a province plan's area means that plan (not a second plan, not an unknown place); a city named
right before its district ("西安市临潼区") means the district's plan; several plans of one place are told apart by
the words of their titles."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from rag.corpus.gazetteer import Place, find_places, resolve_chain
from rag.normalize import normalize
from rag.types import Plan

_CJK = re.compile(r"[\u4e00-\u9fff]{2}")
_DEPTH = {"province": 0, "city": 1, "county": 2}


@lru_cache(maxsize=8)
def plan_places(plans: tuple[Plan, ...]) -> dict[str, Place]:
    """Each plan's own division, read from its regions and title (plans the gazetteer cannot place are left out)."""
    placed: dict[str, Place] = {}
    for plan in plans:
        for source in (*plan.regions, plan.title):
            chain = resolve_chain(tuple(m for m in find_places(normalize(source))
                                        if m.text in {p.name for p in m.places} or m.start == 0))
            if chain:
                placed[plan.plan_id] = chain[-1]
                break
    return placed


def _named_places(norm: str, placed: dict[str, Place]) -> list[tuple[int, int, Place]]:
    """Divisions named in the question: full names, short names of provinces and cities, and of plans' places.

    A county name that several divisions share ("新城区", "城区") is a common word unless it is a plan's own place
    or follows the division it lies in ("呼和浩特市新城区").
    """
    own = {p.code for p in placed.values()}
    found: list[tuple[int, int, Place]] = []
    for mention in find_places(norm):
        full = [p for p in mention.places if p.name == mention.text]
        usable = full or [p for p in mention.places if p.level != "county" or p.code in own]
        after = found[-1][2] if found and found[-1][1] == mention.start else None
        if after is not None:
            usable = [p for p in usable if p.within(after)] or usable
        if len({p.code for p in usable if p.level == "county"}) > 1 and not any(p.code in own for p in usable) \
                and not (after and any(p.within(after) for p in usable)):
            continue
        if not usable:
            continue
        ranked = sorted(usable, key=lambda p: (p.code not in own, not _covered(p, placed), _DEPTH[p.level]))
        found.append((mention.start, mention.end, ranked[0]))
    return found


def _covered(place: Place, placed: dict[str, Place]) -> bool:
    return any(place.within(p) for p in placed.values())


def _covering(place: Place, placed: dict[str, Place]) -> list[str]:
    """The plans of this place, else those of the smallest division containing it."""
    exact = [pid for pid, p in placed.items() if p.code == place.code]
    if exact:
        return exact
    around = [(pid, p) for pid, p in placed.items() if place.within(p)]
    deepest = max((_DEPTH[p.level] for _, p in around), default=-1)
    return [pid for pid, p in around if _DEPTH[p.level] == deepest]


def _by_title(norm: str, plan_ids: list[str], plans: Sequence[Plan]) -> list[str]:
    """Of several plans of one place, the one whose title shares most two-character words with the question."""
    if len(plan_ids) < 2:
        return plan_ids
    norm = _without_places(norm)
    grams = {norm[i:i + 2] for i in range(len(norm) - 1) if _CJK.fullmatch(norm[i:i + 2])}
    titles = {p.plan_id: _without_places(normalize(p.title)) for p in plans}
    scores = {pid: sum(1 for g in grams if g in titles.get(pid, "")) for pid in plan_ids}
    best = max(scores.values())
    chosen = [pid for pid in plan_ids if scores[pid] == best]
    return chosen if len(chosen) == 1 else plan_ids


def _without_places(text: str) -> str:
    for mention in sorted(find_places(text), key=lambda m: -m.start):
        text = text[:mention.start] + " " + text[mention.end:]
    return text


def refine(norm: str, plans: Sequence[Plan], plan_ids: tuple[str, ...],
           unknown: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The plans and unknown places found by name lists, completed and corrected through the gazetteer."""
    placed = plan_places(tuple(plans))
    named = _named_places(norm, placed)
    # A division written right before one inside it ("西安市临潼区", "宿迁沭阳县") only locates the second.
    locating = {p.code for i, (s, e, p) in enumerate(named)
                if i + 1 < len(named) and named[i + 1][0] == e and named[i + 1][2].within(p)}
    named = [(s, e, p) for s, e, p in named if p.code not in locating]
    ids: list[str] = []
    for _, _, place in named:
        for pid in _by_title(norm, _covering(place, placed), plans):
            if pid not in ids:
                ids.append(pid)
    for pid in plan_ids:  # names the gazetteer does not know (aliases, English, titles) keep their plans
        if pid in placed and (placed[pid].code in locating or _inside_named(pid, ids, placed)):
            continue  # its place is already answered for, or only locates a smaller one
        group = [other for other, p in placed.items() if pid in placed and p.code == placed[pid].code]
        ids.extend(chosen for chosen in (_by_title(norm, group, plans) if group else [pid]) if chosen not in ids)
    kept = tuple(u for u in unknown if not _known(u, ids, placed))
    return tuple(ids), kept


def _inside_named(pid: str, ids: list[str], placed: dict[str, Place]) -> bool:
    return pid in placed and any(o in placed and o != pid and placed[o].code == placed[pid].code for o in ids)


def _known(place_name: str, ids: list[str], placed: dict[str, Place]) -> bool:
    """True when an 'unknown' place is in fact the place, a part, or a parent of a named plan's place."""
    places = [m for m in find_places(normalize(place_name)) for m in m.places if m.name == normalize(place_name)]
    return any(p.within(placed[pid]) or placed[pid].within(p) for p in places for pid in ids if pid in placed)


def place_count(plan_ids: tuple[str, ...], plans: Sequence[Plan]) -> int:
    """How many distinct places the named plans stand for (two plans of one province count once)."""
    placed = plan_places(tuple(plans))
    return len({placed[pid].code if pid in placed else pid for pid in plan_ids})
