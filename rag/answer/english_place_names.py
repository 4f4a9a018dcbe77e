"""English place names read in their sentence: a plan's name written as a river's ("the Jinjiang River in
Tongren") or after "in" locating another named place ("… Shizuishan industrial park … in Ningxia") is not a plan
asked beside the one meant. Chinese writes the locating place right before the inner one and is read in
rag.answer.places.refine."""
from __future__ import annotations

import re

from rag.answer.glossary import Mention
from rag.answer.water_names import ENGLISH_NOUN
from rag.corpus.gazetteer import Place, find_places
from rag.normalize import normalize
from rag.types import Plan

# A water word after an English name ("the Jinjiang River in Tongren"): the name is the river's, which the plan of
# another place writes in Chinese (锦江), not a place whose plan (晋江市) is asked beside the one named.
_WATER_AFTER = re.compile(rf"\s+{ENGLISH_NOUN}(?![a-z])")  # the lexicon's water nouns (rag.answer.water_names)


def without_waters(norm: str, matches: list[re.Match[str]], meaning: dict[str, tuple[str, str]]) -> list[re.Match[str]]:
    """The matches without English plan names written as a water's name, when the question names another place:
    alone, the name may still be the place the asker means (a river named after its town)."""
    waters = [m for m in matches if m.group(0).isascii() and meaning[m.group(0)][0] == "plan"
              and _WATER_AFTER.match(norm, m.end())]
    others = [m for m in matches if m not in waters and meaning[m.group(0)] not in {meaning[w.group(0)] for w in waters}]
    return [m for m in matches if m not in waters] if waters and others else matches


_LOCATING_EN = re.compile(r"(?:\bin|,)\s*(?:the\s+)?$")


def without_locating(norm: str, matches: list[re.Match[str]], meaning: dict[str, tuple[str, str]],
                      plan_ids: list[str], placed: dict[str, Place]) -> list[str]:
    """An English question's "…Shizuishan industrial park… in Ningxia": a plan's place written after "in" or a
    comma only locates another named plan's place inside it; that inner plan is the one asked, not a comparison
    of both (Chinese writes the locating place right before: "宁夏石嘴山市", read in refine)."""
    locating = set()
    for match in matches:
        kind, pid = meaning[match.group(0)]
        if kind != "plan" or pid not in placed or not match.group(0).isascii():
            continue
        if not _LOCATING_EN.search(norm[:match.start()]):
            continue
        if any(o != pid and o in placed and placed[o].code != placed[pid].code and placed[o].within(placed[pid])
               for o in plan_ids):
            locating.add(pid)
    return [pid for pid in plan_ids if pid not in locating]


def locating_only(words: tuple[str, ...], plan_ids: tuple[str, ...], plans: tuple[Plan, ...]) -> tuple[str, ...]:
    """The Chinese words an English question adds, without those naming the division of a plan asked or a division
    holding it ("Dangshan County, Suzhou" → 宿州; "Ejin Horo Banner" → 伊金霍洛旗): they say where, as the plan's
    name does, which a Chinese question's analysis cuts out of its subject (query._without_regions); left in, they
    weigh as a task word no task writes, and the note of the task asked was refused as another task's."""
    from rag.answer.places import plan_places  # deferred: rag.answer.places imports this module

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
