"""The intent table: every declared intent has its answerer; a new question type is one row."""
from __future__ import annotations

import pytest

from rag.answer.draft import Context
from rag.answer.figures import deadline, target
from rag.answer.intents import ANSWERERS, Intent, compose
from rag.answer.query import analyze
from rag.answer.who import who
from rag.types import Hit


def test_every_intent_has_an_answerer():
    assert set(ANSWERERS) == set(Intent)
    assert ANSWERERS[Intent.LEAD] is who and ANSWERERS[Intent.TARGET] is target
    assert ANSWERERS[Intent.DEADLINE] is deadline


def test_unknown_intent_names_the_valid_ones():
    with pytest.raises(ValueError, match="unknown intent 'weather'; valid: lead, cooperate"):
        Intent.from_str("weather")


def test_compose_routes_a_who_leads_question_to_the_note(mini_corpus):
    clause = mini_corpus.clause("zhoucun-2016/三/（二）/2")
    ctx = Context(mini_corpus, lambda text, plans: [])
    query = analyze("周村区黑臭水体整治计划由谁牵头？", mini_corpus.plans)
    draft = compose(ctx, query, [Hit(clause, 1.0, ("bm25",))])
    assert query.intent == "lead"
    assert draft.facts[0]["lead_units"] == ["区住建局"] and draft.citations[0].clause_id == clause.clause_id
