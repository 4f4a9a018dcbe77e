"""Repairs, metadata, places and facts on literals cut from the plans-dev excerpts (tests/fixtures/plans-dev)."""
from __future__ import annotations

from pathlib import Path

import pytest

from rag.corpus.extract import annual_year, parse_note
from rag.corpus.gazetteer import find_places, resolve_chain, short_name
from rag.corpus.metadata import find_title, infer_plan
from rag.corpus.repair import join_inner_spaces, repaired, roman_classes, strip_injected_pinyin
from rag.corpus.targets import find_targets
from tests.conftest import make_clause

PLANS_DEV = Path(__file__).resolve().parents[1] / "fixtures" / "plans-dev"


@pytest.mark.parametrize("written, expected", [
    ("《宿遷市2022年度水污染防治工作方案》發(fā)布 54項(xiàng)重點(diǎn)工程", "《宿迁市2022年度水污染防治工作方案》发布 54项重点工程"),
    ("一、工作目標(biāo)", "一、工作目标"),
    ("(達到或優于Ⅲ類,下同)", "(达到或优于Ⅲ类,下同)"),
    ("涝河入渭断面达到Ш类水质", "涝河入渭断面达到Ⅲ类水质"),
    ("长江、珠江流域水质优良(达到或优于HI类)比例", "长江、珠江流域水质优良(达到或优于Ⅲ类)比例"),
    ("地表水类IV类", "地表水类Ⅳ类"),
])
def test_repaired_text_for_facts(written, expected):
    assert repaired(written) == expected


def test_each_repair_alone():
    assert strip_injected_pinyin("目標(biāo)(GB3838-2002)") == "目標(GB3838-2002)"
    assert join_inner_spaces("镇 江市 2020年") == "镇江市 2020年"
    assert roman_classes("劣V类、II类") == "劣Ⅴ类、Ⅱ类"


def test_title_of_an_issuing_notice_not_the_first_plan_it_cites():
    head = ("为贯彻落实《水污染防治行动计划》和《安徽省水污染防治工作方案》,\n"
            "关于印发《2017年度安徽省水污染防治重点工作任务》的通知\n皖水领办〔2017〕4号")
    assert find_title(head) == "2017年度安徽省水污染防治重点工作任务"


def test_title_ignores_a_notice_cited_inside_another_title_and_nested_angle_brackets():
    zhengzhou = "按照《中共郑州市委办公厅、郑州市人民政府办公厅关于印发〈郑州市打好碧水保卫战三年行动计划(2018—2020年)〉的通知》要求"
    assert find_title(zhengzhou) == ""
    liupanshui = "市人民政府关于印发《六盘水市〈贵州省乌江流域水环境保护规划(2015—2020年)〉实施方案》的通知"
    assert find_title(liupanshui) == "六盘水市〈贵州省乌江流域水环境保护规划(2015—2020年)〉实施方案"


def test_title_heading_line_split_over_two_lines_and_run_into_text():
    assert find_title("【水利方案】大兴安岭地区水污染\n\n防治工作方案\n") == "大兴安岭地区水污染防治工作方案"
    assert find_title("、成都市水污染防治工作方案,为贯彻落实国务院.关于印发水污染防治行动计划的通知") == "成都市水污染防治工作方案"


def test_gazetteer_reads_a_city_then_its_district():
    chain = resolve_chain(find_places("西安市临潼区2018年度水污染防治工作方案"))
    assert [(p.name, p.code, p.level) for p in chain] == [("西安市", "610100", "city"), ("临潼区", "610115", "county")]
    assert chain[-1].pinyin == "lintong"
    assert short_name("内蒙古自治区") == "内蒙古" and short_name("城区") == ""


@pytest.mark.parametrize("name, plan_id, title, regions, level, province", [
    ("lintong-2018.txt", "lintong-2018", "西安市临潼区2018年度水污染防治工作方案", ("临潼区", "临潼", "lintong"), "district", "陕西省"),
    ("neimenggu-2016.txt", "neimenggu-2016", "内蒙古自治区2016年度水污染防治计划", ("内蒙古自治区", "内蒙古", "neimenggu"), "province", "内蒙古自治区"),
    ("suqian-2022.txt", "suqian-2022", "宿迁市2022年度水污染防治工作方案", ("宿迁市", "宿迁", "suqian"), "city", "江苏省"),
    ("xichuan-2014.txt", "xichuan-2014", "淅川县碧水工程实施方案(2014—2017年)", ("淅川县", "淅川", "xichuan"), "county", "河南省"),
    ("huangshi-2018.txt", "huangshi-2018", "黄石市（huangshi-2018）", ("黄石市", "黄石", "huangshi"), "city", "湖北省"),
])
def test_metadata_inferred_from_plans_dev(name, plan_id, title, regions, level, province):
    plan = infer_plan((PLANS_DEV / name).read_text(encoding="utf-8"), name, "0" * 64)
    assert (plan.plan_id, plan.title, plan.regions, plan.level, plan.province) == (plan_id, title, regions, level, province)


def test_doc_number_of_the_plan_not_of_a_cited_one():
    plan = infer_plan((PLANS_DEV / "xichuan-2014.txt").read_text(encoding="utf-8"), "xichuan-2014.txt", "0" * 64)
    assert (plan.doc_number, plan.date) == ("淅政办〔2014〕34号", "2014-08-25")


def test_note_implementer_first_with_nested_parentheses():
    note = parse_note("各县(市、区)政府、黄石经济技术开发区管委会具体落实,市环保局、市水利水产局、市交通运输局依责落实")
    assert [u.text for u in note.implement] == ["各县(市、区)政府", "黄石经济技术开发区管委会"]
    assert [u.text for u in note.cooperate] == ["市环保局", "市水利水产局", "市交通运输局"]
    assert note.lead == ()


def test_note_labelled_lead_and_participants():
    note = parse_note("牵头单位:规划局;参与单位:发改委、住建局、公用事业局")
    assert [u.text for u in note.lead] == ["规划局"]
    assert [u.text for u in note.cooperate] == ["发改委", "住建局", "公用事业局"]


def test_note_with_a_full_stop_after_the_leads_and_a_default():
    note = parse_note("区经贸局、环保分局牵头。公安分局、国土分局、区发改委配合,各街办、园区落实。以下各项任务均需街办、园区落实,不再列出")
    assert [u.text for u in note.lead] == ["区经贸局", "环保分局"]
    assert [u.text for u in note.cooperate] == ["公安分局", "国土分局", "区发改委"]
    assert [u.text for u in note.default] == ["街办", "园区"]


def test_annual_plan_gives_its_year_and_a_baseline_is_not_a_target_year():
    title = make_clause("x-2018/p1", "preamble", (), "西安市临潼区2018年度水污染防治工作方案")
    assert annual_year([title]) == 2018
    clause = make_clause("x-2018/一/p1", "paragraph", ("一、工作目标",),
                         "2018年度,化学需氧量和氨氮排放量分别与2015年相比下降7.9%和7.7%。渭河新丰桥断面达到Ⅴ类水质。")
    targets = find_targets(clause, 2018)
    assert [(t.value_text, t.year, t.baseline_year) for t in targets] == [
        ("7.9%", 2018, 2015), ("7.7%", 2018, 2015), ("Ⅴ类", 2018, None)]


def test_a_year_stated_earlier_in_the_paragraph_carries_forward():
    clause = make_clause("x/一/p1", "paragraph", (), "到2017年,城市建成区基本消除黑臭水体。地级城市集中式饮用水水源水质达标率达到100%。")
    assert [(t.value_text, t.year) for t in find_targets(clause)] == [("100%", 2017)]


def test_open_ended_unit_list_loses_its_tail():
    note = parse_note("环保分局牵头,区经贸局、区发改委等相关部门配合")
    assert ([u.text for u in note.lead], [u.text for u in note.cooperate]) == (["环保分局"], ["区经贸局", "区发改委"])


def test_box_drawn_task_table_responsibility_column():
    from rag.corpus.table_notes import table_responsibilities

    rows = ["┌──┬─────┬──────┬────────┬──┐", "│序号│ 责任单位 │   责任任务    │完成时间    │备注│",
            "├──┼─────┼──────┼────────┼──┤", "│1  │市建委  │启动南运河改造工程。  │2005年5月底以前 │  │"]
    clauses = [make_clause(f"tianjin-2005/（五）/p{i}", "paragraph", (), row) for i, row in enumerate(rows, 5)]
    (note,) = table_responsibilities(clauses)
    assert (note.clause_id, [u.name for u in note.implementing_units], note.span) == (
        "tianjin-2005/（五）/p8", ["市建委"], "启动南运河改造工程。 2005年5月底以前")


def test_a_plan_on_one_line_is_split_at_its_numbering_markers():
    from rag.corpus.cleaning import Line, split_run_on

    text = ("特制定本方案。一、总体目标(一)指导思想以习近平新时代中国特色社会主义思想为指导," + "推进治水工作," * 90
            + "(二)工作目标到2020年,全市基本建成“污水零直排区”。二、主要任务(一)开展“污水零直排区”建设1.分期分批完成创建任务。")
    pieces = split_run_on(Line(text, 100, 100 + len(text)))
    assert [p.text[:8] for p in pieces] == ["特制定本方案。", "一、总体目标", "(一)指导思想以", "(二)工作目标到",
                                            "二、主要任务", "(一)开展“污水", "1.分期分批完成"]
    assert all(text[p.start - 100:p.end - 100] == p.text for p in pieces)


def test_unheaded_staged_target_paragraphs_after_the_preamble_give_targets():
    from rag.corpus.extract import extract_facts

    clause = make_clause("hunan-2018/p4", "preamble", (), "到2019年,国家地表水考核断面水质优良比例达到88.3%,消除劣 V类水体。")
    notice = make_clause("hunan-2018/p1", "preamble", (), "为深入贯彻落实党的十九大精神,地表水水质优良比例达到80%。")
    targets = extract_facts([notice, clause]).targets
    assert [(t.clause_id, t.value_text, t.year) for t in targets] == [
        ("hunan-2018/p4", "88.3%", 2019), ("hunan-2018/p4", "劣Ⅴ类", 2019)]


def test_labelled_note_on_the_line_after_a_task_and_in_traditional_characters():
    from rag.corpus.extract import extract_facts

    task = make_clause("zhengzhou-2020/三/（一）/1", "item", ("1.贾鲁河中牟陈桥断面。",),
                       "1.贾鲁河中牟陈桥断面。强化涉水企业监管,确保2020年底前断面水质达标。")
    note = make_clause("zhengzhou-2020/三/（一）/1/1", "paragraph", ("1.贾鲁河中牟陈桥断面。",), "責任單位:中牟縣政府、市生態環境局")
    (found,) = extract_facts([task, note]).responsibilities
    assert (found.clause_id, [u.name for u in found.implementing_units], found.lead_units) == (
        "zhengzhou-2020/三/（一）/1", ["中牟县政府", "市生态环境局"], ())


def test_labelled_lead_and_cooperating_units_ending_a_task_sentence():
    from rag.corpus.extract import extract_facts

    task = make_clause("x/二/（一）/2", "item", (), "2.开展黑臭水体整治。2018年底前完成整治。牵头单位:市住建局;配合单位:市环保局、市水务局")
    (found,) = extract_facts([task]).responsibilities
    assert ([u.name for u in found.lead_units], [u.name for u in found.cooperating_units], found.span) == (
        ["市住建局"], ["市环保局", "市水务局"], "2.开展黑臭水体整治。2018年底前完成整治")


def test_flattened_task_table_with_implementer_and_lead_columns():
    from rag.corpus.extract import extract_facts

    cells = ["序号", "主要任务", "责任单位", "牵头部门", "1",
             "每半年向社会公布地级及以上城市建成区黑臭水体治理情况。2017年底前,各市建成区实现河面无大面积漂浮物。",
             "各市政府", "省住房城乡建设厅", "2"]
    clauses = [make_clause(f"anhui-2017/四/2/{n}", "paragraph", (), text) for n, text in enumerate(cells, 6)]
    (note,) = extract_facts(clauses).responsibilities
    assert (note.clause_id, [u.name for u in note.lead_units], [u.name for u in note.implementing_units]) == (
        "anhui-2017/四/2/11", ["省住建厅"], ["各市政府"])
