"""Follow-up questions ("那昌邑区呢？") resolved against the previous question; the plan filter applied.

The trust rules (DESIGN.md): only a follow-up — a place, a year, a part of the area (县城, 农村) or a role asked
(配合单位有哪些, 什么时候完成), and nothing else but filler words — is resolved against the previous question, by
replacing that one thing in it; a question with any words of its own stands alone, whatever came before. A place named in the question wins
over the plan filter; the filter only narrows questions that name no place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rag.answer.asks import intent_patterns
from rag.answer.places import load_places
from rag.answer.query import Query, analyze
from rag.lexicon import load_glossary
from rag.normalize import normalize
from rag.types import Corpus, Plan

# What a follow-up may hold besides its place: "那", "那么", "还有", "呢", "怎么样", "what about", "and in"…
_FILLER = re.compile(r"那么|那个|那|还有|又是|又如何|怎么样|如何|的呢|呢|的|and|what|how|about|in|for|then|"
                     r"[\s?？。.,，!！]")
# Beside a role's question words ("配合单位有哪些", "谁具体落实", "啥时候完成"), the words that carry no subject.
_ASK_FILLER = re.compile(r"单位|部门|有哪些|哪些|是谁|谁|由|有|是|要|需要|完成|做完|搞完|弄完|干完|做|搞|都|还|"
                         r"一起|其他|其余|别的|具体|最晚|前|呀|啊|吗")
# A year asked in a fragment ("那2017年呢", "2020年底前呢"), with its end-of-year words.
_YEAR_ASKED = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)\s*年?(?:年底|底)?(?:前|以前|之前)?")


# The intents a follow-up fragment may ask on its own ("配合单位有哪些？", "什么时候完成？", "谁牵头？"): asked
# after a task question, they ask the same task for another role. Their question words, and the glossary's.
_ASKING_INTENTS = ("lead", "cooperate", "implement", "deadline")


@lru_cache(maxsize=1)
def _asking_pattern() -> re.Pattern:
    rules = intent_patterns(*_ASKING_INTENTS)
    words = sorted({normalize(w) for role, ws in load_glossary().roles if role in _ASKING_INTENTS
                    for w in ws if not w.isascii() and len(normalize(w)) >= 2}, key=len, reverse=True)
    return re.compile("|".join([*(f"(?:{rule})" for rule in rules), *(re.escape(w) for w in words)]))


def without_asking(norm: str) -> str:
    """The normalised text without the question words of who leads, cooperates, implements or by when."""
    return _asking_pattern().sub(" ", norm)


def asks_role(norm: str) -> bool:
    """Whether the text asks who leads, cooperates, implements or by when."""
    return bool(_asking_pattern().search(norm))


@dataclass(frozen=True)
class Fragment:
    """What a follow-up fragment changes in the previous question; it says nothing else of its own."""

    places: bool  # it names a place: the previous question's places are replaced
    year: int | None  # it names a year: the previous question's asked year is replaced (or one is added)
    scope: str  # it names a part of the area (县城, 农村): the previous question's part is replaced (or added)
    asking: str  # it asks a role of its own (配合单位有哪些, 什么时候完成): the previous question's role is replaced


def understand(text: str, plan: str | None, previous: str | None, corpus: Corpus) -> Query:
    """Analyse the question, resolving a follow-up against the previous question, then apply the plan filter."""
    query = analyze(text, corpus.plans, corpus.clauses)
    fragment = follow_up(query, corpus) if previous else None
    if fragment:
        earlier = analyze(previous, corpus.plans, corpus.clauses)
        if earlier.intent != "general" or earlier.indicator:
            query = analyze(resolve(earlier, query, fragment, corpus), corpus.plans, corpus.clauses)
    if plan and not names_place_outside(query, corpus.plan(plan)):
        query = replace(query, plan_ids=(plan,), unknown_places=())
    return query


def is_follow_up(query: Query, corpus: Corpus) -> bool:
    """A question that changes only the place, the year, the part of the area or the role asked of the previous
    question ("那昌邑区呢？", "那2018年呢？", "那县城呢？", "配合单位有哪些？", "what about Ledu?")."""
    return follow_up(query, corpus) is not None


def follow_up(query: Query, corpus: Corpus) -> Fragment | None:
    """What the fragment changes, or None for a question with words of its own (it stands alone)."""
    rest = query.norm
    for alias in _aliases(corpus, query.plan_ids, query.unknown_places):
        rest = _strip(rest, alias)
    years = [int(m.group(0)[:4]) for m in _YEAR_ASKED.finditer(rest)]
    rest = _YEAR_ASKED.sub(" ", rest)
    scope = ""
    for form in _scope_forms():
        if form in rest:
            scope, rest = scope or form, rest.replace(form, " ")
    asking = ""
    if query.language == "zh" and asks_role(rest):
        asking = _FILLER.sub("", rest)
        rest = _ASK_FILLER.sub("", without_asking(rest))
    if _FILLER.sub("", rest):
        return None
    places = bool(query.plan_ids or query.unknown_places)
    if not (places or years or scope or asking):
        return None
    return Fragment(places, years[-1] if years else None, scope, asking)


def resolve(earlier: Query, follow: Query, fragment: Fragment, corpus: Corpus) -> str:
    """The previous question (normalised) with the fragment's place, year, part of the area and role."""
    body = earlier.norm
    for alias in _aliases(corpus, earlier.plan_ids, earlier.unknown_places):
        body = _strip(body, alias)
    source = follow if fragment.places else earlier
    place = "".join(corpus.display_name(p) for p in source.plan_ids) + "".join(source.unknown_places)
    if fragment.year:
        old = str(earlier.year) if earlier.year else ""
        body = body.replace(old, str(fragment.year)) if old and old in body else f"{fragment.year}年{body}"
    if fragment.scope:
        body = _swap_scope(body, earlier, fragment.scope)
    if fragment.asking:
        body = re.sub(r"[\s?？。!！]+$", "", without_asking(body)) + fragment.asking
    joint = " " if body[:1].isascii() else ""  # "乐都区 what is the target…", not "乐都区what"
    return re.sub(r"\s+", " ", f"{place}{joint}{body}").strip()


def _swap_scope(body: str, earlier: Query, scope: str) -> str:
    """The part of the area named in the previous question replaced by the fragment's ("主城区" → "县城"); with none
    named, the fragment's part put before the indicator asked about ("污水处理率" → "农村污水处理率")."""
    named = [form for form in _scope_forms() if form in body]
    if named:
        return re.sub(rf"[主中]?{re.escape(named[0])}", scope, body)
    surfaces = [m.surface for m in earlier.terms if m.term.official == earlier.indicator and m.surface in body]
    if surfaces:
        return body.replace(surfaces[0], f"{scope}{surfaces[0]}", 1)
    return f"{scope}{body}"


@lru_cache(maxsize=1)
def _scope_forms() -> tuple[str, ...]:
    """The Chinese forms of the glossary's parts of the area, longest first ("建制镇" before "城市")."""
    forms = {normalize(form) for chinese, _ in load_glossary().scopes for form in chinese}
    return tuple(sorted(forms, key=len, reverse=True))


def names_place_outside(query: Query, plan: Plan) -> bool:
    """The question names a plan other than `plan`, or a place `plan` does not cover: the question's place wins."""
    if any(plan_id != plan.plan_id for plan_id in query.plan_ids):
        return True
    covered = normalize(" ".join((*plan.regions, plan.issuer, plan.province)))
    return any(normalize(place) not in covered for place in query.unknown_places)


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
