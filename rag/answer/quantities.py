"""A figure asked in its unit ("多少年以上就要更新改造", "how many years") that a plan states inside a task sentence
no target was read from: "对使用超过30年和材质落后的供水管网进行更新改造" sets an age, not a level to reach, so the
target extractor takes nothing from it, and the question was refused though the sentence answers it."""
from __future__ import annotations

import re

from rag.answer.about import named_term_grams
from rag.answer.draft import Context, Draft
from rag.answer.english_stems import english_stem
from rag.answer.evidence import FACT_FLOOR, content_of, coverage
from rag.answer.fits import asked_unit
from rag.answer.query import Query
from rag.normalize import normalize, sentences
from rag.types import Clause, Hit, Target

# A number of years is one to three digits: "2018年" is a date, not an age or a span.
_YEARS = re.compile(r"(?<![\d.])\d{1,3}\s*年(?![底末初度份])")
_PIECES = re.compile(r"[，,；;。]")
SENTENCE_FLOOR = 0.5  # the sentence must name most of the question's subject: it is quoted with no extracted fact


def figure_pattern(unit: str) -> re.Pattern[str] | None:
    """How a sentence writes a figure in `unit` ("30年", "1.5万吨", "300万亩"); None for no unit or for money,
    which the money answerer reads with its condition."""
    if not unit or unit.endswith("元"):
        return None
    if unit == "年":
        return _YEARS
    core = re.sub(r"^[万亿]", "", unit)
    return re.compile(rf"(?<![\d.])\d+(?:\.\d+)?\s*[万亿]?{re.escape(core)}")


def unit_sentence(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The sentence of the top clauses that states a figure in the asked unit and names most of the question's
    subject, quoted; an empty draft when none does (the caller refuses as before)."""
    draft = Draft(ctx.corpus)
    pattern = figure_pattern(asked_unit(query))
    if pattern is None:
        return draft
    # single characters left by the asking words ("用了多少年的" → 用, 年) name no subject
    subject = " ".join(word for word in content_of(query.about()).split() if len(word) >= 2)
    found = [(coverage(subject, sentence, named_term_grams(query, sentence)), rank, hit.clause, sentence)
             for rank, hit in enumerate(hits[:3]) for sentence in sentences(hit.clause.text)
             if pattern.search(normalize(sentence))]
    found = [item for item in found if item[0] >= max(SENTENCE_FLOOR, FACT_FLOOR)]
    if not found:
        return draft
    _, _, clause, sentence = max(found, key=lambda item: (item[0], -item[1]))
    n = draft.cite(clause, sentence)
    draft.lines.append(f"{ctx.prefix(query, clause.plan_id)}原文：「{sentence}」[{n}]")
    draft.facts.append({"type": "quantity", "clause_id": clause.clause_id, "unit": asked_unit(query)})
    return draft


# "What percentage of Liaocheng's villages have to finish…": a share of units (villages, towns, enterprises), which
# the plans write as the units a share of them does something ("全市30%以上的行政村完成治理任务"). The target
# extractor names such a figure by its area (全市), so no indicator name matches the question's.
_SHARE_OF = re.compile(r"\b(?:percentage|percent|share|proportion|fraction)\s+of\s+(?:the\s+|all\s+|[a-z]+['’]s\s+)?"
                       r"([a-z]+)")


def counted_units(query: Query) -> tuple[str, ...]:
    """The Chinese forms of the units an English question asks a share of ("villages" → 建制村, 行政村…)."""
    found = _SHARE_OF.search(query.norm) if query.language == "en" else None
    if not found:
        return ()
    stem = english_stem(found.group(1))
    for mention in query.terms:
        if mention.term.kind == "actor" and mention.surface.split() == [stem]:
            return tuple(normalize(form) for form in (mention.term.official, *mention.term.aliases))
    return ()


def share_of_units(query: Query, target: Target, clause: Clause) -> bool:
    """The target is a share of the units asked ("30%以上的行政村") in a clause about the task the question names."""
    units = counted_units(query)
    if not units or "%" not in normalize(target.value_text):
        return False
    piece = next((p for p in _PIECES.split(normalize(target.span)) if normalize(target.value_text) in p), "")
    value = re.escape(normalize(target.value_text))
    if not any(re.search(rf"{value}[^，,；;。的]{{0,3}}的{re.escape(unit)}", piece) for unit in units):
        return False
    tasks = [m.term for m in query.terms if m.term.kind == "task"]
    text = normalize(clause.text + " ".join(clause.path))
    return not tasks or any(normalize(form) in text for term in tasks for form in (term.official, *term.aliases))


# "How many petrol stations, and by when?": a question asking an amount beside the time limit. The limit's sentence
# states the amount ("全区35处加油站…", "截污率达到100%"); said only inside the quote, the answer leaves half of
# the question to the reader.
_ASKS_COUNT = re.compile(r"\bhow (?:many|much)\b|\bwhat (?:[a-z]+ )?(?:share|rate|percentage|proportion|level)\b"
                         r"|多少|几(?:个|家|处|座|条|公里|亩)|什么比例|百分之几")
# An amount with its measure word; a year, month or day ("2017年", "9月底") is the limit's, not an amount.
_COUNT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:%|％|万?(?:吨/日|立方米/日|亩|公顷|公里|千米|米|处|家|个|座|条|户|台|套|吨))")


def asks_count(query: Query) -> bool:
    return bool(_ASKS_COUNT.search(query.norm))


def stated_counts(quote: str, limit: str) -> tuple[str, ...]:
    """The amounts a limit's sentence states with their measure words, the limit's own date left out."""
    rest = quote.replace(limit, " ")
    return tuple(dict.fromkeys(m.group(0) for m in _COUNT.finditer(rest)))
