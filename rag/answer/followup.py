"""Follow-up questions ("那昌邑区呢？") resolved against the previous question; the plan filter applied.

The trust rules (DESIGN.md): only a follow-up — a place and nothing else but filler words — is resolved against
the previous question; a full question stands alone, whatever came before. A place named in the question wins
over the plan filter; the filter only narrows questions that name no place.
"""
from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.places import load_places
from rag.answer.query import Query, analyze
from rag.normalize import normalize
from rag.types import Corpus, Plan

# What a follow-up may hold besides its place: "那", "那么", "还有", "呢", "怎么样", "what about", "and in"…
_FILLER = re.compile(r"那么|那个|那|还有|又是|又如何|怎么样|如何|的呢|呢|的|and|what|how|about|in|for|then|"
                     r"[\s?？。.,，!！]")


def understand(text: str, plan: str | None, previous: str | None, corpus: Corpus) -> Query:
    """Analyse the question, resolving a follow-up against the previous question, then apply the plan filter."""
    query = analyze(text, corpus.plans, corpus.clauses)
    if previous and is_follow_up(query, corpus):
        earlier = analyze(previous, corpus.plans, corpus.clauses)
        if earlier.intent != "general" or earlier.indicator:
            query = analyze(_swap_place(earlier, query, corpus), corpus.plans, corpus.clauses)
    if plan and not names_place_outside(query, corpus.plan(plan)):
        query = replace(query, plan_ids=(plan,), unknown_places=())
    return query


def is_follow_up(query: Query, corpus: Corpus) -> bool:
    """A question that names a place and asks nothing else ("那昌邑区呢？", "what about Ledu?")."""
    if not (query.plan_ids or query.unknown_places):
        return False
    rest = query.norm
    for alias in _aliases(corpus, query.plan_ids, query.unknown_places):
        rest = _strip(rest, alias)
    return not _FILLER.sub("", rest)


def names_place_outside(query: Query, plan: Plan) -> bool:
    """The question names a plan other than `plan`, or a place `plan` does not cover: the question's place wins."""
    if any(plan_id != plan.plan_id for plan_id in query.plan_ids):
        return True
    covered = normalize(" ".join((*plan.regions, plan.issuer, plan.province)))
    return any(normalize(place) not in covered for place in query.unknown_places)


def _swap_place(earlier: Query, follow_up: Query, corpus: Corpus) -> str:
    """The previous question (normalised) with every name of its places replaced by the follow-up's place."""
    stripped = earlier.norm
    for alias in _aliases(corpus, earlier.plan_ids, earlier.unknown_places):
        stripped = _strip(stripped, alias)
    place = ("".join(corpus.display_name(p) for p in follow_up.plan_ids) + "".join(follow_up.unknown_places))
    return f"{place}{stripped}"


def _aliases(corpus: Corpus, plan_ids: tuple[str, ...], places: tuple[str, ...]) -> list[str]:
    """Every normalised name of the plans and places, longest first (English names from the place table too)."""
    names: set[str] = {normalize(place) for place in places}
    for plan_id in plan_ids:
        plan = corpus.plan(plan_id)
        names.update(normalize(name) for name in (*plan.regions, plan.title, plan.province) if name)
    for place in load_places():
        if names & set(place.aliases):
            names.update(place.aliases)
    return sorted((name for name in names if name), key=len, reverse=True)


def _strip(text: str, alias: str) -> str:
    # English names need word boundaries ("ledu" must not be cut out of "scheduled").
    pattern = rf"(?<![a-z]){re.escape(alias)}(?![a-z])" if alias.isascii() else re.escape(alias)
    return re.sub(pattern, " ", text)


def filter_note(plan: str | None, query: Query, corpus: Corpus) -> str:
    """The line that says the question's place was answered instead of the plan filter; "" when the filter held."""
    if not plan or not query.plan_ids or plan in query.plan_ids:
        return ""
    asked = "、".join(corpus.display_name(p) for p in query.plan_ids)
    return (f"（问题问的是{asked}，按问题作答；方案筛选“{corpus.display_name(plan)}”未采用。"
            f" The question names {asked}, so the filter {plan} was not applied.）")
