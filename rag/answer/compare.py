"""Comparisons across plans: each plan answered as the underlying question (target, deadline or who leads), shown
as one table (plan · value · year · clause) that keeps every value a plan states, with the quoted sentences below."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from rag.answer.draft import Context, Draft
from rag.answer.figures import target
from rag.answer.limits import deadline
from rag.answer.query import Query
from rag.answer.quotes import general
from rag.answer.who import who
from rag.types import Hit

_ASPECTS = (("deadline", r"什么时候|何时|哪一?年|期限|底前|时限|when|deadline|which year"),
            ("lead", r"谁|哪个部门|哪些部门|牵头|负责|who|lead"))
_MARKERS = re.compile(r"\s*\[\d+\]")
_QUOTE = re.compile(r"原文：「(.+?)」")
_HEADERS = {"target": "| 方案 | 指标 | 目标值 | 年份 | 条款 |", "deadline": "| 方案 | 事项 | 期限 | 年份 | 条款 |",
            "lead": "| 方案 | 角色 | 单位 | 年份 | 条款 |"}


def aspect(norm: str) -> str:
    """What a comparison compares: deadlines, who leads, or (by default) targets."""
    return next((name for name, pattern in _ASPECTS if re.search(pattern, norm)), "target")


def compare(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """A table row per stated value of each plan; "方案未作规定" where a plan is silent."""
    corpus = ctx.corpus
    draft = Draft(corpus)
    kind = aspect(query.norm)
    answerer = {"deadline": deadline, "lead": who}.get(kind, partial(target, floor=0.5))
    rows: list[str] = []
    quotes: list[str] = []
    for plan_id in query.plan_ids or tuple(p.plan_id for p in corpus.plans):
        single, plan_hits = replace(query, intent=kind, plan_ids=(plan_id,)), ctx.search(query.search_text, [plan_id])
        part = answerer(ctx, single, plan_hits)
        if not part.lines or part.abstained:  # not a stated figure: the plan's own closest sentence, if close
            part = general(ctx, single, plan_hits[:1], floor=0.5)
            if query.year and kind == "target" and not _states_year(part, query.year):
                # A year asked: a plan whose sentence is about other years does not answer "2025 targets" with
                # a quote of its 2020 one.
                part = Draft(corpus)
        name = corpus.display_name(plan_id)
        if not part.lines:
            rows.append(f"| {name} | 方案未作规定 | – | – | – |")
            continue
        numbers = {c.n: draft.cite(corpus.clause(c.clause_id), c.quote) for c in part.citations}
        draft.facts.extend(part.facts)
        for line in part.lines:
            rows.append(_row(name, line, numbers))
            quote = _QUOTE.search(line)
            if quote and quote.group(1) not in {q for q, _ in quotes}:
                quotes.append((quote.group(1), _markers(line, numbers)))
    if not draft.citations:
        if query.year and kind == "target":
            draft.lines.append(f"方案中没有关于{query.year}年的目标。 No plan compared sets a target for {query.year}.")
            draft.abstained = True
        return draft
    draft.lines = [_HEADERS.get(kind, _HEADERS["target"]), "|---|---|---|---|---|", *rows]
    draft.lines += [f"原文：「{quote}」{markers}" for quote, markers in quotes]
    return draft


def _states_year(part: Draft, year: int) -> bool:
    return any(str(year) in (c.quote or "") for c in part.citations)


def _markers(line: str, numbers: dict[int, int]) -> str:
    """The line's [n] markers renumbered into the comparison's citations."""
    return "".join(f"[{numbers.get(int(n), n)}]" for n in re.findall(r"\[(\d+)\]", line))


def _row(name: str, line: str, numbers: dict[int, int]) -> str:
    """One table row from an answerer's line: "指标：达到95%以上（2020年）。原文：…[1]" → plan · indicator · value · year · clause."""
    markers = _markers(line, numbers)
    body = _MARKERS.sub("", _QUOTE.sub("", line)).strip().rstrip("。")
    year = re.search(r"（([^（）]*\d{4}[^（）]*)）$", body)
    if year:
        body = body[: year.start()]
    indicator, sep, value = body.partition("：")
    if not sep:
        indicator, value = "–", body
    return f"| {name} | {indicator.strip() or '–'} | {value.strip() or '–'} | {year.group(1) if year else '–'} | {markers} |"
