"""English questions the plans' vocabulary reads too little of, answered when one clause is clearly the closest in
meaning (rag.answer.english_meaning), and still refused when several are about as close."""
from __future__ import annotations

import pytest

from rag.answer.english_meaning import MEANING_FLOOR, MEANING_MARGIN, clearly_meant, closest_clause
from rag.types import Hit
from tests.conftest import make_clause

_WELLS = make_clause("ledu-2017/三/（二）/4", "item", ("地下水",), "2017年底前,完成地下水限采区范围的划定工作。")
_TWIN = make_clause("ledu-2017/三/（二）/9", "item", ("地下水",), "2017年底前,完成地下水限采区范围的划定工作。")
_OTHER = make_clause("ledu-2017/三/（二）/5", "item", ("地下水",), "加强地下水动态监测网建设,强化地下水质量监控。")


def _hits(*pairs):
    return [Hit(clause, score, ("dense",)) for clause, score in pairs]


def test_the_closest_clause_leads_the_next_clause_of_other_text():
    closest = closest_clause(_hits((_WELLS, 0.890), (_TWIN, 0.890), (_OTHER, 0.873)))
    assert closest.clause_id == "ledu-2017/三/（二）/4"
    assert closest.margin == pytest.approx(0.017)  # the twin (a plan printed twice) is not a rival
    assert clearly_meant(closest)


def test_no_clear_first_or_too_far_is_not_meant():
    assert not clearly_meant(closest_clause(_hits((_WELLS, 0.880), (_OTHER, 0.878))))  # tied: no clear first
    assert not clearly_meant(closest_clause(_hits((_WELLS, MEANING_FLOOR - 0.01), (_OTHER, 0.5))))
    assert clearly_meant(closest_clause(_hits((_WELLS, MEANING_FLOOR), (_OTHER, MEANING_FLOOR - MEANING_MARGIN))))
    assert closest_clause([]) is None and not clearly_meant(None)


@pytest.mark.slow
def test_words_no_glossary_holds_are_understood_by_meaning(real_assistant):
    # "marking out the areas where groundwater pumping is restricted": 地下水限采区 in no glossary words
    reply = real_assistant.ask("When will Ledu finish marking out the areas where groundwater pumping is restricted?")
    assert not reply.abstained and "2017年底前" in reply.answer
    assert "地下水限采区" in reply.citations[0].text
    reply = real_assistant.ask("How much lower should Liaocheng's COD emissions be at end-2020 than in 2015?")
    assert not reply.abstained and "10.8%" in reply.answer


@pytest.mark.slow
def test_a_question_several_clauses_are_about_as_close_to_stays_refused(real_assistant):
    # Both were answered from a clause about charges or fines in general when the word check was simply lifted.
    assert real_assistant.ask("What daily fine does Changyi impose for illegal discharges?").abstained
    assert real_assistant.ask("How much does a ton of tap water cost in Liaocheng?").abstained
