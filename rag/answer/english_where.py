"""The words of an English question that only say where: the plan's own place and the divisions holding it
("Dangshan County, Suzhou", "Ejin Horo Banner"), and a water read from the plan's own name written alone
("Pinghu"). A Chinese question's analysis cuts its regions out of the subject (rag.answer.query._without_regions);
these are the same cuts for the words an English question adds."""
from __future__ import annotations

from rag.answer.glossary import Mention
from rag.answer.places import plan_places
from rag.corpus.gazetteer import Place, find_places
from rag.normalize import normalize
from rag.types import Plan


def locating_only(words: tuple[str, ...], plan_ids: tuple[str, ...], plans: tuple[Plan, ...]) -> tuple[str, ...]:
    """The Chinese words an English question adds, without those naming the division of a plan asked or a division
    holding it ("Dangshan County, Suzhou" → 宿州; "Ejin Horo Banner" → 伊金霍洛旗): they say where, as the plan's
    name does, which a Chinese question's analysis cuts out of its subject (query._without_regions); left in, they
    weigh as a task word no task writes, and the note of the task asked was refused as another task's."""
    placed = {pid: place for pid, place in plan_places(plans).items() if pid in plan_ids}
    # a plan's first region is its own name; the others may be places inside it (山西省's 太原市), which do say what
    own = {normalize(plan.regions[0]) for plan in plans if plan.plan_id in plan_ids and plan.regions}
    if not placed and not own:
        return words
    return tuple(word for word in words if not _locates(normalize(word), own, tuple(placed.values())))


def _locates(word: str, own: set[str], placed: tuple[Place, ...]) -> bool:
    if word in own:
        return True
    divisions = [p for m in find_places(word) if m.text == word for p in m.places]
    return any(mine.within(division) for division in divisions for mine in placed)


def own_place_waters(found: tuple[Mention, ...], plan_ids: tuple[str, ...], plans: tuple[Plan, ...]) -> tuple[Mention, ...]:
    """The mentions without a water read from the name of a plan asked written with no water word ("Pinghu" →
    平湖, "Jinjiang" → 晋江/锦江, the plan's own place): "By when must Pinghu finish…" names the city, and a
    water of its name asked made every clause that does not write it "not about 平湖". "The Jinjiang River" keeps it."""
    names = {plain for plan in plans if plan.plan_id in plan_ids for name in plan.regions
             for plain in (normalize(name),) if plain.isascii()}
    return tuple(m for m in found if not (m.term.kind == "water" and normalize(m.surface) in names))
