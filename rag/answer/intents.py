"""The intent table: each kind of question and the plain function that answers it.

A new question type is one `Intent` member, one answerer function and one row in ANSWERERS.
"""
from __future__ import annotations

import re
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
from rag.lexicon import load_lexicon
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
        stated = target(ctx, query, hits) if query.intent == "target" and query.year else None
        # The target answerer's own refusal names the years the plan does state: more useful than ours.
        return stated if stated is not None and stated.abstained else refusal(ctx, reason, hits)
    draft = ANSWERERS[Intent.from_str(query.intent)](ctx, query, hits)
    if not draft.lines:
        draft = general(ctx, query, hits)
        # A quote stands in for a missing fact only when it holds the kind of thing asked: a figure, a time,
        # a unit. Otherwise it is an answer to another question (the trust rule: refuse instead).
        if draft.lines and not fallback_answers(query.intent, draft.text):
            return refusal(ctx, "方案中没有找到直接回答这个问题的规定。", hits)
    return to_english(draft) if query.language == "en" else draft


_ASKED_KIND = {
    "target": re.compile(r"\d"),
    "deadline": re.compile(r"(?:19|20)\d{2}年|\d{1,2}月|年底|年内|底前"),
    "lead": re.compile(load_lexicon().unit_suffix_pattern),
}
_ASKED_KIND["cooperate"] = _ASKED_KIND["implement"] = _ASKED_KIND["lead"]


def fallback_answers(intent: str, quote: str) -> bool:
    """Whether a general quote holds what the intent asks for (any quote will do for the other intents)."""
    pattern = _ASKED_KIND.get(intent)
    return pattern is None or bool(pattern.search(quote))


def refusal(ctx: Context, reason: str, hits: list[Hit]) -> Draft:
    """An abstention that says what is missing and cites the closest clauses."""
    draft = Draft(ctx.corpus, abstained=True)
    draft.lines.append(f"{reason} The plans do not state this.")
    for hit in hits[:2]:
        draft.cite(hit.clause)
    return draft
