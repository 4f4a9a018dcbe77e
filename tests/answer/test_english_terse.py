"""English questions in a search box's or a journalist's words (real index and embedder): contractions ("who's"),
numbers written with separators ("1,000 tonnes"), a year no compared plan states,
and the plans' indicators named without their qualifiers ("manure utilization rate")."""
from __future__ import annotations

import pytest

from rag.answer.asks import asked_intent
from rag.answer.limits import asked_amounts
from rag.answer.query import _asked_year

slow = pytest.mark.slow


@slow
def test_whos_responsible_is_a_lead_question(real_assistant):
    # Ledu 8.规范整治小型餐饮服务业: "(牵头部门:区市场监督管理局;…)"; before, "who's" read as a general question and
    # quoted the 农家乐 sentence with no unit.
    answer = real_assistant.ask("Who's responsible for regulating small eateries and guesthouses near rivers and "
                                "scenic spots in Ledu?")
    assert not answer.abstained and "区市场监督管理局" in answer.answer
    assert any(c.clause_id == "ledu-2017/二/（三）/8" for c in answer.citations)


@slow
def test_a_number_in_the_question_picks_its_limit(real_assistant):
    # Changyi: "2016年底前,日供水1000吨或服务人口10000人以上的水源要全面完成保护区划定; 2017年底前,乡镇农村…".
    answer = real_assistant.ask("By when must Changyi draw protection zones for water sources supplying over 1,000 "
                                "tonnes a day?")
    assert not answer.abstained and "2016年底前" in answer.answer and "2017年底前" not in answer.answer


def test_asked_amounts_drop_separators_and_years():
    class Q:
        norm = "by 2017, sources over 1,000 tonnes or 10000 people"
    assert asked_amounts(Q) == (("1000",), ("10000", "1万"))


@slow
def test_a_year_no_compared_plan_states_is_refused(real_assistant):
    # Shanxi and Liaocheng state sewage treatment rates for 2020 only.
    answer = real_assistant.ask("Shanxi vs Liaocheng: 2025 sewage treatment rate targets")
    assert answer.abstained and "98%" not in answer.answer and "95%" not in answer.answer


@slow
def test_manure_utilization_rate_without_its_qualifier(real_assistant):
    answer = real_assistant.ask("Liaocheng livestock manure utilisation rate 2020")
    assert not answer.abstained and "81％" in answer.answer


@slow
def test_combined_sewer_renovation_rate(real_assistant):
    answer = real_assistant.ask("Shanxi combined sewer pipe renovation rate 2020")
    assert not answer.abstained and "40%" in answer.answer
    assert any(c.clause_id == "shanxi-2015/二/（一）/2/2" for c in answer.citations)


def test_whos_and_who_are_ask_the_lead():
    assert asked_intent("who's responsible for sludge in ledu?", 1, None) == "lead"
    assert asked_intent("who are responsible for sludge in ledu?", 1, None) == "lead"


def test_a_baseline_year_in_english_is_not_the_year_asked():
    assert _asked_year("liaocheng cod emissions cut vs 2015", (2015,)) is None
    assert _asked_year("shanxi water use 2020 below 2015 levels", (2020, 2015)) == 2020
    assert _asked_year("聊城化学需氧量比2015年下降多少", (2015,)) is None


@slow
def test_which_plan_sets_a_year_is_answered_by_the_plan_stating_it(real_assistant):
    # Only Liaocheng writes 2022: "到2022年年底，城市建成区基本实现污水全收集、全处理" (no figure: a quote stands in).
    answer = real_assistant.ask("Which plan sets 2022 as the year for collecting and treating all sewage in "
                                "built-up areas?")
    assert not answer.abstained and "到2022年年底" in answer.answer
    assert [c.clause_id for c in answer.citations] == ["liaocheng-2020/二/（三）/2"]
