"""The named thing a question asks of that the cited clause does not name, while it names another of its kind.

A question about one reservoir, plant, village or river ("磨子潭水库网箱养殖清理由谁牵头", "城南污水处理厂提标改造
什么时候完成", "东方村生活污水治理设施什么时候建成", "泸溪河入河排污口排查") is answered best, by the search, with the
task of a sibling: the clause that names 佛子岭水库, 城北污水处理厂, 野马渡村, 白塔河. Its lead unit or its date is
then a confident wrong answer. The check reads structure, not meaning: the words a kind word ends (水库, 污水处理厂,
村, 河: the lexicon's [waters] words, named_like and named_places) and the name before it. A name is a rare string
(few clauses of the corpus write it: 城镇, 县城, 自然 of 自然村 are words, 佛子岭, 城北 are names). When no cited
clause writes the question's name and a cited clause writes another name before the same kind word, the clause is
a sibling's and the answer is refused. A clause naming nothing of the kind (a plan-wide task) still answers.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.about import document_frequency
from rag.answer.inner_places import NOT_NAME_CHARS, NOT_NAME_END
from rag.answer.named_waters import unnamed_water
from rag.answer.water_names import BEFORE_NAME, COMMON_BEFORE, COMPOUND_AFTER, KINDS, LEVEL_AFTER, WATER_WORDS
from rag.normalize import normalize
from rag.types import Corpus

# The kind words, longest first ("污水处理厂" before "水厂"); a bare 水 ends too many words (污水, 饮用水) to be one.
KIND_WORDS: tuple[str, ...] = tuple(sorted({word for word, _ in KINDS if word != "水"}, key=len, reverse=True))
_KIND = re.compile("|".join(map(re.escape, KIND_WORDS)))
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A kind word that ends a word of the plans, not a name: 入河, 沿河, 巡河, 入海, 采河(砂), and the common nouns before 村 or
# 镇 (农村, 行政村, 城镇, 建制镇: inner_places' endings of common nouns).
_COMPOUND_BEFORE = frozenset("入沿出进巡采跨护支干") | NOT_NAME_END
# Characters no name holds, which end the run before a kind word: a place's level or a particle (water_names), the
# asker's and the question's words ("哪些镇", "哪几个街道", "这两个断面"), a year or month ("2020年渭河").
_STOP = BEFORE_NAME | NOT_NAME_CHARS | frozenset("年月日由些几多久谁何么个两问")
# A one-character water word that starts a word of the plans (河道, 河长, 河面, 湖泊) or a place (锦江区) is no name's
# end either (water_names' rule); 水库网箱 is a reservoir's cages, so longer kind words are not held to it.
_WORD_AFTER = COMPOUND_AFTER | LEVEL_AFTER
MAX_RUN = 4  # characters read before a kind word: names of the plans run to three or four (佛子岭, 野马渡)
NAME_CHARS = 2  # a name is judged by the two characters before its kind word (子岭 of 佛子岭水库)
# A string written in at most this share of the corpus's clauses is a name, not a word of the plans. Measured on
# the genre corpus: 城镇, 县城, 城区, 自然 (自然村), 入河 are in 2% of clauses and more; 城北, 子岭, 马渡 in under 0.1%.
RARE_SHARE = 0.004
# A corpus of a few plans has few clauses: a name written twice is still rare there.
MIN_RARE_CLAUSES = 2


# Kinds that name siblings of one another: a 港 beside a 河 (营前港 asked, 下洋河 cited) is another water, and a
# 水厂 beside a 污水处理厂 another plant.
_WATERS = frozenset(word for word, _ in WATER_WORDS)
# An ordinal names a plant as a proper name does (第二污水处理厂, 第三污水处理厂), though 第三 is common (第三方).
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+$")


def kind_class(kind: str) -> str:
    """The class of a kind word whose names are siblings: water, plant, or the kind itself (村, 镇, 断面)."""
    return "water" if kind in _WATERS else "plant" if kind.endswith("厂") else kind


def is_name(corpus: Corpus, run: str) -> bool:
    """The run before a kind word names one: its last two characters are rare in the corpus, or it ends in an
    ordinal."""
    return len(run) >= NAME_CHARS and (rare(corpus, run[-NAME_CHARS:]) or bool(_ORDINAL.search(run)))


def rare(corpus: Corpus, pair: str) -> bool:
    """Few clauses of the corpus write the two characters: a proper name, not a word of the plans. The clause
    frequencies are the bigram table about.document_frequency keeps for the corpus (no scan per question)."""
    frequency, clauses = document_frequency(corpus)
    return frequency.get(pair, 0) <= max(MIN_RARE_CLAUSES, RARE_SHARE * clauses)


def names_before_kinds(text: str) -> list[tuple[str, str]]:
    """(run, kind word) for each kind word of the normalised text: the up to MAX_RUN Han characters before it,
    stopped at a place's level or a particle ("喀什市城北污水处理厂" → ("城北", "污水处理厂"))."""
    matches = [m for m in _KIND.finditer(text) if _ends_name(text, m)]
    found = []
    for match, following in zip(matches, [*matches[1:], None]):
        if following and _inside_name(text[match.end():following.start()]):
            continue  # 丹江口水库, 泸溪河, 北汝河紫罗山断面: the first kind word is inside the next one's name
        start = match.start()
        while start > 0 and match.start() - start < MAX_RUN and _HAN.match(text[start - 1]) \
                and text[start - 1] not in _STOP:
            start -= 1
        found.append((text[start:match.start()], match.group(0)))
    return found


def _ends_name(text: str, match: re.Match) -> bool:
    """The kind word may end a name: it does not end a word of the plans (入河, 农村, 池塘: the lexicon's common
    nouns) nor, one character long, start one (河道, 河长, 锦江区)."""
    start, kind = match.start(), match.group(0)
    before, after = text[start - 1:start], text[match.end():match.end() + 1]
    if before and (before in _COMPOUND_BEFORE or before in COMMON_BEFORE.get(kind, "")):
        return False
    return not (len(kind) == 1 and after and after in _WORD_AFTER)


def _inside_name(between: str) -> bool:
    """The characters between two kind words join them into one name: a few Han characters, none of them a stop."""
    return len(between) < MAX_RUN and all(_HAN.match(ch) and ch not in _STOP for ch in between)


def _without_regions(corpus: Corpus, plan_ids: Sequence[str], norm: str) -> str:
    """The question with its plans' own place names cut out: "喀什市城南…" reads 城南, not a run through 喀什."""
    regions = sorted({normalize(r) for pid in plan_ids for r in corpus.plan(pid).regions}, key=len, reverse=True)
    for region in regions:
        norm = norm.replace(region, "、")
    return norm


def asked_names(corpus: Corpus, plan_ids: Sequence[str], norm: str) -> list[tuple[str, str]]:
    """(name, kind word) the question names: a run of two characters or more before a kind word whose last two
    characters are rare in the corpus."""
    return [(run, kind) for run, kind in names_before_kinds(_without_regions(corpus, plan_ids, norm))
            if is_name(corpus, run)]


def _writes(run: str, kind: str, text: str) -> bool:
    """The text writes the name: some ending of two characters or more of the run ("新建城北" asked, 城北 written);
    an ordinal only with its kind word (第三 is written in 第三方 too)."""
    ordinal = _ORDINAL.search(run)
    if ordinal:
        return ordinal.group(0) + kind in text
    return any(run[start:] in text for start in range(len(run) - NAME_CHARS + 1))


def sibling_of(corpus: Corpus, plan_ids: Sequence[str], norm: str, cited: Sequence[str]) -> str:
    """The name (with its kind word) the question asks of when no cited text writes it and a cited text names
    another of its kind; "" otherwise. `cited` are the cited clauses' texts with their titles, normalised."""
    if not cited:
        return ""
    for run, kind in asked_names(corpus, plan_ids, norm):
        if any(_writes(run, kind, text) for text in cited):
            continue
        siblings = [other for text in cited for other, other_kind in names_before_kinds(text)
                    if kind_class(other_kind) == kind_class(kind) and is_name(corpus, other)]
        if siblings:
            return run[-MAX_RUN:] + kind
    return ""


def unnamed_sibling(corpus: Corpus, query, citations: Sequence) -> str:
    """sibling_of for a Chinese question and the clauses an answer cites (whole clause with its titles: a name the
    clause writes outside the quoted sentence is still its subject)."""
    if query.language != "zh" or not citations:
        return ""
    cited = []
    for citation in citations:
        clause = corpus.clause(citation.clause_id)
        cited.append(normalize(" ".join((*clause.path, clause.text))))
    return sibling_of(corpus, query.plan_ids, query.norm, cited)


def other_named(corpus: Corpus, query, citations: Sequence) -> str:
    """Why the cited clauses are another's, as the refusal says it: another water's task or target
    (rag.answer.named_waters), or a sibling's of the name asked; "" when they are the question's own."""
    water = unnamed_water(corpus, query, citations)
    if water:
        return f"找到的条款说的不是{water}。"
    named = unnamed_sibling(corpus, query, citations)
    return f"找到的条款说的是同类的另一处，不是{named}。" if named else ""
