"""The river, lake or reservoir a question names, which the clauses an answer cites must write.

A question about one water ("克孜河清淤工程什么时候完成", "西河清淤疏浚由谁负责") is often answered best, by the
search, with the task of another water that shares the task's words (东湖清淤, 螺溪河清淤疏浚): its time or its
lead unit is then a confident wrong answer. A water the question names and a plan in scope writes is the subject;
every cited clause must write it, else the answer is of another water's task, and the question is refused.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.query import Query
from rag.normalize import normalize
from rag.types import Corpus

# The water words that end a water's name (断面, 水厂 name other things; a bare 水 ends too many words).
_WATER_WORD = re.compile(r"水库|河|江|湖|溪")
# A water word that starts a generic compound is not the end of a name: 河道, 河长制, 河流, 河湖, 湖泊, 河里 (in the
# river), 河务局, 河面, 一河一策; 江段 stays.
_COMPOUND_AFTER = frozenset("道长流湖泊网床岸堤渠里务面一")
# A water word followed by a division's level names a place (锦江区, 九江市, 平江县), not the water.
_LEVEL_AFTER = frozenset("区县市镇乡村省旗盟")
# Characters that end the words before a name: a place's level (南充市西河), a particle or a conjunction.
_BEFORE_NAME = frozenset("市县区镇乡村省旗盟的和及与、在对从向沿经等")
# One character before a water word that is a word of the plans, not a name: 入河排污口, 沿河, 黑臭河, 支流.
_NOT_A_NAME = frozenset("入沿出进臭支干各条大小运护清跨界全本该城区内外主中上下污水排黑治整河江湖库溪")
MAX_STEM = 4


def _names_in(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each candidate water name in a question: up to MAX_STEM Han characters before a water word,
    stopped at a place's level or a particle, longest first."""
    spans = []
    for match in _WATER_WORD.finditer(norm):
        after = norm[match.end():match.end() + 1]
        basin = norm.startswith("流域", match.end())  # 汾河流域: the river's basin, its name before it
        if (after in _COMPOUND_AFTER and not basin) or after in _LEVEL_AFTER:
            continue
        start = match.start()
        while start > 0 and match.start() - start < MAX_STEM and re.match(r"[\u4e00-\u9fff]", norm[start - 1]) \
                and norm[start - 1] not in _BEFORE_NAME:
            start -= 1
        for begin in range(start, match.start()):
            if match.start() - begin == 1 and norm[begin] in _NOT_A_NAME:
                continue
            spans.append((begin, match.end()))
    return spans


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
    regions = tuple(normalize(region) for plan in corpus.plans for region in plan.regions)
    names: list[str] = []
    taken_ends: set[int] = set()
    for begin, end in _names_in(norm):  # longest first for each water word
        if end in taken_ends:
            continue
        name = norm[begin:end]
        # 平湖 (平湖市), or 聊城河 (聊城 + 河务局): the name or its part before the water word is a place
        if _place_name(name, texts, regions) or re.sub(r"(?:水库|河|江|湖|溪)$", "", name) in regions:
            taken_ends.add(end)  # 平湖, 丽江: a place named like a water, the plan's place or one it writes so
            continue
        if any(name in text for text in texts):
            names.append(name)
            taken_ends.add(end)
    return tuple(dict.fromkeys(names))


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not re.match(r"[\u4e00-\u9fff]", text[start - 1]) or text[start - 1] in _BEFORE_NAME


def _place_name(name: str, texts: list[str], regions: tuple[str, ...]) -> bool:
    """A plan's region starts with the name (平湖 of 平湖市), or a plan in scope writes it with a level after it
    (浉河区 beside the 浉河): the name may be the place's."""
    if any(region.startswith(name) for region in regions):
        return True
    level = re.compile(re.escape(name) + "[" + "".join(sorted(_LEVEL_AFTER)) + "]")
    return any(level.search(text) for text in texts)


def unnamed_water(corpus: Corpus, query: Query, citations: Sequence) -> str:
    """The water the question names when a cited clause writes another water and not it (in its quote or its
    titles): the task or target of another river or lake. "" otherwise — a clause naming no water at all is the
    plan's general task or target, which covers the water asked ("小沙河黑臭水体" answered by the district's
    black-and-odorous-water task; "Songhua River water in Changyi" by the district's river target)."""
    waters = asked_waters(corpus, query)
    if not waters or not citations:
        return ""
    regions = tuple(normalize(region) for plan in corpus.plans for region in plan.regions)
    for citation in citations:
        clause = corpus.clause(citation.clause_id)
        default = corpus.default_source(clause.plan_id)
        if default is not None and default.clause_id == clause.clause_id:
            continue  # the plan-wide note of who implements every task ("以下…不再列出") is of no one water
        # A quoted cell of a table row ("2019年3月底前") is read with its row, whose name cell says what it is of.
        quote = clause.text if clause.kind == "table-row" else citation.quote or clause.text
        text = normalize(" ".join((*clause.path, quote)))
        if any(water in text for water in waters):
            continue
        texts = [corpus.plan_text(clause.plan_id)]
        # Another water's name starts a word ("（六）东湖水环境保护", "、螺溪河"): a run inside a sentence
        # ("底前实现河面") is no name.
        if any(_starts_word(text, b) and not _place_name(text[b:e], texts, regions) for b, e in _names_in(text)):
            return waters[0]
    return ""
