"""Follow-up questions ("那昌邑区呢？") resolved against the previous question; the plan filter applied."""
from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.query import Query, analyze
from rag.types import Corpus

_FOLLOW_UP = re.compile(r"^(?:那么?|那个|还有|and|what about|how about)?\s*(.{1,16}?)\s*(?:呢|的呢|怎么样|如何|又如何)?\s*[?？。.]?$", re.I)


def understand(text: str, plan: str | None, previous: str | None, corpus: Corpus) -> Query:
    """Analyse the question, resolving a follow-up ("那昌邑区呢？") against the previous question."""
    query = analyze(text, corpus.plans)
    if previous and (query.plan_ids or query.unknown_places) and _FOLLOW_UP.match(text):
        earlier = analyze(previous, corpus.plans)
        if earlier.intent != "general" or earlier.indicator:
            query = analyze(_swap_place(previous, earlier, text, corpus), corpus.plans)
    if plan:
        query = replace(query, plan_ids=(plan,), unknown_places=())
    return query


def _swap_place(previous: str, earlier: Query, follow_up: str, corpus: Corpus) -> str:
    """The previous question with the place it named replaced by the follow-up's place."""
    stripped = previous
    for plan_id in earlier.plan_ids:
        plan = corpus.plan(plan_id)
        for name in sorted((*plan.regions, plan.title), key=len, reverse=True):
            stripped = stripped.replace(name, "")
    place = _FOLLOW_UP.match(follow_up).group(1)
    return f"{place}{stripped}"
