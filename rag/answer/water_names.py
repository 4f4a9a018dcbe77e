"""The water bodies a question names and whether a text writes them: one reading for every check of a named water.

A question about one river, lake, reservoir, pond or canal ("克孜河清淤工程什么时候完成", "Who leads removing the fish
pens on Changdang Lake") is often answered best, by the search, with another water's task that shares its words.
Four checks refuse such an answer — the cited clauses (rag.answer.named_waters), a note's task (rag.answer.who), a
target's own phrase (rag.answer.asked) and an English who or when answer (rag.answer.fits) — and each reads the
water asked here, with the water words of the lexicon ([waters]): Chinese names ending in a water word, English or
pinyin names before an English water noun (rag.answer.waters), and the glossary's kinds of water (地下水).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from rag.answer.glossary import Mention
from rag.lexicon import lexicon_section
from rag.normalize import normalize
from rag.types import Corpus


class Query(Protocol):
    """What is read here of a rag.answer.query.Query (which imports this module through rag.answer.waters)."""

    norm: str
    language: str
    plan_ids: tuple[str, ...]
    terms: tuple[Mention, ...]

_LEXICON = lexicon_section("waters")
# Chinese water word → the English nouns a question calls such a water by.
WATER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple((word, tuple(nouns)) for word, nouns in _LEXICON["words"])
# Named like a water without being one (断面, 水厂), and the places and zones below the gazetteer (孤山镇, 修水工业园区):
# looked up in pinyin like a water's name, with the English noun the question writes after it.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = WATER_WORDS + tuple(
    (word, tuple(nouns)) for word, nouns in (*_LEXICON["named_like"], *_LEXICON["named_places"]))
# A place below the gazetteer is named by two characters or more before its level word: 城乡, 乡镇, 农村, 全镇 are
# words, and "Chengxiang districts" is 城厢区, not the 城乡 of 城乡统筹.
PLACE_WORDS = frozenset(word for word, _ in _LEXICON["named_places"])
ENGLISH_NOUNS: tuple[str, ...] = tuple(dict.fromkeys(noun for _, nouns in WATER_WORDS for noun in nouns))
# An English water noun, singular or plural ("the Tuhai and Majia rivers").
ENGLISH_NOUN = rf"(?:{'|'.join(ENGLISH_NOUNS)})s?"
_CHINESE_NAMES = tuple(sorted(_LEXICON["chinese_names"], key=len, reverse=True))
_COMMON_BEFORE: dict[str, str] = dict(_LEXICON.get("common_before", {}))
_WATER_WORD = re.compile("|".join(_CHINESE_NAMES))
_WATER_END = re.compile(f"(?:{'|'.join(_CHINESE_NAMES)})$")

# A water word that starts a generic compound is not the end of a name: 河道, 河长制, 河流, 河湖, 湖泊, 河里 (in the
# river), 河务局, 河面, 一河一策; 江段 stays.
_COMPOUND_AFTER = frozenset("道长流湖泊网床岸堤渠里务面一")
# A water word followed by a division's level names a place (锦江区, 九江市, 平江县), not the water.
LEVEL_AFTER = frozenset("区县市镇乡村省旗盟")
# Characters that end the words before a name: a place's level (南充市西河), a particle or a conjunction.
BEFORE_NAME = frozenset("市县区镇乡村省旗盟的和及与、在对从向沿经等")
# One character before a water word that is a word of the plans, not a name: 入河排污口, 沿河, 黑臭河, 支流.
_NOT_A_NAME = frozenset("入沿出进臭支干各条大小运护清跨界全本该城区内外主中上下污水排黑治整河江湖库溪")
MAX_STEM = 4
_HAN = re.compile(r"[\u4e00-\u9fff]")


def names_in(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each candidate water name in a normalised text: up to MAX_STEM Han characters before a water
    word, stopped at a place's level or a particle, longest first."""
    spans = []
    for match in _WATER_WORD.finditer(norm):
        after = norm[match.end():match.end() + 1]
        basin = norm.startswith("流域", match.end())  # 汾河流域: the river's basin, its name before it
        if (after in _COMPOUND_AFTER and not basin) or after in LEVEL_AFTER:
            continue
        if match.start() and norm[match.start() - 1] in _COMMON_BEFORE.get(match.group(0), ""):
            continue  # 池塘, 沟渠, 污水: a common noun, whatever stands before it
        start = match.start()
        while start > 0 and match.start() - start < MAX_STEM and _HAN.match(norm[start - 1]) \
                and norm[start - 1] not in BEFORE_NAME:
            start -= 1
        if match.group(0) == "水":
            # A name ending in a bare 水 is one character after a word's end (邵东市蒸水, 对湟水): longer runs are
            # words of the plans (应急水源, 杨古水源地), and 萍水河 is read at its 河 (渌水河道 at its 水).
            if match.start() - start == 1 and not _named_after(norm, match.end()):
                spans.append((start, match.end()))
            continue
        for begin in range(start, match.start()):
            if match.start() - begin == 1 and norm[begin] in _NOT_A_NAME:
                continue
            spans.append((begin, match.end()))
    return spans


def _named_after(norm: str, end: int) -> bool:
    """Another water word right after a bare 水 ends the name there (萍水|河), unless it starts a compound (渌水|河道)."""
    after = _WATER_WORD.match(norm, end)
    if not after or after.group(0) == "水":  # 蒸水水源地: the second 水 is the source's
        return False
    return norm[after.end():after.end() + 1] not in _COMPOUND_AFTER or norm.startswith("流域", after.end())


def starts_word(text: str, start: int) -> bool:
    """The name at `start` follows no Han character, or one that ends the word before it (市, 的, 、)."""
    return start == 0 or not _HAN.match(text[start - 1]) or text[start - 1] in BEFORE_NAME


def place_name(name: str, texts: Sequence[str], regions: tuple[str, ...]) -> bool:
    """A plan's region starts with the name (平湖 of 平湖市), or a plan in scope writes it with a level after it
    (浉河区 beside the 浉河): the name may be the place's."""
    if any(region.startswith(name) for region in regions):
        return True
    level = re.compile(re.escape(name) + "[" + "".join(sorted(LEVEL_AFTER)) + "]")
    return any(level.search(text) for text in texts)


def other_water_named(text: str, texts: Sequence[str], regions: tuple[str, ...]) -> bool:
    """The normalised text names a water (a name starting a word: "（六）东湖水环境保护", "、螺溪河") that is not a
    place of the plans; a run inside a sentence ("底前实现河面") is no name."""
    return any(starts_word(text, b) and not place_name(text[b:e], texts, regions) for b, e in names_in(text))


def plan_regions(corpus: Corpus) -> tuple[str, ...]:
    return tuple(normalize(region) for plan in corpus.plans for region in plan.regions)


def asked_waters(corpus: Corpus, query: Query) -> tuple[str, ...]:
    """The waters a question names that a plan in scope writes: the longest written form of each name (克孜河,
    not 孜河), from a Chinese question's words or an English question's pinyin names the plans write."""
    plan_ids = query.plan_ids or tuple(p.plan_id for p in corpus.plans)
    texts = [corpus.plan_text(pid) for pid in plan_ids]
    if query.language == "en":
        found = [normalize(m.term.official) for m in query.terms
                 if m.term.kind == "water" and not m.term.aliases and _WATER_WORD.search(m.term.official[-2:])]
        return tuple(dict.fromkeys(name for name in found if any(name in text for text in texts)))
    norm = query.norm
    regions = plan_regions(corpus)
    names: list[str] = []
    taken_ends: set[int] = set()
    for begin, end in names_in(norm):  # longest first for each water word
        if end in taken_ends:
            continue
        name = norm[begin:end]
        # 平湖 (平湖市), or 聊城河 (聊城 + 河务局): the name or its part before the water word is a place
        if place_name(name, texts, regions) or _WATER_END.sub("", name) in regions:
            taken_ends.add(end)  # 平湖, 丽江: a place named like a water, the plan's place or one it writes so
            continue
        if any(name in text for text in texts):
            names.append(name)
            taken_ends.add(end)
    return tuple(dict.fromkeys(names))


def unwritten_waters(corpus: Corpus, query: Query) -> tuple[str, ...]:
    """The waters a Chinese question names that no plan in scope writes (钱资湖 asked of 溧阳's plan): a name of two
    characters or more before its water word, starting a word, with no word of the plans in it (黑臭河, 城区河 are
    none) and no place's name. Such a water has no task of its own in the plans; another water's has none for it."""
    if query.language == "en":  # a pinyin name no plan writes is query.unknown_waters'
        return ()
    plan_ids = query.plan_ids or tuple(p.plan_id for p in corpus.plans)
    texts = [corpus.plan_text(pid) for pid in plan_ids]
    regions, norm = plan_regions(corpus), query.norm
    spans = names_in(norm)
    written_ends = {end for begin, end in spans if any(norm[begin:end] in text for text in texts)}
    names = []
    for begin, end in spans:
        name = norm[begin:end]
        stem = _WATER_END.sub("", name)
        if end in written_ends or len(stem) < 2 or not starts_word(norm, begin) \
                or any(ch in _NOT_A_NAME for ch in stem) or place_name(name, texts, regions) or stem in regions:
            continue
        names.append(name)
    return tuple(dict.fromkeys(names))


def named_water_grams(waters: Sequence[str], text: str) -> frozenset[str]:
    """The bigrams of each water asked that the text writes: counted as found though the text lists the water
    among others ("汾河水库、张峰水库、漳泽水库…等良好水体": the task is the listed reservoirs', each of them)."""
    text = normalize(text)
    return frozenset(water[i:i + 2] for water in waters if water in text for i in range(len(water) - 1))


def pinyin_named(query: Query, places: str = "") -> list[str]:
    """The Chinese names of the waters an English question names by their pinyin (waters.english_terms: "Huai
    River" → 淮河, no glossary aliases), but not a name the plans' places hold (Pinghu → 平湖市)."""
    return [m.term.official for m in query.terms if m.term.kind == "water" and not m.term.aliases
            and m.how == "english" and not m.term.official.isascii() and m.term.official not in places]


_CLASS = re.compile(r"[ⅠⅡⅢⅣⅤ]|类")


def water_class(official: str) -> bool:
    """A water class or a word of classes (Ⅲ类, 劣Ⅴ类, 水质类别) says how clean a water is, not which water."""
    return bool(_CLASS.search(official))


def water_mentions(query: Query) -> tuple[Mention, ...]:
    """The question's mentions of waters: names, and the glossary's kinds of water (地下水, 饮用水水源地)."""
    return tuple(m for m in query.terms if m.term.kind == "water")


def writes(forms: Sequence[str], texts: Sequence[str]) -> bool:
    """Some text writes one of the forms of a water (normalised both)."""
    return any(normalize(form) in normalize(text) for form in forms for text in texts)


def half_writes(form: str, text: str) -> bool:
    """Most of a water's name is written: a plan words a kind of water its own way ("农村饮用水水源保护" for
    农村饮用水水源地)."""
    grams = {form[i:i + 2] for i in range(len(form) - 1)}
    return bool(grams) and sum(g in text for g in grams) / len(grams) >= 0.5
