"""English answers: the answer's own words in English, quotes, numbers, dates and unit names as the plan writes."""
from __future__ import annotations

from rag.answer.english import english_name, render_line


def test_a_who_leads_line_names_each_unit_in_english_beside_the_chinese():
    line = render_line("牵头：区住建局；配合/参与：区财政局；期限：2017年底前。 [1]")
    assert line == ("Lead: housing and urban-rural development bureau (区住建局); Cooperating: finance bureau (区财政局); "
                    "Deadline: 2017年底前. [1]")


def test_a_target_line_keeps_the_value_and_the_quote():
    line = render_line("全区城市污水处理率：达到95%（2020年）。原文：「到2020年,全区城市污水处理率达到95%」[1]")
    assert line == ("Target for urban sewage treatment rate (全区城市污水处理率): reach 95% (2020年). "
                    "Source: 「到2020年,全区城市污水处理率达到95%」[1]")


def test_quotes_are_never_translated():
    assert render_line("- 禁止：「对影响城镇污水处理厂正常运行的工业废水，不得接入城区污水管网。」[2]") == \
        "- Forbidden: 「对影响城镇污水处理厂正常运行的工业废水，不得接入城区污水管网。」[2]"
    assert render_line("周村区：「到2017年底，消除城市建成区全部黑臭水体。」[1]") == \
        "周村区: The plan says: 「到2017年底，消除城市建成区全部黑臭水体。」[1]"


def test_unit_names_are_found_without_their_level():
    assert english_name("区住建局") == english_name("住建局") == "housing and urban-rural development bureau"
    assert english_name("不存在的名字") == ""


def test_a_unit_name_with_a_bracketed_list_stays_one_name():
    line = render_line("牵头：市生态环境局；落实/责任：各县（市、区）人民政府、市属开发区管委会。 [1]")
    assert "(各县（市、区）人民政府)" in line and "(市属开发区管委会)" in line


def test_a_bound_of_the_value_gets_an_english_gloss_beside_the_chinese():
    line = render_line("建制镇污水处理率：达到70%以上（到2020年年底）。原文：「建制镇污水处理率达到70%以上。」[1]")
    assert line == ("Target for township sewage treatment rate (建制镇污水处理率): reach 70%以上 (or more) (到2020年年底). "
                    "Source: 「建制镇污水处理率达到70%以上。」[1]")


def test_a_comparison_tables_header_is_in_english_and_its_values_are_not():
    assert render_line("| 方案 | 指标 | 目标值 | 年份 | 条款 |") == "| Plan | Indicator | Target | Year | Clause |"
    assert render_line("| 聊城市 | 单位耕地面积农药和化肥使用量 | 下降10% | 到2020年年底 | [1] |") == \
        "| 聊城市 | 单位耕地面积农药和化肥使用量 | 下降10% | 到2020年年底 | [1] |"
    assert render_line("| 乐都区 | – | 方案未作规定 | – | – |") == "| 乐都区 | – | not set in this plan | – | – |"


def test_a_source_line_gets_no_second_lead_in():
    assert render_line("原文：「到2020年年底，单位耕地面积农药和化肥使用量较2015年分别下降10%和6%。」[1]") == \
        "Source: 「到2020年年底，单位耕地面积农药和化肥使用量较2015年分别下降10%和6%。」[1]"


def test_a_refusal_to_an_english_question_is_said_in_english():
    from rag.answer.english import english_reason

    # The names a reason cites stay in Chinese beside their English name; the markers stay after them.
    line = "方案没有规定所问指标的目标; 相关条款规定的是建制镇污水处理率、各县城污水处理率的目标 [1]."
    assert english_reason(line) == ("The plan sets no target for the indicator asked; the related clauses set "
                                    "targets for township sewage treatment rate (建制镇污水处理率), county town "
                                    "sewage treatment rate (各县城污水处理率) [1].")
    assert english_reason("方案中没有关于总磷的规定。 The plans do not state this.") == \
        "The plans set nothing about total phosphorus (总磷). The plans do not state this."
    # A reason said twice keeps its English half only.
    assert english_reason("相近但不是同一任务的条款 Closest clauses, not the same task: [1][2]") == \
        "Closest clauses, not the same task: [1][2]"
    assert english_reason("Lead: x (区住建局) [1]") == "Lead: x (区住建局) [1]"


def test_a_place_without_a_plan_is_named_in_pinyin_beside_its_characters():
    from rag.answer.english import english_reason

    assert english_reason("现有方案中没有关于北京市的方案。 The plans do not answer this question.") == \
        "None of the plans held is about Beijing (北京市). The plans do not answer this question."
