"""The assistant end to end on the real corpus, with the deterministic fake embedder (quick, exact)."""
from __future__ import annotations

import pytest
from conftest import cited


@pytest.fixture
def assistant(fake_assistant):
    return fake_assistant


def test_who_leads_cites_the_task_clause_and_its_default_implementer(assistant):
    answer = assistant.ask("周村区推进污泥安全处置由谁牵头？")
    assert answer.intent == "lead" and not answer.abstained
    assert cited(answer)[0] == "zhoucun-2016/三/（一）/2/3"
    assert answer.answer.splitlines()[0] == "牵头：区住建局；配合/参与：区发改局、区环保分局；期限：2017年底前、2020年底前。 [1]"
    assert "各镇办" in answer.answer and cited(answer)[1] == "zhoucun-2016/三/（一）/1/1"
    assert answer.grounding.passed
    assert answer.citations[0].text == assistant.corpus.clause("zhoucun-2016/三/（一）/2/3").text


def test_target_quotes_the_plan_sentence(assistant):
    answer = assistant.ask("周村区到2020年污水处理率要达到多少？")
    assert cited(answer) == ["zhoucun-2016/三/（一）/2/1"]
    assert "全区污水处理率：达到95%以上（2020年）" in answer.answer
    assert "「到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。」[1]" in answer.answer


def test_a_year_the_plan_does_not_set_is_abstained(assistant):
    answer = assistant.ask("周村区2025年污水处理率目标是多少？")
    assert answer.abstained and "2020年" in answer.answer
    assert cited(answer) == ["zhoucun-2016/三/（一）/2/1"]


def test_places_outside_the_corpus_and_off_topic_questions_abstain(assistant):
    beijing = assistant.ask("北京市的污水处理率目标是多少？")
    assert beijing.abstained and "北京" in beijing.answer and beijing.citations == ()
    weather = assistant.ask("今天天气怎么样？")
    assert weather.abstained


def test_deadline(assistant):
    answer = assistant.ask("乐都区小型餐饮服务业的环境整治什么时候完成？")
    assert answer.intent == "deadline"
    assert cited(answer)[0] == "ledu-2017/二/（三）/8"
    assert answer.answer.startswith("期限：2017年底前。")


def test_table_cell_answers_a_year_figure(assistant):
    answer = assistant.ask("山西黄河流域2019年达到或优于Ⅲ类断面比例的目标是多少？")
    assert cited(answer) == ["shanxi-2015/一/（四）/表1/r1"]
    assert "「2019年：56.90%」[1]" in answer.answer


def test_list_reads_every_row_of_a_table(assistant):
    answer = assistant.ask("周村区黑臭水体清单有哪些？")
    assert cited(answer) == ["zhoucun-2016/附表3", "zhoucun-2016/附表3/r1", "zhoucun-2016/附表3/r2", "zhoucun-2016/附表3/r3"]


def test_comparison_answers_per_plan_and_names_plans_without_the_figure(assistant):
    answer = assistant.ask("各方案的再生水利用率目标分别是多少？")
    assert answer.intent == "compare"
    rows = [line for line in answer.answer.splitlines() if line.startswith("| ") and "方案 |" not in line]
    assert len(rows) == 5  # a table row per plan, each stating one value here
    assert "| 聊城市 | 方案未作规定 | – | – | – |" in rows
    assert "| 乐都区 | 全区再生水利用率 | 达到18% | 2020年 | [2] |" in rows
    assert "changyi-2016/三/（二）/5" in cited(answer) and "ledu-2017/二/（六）/15" in cited(answer)


def test_follow_up_keeps_the_question_and_switches_the_plan(assistant):
    answer = assistant.ask("那山西呢？", previous="周村区推进污泥安全处置由谁牵头？")
    assert answer.plan_ids == ("shanxi-2015",)
    assert cited(answer)[0] == "shanxi-2015/二/（一）/2/4"
    assert "牵头：省住房城乡建设厅" in answer.answer


def test_chained_follow_ups_resolve_against_the_understood_question(assistant):
    first = assistant.ask("那山西呢？", previous="周村区推进污泥安全处置由谁牵头？")
    assert "山西" in first.resolved_question and "污泥" in first.resolved_question
    second = assistant.ask("那昌邑区呢？", previous=first.resolved_question)
    assert second.plan_ids == ("changyi-2016",) and second.intent == "lead"
    assert assistant.ask("周村区推进污泥安全处置由谁牵头？").resolved_question == ""


def test_a_follow_up_fragment_left_unresolved_is_refused_not_answered(assistant):
    from rag.assistant import UNRESOLVED

    # Before: "那2017年呢？" after a Ledu question got a basin's 7.84% from shanxi's table; alone, 那县城呢 a
    # sentence about water meters. Resolved now, the year is asked of Ledu's rate, and Ledu sets none for 2017.
    year = assistant.ask("那2017年呢？", previous="乐都区城市污水处理率到2020年要达到多少？")
    assert year.resolved_question == "乐都区 城市污水处理率到2017年要达到多少?"
    assert year.abstained and "7.84%" not in year.answer and "2020年" in year.answer
    alone = assistant.ask("那2017年呢？")
    assert alone.abstained and alone.answer.startswith(UNRESOLVED) and alone.citations == ()
    assert assistant.ask("那县城呢？").abstained and assistant.ask("那周村区呢？").abstained
    resolved = assistant.ask("那山西呢？", previous="周村区推进污泥安全处置由谁牵头？")
    assert not resolved.abstained and "牵头：省住房城乡建设厅" in resolved.answer
    own = assistant.ask("那么周村区的污泥处理处置由谁牵头呢？")  # a follow-up's words, and a question of its own
    assert not own.abstained and "区住建局" in own.answer


def test_traditional_full_width_and_english_questions(assistant):
    traditional = assistant.ask("周村區推進污泥安全處置由誰牽頭？")
    assert cited(traditional)[0] == "zhoucun-2016/三/（一）/2/3"
    full_width = assistant.ask("周村区到２０２０年污水处理率要达到多少？")
    assert "95%以上" in full_width.answer


def test_plan_filter(assistant):
    answer = assistant.ask("推进污泥处理处置由谁牵头？", plan="shanxi-2015")
    assert {c.plan_id for c in answer.citations} == {"shanxi-2015"}
    unknown = assistant.ask("谁牵头？", plan="beijing-2020")
    assert unknown.error and unknown.abstained


@pytest.mark.parametrize("question, message", [
    ("", "问题为空"),
    ("   \x00\x07  ", "问题为空"),
    ("？？？！！", "只有标点"),
    ("污水" * 5000, "问题过长"),
])
def test_bad_questions_get_a_clear_reply(assistant, question, message):
    answer = assistant.ask(question)
    assert message in answer.answer and answer.error and answer.abstained and answer.citations == ()


def test_control_characters_are_stripped_not_fatal(assistant):
    answer = assistant.ask("周村区推进污泥安全处置\x00由谁牵头？\x1b")
    assert answer.question == "周村区推进污泥安全处置由谁牵头？"
    assert cited(answer)[0] == "zhoucun-2016/三/（一）/2/3"


def test_json_contract(assistant):
    row = assistant.ask("聊城市防治地下水污染的牵头部门是哪个？").to_json(question_id="q7")
    assert list(row)[:6] == ["id", "question", "answer", "abstained", "citations", "latency_ms"]
    assert row["id"] == "q7" and row["abstained"] is False
    first = row["citations"][0]
    assert set(first) >= {"n", "plan_id", "plan_title", "clause_id", "path", "text"}
    assert first["clause_id"] == "liaocheng-2020/二/（二）/2" and first["plan_title"] == "聊城市打好碧水保卫战2020年行动计划"
    assert "[1]" in row["answer"]


def test_count_question_quotes_the_stated_count(assistant):
    answer = assistant.ask("周村区建成区有几条黑臭水体？")
    assert cited(answer)[0] == "zhoucun-2016/三/（二）/2"
    assert "3条黑臭水体" in answer.answer


def test_an_answer_that_fails_the_grounding_check_entirely_abstains(assistant, monkeypatch):
    from rag.answer.draft import Draft

    def ungrounded(query, hits):
        draft = Draft(assistant.corpus)
        draft.lines.append(f"牵头：区住建局，期限：2031年底前 [{draft.cite(hits[0].clause)}]")
        return draft

    monkeypatch.setattr(assistant, "compose", ungrounded)
    answer = assistant.ask("周村区推进污泥安全处置由谁牵头？")
    assert answer.abstained and "2031" not in answer.answer and "不足以支持" in answer.answer
    assert answer.grounding.passed is False and answer.grounding.removed
