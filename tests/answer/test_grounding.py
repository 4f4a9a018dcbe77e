"""The grounding check on tiny literals cut from the seed plans."""
from __future__ import annotations

import re

import pytest

from rag.answer.grounding import canonical, check_grounding, cited_markers
from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus
from rag.types import Citation, Grounding

ZHOUCUN = Citation(
    1, "zhoucun-2016", "周村区水污染防治行动计划实施方案", "zhoucun-2016/三/（一）/2/1",
    "三、主要任务 › （一）强化全过程水污染防治。 › 2．强化城镇生活污染治理。",
    "加快城镇污水处理设施建设。全区城镇污水处理厂于2017年底出水水质COD、氨氮指标分别达到40mg/L和2mg/L，"
    "其他指标达到一级A标准要求。到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。"
    "（区住建局牵头，区发改局、区环保分局等参与）",
)
LEDU = Citation(
    2, "ledu-2017", "海东市乐都区2017年度水污染防治工作方案", "ledu-2017/二/（一）/2", "",
    "2.强化城镇生活污水处理设施建设运行和尾水深度处理。到2020年,全区城市污水处理率达到95%"
    "(牵头部门:区住房和规划建设局;配合部门:区发展和改革委员会、水务局、环境保护局、财政局)",
)
LIAOCHENG = Citation(
    3, "liaocheng-2020", "聊城市打好碧水保卫战2020年行动计划", "liaocheng-2020/二/（二）/1", "",
    "到2020年年底，聊城主城区及临清市污水处理率达到98%以上，各县城污水处理率达到90%以上。"
    "〔牵头部门：市城管局、市住房城乡建设局；配合部门：市生态环境局〕",
)
SHANXI = Citation(
    4, "shanxi-2015", "山西省水污染防治工作方案", "shanxi-2015/二/（一）/1/2", "",
    "狠抓工业污染防治。2016年6月底前,全面排查装备水平低、环保设施差的小型工业企业。"
    "到2020年,化肥利用率提高到40%以上。(省经信委牵头,省环保厅等参与)",
)
ZHOUCUN_FARM = Citation(
    5, "zhoucun-2016", "周村区水污染防治行动计划实施方案", "zhoucun-2016/三/（一）/3/2", "",
    "到2020年，化肥利用率提高10个百分点以上，农药利用率提高到40%。地表水Ⅲ类水体要求。（区农业局牵头）",
)
ALL = (ZHOUCUN, LEDU, LIAOCHENG, SHANXI, ZHOUCUN_FARM)


def grounded(answer: str, citations=ALL) -> bool:
    return check_grounding(answer, citations)[1].passed


@pytest.mark.parametrize(
    "statement",
    [
        "周村区到2020年全区污水处理率达到95%以上。[1]",
        "周村区到2020年全区污水处理率达到９５％以上。[1]",  # full-width digits and ％
        "周村区到二〇二〇年全区污水处理率达到百分之九十五以上。[1]",  # Chinese numerals
        "COD 40 mg/L，氨氮2mg/L。[1]",  # spaces and case
        "由区住建局牵头，区发改局、区环保分局参与。[1]",
        "聊城到2020年底，主城区污水处理率达到98%以上。[3]",  # 2020年年底 in the clause
        "聊城2020年年底前，各县城污水处理率达到90%以上。[3]",
        "乐都区的配合部门有区发展和改革委员会、区水务局、区财政局。[2]",  # 乐都 drops the repeated 区
        "山西省2016年6月底前完成排查，由省经信委牵头。[4]",
        "山西省2016年06月底前完成排查。[4]",
        "化肥利用率提高十个百分点以上。[5]",
        "孝妇河达到地表水Ⅲ类水体要求。[5]",
        "全区污水处理率达到95%以上。",  # no marker: any citation may ground it
        "周村区的方案由区住建局牵头，区农业局负责化肥减量。[1][5]",  # two markers: either clause may ground
        "方案要求加快城镇污水处理设施建设。[1]",  # nothing to check
    ],
)
def test_grounded_statements_are_kept(statement):
    text, grounding = check_grounding(statement, ALL)
    assert (text, grounding.removed, grounding.passed) == (statement, (), True)


@pytest.mark.parametrize(
    "statement",
    [
        "周村区到2020年全区污水处理率达到98%以上。[1]",  # wrong value
        "周村区到2025年全区污水处理率达到95%以上。[1]",  # wrong year
        "周村区到2020年全区污水处理率达到5%以上。[1]",  # 5% is inside 95% but not a value there
        "COD达到40mg/L，总磷达到0.5mg/L。[1]",
        "山西省2016年12月底前完成排查。[4]",  # wrong month
        "由市住建局牵头。[1]",  # the plan's unit is 区住建局
        "由区水利局牵头。[1]",
        "由省环保厅牵头。[1]",  # in citation 4, not in the cited [1]
        "聊城到2020年底，主城区污水处理率达到98%以上。[9]",  # marker to a citation that does not exist
        "孝妇河达到地表水Ⅴ类水体要求。[5]",
        "孝妇河达到地表水V类水体要求。[5]",  # V is not grounded by III
        "共涉及3个部门。[1]",
    ],
)
def test_ungrounded_statements_are_removed(statement):
    text, grounding = check_grounding(statement, ALL)
    assert (text, grounding.removed, grounding.passed) == ("", (statement,), False)


def test_only_the_failing_statement_is_removed():
    answer = (
        "周村区：到2020年，全区污水处理率达到95%以上。[1]到2018年再生水利用率达到30%。[1]\n"
        "乐都区：到2020年，全区城市污水处理率达到95%，由区住房和规划建设局牵头。[2]\n"
        "聊城：由市环保局牵头。[3]"
    )
    text, grounding = check_grounding(answer, ALL)
    assert text == (
        "周村区：到2020年，全区污水处理率达到95%以上。[1]\n"
        "乐都区：到2020年，全区城市污水处理率达到95%，由区住房和规划建设局牵头。[2]"
    )
    assert grounding == Grounding(
        passed=False, checked=8, removed=("到2018年再生水利用率达到30%。[1]", "聊城：由市环保局牵头。[3]")
    )


def test_list_enumerators_are_layout_not_numbers():
    answer = "1. 到2020年，全区污水处理率达到95%以上。[1]\n2. 由区住建局牵头。[1]\n（3）由区水利局牵头。[1]"
    text, grounding = check_grounding(answer, ALL)
    assert text == "1. 到2020年，全区污水处理率达到95%以上。[1]\n2. 由区住建局牵头。[1]"
    assert grounding.removed == ("（3）由区水利局牵头。[1]",)


def test_english_statement_numbers_are_checked():
    answer = "By 2020 the sewage treatment rate in Zhoucun reaches 95%. [1] By 2020 it reaches 97%. [1]"
    text, grounding = check_grounding(answer, ALL)
    assert text == "By 2020 the sewage treatment rate in Zhoucun reaches 95%. [1]"
    assert grounding.removed == ("By 2020 it reaches 97%. [1]",)


def test_blank_lines_are_kept_and_checked_counts_claims():
    text, grounding = check_grounding("到2020年，全区污水处理率达到95%以上。[1]\n\n由区住建局牵头。[1]", (ZHOUCUN,))
    assert text == "到2020年，全区污水处理率达到95%以上。[1]\n\n由区住建局牵头。[1]"
    assert grounding == Grounding(True, 3, ())


def test_no_citations_grounds_only_fact_free_statements():
    text, grounding = check_grounding("所提供的方案条款中没有相关内容。到2020年达到95%。", ())
    assert (text, grounding.removed) == ("所提供的方案条款中没有相关内容。", ("到2020年达到95%。",))


def test_cited_markers_in_order_without_repeats():
    assert cited_markers("甲[2]。乙［1］。丙【2】。") == (2, 1)


@pytest.mark.parametrize(
    ("raw", "form"),
    [
        ("二〇二〇年年底前", "2020年底前"),
        ("２０１７年底前", "2017年底前"),
        ("95％", "95%"),
        ("百分之九十五", "95%"),
        ("两千三百万立方米", "2300万立方米"),
        ("提高十个百分点", "提高10个百分点"),
        ("COD 40 mg/L", "cod40mg/l"),
        ("地表水Ⅲ类", "地表水iii类"),
    ],
)
def test_canonical(raw, form):
    assert canonical(raw) == form


@pytest.fixture(scope="module")
def clauses():
    return load_corpus(PROJECT_ROOT / "corpus").clauses


def cite(clause) -> Citation:
    return Citation(1, clause.plan_id, "", clause.clause_id, clause.breadcrumb, clause.text)


def test_every_clause_quoted_verbatim_is_grounded_by_itself(clauses):
    removed = [c.clause_id for c in clauses if check_grounding(c.text + "[1]", [cite(c)])[1].removed]
    assert len(clauses) > 400 and removed == []


def test_a_changed_number_in_any_clause_is_caught(clauses):
    missed = []
    for clause in clauses:
        body = re.sub(r"^\s*\d{1,2}[.．、]", "", clause.text)  # item numbers are layout
        number = re.search(r"(?<![\d.])(\d+)(?![\d.])", body)
        changed = str(int(number.group(1)) + 7) if number else ""
        if not number or re.search(rf"(?<![\d.]){changed}(?!\d)", canonical(clause.text)):
            continue
        if not check_grounding(body[: number.start()] + changed + body[number.end():], [cite(clause)])[1].removed:
            missed.append(clause.clause_id)
    assert missed == []


def test_a_quoted_line_states_only_measured_figures_its_quote_holds():
    from rag.answer.grounding import quoted_line_holds

    # The clause holds 40mg/L, but the quoted sentence is the 95% one: the figure is another sentence's.
    stray = "全区污水处理率：达到40mg/L（2020年）。原文：「到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。」[1]"
    assert not quoted_line_holds(stray)
    text, grounding = check_grounding(stray, [ZHOUCUN])
    assert text == "" and not grounding.passed
    assert quoted_line_holds("全区污水处理率：达到95%以上（2020年）。原文：「全区污水处理率达到95%以上。」[1]")
    # A year from the clause's opening and a label's bare number ("表1") need not be in the quote.
    assert quoted_line_holds("期限：到2017年。原文：「城市建成区基本消灭黑臭水体;」[1]")
    assert quoted_line_holds("表1  分年度目标：黄河流域，「2018年：51.72%」[1]")


# A year-column table row as the genre parser gives it (zhuzhou-2018/一/表1/r3): the unit is only in the row name.
ZHUZHOU_ROW = Citation(
    1, "zhuzhou-2018", "株洲市水污染防治实施方案（2018—2020年）", "zhuzhou-2018/一/表1/r3", "",
    "指标：城市污水处理率（%）；2018年：92；2019年：94；2020年：95",
)


def test_a_table_row_grounds_a_value_with_the_unit_of_its_row_name():
    text, verdict = check_grounding("株洲市2019年城市污水处理率目标：94% [1]。", [ZHUZHOU_ROW])
    assert verdict.passed and "94%" in text


def test_a_value_the_table_row_does_not_hold_is_still_removed():
    _, verdict = check_grounding("株洲市2019年城市污水处理率目标：93% [1]。", [ZHUZHOU_ROW])
    assert not verdict.passed
    _, verdict = check_grounding("株洲市2019年城市污水处理量：94万吨 [1]。", [ZHUZHOU_ROW])
    assert not verdict.passed


# putian-2018 and liyang-2017 (composed18, stop 20)
PUTIAN = Citation(
    1, "putian-2018", "莆田市2018年水污染防治工作计划", "putian-2018/二/（一）", "二、重点任务 › （一）木兰溪流域综合治理。",
    "（一）木兰溪流域综合治理。2018年底前完成木兰溪干流沿线38个入河排污口规范化整治，实施萩芦溪、延寿溪生态补水工程。"
    "（责任单位：市水利局（牵头），市环保局、市住建局，荔城区、城厢区、仙游县人民政府）",
)


def test_a_place_sharing_the_office_of_a_list_is_grounded():
    # "荔城区、城厢区、仙游县人民政府" names 荔城区人民政府 (the note parser splits it so)
    text, grounding = check_grounding("落实/责任：荔城区人民政府、城厢区人民政府。 [1]", [PUTIAN])
    assert grounding.passed and text == "落实/责任：荔城区人民政府、城厢区人民政府。 [1]"
    assert not check_grounding("落实/责任：涵江区人民政府。 [1]", [PUTIAN])[1].passed

