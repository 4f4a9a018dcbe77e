"""English place names read in their sentence: a plan's name written as a river's ("the Jinjiang River in
Tongren") or after "in" locating another named place ("… Shizuishan industrial park … in Ningxia") is not a plan
asked beside the one meant. Chinese writes the locating place right before the inner one and is read in
rag.answer.places.refine."""
from __future__ import annotations

import re

from rag.answer.water_names import ENGLISH_NOUN
from rag.corpus.gazetteer import Place

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
