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
from rag.answer.absent import missing_reason, unwritten_inner
from rag.answer.answered import (
    WHO,
    asks_figure,
    asks_who,
    fallback_answers,
    from_tables,
    is_unit_note,
    other_years_only,
    quoted,
    unconsequenced,
    uncounted,
    unfigured,
)
from rag.answer.asked import asked_phrase, measure_of
from rag.answer.compare import compare
from rag.answer.draft import Context, Draft
from rag.answer.english import to_english
from rag.answer.english_fit import all_misfit
from rag.answer.figures import target
from rag.answer.fits import misfit_reason
from rag.answer.limit_meaning import limit_by_meaning
from rag.answer.limits import deadline
from rag.answer.capacities import asks_capacity, capacity
from rag.answer.cited_subject import uncited_place, unstated_year
from rag.answer.class_places import class_part, place_level
from rag.answer.rhythms import asks_how_often, rhythm
from rag.answer.query import Query, in_scope
from rag.answer.quotes import general, list_quotes, listing, obligation
from rag.answer.standards import answers_standard, asks_standard, standard
from rag.answer.subplans import subplan_passes
from rag.answer.unstated import unnamed_unit, unnamed_unit_refusal
from rag.answer.who import who
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


# A capacity question may read as another kind: naming a year ("how many tonnes a day will the plant treat by 2020")
# as a deadline question, with "will … have" ("what daily capacity will the plant have after its expansion") as a
# duty; it asks no time unless it says when.
_ASKS_TIME = re.compile(r"\bwhen\b|\bdeadline\b|什么时[候间]|何时|哪一?年|啥时候?|几时|最晚|最迟|截止")


def compose(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The answer from the hits of the county asked (or of the plan's own text) first, when the plan has one
    sub-plan per county (rag.answer.subplans); from the rest only when those give none."""
    draft = Draft(ctx.corpus)
    for part in subplan_passes(query.norm, hits):
        draft = answer(ctx, query, part)
        if draft.lines and not draft.abstained:
            return draft
    return draft


def answer(ctx: Context, query: Query, hits: list[Hit], places: bool = True) -> Draft:
    """The direct answer for a question whose evidence has passed the abstention rule; the general quote when
    the intent's answerer finds nothing (a figure or a time for target and deadline questions); a refusal when
    the question asks for a year, indicator or quantity that the plans never mention, or when the stand-in quote
    does not hold the kind of thing asked. A place inside the plans' areas that they never write is answered
    only by facts stated for its whole class ("各县城…" for a county: rag.answer.class_places)."""
    place = unwritten_inner(ctx.corpus, query) if places else ""
    if place and place_level(place):
        classed = class_part(answer(ctx, query, hits, places=False), place_level(place))
        if classed is not None:
            return classed
    reason = missing_reason(ctx.corpus, query, hits, places=places)
    if reason:
        stated = target(ctx, query, hits) if query.intent == "target" and query.year else None
        # The target answerer's own refusal names the years the plan does state: more useful than ours.
        return stated if stated is not None and stated.abstained else refusal(ctx, reason, hits)
    intent = Intent.from_str(query.intent)
    by_standard = asks_standard(query) and query.language == "zh" and intent != Intent.COMPARE \
        and not WHO.search(query.norm)
    if by_standard:  # "出水要达到什么标准": the sentence stating the class or grade, whatever the intent read
        stated_standard = standard(ctx, query, hits)
        if stated_standard.lines:
            return stated_standard
    if asks_how_often(query) and intent in (Intent.DEADLINE, Intent.TARGET, Intent.GENERAL, Intent.LIST):
        # "村级河长多久巡一次河": the rhythm of the level asked, not a sentence's first 每周 (rag.answer.rhythms)
        often = rhythm(ctx, query, hits)
        if often.lines:
            return often
    if asks_capacity(query) and (intent in (Intent.TARGET, Intent.GENERAL)
                                 or intent in (Intent.DEADLINE, Intent.OBLIGATION, Intent.LIST)
                                 and not _ASKS_TIME.search(query.norm)):
        # "扩建以后一天能处理多少": a plant's capacity is no indicator target (rag.answer.capacities)
        treated = capacity(ctx, query, hits)
        if treated.lines:
            return treated
    draft = ANSWERERS[intent](ctx, query, hits)
    if intent == Intent.GENERAL and asks_figure(query):
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
        fallback = {Intent.TARGET: figure_quotes, Intent.DEADLINE: time_quotes, Intent.LIST: list_quotes}.get(intent, general)
        draft = fallback(ctx, query, hits)
        if not draft.lines and intent == Intent.DEADLINE:  # the limit of the clause meant (rag.answer.limit_meaning)
            draft = limit_by_meaning(ctx, query, hits)
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
    # The cited clauses must be about the place and the year asked, not another task's that the plan writes them in.
    # (Not while rag.answer.class_places weighs an answer for a place the plans never write: places=False.)
    uncited = uncited_place(ctx.corpus, query, draft) if places else ""
    if uncited:
        return refusal(ctx, f"找到的条款说的不是{uncited}。", hits)
    if other_years_only(query, draft):
        return refusal(ctx, "方案中没有关于所问年份的规定；找到的条款说的是别的年份。", hits)
    if unstated_year(ctx.corpus, query, draft):
        return refusal(ctx, "方案中没有关于所问年份的规定。", hits)
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
