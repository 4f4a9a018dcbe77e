"""The intent table: each kind of question and the plain function that answers it.

A new question type is one `Intent` member, one answerer function and one row in ANSWERERS.
"""
from __future__ import annotations

from enum import Enum
from typing import Callable

from rag.answer.absent import missing_reason
from rag.answer.compare import compare
from rag.answer.draft import Context, Draft
from rag.answer.english import to_english
from rag.answer.figures import deadline, target
from rag.answer.query import Query
from rag.answer.quotes import general, listing, obligation
from rag.answer.who import who
from rag.types import Hit


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
    def from_str(cls, name: str) -> "Intent":
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
    """The direct answer for a question whose evidence has passed the abstention rule; the general quote when
    the intent's answerer finds nothing; a refusal when the question asks for a year, indicator or quantity
    that the plans never mention."""
    reason = missing_reason(ctx.corpus, query, hits)
    if reason:
        return refusal(ctx, reason, hits)
    draft = ANSWERERS[Intent.from_str(query.intent)](ctx, query, hits)
    if not draft.lines:
        draft = general(ctx, query, hits)
    return to_english(draft) if query.language == "en" else draft


def refusal(ctx: Context, reason: str, hits: list[Hit]) -> Draft:
    """An abstention that says what is missing and cites the closest clauses."""
    draft = Draft(ctx.corpus, abstained=True)
    draft.lines.append(f"{reason} The plans do not state this.")
    for hit in hits[:2]:
        draft.cite(hit.clause)
    return draft
