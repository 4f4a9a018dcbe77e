"""An English question is understood through its glossary terms; one resting on too few words is refused."""
from __future__ import annotations

from rag.answer.english_unknown import NOT_UNDERSTOOD, not_understood
from rag.answer.evidence import MIN_UNDERSTOOD_WORDS, understood_words
from rag.answer.query import analyze


def test_understood_words_counts_distinct_words_of_the_terms_found():
    assert understood_words(("supply pipe",)) == 2
    assert understood_words(("sewage treatment rate", "designated town", "sewage")) == 5
    assert understood_words(("六水共建",)) == 1


def test_a_target_question_with_only_supply_pipe_understood_is_refused(mini_corpus):
    # ("leakage" would name 公共供水管网漏损率: the glossary knows it since session 16.)
    query = analyze("What is Shanxi's 2020 target for public water supply pipes in its cities?", mini_corpus.plans)
    assert [m.term.official for m in query.terms] == ["供水管网"]
    assert query.intent == "target" and not_understood(query) == NOT_UNDERSTOOD


def test_a_well_understood_english_question_and_who_questions_are_answered(mini_corpus):
    query = analyze("What is Shanxi's 2020 target for the sewage treatment rate in designated towns?", mini_corpus.plans)
    assert understood_words(tuple(m.surface for m in query.terms)) >= MIN_UNDERSTOOD_WORDS
    assert not_understood(query) == ""
    lead = analyze("Who leads the crackdown on petrol stations in Shanxi?", mini_corpus.plans)
    assert lead.intent == "lead" and not_understood(lead) == ""
    assert not_understood(analyze("山西省供水管网漏损率目标是多少？", mini_corpus.plans)) == ""


def test_two_terms_pin_an_english_question_down(mini_corpus):
    query = analyze("From which year must inland river ships in Shanxi meet the new standard?", mini_corpus.plans)
    assert sorted(m.term.official for m in query.terms) == ["河道", "船舶"]
    assert query.intent == "deadline" and not_understood(query) == ""
