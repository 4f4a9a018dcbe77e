"""The intent table: each kind of question and the plain function that answers it.

A new question type is one `Intent` member, one answerer function and one row in ANSWERERS.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from rag.answer.about import (
    ABOUT_FLOOR,
    aboutness,
    states_figure,
    states_time,
    subject_of,
)
from rag.answer.absent import missing_reason
from rag.answer.asked import asked_phrase, measure_of
from rag.answer.compare import compare
from rag.answer.draft import Context, Draft
from rag.answer.english import to_english
from rag.answer.english_fit import all_misfit
from rag.answer.figures import target
from rag.answer.fits import misfit_reason
from rag.answer.limits import deadline
from rag.answer.query import Query, in_scope
from rag.answer.quotes import general, listing, obligation
from rag.answer.standards import answers_standard, asks_standard, standard
from rag.answer.subplans import subplan_passes
from rag.answer.unstated import unnamed_unit, unnamed_unit_refusal
from rag.answer.who import who
from rag.lexicon import load_lexicon
from rag.normalize import normalize
from rag.types import Clause, Hit


class Intent(str, Enum):
    """What kind of answer a question wants."""

    LEAD = "lead"
    COOPERATE = "cooperate"
    IMPLEMENT = "implement"
    TARGET = "target"
    DEADLINE = "deadline"
    COMPARE = "compare"
    LIST = "list"
    OBLIGATION = "obligation"
    GENERAL = "general"

    @classmethod
    def from_str(cls, name: str) -> Intent:
        try:
            return cls(name)
        except ValueError:
            raise ValueError(f"unknown intent {name!r}; valid: {', '.join(i.value for i in cls)}") from None


Answerer = Callable[[Context, Query, list[Hit]], Draft]

ANSWERERS: dict[Intent, Answerer] = {
    Intent.LEAD: who,
    Intent.COOPERATE: who,
    Intent.IMPLEMENT: who,
    Intent.TARGET: target,
    Intent.DEADLINE: deadline,
    Intent.COMPARE: compare,
    Intent.LIST: listing,
    Intent.OBLIGATION: obligation,
    Intent.GENERAL: general,
}


def compose(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The answer from the hits of the county asked (or of the plan's own text) first, when the plan has one
    sub-plan per county (rag.answer.subplans); from the rest only when those give none."""
    draft = Draft(ctx.corpus)
    for part in subplan_passes(query.norm, hits):
        draft = answer(ctx, query, part)
        if draft.lines and not draft.abstained:
            return draft
    return draft


def answer(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The direct answer for a question whose evidence has passed the abstention rule; the general quote when
    the intent's answerer finds nothing (a figure or a time for target and deadline questions); a refusal when
    the question asks for a year, indicator or quantity that the plans never mention, or when the stand-in quote
    does not hold the kind of thing asked."""
    reason = missing_reason(ctx.corpus, query, hits)
    if reason:
        stated = target(ctx, query, hits) if query.intent == "target" and query.year else None
        # The target answerer's own refusal names the years the plan does state: more useful than ours.
        return stated if stated is not None and stated.abstained else refusal(ctx, reason, hits)
    intent = Intent.from_str(query.intent)
    by_standard = asks_standard(query) and query.language == "zh" and intent != Intent.COMPARE \
        and not _WHO.search(query.norm)
    if by_standard:  # "出水要达到什么标准": the sentence stating the class or grade, whatever the intent read
        stated_standard = standard(ctx, query, hits)
        if stated_standard.lines:
            return stated_standard
    draft = ANSWERERS[intent](ctx, query, hits)
    if intent == Intent.GENERAL and _FIGURE_ASKED.search(query.norm):
        # "What ceiling does Shanxi set for…" read as a general question still asks a figure: the stated target
        # answers it before any quote (a general quote picked a basin's cell from a table of basins).
        stated = target(ctx, query, hits)
        draft = stated if stated.lines and not stated.abstained else draft
    from_note = False  # the answer is a task's responsibility note: its units are units, whatever their names
    if asks_who(query) and not fallback_answers("lead", draft.text):
        # A who question worded as a list ("由哪些单位负责"): the responsibility note of its task answers it.
        named = who(ctx, query, hits)
        from_note = bool(named.lines) and not named.abstained
        draft = named if from_note else draft
    if not draft.lines:
        fallback = {Intent.TARGET: figure_quotes, Intent.DEADLINE: time_quotes}.get(intent, general)
        draft = fallback(ctx, query, hits)
        # A quote stands in for a missing fact only when it holds the kind of thing asked: a figure, a time,
        # a unit. Otherwise it is an answer to another question (the trust rule: refuse instead).
        if draft.lines and not fallback_answers(query.intent, draft.text):
            return refusal(ctx, "方案中没有找到直接回答这个问题的规定。", hits)
    if asks_who(query) and draft.lines and not draft.abstained and not from_note \
            and (not fallback_answers("lead", draft.text) or from_tables(draft)):
        return refusal(ctx, "找到的条款没有写明由哪个单位负责。", hits)
    if query.intent == Intent.LIST and not asks_who(query) and draft.citations and not draft.abstained \
            and all(is_unit_note(c.quote) for c in draft.citations):
        return refusal(ctx, "找到的列举是负责单位，不是所问的事项。", hits)
    misfit = misfit_reason(ctx.corpus, query, draft.citations) if draft.lines and not draft.abstained else ""
    if misfit:
        return refusal(ctx, misfit, hits)
    if other_years_only(query, draft):
        return refusal(ctx, "方案中没有关于所问年份的规定；找到的条款说的是别的年份。", hits)
    if uncounted(query, draft):
        return refusal(ctx, "方案中没有写明所问的数量。", hits)
    if unfigured(query, draft):
        return refusal(ctx, "方案中没有写明所问的数值。", hits)
    if unconsequenced(query, draft):
        return refusal(ctx, "方案中没有写明未完成或违反时的处理。", hits)
    if by_standard and not draft.abstained \
            and not answers_standard(draft.lines, quoted(draft)):
        # A standard asked, answered by quotes stating none (a share, a task): an answer to another question.
        return refusal(ctx, "方案中没有写明所问的标准。", hits)
    if query.language == "en" and not draft.abstained and all_misfit(query.norm, draft.facts):
        # The target found states another water class or another kind of water than the English words ask.
        return refusal(ctx, "方案中没有关于所问指标的目标；找到的条款说的是别的指标。", hits)
    unnamed = unnamed_unit(query, draft)  # "市财政局配合吗" answered by a note naming other units: refuse
    if unnamed is not None:
        return unnamed_unit_refusal(query, draft, unnamed)
    return to_english(draft) if query.language == "en" else draft


# Quoting answers that pass no year check of their own: "太原到2018年要消除多少条黑臭水体" was answered with
# the sentence of 2030. A quote that states years, none of them the one asked, answers another year's question.
# A time limit too: "2018年底前居民阶梯水价要覆盖到哪些建制镇" is not answered by the limit of 2015 (limits.py
# already prefers a limit of the year asked; this refuses when none is).
_YEAR_UNCHECKED = frozenset({Intent.LIST, Intent.GENERAL, Intent.DEADLINE})
_STATED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=年)")


def other_years_only(query: Query, draft: Draft) -> bool:
    """The answer quotes sentences that state years, and none of them is the year the question asks about."""
    if not query.year or draft.abstained or Intent.from_str(query.intent) not in _YEAR_UNCHECKED:
        return False
    stated = {int(y) for c in draft.citations for y in _STATED_YEAR.findall(c.quote)}
    return bool(stated) and query.year not in stated


def quoted(draft: Draft) -> list[str]:
    """What each citation of an answer quotes (its clause when it quotes no span)."""
    return [c.quote or c.text for c in draft.citations]


# "有几座", "多少个" ask a number of things: quotes stating no count (and no table whose rows can be counted) answer
# another question ("昌邑区污水处理厂有几座" quoted the sewage-rate sentence). Figures and times have their own checks.
_COUNT_ASKED = re.compile(r"(?<![哪这那])几(?:座|个|条|家|处|项|所|批|种)|多少(?:座|个|条|家|处|项|所|批|种)")
# "关停取缔一批" is "some", not a count: 批 counts only after digits.
_COUNT_STATED = re.compile(r"\d+\s*(?:座|个|条|家|处|项|所|批|种|类)|[一二两三四五六七八九十]+(?:座|个|条|家|处|项|所|种)")
_QUOTING = frozenset({Intent.LIST, Intent.GENERAL, Intent.OBLIGATION})
# A count asked as a target ("要关掉多少个养猪场") is not answered by a share either ("…设施的比例达到80%以上").
_COUNTED = _QUOTING | {Intent.TARGET}


def uncounted(query: Query, draft: Draft) -> bool:
    """A count asked, answered by quotes none of which states a count or is a whole table (its rows are the count)."""
    if draft.abstained or not draft.citations or Intent.from_str(query.intent) not in _COUNTED \
            or not _COUNT_ASKED.search(query.norm):
        return False
    # A table quoted whole (title and rows) is counted by its rows; rows picked one by one for their words
    # ("要新建几座乡镇污水处理厂" quoted two task rows) count nothing.
    if any(draft.corpus.clause(c.clause_id).kind == "table" for c in draft.citations):
        return False
    return not any(_COUNT_STATED.search(normalize(text)) for text in quoted(draft))


# "降多少", "by how much", "what share" ask a figure, whatever intent the rest of the wording read (a comparison
# with a base year, a list): quotes stating no figure but years answer another question ("By how much should
# Liaocheng cut pesticide use…compared with 2015" was answered with "合理控制农药使用量"). Counts: uncounted.
_FIGURE_ASKED = re.compile(r"多少(?!个|座|条|家|处|项|所|批|种)|百分之几|几成|比例是|比率是|\bhow much\b|\bby how much\b"
                           r"|\bwhat (?:share|percent|percentage|proportion|rate|ratio|level|ceiling|cap)\b")
# A year states no figure (_STATED_YEAR is cut first); a number of years does ("使用超过50年的供水管网").
_FIGURE_STATED = re.compile(r"\d|百分之")


def unfigured(query: Query, draft: Draft) -> bool:
    """A figure asked, answered by quotes none of which states a figure other than a year."""
    if draft.abstained or not draft.citations or not _FIGURE_ASKED.search(query.norm) \
            or Intent.from_str(query.intent) in _UNIT_INTENTS or asks_who(query):
        return False  # "…交了多少赔偿金，这事哪些单位配合" asks who: a figure is only its subject
    return not any(_FIGURE_STATED.search(_STATED_YEAR.sub("", normalize(text))) for text in quoted(draft))


# "完不成任务会怎样", "超标排放会怎么样", "有什么处罚" ask what follows a failure or a violation: a quote stating no
# consequence (a duty, a task) answers another question ("邵阳对完不成整治任务的县怎么处理" was answered with
# "各县人民政府…负总责"). The consequences are the plans' words for them (约谈, 限批, 追究…责任, 处分, 黄牌警示…).
_CONSEQUENCE_ASKED = re.compile(
    r"(?:完不成|没完成|未完成|考核不合格|考核没|不达标|达不到|不合格|没通过|违反|违规|偷排|超标).{0,14}"
    r"(?:怎么办|怎么处理|如何处理|会怎样|会怎么样|怎么处罚|什么处罚|什么后果)|怎么处罚|什么处罚|如何处罚|什么后果")
_CONSEQUENCE = re.compile(r"约谈|限批|追究|问责|处分|通报|督办|警示|黄牌|红牌|处罚|罚款|取缔|关闭|停产|查处|责令|撤销|曝光|扣减|扣缴|奖励")


def unconsequenced(query: Query, draft: Draft) -> bool:
    """A consequence asked, answered by quotes none of which states one."""
    if draft.abstained or not draft.citations or Intent.from_str(query.intent) not in _QUOTING \
            or not _CONSEQUENCE_ASKED.search(query.norm):
        return False
    return not any(_CONSEQUENCE.search(text) for text in quoted(draft))


# A question asking who ("由哪些单位负责", "河长是谁") routed to a quoting answerer (its wording named a list or no
# role): a quote naming no unit is no answer to it. Who-intents check units themselves.
_WHO = re.compile(r"谁|哪(?:个|些|家)(?:部门|单位|机构)")
# The same asked in English ("which agencies take part…", "who is responsible"): routed to a quoting answerer
# by its other words ("…cleanup" reads as a list), it is still answered only by units.
# "pig farmers who build…" is a relative clause, not a who question.
_WHO_EN = re.compile(r"^\W*who\b|\bwho (?:is|are|leads?|takes?|should|must|will|handles?|oversees?|does|do|works?|helps?"
                     r"|cooperates?|coordinates?|implements?|carries|organi[sz]es?|supervises?)\b"
                     r"|\bwhich (?:agenc|department|bureau|unit|office|bod(?:y|ies)|organi[sz]ation)")
_UNIT_INTENTS = frozenset({Intent.LEAD, Intent.COOPERATE, Intent.IMPLEMENT})
_WHO_INTENTS = _UNIT_INTENTS | {Intent.COMPARE}


def asks_who(query: Query) -> bool:
    """The question asks who (a unit or person) but its intent is answered by quoting."""
    return Intent.from_str(query.intent) not in _WHO_INTENTS \
        and bool(_WHO.search(query.norm) or query.language == "en" and _WHO_EN.search(query.norm))


def from_tables(draft: Draft) -> bool:
    """Every quote of the answer is a table or a table row: cells listing places or works ("城市黑臭水体清单"), which
    answer "which rivers", never "which units" (a who answer comes from a task's responsibility note)."""
    return bool(draft.citations) and all(
        draft.corpus.clause(c.clause_id).kind in ("table", "table-row") for c in draft.citations)


def is_unit_note(quote: str) -> bool:
    """The quote is a responsibility note ("配合部门:区水务局、财政局…"): an enumeration of units, which answers
    "which units", never "which rivers" or "which industries"."""
    lexicon = load_lexicon()
    return any(word in quote for word in lexicon.note_words) and bool(re.search(lexicon.unit_suffix_pattern, quote))


_ASKED_KIND = {
    "target": re.compile(r"\d"),
    "deadline": re.compile(r"(?:19|20)\d{2}年|\d{1,2}月|年底|年内|底前"),
    "lead": re.compile(load_lexicon().unit_suffix_pattern),
}
_ASKED_KIND["cooperate"] = _ASKED_KIND["implement"] = _ASKED_KIND["lead"]


def fallback_answers(intent: str, quote: str) -> bool:
    """Whether a general quote holds what the intent asks for (any quote will do for the other intents)."""
    pattern = _ASKED_KIND.get(intent)
    return pattern is None or bool(pattern.search(quote))


def refusal(ctx: Context, reason: str, hits: list[Hit]) -> Draft:
    """An abstention that says what is missing and cites the closest clauses."""
    draft = Draft(ctx.corpus, abstained=True)
    draft.lines.append(f"{reason} The plans do not state this.")
    for hit in hits[:2]:
        draft.cite(hit.clause)
    return draft


def time_quotes(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """For a "when" question with no extracted deadline: the closest sentences that state a time and are about
    the question's subject; else empty."""
    draft = Draft(ctx.corpus)
    subject = subject_of(query)
    for hit in [h for h in hits[:2] if h.clause.kind != "table"]:
        part = general(ctx, query, [hit])
        title = hit.clause.path[-1] if hit.clause.path else ""
        if part.lines and states_time(part.citations[0].quote) \
                and aboutness(ctx.corpus, subject, title, part.citations[0].quote) >= ABOUT_FLOOR:
            draft.absorb(part)
    return draft


def figure_quotes(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """For a target question with no extracted target: the closest sentences that state a figure for the year
    asked. A sentence without one, or a table's header row, is no answer to "what is the target": empty then,
    and the assistant refuses."""
    draft = Draft(ctx.corpus)
    for hit in [h for h in hits[:2] if h.clause.kind != "table"]:
        part = general(ctx, query, [hit])
        if not part.lines:
            continue
        quote = part.citations[0].quote
        tables = referenced_tables(ctx, hit.clause.plan_id, quote)
        if tables:  # "分年度目标见表1": the figures are the table's rows
            for table in tables:
                draft.absorb(table_rows(ctx, query, table))
        elif states_figure(quote, query.year) and in_scope(query, hit.clause) and measure_stated(query, quote):
            draft.absorb(part)
    return draft


# A share asked ("…处理率要达到多少") is answered by a share: a sentence stating only a water class ("地表水V类
# 标准") or an amount states a figure of another kind.
_SHARE_FIGURE = re.compile(r"\d\s*(?:%|‰|个百分点)|百分之")


def measure_stated(query: Query, quote: str) -> bool:
    """Whether the quote states a figure of the kind the question's indicator measures (checked for shares)."""
    return measure_of(asked_phrase(query)) != "share" or bool(_SHARE_FIGURE.search(normalize(quote)))


_TABLE_REF = re.compile(r"见(附?表\s*\d+)")


def referenced_tables(ctx: Context, plan_id: str, sentence: str) -> list[Clause]:
    """The tables of the plan a sentence points to ("…分年度目标见表1")."""
    wanted = {ref.replace(" ", "") for ref in _TABLE_REF.findall(sentence)}
    return [c for c in ctx.corpus.clauses
            if c.plan_id == plan_id and c.kind == "table" and c.clause_id.rsplit("/", 1)[-1] in wanted]


def table_rows(ctx: Context, query: Query, table: Clause, limit: int = 8) -> Draft:
    """A table's title and its rows (only the asked year's cell when a year is asked), each row cited."""
    draft = Draft(ctx.corpus)
    draft.lines.append(f"{table.text.splitlines()[0]}： [{draft.cite(table)}]")
    rows = [c for c in ctx.corpus.clauses if c.kind == "table-row" and c.parent_id == table.clause_id]
    for row in rows[:limit]:
        cells = row.text.split("；")
        if query.year:
            cells = [cells[0], *(cell for cell in cells[1:] if cell.startswith(f"{query.year}年"))]
        text = "；".join(cells)
        draft.lines.append(f"- {text} [{draft.cite(row, text)}]")
        draft.facts.append({"type": "table-row", "clause_id": row.clause_id, "cells": text})
    return draft
