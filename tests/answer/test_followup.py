"""Follow-up fragments resolved against the previous question: a place, a year, a part of the area or a role
asked; a question with words of its own stands alone."""
from __future__ import annotations

import pytest
from conftest import cited

from rag.answer.followup import follow_up


@pytest.fixture
def assistant(fake_assistant):
    return fake_assistant


def fragment(assistant, text):
    from rag.answer.query import analyze

    corpus = assistant.corpus
    return follow_up(analyze(text, corpus.plans, corpus.clauses), corpus)


def test_what_a_fragment_changes(assistant):
    assert fragment(assistant, "那2018年呢？").year == 2018
    assert fragment(assistant, "那县城呢？").scope == "县城"
    assert fragment(assistant, "配合单位有哪些？").asking == "配合单位有哪些"
    assert fragment(assistant, "那昌邑区呢？").places
    assert fragment(assistant, "那昌邑区2020年呢？").year == 2020


@pytest.mark.parametrize("text", ["乐都区小型餐饮服务业的环境整治什么时候完成？", "那么周村区的污泥处理处置由谁牵头呢？",
                                  "那山西的再生水利用率呢？", "好的", "呢？"])
def test_a_question_with_words_of_its_own_is_no_fragment(assistant, text):
    assert fragment(assistant, text) is None


def test_a_year_follow_up_replaces_the_year_asked(assistant):
    answer = assistant.ask("那2018年呢？", previous="山西黄河流域2019年达到或优于Ⅲ类断面比例的目标是多少？")
    assert answer.resolved_question.startswith("山西省 黄河流域2018年")
    assert cited(answer) == ["shanxi-2015/一/（四）/表1/r1"] and "51.72%" in answer.answer


def test_a_scope_follow_up_replaces_the_part_of_the_area(assistant):
    county = assistant.ask("那县城呢？", previous="聊城主城区到2020年污水处理率要达到多少？")
    assert county.resolved_question == "聊城市 县城到2020年污水处理率要达到多少?"
    assert cited(county)[0] == "liaocheng-2020/二/（三）/1" and county.answer.startswith("各县城污水处理率：达到90%以上")
    town = assistant.ask("那建制镇呢？", previous="聊城主城区到2020年污水处理率要达到多少？")
    assert town.answer.startswith("建制镇污水处理率：达到70%以上")


def test_a_scope_the_plan_sets_no_target_for_is_refused(assistant):
    answer = assistant.ask("那农村呢？", previous="周村区到2020年污水处理率要达到多少？")
    assert answer.resolved_question == "周村区 到2020年农村污水处理率要达到多少?"
    assert answer.abstained and "95%" not in answer.answer


def test_a_role_follow_up_asks_the_same_task(assistant):
    answer = assistant.ask("配合单位有哪些？", previous="周村区推进污泥安全处置由谁牵头？")
    assert answer.resolved_question == "周村区 推进污泥安全处置配合单位有哪些"
    assert answer.intent == "cooperate" and cited(answer)[0] == "zhoucun-2016/三/（一）/2/3"
    assert "区发改局、区环保分局" in answer.answer
    when = assistant.ask("什么时候完成？", previous="昌邑区取缔十小企业由谁牵头？")
    assert when.intent == "deadline" and "2016年底前" in when.answer


def test_a_full_question_stands_alone(assistant):
    answer = assistant.ask("乐都区小型餐饮服务业的环境整治什么时候完成？", previous="周村区到2020年污水处理率要达到多少？")
    assert answer.resolved_question == "" and cited(answer)[0] == "ledu-2017/二/（三）/8"
