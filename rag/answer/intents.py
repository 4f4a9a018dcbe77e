"""The intent table: each kind of question and the plain function that answers it.

A new question type is one `Intent` member, one answerer function and one row in ANSWERERS.
"""
from __future__ import annotations

from enum import Enum
from typing import Callable

from rag.answer.compare import compare
from rag.answer.draft import Context, Draft
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
    the intent's answerer finds nothing."""
    intent = Intent.from_str(query.intent)
    draft = ANSWERERS[intent](ctx, query, hits)
    if not draft.lines and intent not in STATED_ONLY:
        draft = general(ctx, query, hits)
    return draft


# A target is a stated figure: when none matches, a nearby sentence (or a table's header) is no answer to
# "what is the target", so the assistant refuses instead of quoting one.
STATED_ONLY = frozenset({Intent.TARGET})
