"""English questions the plans' vocabulary reads too little of, answered when one clause is clearly the closest in
meaning (rag.answer.english_meaning), and still refused when several are about as close."""
from __future__ import annotations

import pytest

from rag.answer.english_meaning import (
    MEANING_FLOOR,
    MEANING_MARGIN,
    SENTENCE_FLOOR,
    SENTENCE_MARGIN,
    Closest,
    clearly_meant,
    closest_clause,
    meant_sentence,
)
from rag.answer.query import analyze
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


# A deadline question whose deadline reading found no line: the clearly meant clause's closest sentence answers.
_BLACK = "zhoucun-2016/二/（二）/3"
_SENTENCE = "到2017年底，消除城市建成区全部黑臭水体。"


def _sentence_hits(corpus, sentence=_SENTENCE):
    return [Hit(corpus.clause(_BLACK), 0.03, ("dense",), sentence=sentence)]


def _closest(score=0.90, margin=0.02):
    return lambda: Closest(_BLACK, score, margin)


def test_the_meant_clauses_dated_sentence_answers_a_deadline_question(mini_corpus):
    query = analyze("By when must Zhoucun get rid of the stinking water bodies in its built-up area?", mini_corpus.plans)
    draft = meant_sentence(mini_corpus, query, _sentence_hits(mini_corpus), _closest())
    assert draft.lines == [f"The plan says: 「{_SENTENCE}」[1]"]
    assert [c.clause_id for c in draft.citations] == [_BLACK] and draft.citations[0].quote == _SENTENCE


def test_no_sentence_answer_without_a_clear_first_a_parsed_limit_or_the_year_asked(mini_corpus):
    query = analyze("By when must Zhoucun get rid of the stinking water bodies in its built-up area?", mini_corpus.plans)
    hits = _sentence_hits(mini_corpus)
    assert meant_sentence(mini_corpus, query, hits, _closest(score=SENTENCE_FLOOR - 0.005)) is None
    assert meant_sentence(mini_corpus, query, hits, _closest(margin=SENTENCE_MARGIN - 0.001)) is None
    # a sentence of the clause in which the parser read no time limit
    assert meant_sentence(mini_corpus, query, _sentence_hits(mini_corpus, "消除城市建成区全部黑臭水体。"), _closest()) is None
    asked_2019 = analyze("By when in 2019 must Zhoucun get rid of its stinking water bodies?", mini_corpus.plans)
    assert asked_2019.year == 2019 and meant_sentence(mini_corpus, asked_2019, hits, _closest()) is None
    target = analyze("What share of Zhoucun's stinking water bodies must be gone by 2017?", mini_corpus.plans)
    assert target.intent != "deadline" and meant_sentence(mini_corpus, target, hits, _closest()) is None
