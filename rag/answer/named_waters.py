"""The river, lake or reservoir a question names, which the clauses an answer cites must write.

A question about one water ("克孜河清淤工程什么时候完成", "西河清淤疏浚由谁负责") is often answered best, by the
search, with the task of another water that shares the task's words (东湖清淤, 螺溪河清淤疏浚): its time or its
lead unit is then a confident wrong answer. A water the question names and a plan in scope writes is the subject
(rag.answer.water_names reads it); every cited clause must write it, else the answer is of another water's task,
and the question is refused.
"""
from __future__ import annotations

from collections.abc import Sequence

from rag.answer.query import Query
from rag.answer.water_names import asked_waters, other_water_named, plan_regions, unwritten_waters
from rag.normalize import normalize
from rag.types import Corpus

__all__ = ["asked_waters", "unnamed_water"]


def unnamed_water(corpus: Corpus, query: Query, citations: Sequence) -> str:
    """The water the question names when a cited clause writes another water and not it (in its quote or its
    titles): the task or target of another river or lake. "" otherwise — a clause naming no water at all is the
    plan's general task or target, which covers the water asked ("小沙河黑臭水体" answered by the district's
    black-and-odorous-water task; "Songhua River water in Changyi" by the district's river target). A water no
    plan in scope writes (钱资湖 of 溧阳) is answered by no clause of another water (长荡湖's fish pens)."""
    waters = asked_waters(corpus, query) or unwritten_waters(corpus, query)
    if not waters or not citations:
        return ""
    regions = plan_regions(corpus)
    for citation in citations:
        clause = corpus.clause(citation.clause_id)
        default = corpus.default_source(clause.plan_id)
        if default is not None and default.clause_id == clause.clause_id:
            continue  # the plan-wide note of who implements every task ("以下…不再列出") is of no one water
        # A quoted cell of a table row ("2019年3月底前") is read with its row, whose name cell says what it is of.
        quote = clause.text if clause.kind == "table-row" else citation.quote or clause.text
        text = normalize(" ".join((*clause.path, quote)))
        if any(water in text for water in waters):
            continue
        if other_water_named(text, [corpus.plan_text(clause.plan_id)], regions):
            return waters[0]
    return ""
