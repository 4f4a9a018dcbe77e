"""Whether the clauses an answer cites are about the subject the question asks: the place and the year it names.

The plan-wide checks (rag.answer.absent) refuse a question naming a place or a year that no plan in scope writes.
A plan may write the place or the year elsewhere, for another task, and the closest clause be another one's:
"连州市西岸镇污水处理厂提标改造由谁牵头" was answered with the town-area plant's note (西岸镇 is written only in the
pipe-network task), "榆阳区2023年安排了多少攻坚资金" with the three-year total (2023 is written only in the targets).
So the evidence itself must write what the question names:

- a place inside the plan's area (a county, town, village) is written by a cited clause (its text, headings or
  the span quoted), or a cited clause states the fact for every place of its level ("各镇", "县城");
- a year asked of a figure, a duty or a list is stated by a quoted span or a cited clause's headings (not as a
  baseline: "比2015年"), or by a fact of that year, or the plan is that year's own annual plan ("东港市2020年…方案").

A failed check is a refusal in the question's language: the answer would be another place's or another year's.
"""
from __future__ import annotations

import re

from rag.answer.about import baseline_at, states_year
from rag.answer.class_places import class_words, place_level
from rag.answer.draft import Draft
from rag.answer.inner_places import unwritten_place
from rag.answer.places import english_named_places, plan_places
from rag.answer.query import Query
from rag.answer.unplaced import NOT_TOWN_NAMES
from rag.normalize import normalize
from rag.types import Corpus

# Intents whose answer states a figure, a duty or a list for the year asked. A deadline question's year is often
# the answer's own limit ("2018年底前要完成哪些"), checked by rag.answer.answered.other_years_only.
_YEAR_CHECKED = frozenset({"target", "obligation", "general", "list"})
_TITLE_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def evidence_texts(corpus: Corpus, draft: Draft) -> list[str]:
    """The normalised text of what an answer cites: each clause with its headings, and each span it quotes."""
    texts = []
    for citation in draft.citations:
        clause = corpus.clause(citation.clause_id)
        texts.append(normalize(" ".join((*clause.path, clause.text, citation.quote or ""))))
    return texts


def uncited_place(corpus: Corpus, query: Query, draft: Draft) -> str:
    """The place inside the plans' areas the question names that no cited clause writes or states a class fact for,
    else "". Only a given answer is checked (a refusal cites the closest clauses, whatever they are). A province
    plan answers for the cities and counties inside it (rag.answer.absent): not checked. The plans' own names count
    as written (an English question spells its plan's place: "a Changyi village")."""
    if draft.abstained or not draft.citations or query.intent == "compare":
        return ""
    plans = [corpus.plan(plan_id) for plan_id in dict.fromkeys(c.plan_id for c in draft.citations)]
    if any(plan.level == "province" for plan in plans):
        return ""
    own = normalize(" ".join(name for plan in plans for name in (*plan.regions, plan.title, plan.issuer)))
    texts = [*evidence_texts(corpus, draft), own]
    place = _named_place(corpus, query, texts)
    if not place:
        return ""
    words = class_words(place_level(place))
    if words is not None and any(words.search(text) for text in texts):
        return ""  # "各镇对辖区河道…" is every town's duty, the one asked too
    return place


def _named_place(corpus: Corpus, query: Query, texts: list[str]) -> str:
    """A county, town or village the question names inside the plans' areas that the texts never write: the
    divisions of the gazetteer and the towns and villages named before their level word, in both languages (a
    pinyin word of another kind, a river's or a plant's, is left to the checks of waters and terms)."""
    placed = plan_places(tuple(corpus.plans))
    scope = [placed[pid] for pid in (query.plan_ids or placed) if pid in placed]
    inner = english_named_places(query.norm, tuple(corpus.plans)) if query.language == "en" else ()
    return unwritten_place(query.norm, query.language, scope, inner, texts, NOT_TOWN_NAMES)


def _header(corpus: Corpus, clause) -> str:
    """A table row's header (its table's text): a row's cells take their years from it ("…2019年 2020年")."""
    if clause.kind != "table-row" or not clause.parent_id:
        return ""
    try:
        return corpus.clause(clause.parent_id).text
    except KeyError:
        return ""


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")


def _carried_year(text: str, quote: str) -> int | None:
    """The year a quoted sentence takes from its paragraph: the last year stated before it ("到2020年,辽河干流…。
    辽中区、新民市…污水处理率达到85%以上" is 2020's), not a baseline ("比2015年"); None when none is."""
    at = text.find(quote) if quote else -1
    if at <= 0:
        return None
    years = [int(m.group(1)) for m in _YEAR.finditer(text[:at]) if not baseline_at(text, m.start())]
    return years[-1] if years else None


def _annual_year(title: str) -> int | None:
    """The year of an annual plan, from its title's only year ("东港市2020年…工作方案"); None for a plan of a span
    of years ("2018—2020年") or none."""
    years = set(_TITLE_YEARS.findall(normalize(title)))
    return int(years.pop()) if len(years) == 1 else None


def unstated_year(corpus: Corpus, query: Query, draft: Draft) -> bool:
    """The question asks a year the cited evidence never states: no fact of that year, no quoted span or heading
    naming it, and no cited plan that is that year's annual plan. Facts carrying a year of their own are checked by
    their answerers (a target of another year is refused there)."""
    if not query.year or draft.abstained or not draft.citations or query.intent not in _YEAR_CHECKED:
        return False
    if any(fact.get("year") for fact in draft.facts):
        return False
    for citation in draft.citations:
        clause = corpus.clause(citation.clause_id)
        said = normalize(" ".join((*clause.path, _header(corpus, clause), citation.quote or clause.text)))
        if states_year(said, query.year) or _annual_year(citation.plan_title) == query.year \
                or _carried_year(clause.norm, normalize(citation.quote or "")) == query.year:
            return False
    return True
