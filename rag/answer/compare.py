"""Comparisons across plans: each plan answered as the underlying question (target, deadline or who leads)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from rag.answer.draft import Context, Draft
from rag.answer.figures import deadline, target
from rag.answer.query import Query
from rag.answer.quotes import general
from rag.answer.who import who
from rag.types import Hit

_ASPECTS = (("deadline", r"什么时候|何时|哪一?年|期限|底前|时限|when|deadline|which year"),
            ("lead", r"谁|哪个部门|哪些部门|牵头|负责|who|lead"))


def aspect(norm: str) -> str:
    """What a comparison compares: deadlines, who leads, or (by default) targets."""
    return next((name for name, pattern in _ASPECTS if re.search(pattern, norm)), "target")


def compare(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """One line per plan, each answered as the underlying question; "方案未作规定" where a plan is silent."""
    corpus = ctx.corpus
    draft = Draft(corpus)
    kind = aspect(query.norm)
    answerer = {"deadline": deadline, "lead": who}.get(kind, partial(target, floor=0.5))
    for plan_id in query.plan_ids or tuple(p.plan_id for p in corpus.plans):
        single, plan_hits = replace(query, intent=kind, plan_ids=(plan_id,)), ctx.search(query.search_text, [plan_id])
        part = answerer(ctx, single, plan_hits)
        if not part.lines or part.abstained:  # not a stated figure: the plan's own closest sentence, if close
            part = general(ctx, single, plan_hits[:1], floor=0.5)
        name = corpus.display_name(plan_id)
        if part.lines:
            draft.absorb(part, f"{name}：", first_line_only=True)
        else:
            draft.lines.append(f"{name}：方案未作规定。")
    if not draft.citations:
        draft.lines = []
    return draft
