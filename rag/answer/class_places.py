"""A place inside a plan's area that the plan never writes, answered by a fact the plan states for the whole class
of such places.

A county, district or county-level city of a city plan, a city of a province plan, a town of a county plan: the
plan states nothing of its own for a place it never writes, and the closest clause is usually another place's
fact ("柯城区、衢江区建成区基本消除黑臭水体" asked for 开化县), so such a question is refused (rag.answer.absent).
A plan also states facts for every place of a kind at once: "各县城污水处理率达到90%以上" is 阳谷县's county-town
target in the 聊城 plan; "县城及县级市于2017年底前完成" is every county's limit in the 山西 plan. An answer whose
every fact is stated so — its indicator, or the piece of the sentence holding its time limit, names the class of
the place asked, or the limit binds every thing of its kind ("全部", "所有") — answers for that place; any other
answer is still refused.
"""
from __future__ import annotations

import re

from rag.answer.draft import Draft
from rag.corpus.gazetteer import find_places
from rag.normalize import normalize

# The plans' words for every place of a level at once: 各县 / 县城 / 县（市、区） for counties, districts and county-level
# cities; 设区市 / 地级城市 / 设市城市 / 各市 for the cities of a province; 各乡镇 / 建制镇 for towns. A group that is only
# some of them (重点镇, 试点县) is no class: it may leave the place asked out; nor is 县级, which names a rank of water
# sources and cities ("县级及以上城市集中式饮用水水源地"), not every county.
_EACH = {"county": r"各县|所有县|各区县", "city": r"各设区市|各市|所有设区市", "town": r"各乡镇|各镇|所有镇|所有建制镇"}
_KIND = {"county": r"县城|县[(（]市[、,，]?区[)）]|县[(（]区[)）]|县区|区县",
         "city": r"设区市|设区的市|地级市|地级城市|地级及以上城市|设市城市",
         "town": r"乡镇|建制镇"}
# A bare kind word names the class only where no name runs into it: "尤溪县城区" is 尤溪县's town area, not 县城.
# Nor after a count: "建成社棠、中滩、甘泉3个乡镇污水处理站" is three towns, not every one.
_AFTER_NAME = r"(?<![\u4e00-\u9fff])|(?<=[全有及和与余其的])"
_CLASS_WORDS = {level: re.compile(rf"{_EACH[level]}|(?:{_AFTER_NAME})(?:{_KIND[level]})") for level in _EACH}
# A time limit binding every thing of a kind in the plan's area binds the ones of each place inside it: "现有城镇污水
# 处理设施应于2017年底前全面达到一级A排放标准", "2017年底前，全区35处加油站地下油罐全部更新为双层油罐".
_EVERY = re.compile(r"所有|各类|全部|全面|一律")
# The piece of a sentence a time limit governs: between two of these marks.
_PIECE = re.compile(r"[，,；;。]")
_TOWN_NAME = re.compile(r"(?:镇|乡|街道|town|township|subdistrict)$", re.IGNORECASE)


def place_level(name: str) -> str:
    """The level of an unwritten place as named in a refusal: county or city (through the gazetteer), town, else
    "" (a village or a name the gazetteer does not hold: no class of the plans' words holds it)."""
    if _TOWN_NAME.search(name):
        return "town"
    levels = {p.level for m in find_places(normalize(name)) if m.text == normalize(name) for p in m.places}
    return levels.pop() if len(levels) == 1 and levels <= {"county", "city"} else ""


def class_words(level: str) -> re.Pattern[str] | None:
    """The plans' words for every place of a level at once ("各镇", "县城"), None for a level without them."""
    return _CLASS_WORDS.get(level)


def _limit_piece(quote: str, limit: str) -> str:
    """The piece of the quoted sentence holding the limit, with the next piece when the limit opens its own
    ("2017年底前，各类工业集聚区…": the subject follows)."""
    at = quote.find(limit)
    if at < 0:
        return ""
    starts = [0, *(m.end() for m in _PIECE.finditer(quote))]
    begin = max(s for s in starts if s <= at)
    ends = [m.start() for m in _PIECE.finditer(quote) if m.start() >= at + len(limit)]
    end = ends[0] if ends else len(quote)
    if not quote[begin:at].strip() and len(ends) > 1:
        end = ends[1]
    return quote[begin:end]


def _names_places(text: str, level: str) -> bool:
    """The text names divisions of the level asked or below ("沙县、尤溪县…"): a statement for those, not a class."""
    levels = {"county": {"county"}, "town": {"county"}, "city": {"city", "county"}}[level]
    # a name many divisions share ("城区", "郊区") is a common word
    return any(len(m.places) == 1 and m.places[0].level in levels and m.text in (m.places[0].name, m.places[0].short)
               for m in find_places(text))


def _classed(fact: dict, words: re.Pattern[str], quotes: list[str], level: str) -> bool:
    """The fact is stated for the class of places of this level: a target whose indicator names it ("各县城污水处理
    率"), a time limit whose piece of its sentence does ("县城及县级市于2017年底前完成") or binds every thing of its
    kind. A unit, a row, a quote is stated for the plan's own place, not for a class of places."""
    if fact.get("type") == "target":
        indicator = normalize(fact.get("indicator", ""))
        return bool(words.search(indicator)) and not _names_places(indicator, level)
    if fact.get("type") == "deadline":
        limit = normalize(fact.get("deadline", ""))
        pieces = [_limit_piece(quote, limit) for quote in quotes if limit in quote]
        return any((words.search(piece) or _EVERY.search(piece)) and not _names_places(piece, level)
                   for piece in pieces)
    return False


def stated_for_class(draft: Draft, level: str) -> bool:
    """Every fact of the answer is stated for the class of places of this level (_classed)."""
    words = _CLASS_WORDS.get(level)
    if words is None or draft.abstained or not draft.facts:
        return False
    quotes = [normalize(c.quote) for c in draft.citations if c.quote]
    return all(_classed(fact, words, quotes, level) for fact in draft.facts)


_MARKER = re.compile(r"\[(\d+)\]")


def class_part(draft: Draft, level: str) -> Draft | None:
    """The answer for a place of this level: the whole draft when every fact is stated for its class; its lines of
    the facts so stated when the others are another part's ("市城区…高于90%，县（市、区）…达到70%" asked for a
    county: the 70% line); None when no fact is. Lines are kept one per fact, each with its one citation."""
    words = _CLASS_WORDS.get(level)
    if words is None or draft.abstained or not draft.facts:
        return None
    if stated_for_class(draft, level):
        return draft
    markers = [_MARKER.findall(line) for line in draft.lines]
    if len(draft.lines) != len(draft.facts) or any(len(found) != 1 for found in markers):
        return None
    by_number = {c.n: c for c in draft.citations}
    part = Draft(draft.corpus)
    for line, fact, (number,) in zip(draft.lines, draft.facts, markers):
        citation = by_number.get(int(number))
        if citation is None or not _classed(fact, words, [normalize(citation.quote)], level):
            continue
        n = part.cite(draft.corpus.clause(citation.clause_id), citation.quote)
        part.lines.append(_MARKER.sub(f"[{n}]", line))
        part.facts.append(fact)
    return part if part.lines else None
