"""Evidence for answering: how well plan text covers a question (character-bigram overlap on the matching form),
and the abstention rule that decides from it."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.normalize import normalize

# Question words that say what kind of answer is wanted, not what the answer is about.
_ASKING = re.compile(
    r"谁|哪个|哪些|哪一?个?部门|什么|多少|何时|几|是否|怎么|如何|吗|呢|请问|一下|"
    r"牵头|负责|配合|参与|落实|责任单位|部门|单位|目标|指标|要求|期限|时间|完成|之前|以前|"
    r"方案|计划|规定|提出|根据|按照|的|了|是|在|中|对|和|与|有|要|我|我们|应该|应当|需要|必须|"
    r"啥|咋|咱们|这块|这边|最基本|到底|"  # colloquial fillers ("咱们村这块最基本的…") name no subject
    r"what|who|which|when|how|the|of|is|are|does|do|for|in|to|a|by|plan"
)
# Inside a longer word only an asking word of two or more Han characters goes ("管理部门" → "管理"), or a question
# particle no content word holds (几条 → 条); another single character is part of the word around it (集中式,
# 有机肥, 中水 keep 中, 有).
_PARTICLES = ("谁", "几", "吗", "呢", "啥", "咋")
_ASKING_INSIDE = re.compile("|".join([w for w in _ASKING.pattern.split("|") if len(w) >= 2 and not w.isascii()]
                                     + list(_PARTICLES)))
_ASKING_ONLY = re.compile(rf"(?:{_ASKING.pattern}|\s)+")
_TOKEN = re.compile(r"[\u4e00-\u9fff]|[a-z0-9.%]+")


def content_of(question: str) -> str:
    """The words of a question that name its subject: whole jieba words that only ask (谁, 牵头部门, the) are
    removed, and two-character asking words inside longer ones."""
    # deferred: jieba loads its dictionary on first use
    from rag.search.lexical import jieba_words

    kept = (" " if _ASKING_ONLY.fullmatch(word) else _ASKING_INSIDE.sub(" ", word)
            for word in jieba_words(normalize(question)))
    return "".join(kept)


def bigrams(text: str) -> set[str]:
    """Character bigrams of the CJK runs, plus latin/number tokens, of an already-normalised text."""
    grams: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            grams.add(run)
    grams.update(re.findall(r"[a-z]{2,}|\d{2,}(?:\.\d+)?%?|\d\.\d+%?", text))  # single digits match anything
    return grams


def coverage(question_content: str, text: str, named: frozenset[str] = frozenset()) -> float:
    """Share of the question's subject bigrams that occur in the text (0 to 1); `named` are bigrams counted as
    found: the asker's everyday words for a glossary term the text writes in another of its forms
    (rag.answer.about.named_term_grams: "老自来水管" is about a sentence on 供水管网)."""
    wanted = bigrams(question_content)
    if not wanted:
        return 0.0
    return len(wanted & (bigrams(normalize(text)) | named)) / len(wanted)


FACT_FLOOR = 0.34  # a fact or sentence must cover this share of the question's subject words to be used
# A sentence's comma pieces, and its parts between full stops and semicolons: where a figure, a rhythm or a
# standard is stated with its own subject ("区级河长每月巡河不少于1次，镇级河长每周不少于1次").
PIECES = re.compile(r"[^，,；;。]+")
PARTS = re.compile(r"[^。；;]+")


def subject_without(query_about: str, asking: re.Pattern[str]) -> str:
    """A question's subject words without the asking words a kind of question adds (一天能处理多少, 多久一次), and
    without the single characters they leave: no plan's sentence holds them."""
    return " ".join(w for w in asking.sub(" ", content_of(query_about)).split() if len(w) >= 2)


NO_CLAUSE = "方案中没有找到能回答这个问题的条款。"


@dataclass(frozen=True)
class Floors:
    """Evidence floors, calibrated on the dev questions by `python -m evals.calibrate`."""

    lexical: float
    dense: float
    dense_en: float  # English questions meet Chinese clauses only in meaning


@dataclass(frozen=True)
class Evidence:
    """What the abstention rule looks at for one question."""

    unknown_places: tuple[str, ...]  # places named that no plan covers
    plan_named: bool  # the question (or the filter) names a plan of the corpus
    comparison: bool  # comparisons are judged per plan by their answerer
    hits: int  # clauses retrieved
    lexical: float  # coverage of the question's subject by the top clauses
    dense: float | None  # best cosine of a clause; None while not computed
    language: str  # zh | en


# A town, township or subdistrict: below the gazetteer, so known to the product only through the plans' words.
_TOWN = re.compile(r"(?:镇|乡|街道)$")


def uncovered(places: tuple[str, ...], plan_texts: Sequence[str]) -> tuple[str, ...]:
    """The places no plan covers, less the towns some plan writes: a county plan's task names its towns
    ("责任单位：…磁灶镇、内坑镇人民政府"), and a question naming only the town is answered from it."""
    return tuple(p for p in places if not (_TOWN.search(p) and any(p in text for text in plan_texts)))


def town_scope(places: tuple[str, ...], plan_ids: tuple[str, ...], plan_texts: dict[str, str]) -> dict:
    """The places left unknown, and the plans asked: a question naming no plan but a town that one plan alone writes
    ("大口屯镇的污水管网什么时候铺完") asks that plan — answered from any plan, it took another county's clause."""
    towns = [p for p in places if _TOWN.search(p)]
    writers = tuple(pid for pid, text in plan_texts.items() if any(town in text for town in towns))
    return {"unknown_places": uncovered(places, list(plan_texts.values())),
            "plan_ids": writers if not plan_ids and len(writers) == 1 else plan_ids}


def needs_dense(evidence: Evidence, floors: Floors) -> bool:
    """Whether the rule's verdict depends on the dense score (computed only then: it costs a search)."""
    return bool(evidence.hits) and not evidence.comparison and evidence.lexical < floors.lexical


def abstain_reason(evidence: Evidence, floors: Floors) -> str:
    """The abstention rule: why the plans cannot answer ("" when the evidence supports an answer).

    A named place with no plan abstains; so does a question whose best clauses cover its subject neither in
    words (lexical floor) nor in meaning (dense floor, lower for English).
    """
    if evidence.unknown_places and not evidence.plan_named:
        return f"现有方案中没有关于{'、'.join(evidence.unknown_places)}的方案。"
    if evidence.comparison:
        return ""
    if not evidence.hits:
        return NO_CLAUSE
    if evidence.lexical >= floors.lexical:
        return ""
    floor = floors.dense_en if evidence.language == "en" else floors.dense
    return "" if (evidence.dense or 0.0) >= floor else NO_CLAUSE


# An English question meets the Chinese plans only through its glossary terms. When a single term of one or two
# words is all that was recognised ("leakage from public water supply pipes" → only "supply pipe"), what it asks
# about the term is unknown and a quote found for the term answers another question. Two terms ("inland river
# ships" → 河道, 船舶) or a three-word term ("sewage treatment rate") pin the subject down. Measured on the dev
# splits: the six English quoting answers resting on one short term were all wrong; no right one did.
MIN_UNDERSTOOD_WORDS = 3
MIN_UNDERSTOOD_TERMS = 2
NOT_UNDERSTOOD = "问题的大部分词语在方案用语中找不到对应。"


def understood_words(surfaces: tuple[str, ...]) -> int:
    """How many distinct words of an English question its glossary terms cover (a Chinese term counts as one)."""
    words: set[str] = set()
    for surface in surfaces:
        words.update(re.findall(r"[a-z0-9]+", surface) or [surface])
    return len(words)


def understood(surfaces: tuple[str, ...], terms: int) -> bool:
    """Whether the glossary terms found pin down an English question's subject (see MIN_UNDERSTOOD_WORDS)."""
    return terms >= MIN_UNDERSTOOD_TERMS or understood_words(surfaces) >= MIN_UNDERSTOOD_WORDS
