"""Places a question names that no plan covers, beyond the gazetteer's reach or outside every plan's area: a pinyin
division with its level word lying in no plan's area ("Jinghong City"), an unknown name before a level word
("Yumen Banner"), a town no plan is of ("黎里镇", "Lili Town"). Reported unknown, such a question is refused rather
than answered from whichever plan its other words match (rag.answer.places.detect_places)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rag.corpus.gazetteer import Place, find_pinyin_places
from rag.normalize import normalize
from rag.types import Plan

# Words before a level word that make it a common noun ("each county", "the urban district"), not a name.
_NOT_NAMES = frozenset(["a", "an", "the", "this", "that", "these", "those", "each", "every", "all", "any", "some", "other", "its", "their", "our", "your", "his", "her", "whole", "entire", "same", "which", "what", "whose", "in", "of", "for", "and", "or", "to", "at", "on", "by", "from", "with", "within", "across", "around", "outside", "inside", "near", "per", "one", "two", "three", "several", "many", "both", "either", "neither", "such", "another", "own", "new", "old", "urban", "rural", "central", "core", "key", "local", "main", "pilot", "model", "industrial", "development", "economic", "scenic", "administrative", "built-up", "surrounding", "neighbouring", "neighboring", "nearby", "poor", "poverty-stricken", "mountainous", "coastal", "border", "frontier", "agricultural", "pastoral", "autonomous", "ethnic", "minority", "home", "native", "host", "given", "named", "relevant", "respective", "concerned", "said"])
_LEVEL_PHRASE = re.compile(r"(?<![a-z'’-])([a-z][a-z'’-]*[a-z])\s+(county|district|banner|prefecture|league)(?![a-z-])")


def unplaced_divisions(norm: str, placed: Iterable[Place], taken: list[tuple[int, int]]) -> list[str]:
    """Divisions an English question names that no plan is of, inside, or around: a pinyin name with its level word
    ("Jinghong City" → 景洪市) anywhere outside the plans' areas, and a name before a level word that neither the
    place table nor the gazetteer knows ("Yumen Banner" → "Yumen Banner"). Reported unknown, such a question is
    refused rather than answered from whichever plan its other words match."""
    placed = list(placed)
    found: list[str] = []
    taken = list(taken)
    for mention in find_pinyin_places(norm):
        if any(s < mention.end and mention.start < e for s, e in taken):
            continue
        taken.append((mention.start, mention.end))
        near = any(p.within(o) or o.within(p) for p in mention.places for o in placed)
        if " " in mention.text and not near:
            found.append(mention.places[0].name)
    return found + _named_before_level(_LEVEL_PHRASE, norm, _NOT_NAMES, taken)


def _named_before_level(pattern: re.Pattern[str], norm: str, not_names: frozenset[str],
                        taken: list[tuple[int, int]]) -> list[str]:
    """The "Name Level" phrases of an English question ("Yumen Banner", "Lili Town") whose word is a name, not a
    common word ("each county"), outside the spans already read as places."""
    found = []
    for match in pattern.finditer(norm):
        word = re.sub(r"['’]s$", "", match.group(1))
        if word in not_names or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        found.append(f"{word.title()} {match.group(2).title()}")
    return found


# A town, township or subdistrict a question names ("黎里镇", "Lili Town"): below the gazetteer, so only the plans'
# own names tell whether one covers it. Kinds of places are no names: the character before the division word makes
# a compound ("乡镇", "城镇", "重点镇", "建制镇", "各街道", "城市街道"), and so does one after it ("镇级", "镇域").
_TOWN_NAME = re.compile(r"([\u4e00-\u9fff]{2})(镇|街道|乡(?=(?:人民)?政府))(?![镇村级域区])")
_NOT_BEFORE_TOWN = frozenset("城村乡集小各全本该每市县区点制心色名型级个等要主大新老")
_ENGLISH_TOWN = re.compile(r"(?<![a-z'’-])([a-z][a-z'’-]*[a-z])\s+(town|township|subdistrict)(?![a-z-])")
NOT_TOWN_NAMES = _NOT_NAMES | frozenset(["county", "small", "market", "ancient", "historic", "townships", "towns"])


@lru_cache(maxsize=8)
def _own_names(plans: tuple[Plan, ...]) -> str:
    """The plans' own names, titles and issuers, normalised once per corpus rather than per question."""
    return normalize(" ".join(name for plan in plans for name in (*plan.regions, plan.title, plan.issuer)))


def unplaced_towns(norm: str, plans: Sequence[Plan], taken: list[tuple[int, int]]) -> list[str]:
    """Towns the question names that are no plan's own place nor part of one's name: reported unknown, so a
    question on a town no plan covers is refused rather than answered from another town's plan (a county's plan
    that lists the town is still found when the question names the county too)."""
    own = _own_names(tuple(plans))
    found = []
    for match in _TOWN_NAME.finditer(norm):
        name = match.group(1)
        if name[-1] in _NOT_BEFORE_TOWN or name in own:
            continue
        found.append(name + match.group(2))
    return found + _named_before_level(_ENGLISH_TOWN, norm, NOT_TOWN_NAMES, taken)
