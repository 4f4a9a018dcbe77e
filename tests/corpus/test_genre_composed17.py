"""Composed17 forms: items that open with their deadline (miyun-2019), a Word task table whose duty column holds
labelled roles (bishan-2018), and the grounding of an item quoted with its number."""
from rag.answer.grounding import check_grounding
from rag.corpus.clauses import match_heading
from rag.corpus.duty_cells import duty_fields
from rag.corpus.grid_tables import row_lines
from rag.types import Citation


def test_an_item_opening_with_a_year_is_an_item_and_a_decimal_is_not():
    heading = match_heading("1．2019年6月底前，完成水库一级保护区内剩余12户农户和3处民宿的搬迁腾退，保护区围网实现全封闭管理。")
    assert (heading.kind, heading.token) == ("item", "1")
    assert match_heading("3．2019年9月底前，完成檀营再生水厂二期工程主体建设").token == "3"
    assert match_heading("1.5倍以上") is None
    assert match_heading("10.25%以上") is None


def test_a_duty_cell_is_read_as_the_role_columns_it_names():
    assert duty_fields("责任分工", "牵头单位：区生态环境局；责任单位：璧山高新区管委会、区经济信息委") == [
        ("牵头单位", "区生态环境局"), ("责任单位", "璧山高新区管委会、区经济信息委")]
    assert duty_fields("责任分工", "区水务局") == [("责任分工", "区水务局")]
    assert duty_fields("完成时限", "2018年10月底前") == [("完成时限", "2018年10月底前")]


def test_a_task_table_with_a_duty_column_keeps_lead_and_responsible_apart():
    # Real cells of bishan-2018's table (a group row merged across, then task rows).
    grid = [[("序号",), ("重点任务",), ("完成时限",), ("责任分工",)],
            [("（一）工业污染治理",)] * 4,
            [("1",), ("璧山高新区污水处理厂完成提标改造，出水执行一级A标准。",), ("2018年10月底前",),
             ("牵头单位：区生态环境局；责任单位：璧山高新区管委会、区经济信息委",)]]
    assert row_lines(grid) == [
        "类别：（一）工业污染治理；序号：1；重点任务：璧山高新区污水处理厂完成提标改造，出水执行一级A标准。；"
        "完成时限：2018年10月底前；牵头单位：区生态环境局；责任单位：璧山高新区管委会、区经济信息委"]


def test_an_item_number_before_its_year_is_no_claim():
    text = "1．2019年6月底前，完成水库一级保护区内剩余12户农户和3处民宿的搬迁腾退，保护区围网实现全封闭管理。"
    citation = Citation(1, "miyun-2019", "密云区2019年水污染防治工作要点", "miyun-2019/二/（一）/1",
                        "二、重点任务 › （一）强化密云水库一级保护区管理 › 1．", text, text)
    answer = f"期限：2019年6月底前。原文：「{text}」[1]"
    kept, grounding = check_grounding(answer, [citation])
    assert kept == answer and grounding.passed


def test_a_part_after_qizhong_is_measured_by_the_indicator_before_it():
    from rag.corpus.targets import find_targets
    from rag.normalize import normalize
    from rag.types import Clause

    text = "2019年，密云水库水质稳定保持在Ⅱ类；城镇污水处理率达到93%，其中新城地区达到99%；农村地区生活污水处理率达到55%；"
    clause = Clause("miyun-2019", "miyun-2019/一/p1", ("一、主要指标",), "paragraph", text, normalize(text), 0, len(text))
    assert [(t.indicator, t.value_text) for t in find_targets(clause, 2019)] == [
        ("密云水库水质", "Ⅱ类"), ("城镇污水处理率", "93%"), ("新城地区城镇污水处理率", "99%"),
        ("农村地区生活污水处理率", "55%")]
