"""The trust rules end to end (DESIGN.md): no leaked follow-ups, the question's place over the filter, who-leads
only from the task asked about, comparisons that keep every value, no table headers as targets."""
from __future__ import annotations

import re

import pytest
from conftest import cited

from rag.answer.about import off_subject
from rag.answer.who import who
from rag.types import Citation, Hit

ZHOUCUN_SLUDGE_EN = "Who leads the sludge disposal work in Zhoucun?"
ZHOUCUN_SLUDGE = "周村区推进污泥安全处置由谁牵头？"


@pytest.fixture
def assistant(fake_assistant):
    return fake_assistant


@pytest.mark.parametrize("question, place", [
    ("北京市黑臭水体整治由谁牵头？", "北京"),
    ("广州市黑臭水体整治由谁牵头？", "广州"),
    ("天津市黑臭水体整治由谁牵头？", "天津"),
    ("北京市的污水处理率目标是多少？", "北京"),
])
def test_a_full_question_naming_a_place_without_a_plan_is_refused_after_any_question(assistant, question, place):
    answer = assistant.ask(question, previous=ZHOUCUN_SLUDGE_EN)
    assert answer.abstained and place in answer.answer
    assert answer.resolved_question == "" and answer.citations == ()
    assert "区住建局" not in answer.answer and "95%" not in answer.answer


def test_a_follow_up_naming_a_place_without_a_plan_is_refused(assistant):
    answer = assistant.ask("那北京呢？", previous=ZHOUCUN_SLUDGE)
    assert answer.abstained and "北京" in answer.answer and answer.citations == ()


def test_an_english_follow_up_switches_the_plan_and_drops_the_earlier_place(assistant):
    answer = assistant.ask("what about Ledu?", previous=ZHOUCUN_SLUDGE_EN)
    assert answer.plan_ids == ("ledu-2017",) and answer.intent == "lead"
    assert "zhoucun" not in answer.resolved_question.lower()
    assert {c.plan_id for c in answer.citations} <= {"ledu-2017"}


def test_a_full_question_about_a_plan_stands_alone(assistant):
    answer = assistant.ask("昌邑区城市污水处理率目标是多少？", previous=ZHOUCUN_SLUDGE)
    assert answer.resolved_question == "" and answer.intent == "target"
    assert answer.plan_ids == ("changyi-2016",)


def test_the_place_named_in_the_question_wins_over_the_plan_filter(assistant):
    answer = assistant.ask(ZHOUCUN_SLUDGE, plan="shanxi-2015")
    assert answer.plan_ids == ("zhoucun-2016",)
    assert cited(answer)[0] == "zhoucun-2016/三/（一）/2/3"
    assert "牵头：区住建局" in answer.answer and "省住房城乡建设厅" not in answer.answer
    assert "山西省" in answer.answer.splitlines()[-1]  # the answer says the filter was not applied


def test_a_place_without_a_plan_is_refused_even_under_a_plan_filter(assistant):
    answer = assistant.ask("北京市污泥处置由谁牵头？", plan="shanxi-2015")
    assert answer.abstained and "北京" in answer.answer and answer.citations == ()


def test_the_plan_filter_still_applies_to_a_question_naming_no_place(assistant):
    answer = assistant.ask("推进污泥处理处置由谁牵头？", plan="shanxi-2015")
    assert answer.plan_ids == ("shanxi-2015",) and "省住房城乡建设厅" in answer.answer


def hits_of(assistant, *clause_ids):
    return [Hit(assistant.corpus.clause(cid), 1.0 - rank / 10, ("bm25",)) for rank, cid in enumerate(clause_ids)]


def test_who_leads_refuses_a_river_clause_for_a_sludge_question(assistant):
    # 聊城's plan has no sludge task; its river-management clause only shares 处理/处置 with the question.
    query = assistant.understand("污泥处理处置由谁牵头？", "liaocheng-2020", None)
    draft = who(assistant.context, query, hits_of(assistant, "liaocheng-2020/二/（五）/1"))
    assert draft.abstained and draft.facts == [] and "市水利局" not in draft.text
    assert [c.clause_id for c in draft.citations] == ["liaocheng-2020/二/（五）/1"]  # cited as not the same task
    answer = assistant.ask("污泥处理处置由谁牵头？", plan="liaocheng-2020")
    assert answer.abstained and "市水利局" not in answer.answer


def test_who_leads_names_the_clauses_that_are_not_the_same_task(assistant):
    query = assistant.understand("昌邑区污泥处置由谁牵头？", None, None)
    hits = hits_of(assistant, "changyi-2016/四/（二）/1", "changyi-2016/三/（九）/3")
    draft = who(assistant.context, query, hits)
    assert draft.abstained and draft.facts == [] and "区财政局" not in draft.text
    assert "不是同一任务" in draft.text
    assert [c.clause_id for c in draft.citations] == ["changyi-2016/四/（二）/1", "changyi-2016/三/（九）/3"]


def test_who_leads_refuses_a_funding_clause_that_mentions_sludge_in_passing(assistant):
    # 昌邑's funding clause lists 污泥处理处置 among the projects it pays for: not a sludge task.
    answer = assistant.ask("那昌邑区呢？", previous="聊城市污泥处置由谁牵头？")
    assert answer.plan_ids == ("changyi-2016",)
    assert "区财政局" not in answer.answer


def test_who_leads_still_answers_from_the_task_about_the_subject(assistant):
    answer = assistant.ask("那山西呢？", previous=ZHOUCUN_SLUDGE)
    assert not answer.abstained and cited(answer)[0] == "shanxi-2015/二/（一）/2/4"


def test_a_comparison_is_a_table_that_keeps_every_stated_value(assistant):
    answer = assistant.ask("山西和昌邑的污水处理率目标分别是多少？")
    rows = [line for line in answer.answer.splitlines() if line.startswith("| ")]
    assert rows[0].replace(" ", "") == "|方案|指标|目标值|年份|条款|"
    shanxi = [row for row in rows if row.startswith("| 山西省 |")]
    changyi = [row for row in rows if row.startswith("| 昌邑区 |")]
    assert any("85%" in row for row in shanxi) and any("95%" in row for row in shanxi)
    assert any("85%" in row for row in changyi) and any("95%" in row for row in changyi)
    assert {"shanxi-2015/二/（一）/2/1", "changyi-2016/三/（七）/1"} <= set(cited(answer))
    assert answer.grounding.passed


def test_an_english_target_question_never_gets_a_table_header(assistant):
    query = assistant.understand("What is the target for Shanxi's water quality?", None, None)
    draft = assistant.compose(query, hits_of(assistant, "shanxi-2015/一/（四）/p1", "shanxi-2015/一/（四）/表2"))
    assert "流域 2016年 2017年" not in draft.text
    # The sentence says the yearly targets are in 表1 and 表2: the answer is their rows, never the header row.
    assert [f["clause_id"] for f in draft.facts][:2] == ["shanxi-2015/一/（四）/表1/r1", "shanxi-2015/一/（四）/表1/r2"]
    assert re.search(r"2020年[:：]\s*62\.07%", draft.text)  # English answers use ASCII punctuation


def test_a_target_question_without_a_stated_figure_is_refused(assistant):
    query = assistant.understand("山西省的水质目标是多少？", None, None)
    draft = assistant.compose(query, hits_of(assistant, "shanxi-2015/一/（四）/表2"))
    assert draft.lines == []  # a table's header row is no target: the assistant refuses


def test_a_target_of_another_indicator_is_refused(assistant, monkeypatch):
    # 昌邑 sets no 畜禽粪污综合利用率 target; its 化肥利用率 sentence shares only 利用率 with the question.
    found = hits_of(assistant, "changyi-2016/三/（八）/1", "changyi-2016/三/（八）/3")
    monkeypatch.setattr(assistant.retriever, "search", lambda text, k=10, plan_ids=None, **options: found)
    answer = assistant.ask("昌邑区畜禽粪污综合利用率目标是多少？")
    assert answer.abstained and "40%" not in answer.answer
    monkeypatch.undo()
    query = assistant.understand("昌邑区畜禽粪污综合利用率目标是多少？", None, None)
    fertiliser = assistant.corpus.clause("changyi-2016/三/（八）/1")
    quote = "到2020年,全区测土配方施肥技术入户率要达到95%以上,测土配方施肥技术推广覆盖率达到90%以上,化肥利用率提高到40%以上"
    citation = Citation(1, "changyi-2016", "", fertiliser.clause_id, fertiliser.breadcrumb, fertiliser.text, quote)
    assert off_subject(assistant.corpus, query, [citation])
    sewage = assistant.ask("周村区到2020年污水处理率要达到多少？")
    assert not sewage.abstained and "95%以上" in sewage.answer


def test_a_when_question_never_gets_a_sentence_without_a_time(assistant):
    query = assistant.understand("When is the industrial wastewater treatment facility in Ledu Industrial Park due?",
                                 None, None)
    draft = assistant.compose(query, hits_of(assistant, "ledu-2017/二/（四）/11"))
    assert "加大推进工业园内企业废水预处理设施" not in draft.text  # no time stated
    assert draft.lines == [] or "年" in draft.text


def test_a_cooperate_question_on_a_task_with_only_a_lead_unit_is_refused(assistant):
    # "(区环保局负责)": the task names one responsible unit and no cooperating ones.
    query = assistant.understand("昌邑区依法核发排污许可证的配合部门有哪些？", None, None)
    assert query.intent == "cooperate"
    draft = who(assistant.context, query, hits_of(assistant, "changyi-2016/三/（九）/3"))
    assert draft.abstained and "没有列出配合/参与单位" in draft.lines[0]
    assert "牵头：区环保局；期限：2017年底前。 [1]" in draft.lines
    lead = who(assistant.context, assistant.understand("昌邑区依法核发排污许可证由哪个部门负责？", None, None),
               hits_of(assistant, "changyi-2016/三/（九）/3"))
    assert not lead.abstained and lead.lines[0] == "牵头：区环保局；期限：2017年底前。 [1]"
