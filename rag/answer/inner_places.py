"""Places inside a plan's area that the question names and the plan never writes.

A county, district or county-level city of a city plan ("开化县" of the Quzhou plan, "Langzhong" of Nanchong's),
a town, a village: the gazetteer places it inside the plan, so the question is searched in that plan, and the
closest clause answers for the city or for another county ("柯城区、衢江区建成区基本消除黑臭水体" answered for
开化县; "沙县、尤溪县城区污水处理厂完成提标改造" for 永安市; "高峰村、劳岭村等8个终端" for 筏头村). A plan that never
writes the place states nothing of its own for it: the question is refused rather than answered with another
place's fact. A province plan is checked the same way: its figures and departments are the province's, and a city
or county it never writes gets nothing of its own from it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rag.answer.pinyin_syllable import syllable_count, syllables
from rag.answer.waters import char_readings
from rag.corpus.gazetteer import Place, find_places

# A village, community or gacha, and a town, township or subdistrict, named with a proper name of two to four
# characters: below every gazetteer, so only the plans' words can place them. Written after a division or a town,
# or opening the question (after a comma), so that common nouns ("农村", "行政村", "各镇", "建制镇") and the asker's
# words ("我们村", "考核的镇办") are not read as names.
_VILLAGE = re.compile(r"(?:^|(?<=[镇乡县区市旗，,、\s]))([\u4e00-\u9fff]{2,3}?)(村|社区|嘎查)(?![委民级庄落镇办里])")
_TOWN = re.compile(r"(?:^|(?<=[县区市旗，,、\s]))([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(?![镇乡村级域区办政])")
# Characters that end a common noun before 村/镇 ("行政村", "示范村", "中心村", "重点镇", "建制镇"), not a name's.
_NOT_NAME_END = frozenset("农政各全本该每个范点心中然制困新城乡整一集级美居老村小色名型等要主大区县市")
# Characters of the asker's own words, never of a place's name: "我在周村", "我们村", "考核的镇办".
_NOT_NAME_CHARS = frozenset("我你他她咱们在是的了和与及或这那哪有要想")
# A division word after a county's short name: a renamed county ("茌平区", once 茌平县) is still that county.
_DIVISION_AFTER = re.compile(r"[区县市旗]")
# Levels that never answer for a division inside them that they do not write: a city's or a county's plan, and a
# province's (its figures are province-wide: "天水市秦州区…谁牵头" answered from the Gansu plan, which names neither,
# with the province's departments; a city it writes, 兰州, is still its to answer). A town's plan has no division
# below it in the gazetteer.
_CHECKED_LEVELS = frozenset({"province", "city", "county"})


def _compact(text: str) -> str:
    """A plan's text without blanks: some pages space their characters out ("三 明 市")."""
    return re.sub(r"\s+", "", text)


def _written(names: Sequence[str], texts: Sequence[str]) -> bool:
    return any(name and name in text for name in names for text in texts)


def _inner(place: Place, placed: Sequence[Place]) -> bool:
    """The place lies inside one of the plans' own divisions (a city or county plan), and is not that division."""
    return any(own.level in _CHECKED_LEVELS and place.code != own.code and place.within(own) for own in placed)


def unwritten_divisions(norm: str, placed: Sequence[Place], texts: Sequence[str]) -> list[str]:
    """Counties, districts and county-level cities a Chinese question names inside a plan's own division that the
    plans in scope never write, by full or short name. A short name counts as named only when a division word
    follows it ("茌平区") or it is the division's whole name: two characters alone may be a common word."""
    texts = [_compact(t) for t in texts]
    found = []
    for mention in find_places(norm):
        inner = [p for p in mention.places if _inner(p, placed)]
        if not inner or any(not _inner(p, placed) and _owned(p, placed) for p in mention.places):
            continue
        whole = any(mention.text == p.name for p in inner)
        if not whole and not _DIVISION_AFTER.match(norm, mention.end):
            continue
        names = {n for p in inner for n in (p.name, p.short)}
        if not _written(sorted(names), texts):
            found.append(norm[mention.start:mention.end + (0 if whole else 1)])
    return found


def _owned(place: Place, placed: Sequence[Place]) -> bool:
    """The place is a plan's own division or contains one (the plan's place named, not a part of it)."""
    return any(own.within(place) for own in placed)


def _named(norm: str, pattern: re.Pattern[str], texts: Sequence[str]) -> list[str]:
    """The places of a kind (pattern) a Chinese question names by a proper name that the plans in scope never
    write; a name inside a division's name ("周村" of 周村区) is that division, not a village."""
    divisions = [(m.start, m.end) for m in find_places(norm)]
    found = []
    for match in pattern.finditer(norm):
        name = match.group(1)
        if name[-1] in _NOT_NAME_END or set(name) & _NOT_NAME_CHARS:
            continue
        if any(s < match.end() and match.start(1) < e for s, e in divisions):
            continue
        if not _written((name + match.group(2), name), texts):
            found.append(name + match.group(2))
    return found


def unwritten_villages(norm: str, texts: Sequence[str]) -> list[str]:
    """Villages and communities a Chinese question names that the plans in scope never write."""
    return _named(norm, _VILLAGE, [_compact(t) for t in texts])


def unwritten_towns(norm: str, texts: Sequence[str]) -> list[str]:
    """Towns, townships and subdistricts a Chinese question names that the plans in scope never write
    ("昌邑区孤店子镇")."""
    return _named(norm, _TOWN, [_compact(t) for t in texts])


@lru_cache(maxsize=4096)
def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


_TOWN_WRITTEN = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:镇|乡|街道|苏木|村|社区|嘎查)")
_ENGLISH_TOWN = re.compile(r"(?<![a-z'’-])([a-z][a-z'’-]*[a-z])\s+(?:town|township|subdistrict|sumu|village|community"
                           r"|gacha)(?![a-z-])")


def unwritten_english_towns(norm: str, texts: Sequence[str], not_names: frozenset[str]) -> list[str]:
    """Towns and villages an English question names in pinyin ("Baojia Township", "Fatou Village") whose name no
    town or village the plans in scope write spells ("温泉镇" spells "Wenquan Town")."""
    written = {_pinyin(m.group(1)) for text in texts for m in _TOWN_WRITTEN.finditer(text)}
    # A town's name of three characters is spelt whole; its last two characters make a written 2-char name too.
    written |= {_pinyin(m.group(1)[-2:]) for text in texts for m in _TOWN_WRITTEN.finditer(text)}
    found = []
    for match in _ENGLISH_TOWN.finditer(norm):
        word = match.group(1)
        # A possessive ("Zhoucun's town sewage plants") or an English word ("designated", "upgrading") is no name.
        if word in not_names or not reads_as_pinyin(word) or word in written:
            continue
        if any(word in _spelt_runs(text) for text in texts):
            continue  # "a Changyi village": the plan's own place (昌邑), written, names no village of its own
        found.append(match.group(0).title())
    return found


def unwritten_place(norm: str, language: str, placed: Sequence[Place], english_inner: Sequence[str],
                    texts: Sequence[str], not_names: frozenset[str]) -> str:
    """The first place inside the plans' areas the question names that the plans in scope never write, else "".
    placed: the divisions of the plans in scope; english_inner: the Chinese names of places an English question
    names inside a plan's division (rag.answer.places.english_named_places)."""
    if language == "en":
        compact = [_compact(t) for t in texts]
        for name in english_inner:
            place = [p for m in find_places(name) for p in m.places if p.name == name]
            if place and _inner(place[0], placed) and not _written((name, place[0].short), compact):
                return name
        towns = unwritten_english_towns(norm, texts, not_names)
        return towns[0] if towns else ""
    found = unwritten_divisions(norm, placed, texts) + unwritten_towns(norm, texts) + unwritten_villages(norm, texts)
    return found[0] if found else ""


# A proper name an English question spells in pinyin ("the Anhai sewage treatment plant", "Mozitan Reservoir"):
# a capitalised word inside the sentence that reads as two to four Mandarin syllables. The plans write it in
# characters; when no run of characters of the plans in scope reads so, the plans say nothing of the thing it
# names, and the closest clause is another plant's or reservoir's task. A word beside another capitalised word
# that is no pinyin ("Ejin Horo", 伊金霍洛) is a name in another language's spelling, which pinyin cannot check.
_CAPITALISED = re.compile(r"(?<=[a-z,;:]\s)([A-Z][a-z]{3,})\b(?!['’-])")
_NEXT_CAPITALISED = re.compile(r"\s+([A-Z][a-z]+)")
# English words that read as pinyin syllables ("Lake" = la + ke).
_ENGLISH_WORDS = frozenset({"lake", "line", "mine", "lane", "dune", "gene", "tune", "tang", "long", "hang", "bang"})


def reads_as_pinyin(word: str) -> bool:
    """The word splits into two to four Mandarin syllables ("anhai" = an + hai; "river" splits into none)."""
    return 2 <= syllable_count(word) <= 4


def syllable_splits(word: str, most: int = 4) -> list[tuple[str, ...]]:
    """Every way the word splits into two to `most` Mandarin syllables ("shetang" → (she, tang))."""
    valid, found = syllables(), []

    def split(rest: str, taken: tuple[str, ...]) -> None:
        if not rest:
            found.extend([taken] if len(taken) >= 2 else [])
            return
        for end in range(1, min(6, len(rest)) + 1):
            if rest[:end] in valid and len(taken) < most:
                split(rest[end:], (*taken, rest[:end]))
    split(word, ())
    return found


def pinyin_words(text: str) -> tuple[str, ...]:
    """The proper names an English question (as typed) spells in pinyin inside its sentence, lower-cased: a
    capitalised word of two to four syllables that is no English word and no noun a name stands before."""
    words = (m.group(1).lower() for m in _CAPITALISED.finditer(text))
    return tuple(dict.fromkeys(w for w in words if w not in _ENGLISH_WORDS and w not in _GENERIC
                               and reads_as_pinyin(w)))


@lru_cache(maxsize=64)
def _spelt_runs(text: str) -> frozenset[str]:
    """The pinyin of every run of two to four characters of a text, read in context (乐都 → ledu) and in each
    character's other readings (八都溪 is "Baduxi" where the context reads 都 "dou"; 中牟 is "Zhongmou" as well as
    "zhongmu"): a name a plan writes is written whichever reading the asker spells."""
    from pypinyin import lazy_pinyin

    spelt: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        syllables = lazy_pinyin(run)
        for size in (2, 3, 4):
            spelt.update("".join(syllables[i:i + size]) for i in range(len(syllables) - size + 1))
        readings = [tuple(dict.fromkeys((usual, *char_readings(char)))) for usual, char in zip(syllables, run)]
        for i in (i for i, r in enumerate(readings) if len(r) > 1):  # every window holding a character of two readings
            for start in range(max(0, i - 3), i + 1):
                for end in range(max(start + 2, i + 1), min(start + 4, len(readings)) + 1):
                    spelt.update(_spellings(readings[start:end]))
    return frozenset(spelt)


def _spellings(readings: list[tuple[str, ...]]) -> list[str]:
    """Every spelling of a run whose characters read each one of their readings."""
    spellings = [""]
    for options in readings:
        spellings = [s + option for s in spellings for option in options]
    return spellings


def unwritten_pinyin_name(text: str, places: Sequence[tuple[int, int]], texts: Sequence[str],
                          known: frozenset[str] = frozenset()) -> str:
    """The first pinyin name of an English question (text as typed) that no plan in scope writes in characters,
    else "". places: the spans (in the lower-cased text) of the divisions it names, which need not be written;
    known: the words of the names already found in the plans' own words (rag.answer.waters reads a name's
    characters in every reading, 长荡湖 as "changdanghu", where one reading in context gives "zhangdanghu")."""
    for match in _CAPITALISED.finditer(text):
        word = match.group(1).lower()
        if word in _ENGLISH_WORDS or word in _GENERIC or word in known or not reads_as_pinyin(word):
            continue
        if any(s < match.end() and match.start() < e for s, e in places):
            continue
        beside = _NEXT_CAPITALISED.match(text, match.end())
        if beside and not reads_as_pinyin(beside.group(1).lower()) and beside.group(1).lower() not in _GENERIC:
            continue
        if not any(word in _spelt_runs(t) for t in texts):
            return match.group(1)
    return ""


# English nouns a name stands before ("Anhai Sewage Treatment Plant", "Mozitan Reservoir"): no foreign name's part.
_GENERIC = frozenset({"river", "lake", "reservoir", "sewage", "wastewater", "plant", "park", "zone", "town",
                      "township", "village", "county", "district", "city", "banner", "league", "canal", "creek",
                      "stream", "wetland", "bay", "section", "station", "industrial", "development", "economic"})
