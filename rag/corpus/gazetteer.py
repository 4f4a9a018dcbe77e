"""China's administrative divisions (province › city › county) from the `cpca` package's adcode table, with short
names and pinyin, for finding the places a plan covers and the places a question names."""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.lexicon import load_lexicon

_LEXICON = load_lexicon()


@dataclass(frozen=True)
class Place:
    """One administrative division."""

    code: str  # six-digit adcode: 2 province, 2 city, 2 county
    name: str  # the full name, "临潼区"
    short: str  # without its level suffix, "临潼" ("" when that would leave one character)
    pinyin: str  # of the short name (else the full name), lower case, no spaces: "lintong"
    level: str  # province | city | county

    @property
    def parents(self) -> tuple[str, ...]:
        """Codes of the province and (for a county) the city above it."""
        province = self.code[:2] + "0000"
        city = self.code[:4] + "00"
        if self.level == "province":
            return ()
        if self.level == "city":
            return (province,)
        return (province, city) if city != province else (province,)

    def within(self, other: "Place") -> bool:
        """True when this place is `other` or lies inside it."""
        return self.code == other.code or other.code in self.parents


def _adcode_file() -> Path:
    # find_spec locates the package without importing it (cpca's __init__ imports pandas).
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the gazetteer needs the `cpca` package: pip install cpca==0.5.5")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _level(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    return "city" if code[4:] == "00" else "county"


def short_name(name: str) -> str:
    """The name without its level suffix ("宿迁市" → "宿迁", "内蒙古自治区" → "内蒙古"); "" if too short."""
    for suffix in _LEXICON.place_suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin  # deferred: only the gazetteer needs it

    return "".join(lazy_pinyin(name)).lower()


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Place, ...]:
    """Every division in the adcode table (the placeholder 市辖区/县 rows left out)."""
    places = []
    with _adcode_file().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, code = row["name"].strip(), row["adcode"][:6]
            if name in _LEXICON.place_placeholders:
                continue
            short = short_name(name)
            places.append(Place(code, name, short, _pinyin(short or name), _level(code)))
    return tuple(sorted(places, key=lambda p: p.code))


@lru_cache(maxsize=1)
def by_code() -> dict[str, Place]:
    """Places keyed by adcode."""
    return {place.code: place for place in load_gazetteer()}


@lru_cache(maxsize=1)
def _name_index() -> tuple[re.Pattern[str], dict[str, tuple[Place, ...]]]:
    """One regex over every Chinese full and short name (longest first) and the places each name means."""
    index: dict[str, list[Place]] = {}
    for place in load_gazetteer():
        for name in (place.name, place.short):
            if name:
                index.setdefault(name, []).append(place)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(index, key=len, reverse=True)))
    return pattern, {name: tuple(found) for name, found in index.items()}


@lru_cache(maxsize=1)
def pinyin_index() -> dict[str, tuple[Place, ...]]:
    """Places by the pinyin of their short name (cities and above first: "suqian" is the city)."""
    index: dict[str, list[Place]] = {}
    for place in sorted(load_gazetteer(), key=lambda p: ("province", "city", "county").index(p.level)):
        index.setdefault(place.pinyin, []).append(place)
    return {key: tuple(found) for key, found in index.items()}


@dataclass(frozen=True)
class Mention:
    """A place name found in a text: where, as written, and the divisions it may mean."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]


def find_places(text: str) -> tuple[Mention, ...]:
    """Place names in a (simplified) text, longest match first, left to right."""
    pattern, index = _name_index()
    return tuple(Mention(m.start(), m.end(), m.group(0), index[m.group(0)]) for m in pattern.finditer(text))


def resolve_chain(mentions: tuple[Mention, ...]) -> tuple[Place, ...]:
    """The divisions meant by names read in order ("西安市临潼区"): each name read inside the one before; a name
    outside the chain ("六盘水市〈贵州省…〉") ends it."""
    chosen: list[Place] = []
    for mention in mentions:
        ranked = sorted(mention.places, key=lambda p: ("province", "city", "county").index(p.level))
        inside = [p for p in ranked if not chosen or (p.within(chosen[-1]) and p.code != chosen[-1].code)]
        if chosen and not inside:
            break
        chosen.append(inside[0])
    return tuple(chosen)


# English level words after a pinyin name ("Longyou County", "Kecheng District") and the levels they can mean: a
# county-level city is written "City" as often as a prefecture-level one; Inner Mongolia's county-level divisions
# are banners (旗) and its prefecture-level ones leagues (盟).
_ENGLISH_LEVELS = {"province": ("province",), "city": ("city", "county"), "prefecture": ("city",),
                   "municipality": ("province", "city"), "county": ("county",), "district": ("county",),
                   "banner": ("county",), "league": ("city",)}
# A banner is a 旗 and a league a 盟 ("wushen banner" is 乌审旗, not 乌什县).
_LEVEL_SUFFIX = {"banner": "旗", "league": "盟"}
_PINYIN_WORD = re.compile(r"(?<![a-z])([a-z]{2,}(?:'(?!s(?![a-z]))[a-z]+)?)(?:\s+(province|city|prefecture|municipality|county|"
                          r"district|banner|league)s?(?!-|\s+(?:towns?|seats?)(?![a-z])))?(?![a-z])")


# A county of one character keeps its level in its short name (歙县 is "Shexian"), which English writes apart as the
# name and the level word ("She County", "Pei County"): the character's syllable and the level's read as one name.
_ONE_CHARACTER = {"county": ("县", "xian"), "district": ("区", "qu"), "city": ("市", "shi")}


# A word after a pinyin name that makes it no county's: a level below the county (the name is a town's or a
# village's) or a water word (the Jinxi River is 金溪, not 金溪县).
_NOT_A_DIVISION = re.compile(r"\s+(?:towns?|townships?|villages?|subdistricts?"
                             r"|rivers?|lakes?|reservoirs?|streams?|creeks?|canals?)(?![a-z])")


def find_pinyin_places(text: str) -> tuple[Mention, ...]:
    """Divisions a lower-case English text names in toneless pinyin ("xi'an", "longyou county"), narrowed by a
    level word after the name. Words of one syllable are no name (the index holds short names of two characters)."""
    index = pinyin_index()
    found = []
    for match in _PINYIN_WORD.finditer(text):
        if not match.group(2) and _NOT_A_DIVISION.match(text, match.end()):
            continue  # "Anren town" is a town, not 安仁县; "the Jinxi River" a river, not 金溪县
        word = match.group(1).replace("'", "")
        places = index.get(word, ()) if len(word) >= 4 else ()
        if not places and match.group(2) in _ONE_CHARACTER:  # "She County" is 歙县, "Pei County" 沛县
            level_char, level_pinyin = _ONE_CHARACTER[match.group(2)]
            places = tuple(p for p in index.get(word + level_pinyin, ()) if len(p.name) == 2 and p.name[1] == level_char)
        if match.group(2):
            places = tuple(p for p in places if p.level in _ENGLISH_LEVELS[match.group(2)])
            places = tuple(p for p in places if p.name.endswith(_LEVEL_SUFFIX.get(match.group(2), "")))
        if places:
            found.append(Mention(match.start(), match.end(), match.group(0), places))
    return tuple(found)
