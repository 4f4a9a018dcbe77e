"""Forms of the genre beyond the nineteen excerpts: paired values, prose and table-column responsibilities, any
bracket, time limits without a year, the region from a provincial document number, a time limit on reading.

Literals come from the excerpts (tests/fixtures/plans-dev) and from composed plans written in the genre's forms
(tests/fixtures/plans-dev/composed, our own text imitating county, city and provincial plans)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from rag.corpus.extract import extract_facts, find_notes
from rag.corpus.formats import PlanFileError, within_time
from rag.corpus.loader import load_corpus
from rag.corpus.metadata import infer_plan
from rag.corpus.paired import listed_indicators
from rag.corpus.prose_notes import prose_note
from rag.corpus.targets import find_deadlines, find_targets
from tests.conftest import make_clause

PLANS_DEV = Path(__file__).resolve().parents[1] / "fixtures" / "plans-dev"
COMPOSED = PLANS_DEV / "composed"


def _targets(text: str, year: int | None = None) -> list[tuple[str, str, int | None]]:
    clause = make_clause("p-2020/一/p1", "paragraph", ("一、工作目标",), text)
    return [(t.indicator, t.value_text, t.year) for t in find_targets(clause, year)]


def test_paired_values_each_take_their_listed_indicator():
    text = "到2020年，全市化学需氧量、氨氮、总氮、总磷污染物排放量分别比2015年削减12%、12%、13%、15%。"  # jiangyin-2017
    assert _targets(text) == [("全市化学需氧量污染物排放量", "12%", 2020), ("氨氮污染物排放量", "12%", 2020),
                              ("总氮污染物排放量", "13%", 2020), ("总磷污染物排放量", "15%", 2020)]


def test_paired_values_of_two_areas_and_of_two_pollutants():
    wuhan = "2021年底之前，中心城区和新城区污水处理率分别达到95%、85%以上。"
    assert [(i, v) for i, v, _ in _targets(wuhan)] == [("中心城区污水处理率", "95%"), ("新城区污水处理率", "85%以上")]
    huangshi = "2018年度,化学需氧量和氨氮排放量分别与2015年相比下降7.9%和7.7%"
    assert [(i, v) for i, v, _ in _targets(huangshi)] == [("化学需氧量排放量", "7.9%"), ("氨氮排放量", "7.7%")]


def test_paired_values_of_listed_years():
    text = "到2018年、2019年、2020年，全省城市污水处理率分别达到95%、96%、97%。"
    assert _targets(text) == [("全省城市污水处理率", "95%", 2018), ("全省城市污水处理率", "96%", 2019),
                              ("全省城市污水处理率", "97%", 2020)]
    after = "乡镇政府驻地生活污水处理率2019年、2020年分别达到50%、70%。"
    assert _targets(after) == [("乡镇政府驻地生活污水处理率", "50%", 2019), ("乡镇政府驻地生活污水处理率", "70%", 2020)]


def test_a_list_that_does_not_match_the_values_is_left_whole():
    assert listed_indicators("城市建成区、县级城市建成区和乡镇黑臭水体消除比例", 2) == []
    assert _targets("城市污水处理率提高到92%，较2016年提高2个百分点。", 2017) == [
        ("城市污水处理率", "92%", 2017), ("城市污水处理率", "2个百分点", 2017)]


@pytest.mark.parametrize("sentence, lead, cooperate, implement", [
    ("由县经信局负责，县生态环境分局、县市场监管局配合，各乡镇人民政府负责落实。",
     ["县经信局"], ["县生态环境分局", "县市场监管局"], ["各乡镇人民政府"]),
    ("此项工作由县住建局负责。", ["县住建局"], [], []),
    ("县农业农村局牵头，县生态环境分局配合。", ["县农业农村局"], ["县生态环境分局"], []),
    ("省水利厅、省环保厅按职责分工负责。", ["省水利厅", "省环保厅"], [], []),
])
def test_prose_responsibility_sentences(sentence, lead, cooperate, implement):
    roles = prose_note(sentence)
    assert [[u.text for u in roles[r]] for r in ("lead", "cooperate", "implement")] == [lead, cooperate, implement]


@pytest.mark.parametrize("sentence", [
    "县环保局负责对重点企业开展执法检查。", "各工业集聚区要于2019年底前建成污水集中处理设施。", "加强组织领导，落实工作责任。",
])
def test_task_sentences_are_not_prose_notes(sentence):
    assert prose_note(sentence) is None


def test_note_in_square_brackets_and_a_trailing_implementer():
    text = "1. 集中治理工业集聚区水污染。各工业园区全部建成污水集中处理设施。【牵头单位：市环保局；配合单位：市发改委、市经信委】"
    (note,) = find_notes(text)
    assert [u.text for u in note.lead] == ["市环保局"] and [u.text for u in note.cooperate] == ["市发改委", "市经信委"]
    clause = make_clause("p-2019/二/（二）/4", "item", ("二", "（二）", "4"),
                         "4．推进乡镇污水处理设施建设。年内新建乡镇污水处理设施6座，配套管网不少于30公里，各乡镇人民政府负责落实。")
    (found,) = extract_facts([clause]).responsibilities
    assert [u.text for u in found.implementing_units] == ["各乡镇人民政府"] and found.lead_units == ()


def test_space_aligned_task_table_with_role_word_columns():
    corpus = load_corpus_of(COMPOSED / "huaiyuan-2019.txt")
    rows = {r.clause_id: r for r in corpus.responsibilities if "/表" in r.clause_id}
    first = rows["huaiyuan-2019/附件1/表1/r1"]  # the table follows a bare "附件" line
    assert ([u.text for u in first.lead_units], [u.text for u in first.cooperating_units],
            [u.text for u in first.implementing_units]) == (["县生态环境分局"], ["县水利局", "县住建局"], ["各乡镇人民政府"])
    assert first.span == "开展入河排污口排查整治"


def load_corpus_of(path: Path, tmp: Path | None = None):
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(path, folder)
        return load_corpus(Path(folder))


def test_deadlines_with_a_day_and_without_a_year_in_an_annual_plan():
    clause = make_clause("p-2019/二/1", "item", ("二", "1"),
                         "6月底前完成排查；于2019年9月30日前完成分类整治，年底前全部完成。每年3月底前报送。")
    found = [(d.text, d.year, d.month, d.kind) for d in find_deadlines(clause, 2019)]
    assert found == [("6月底前", 2019, 6, "by"), ("于2019年9月30日前", 2019, 9, "by"), ("年底前", 2019, None, "by"),
                     ("每年3月底前", None, None, "periodic")]
    assert [d.text for d in find_deadlines(clause)] == ["于2019年9月30日前", "年底前", "每年3月底前"]


def test_region_from_a_provincial_document_number():
    text = (COMPOSED / "shandong-2018.txt").read_text(encoding="utf-8")
    plan = infer_plan(text, "notice-7.txt", "h")  # a file name that names no place
    assert (plan.regions[0], plan.level, plan.doc_number) == ("山东省", "province", "鲁环发〔2018〕66号")
    # "宁政发" of 南京: the body names a place outside 宁夏, so the number's first character is not read as 宁夏.
    nanjing = infer_plan("宁政发〔2017〕12号\n为改善南京市水环境质量，制定本方案。南京市各区政府…", "notice-8.txt", "h")
    assert nanjing.regions[0] == "南京市"


def _sleep_forever() -> str:
    time.sleep(30)
    return "never"


def test_reading_a_document_stops_at_the_time_limit():
    started = time.monotonic()
    with pytest.raises(PlanFileError, match="reading took over 1 s: refused"):
        within_time(_sleep_forever, (), 1.0, "slow.pdf")
    assert time.monotonic() - started < 5
    assert within_time(str.upper, ("plan",), 5.0, "ok.html") == "PLAN"


def test_a_district_written_after_its_city_in_the_body_is_the_plans_place():
    body = ("各街道办事处：\n为改善西安市临潼区水环境质量，按照西安市要求，制定本方案。\n一、水质目标\n"
            "渭河新丰桥断面达到Ⅴ类水质；西安市临潼区境内河流水质达到省考要求。")
    plan = infer_plan(body, "plan-3.txt", "h")
    assert (plan.regions[0], plan.level, plan.province) == ("临潼区", "district", "陕西省")


def test_a_table_rows_deadline_governs_its_task_cell():
    row = make_clause("p-2019/三/表1/r1", "table-row", ("三", "表1"),
                      "序号：1；工作任务：开展入河排污口排查整治；牵头：县生态环境分局；完成时限：2019年10月底前")
    (deadline,) = find_deadlines(row)
    assert (deadline.text, deadline.month, deadline.span) == ("2019年10月底前", 10, row.text)


def test_a_baseline_year_in_a_question_is_not_the_year_asked():
    from rag.answer.about import without_enumerations
    from rag.answer.query import analyze

    assert analyze("怀远县氨氮排放量比2015年要下降多少？", ()).year is None
    assert (analyze("2020年化学需氧量较2015年下降多少", ()).year, analyze("2020年化学需氧量较2015年下降多少", ()).years) \
        == (2020, (2020, 2015))
    # Values stated in pairs are what the question asks for, not names listed in passing.
    assert "污水处理率" in without_enumerations("全省城市污水处理率分别达到95%、96%、97%")


@pytest.mark.parametrize("body, lead, cooperate, implement", [
    ("牵头单位：市环保局，配合单位：市发改委、市住建局", ["市环保局"], ["市发改委", "市住建局"], []),
    ("牵头单位：市环保局 配合单位：市发改委、市住建局", ["市环保局"], ["市发改委", "市住建局"], []),
    # once a unit of a 责任单位 list is marked to lead, the other departments take part (stop 20)
    ("责任单位：市环保局（牵头）、市发改委、市住建局", ["市环保局"], ["市发改委", "市住建局"], []),
    ("市环保局牵头，各县区政府负责", ["市环保局"], [], ["各县区政府"]),
    ("市水务局牵头，市财政局、市环保局按职责分工负责", ["市水务局"], [], ["市财政局", "市环保局"]),
    ("市水务局负责，市财政局、市环保局参与", ["市水务局"], ["市财政局", "市环保局"], []),
])
def test_note_forms_of_other_plans(body, lead, cooperate, implement):
    from rag.corpus.extract import parse_note

    note = parse_note(body)
    assert ([u.text for u in note.lead], [u.text for u in note.cooperate], [u.text for u in note.implement]) == (
        lead, cooperate, implement)


def test_target_phrasings_of_other_plans():
    assert _targets("规模化养殖场粪污处理设施配套率100%，城市集中式饮用水水源水质达标率保持100%。", 2019) == [
        ("规模化养殖场粪污处理设施配套率", "100%", 2019), ("城市集中式饮用水水源水质达标率", "100%", 2019)]
    from rag.corpus.repair import repaired

    assert _targets(repaired("二〇二〇年，城镇污水处理率达到95%，总磷浓度≤0.2mg/L。")) == [
        ("城镇污水处理率", "95%", 2020), ("总磷浓度", "0.2mg/L", 2020)]
    assert _targets("确保到2019年底力争城市污水处理率达到95%。")[0][0] == "城市污水处理率"


def test_a_stage_year_times_the_sentences_after_it():
    text = ("(二)行动目标。到2017年,水污染防治工作取得明显成效,水环境质量得到明显改善。"
            "城市建成区基本消灭黑臭水体;城市集中式饮用水水源水质达标率达到100%。")  # shenyang-2016
    clause = make_clause("shenyang-2016/一/（二）", "subsection", ("一", "（二）"), text)
    timed = [(d.text, d.year, d.span) for d in find_deadlines(clause)]
    assert ("到2017年", 2017, "城市建成区基本消灭黑臭水体;") in timed
    assert next(d.span for d in find_deadlines(clause)).startswith("到2017年")


def test_a_stage_inside_a_task_paragraph_times_outcomes_not_the_next_task():
    # Real text cut from ledu-2017/二/（六）/16: the 2020 stage is its sentence's target year; the task after it
    # ("制定工业水循环利用规划…") has no limit (ev-deadline-006 was answered "Deadline: 到2020年" from it).
    text = ("16.推广工业节水。开展节水诊断、水平衡测试、用水效率评估,严格用水定额管理。到2020年,食品发酵、农副产品加工、"
            "电力等高耗水行业达到先进定额标准。制定工业水循环利用规划,推进工业园(工业集聚区)高耗水企业采用节水措施。"
            "高耗水企业耗水全部达到先进定额标准。")
    clause = make_clause("ledu-2017/二/（六）/16", "item", ("二", "（六）"), text)
    spans = [d.span for d in find_deadlines(clause)]
    assert not any(span.startswith("制定工业水循环利用规划") for span in spans)
    assert "高耗水企业耗水全部达到先进定额标准。" in spans  # an outcome it still times


def test_labelled_line_with_bracketed_names_and_a_numbered_target():
    task = make_clause("p-2018/三/（2）", "subitem", ("三", "（2）"),
                       "（2）推进工业集聚区污水集中处理。各工业集聚区于2018年底前全部建成污水集中处理设施。")
    line = make_clause("p-2018/三/（2）/1", "paragraph", ("三", "（2）"), "责任单位：各县（市、区）政府，市经济技术开发区管委会")
    (found,) = extract_facts([task, line]).responsibilities
    assert found.clause_id == task.clause_id
    assert [u.text for u in found.implementing_units] == ["各县（市、区）政府", "市经济技术开发区管委会"]
    assert _targets("2）城市建成区黑臭水体消除比例达到80%以上。", 2018) == [("城市建成区黑臭水体消除比例", "80%以上", 2018)]


@pytest.mark.parametrize("head, title", [
    ("发布时间：2019-03-01\n铜陵市2019年水污染防治工作要点\n为…", "铜陵市2019年水污染防治工作要点"),
    ("关于转发《池州市水污染防治工作方案》的通知\n各县区：", "池州市水污染防治工作方案"),
    ("市政府办公室关于印发2018年全市碧水保卫战实施细则的通知\n各区：", "2018年全市碧水保卫战实施细则"),
    ("转发区环境保护局关于乐都区2017年度水污染防治工作方案的通知\n", ""),  # the issuer's notice, not the plan
])
def test_titles_of_other_plan_kinds(head, title):
    from rag.corpus.metadata import find_title

    assert find_title(head) == title


def test_a_qualifier_in_brackets_with_a_comma_and_listed_basins():
    neimenggu = "2016年,我区松花江流域水质优良(达到或优于Ⅲ类,下同)比例达到65.2%"
    assert _targets(neimenggu) == [("区松花江流域水质优良(达到或优于Ⅲ类,下同)比例", "65.2%", 2016)]
    hunan = "长江、珠江流域水质优良(达到或优于Ⅲ类)比例分别达到93.2%以上、100%"
    assert [(i, v) for i, v, _ in _targets(hunan)] == [("长江流域水质优良(达到或优于Ⅲ类)比例", "93.2%以上"),
                                                       ("珠江流域水质优良(达到或优于Ⅲ类)比例", "100%")]


def test_class_targets_time_limits_without_before_and_status_years():
    clause = make_clause("x-2018/一/p1", "paragraph", ("一",),
                         "2018年底完成城区黑臭水体整治；截至2017年底，全市已建成污水处理厂12座。"
                         "主要河流水质稳定在Ⅲ类，出境断面水质不劣于Ⅳ类，彻底消除劣Ⅴ类水体。9月底建成监控平台。")
    assert [(d.text, d.year, d.month) for d in find_deadlines(clause, 2018)] == [("2018年底", 2018, None),
                                                                                  ("9月底", 2018, 9)]
    assert [(t.indicator, t.value_text, t.comparator) for t in find_targets(clause, 2018)] == [
        ("主要河流水质", "Ⅲ类", "稳定在"), ("出境断面水质", "Ⅳ类", "不劣于"), ("劣Ⅴ类水体", "劣Ⅴ类", "消除")]
    # A class naming the measured share is a qualifier: "达到或优于Ⅲ类水质比例达到80%以上" is one target.
    assert _targets("市控及以上断面达到或优于Ⅲ类水质比例达到80%以上。", 2020) == [
        ("市控及以上断面达到或优于Ⅲ类水质比例", "80%以上", 2020)]


def test_inline_qualified_role_keeps_the_lists_role():
    from rag.corpus.extract import parse_note

    note = parse_note("责任单位：市环保局、市水务局（按职责分工负责）")
    assert [u.text for u in note.implement] == ["市环保局", "市水务局"] and note.lead == ()


def test_flattened_table_time_limit_column_times_the_task_cell():
    cells = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限",
             "1", "开展入河排污口排查整治", "县生态环境分局", "县水利局", "2019年10月底前"]
    clauses = [make_clause(f"p-2019/附/p{i}", "paragraph", ("附",), text) for i, text in enumerate(cells)]
    facts = extract_facts(clauses)
    assert ("p-2019/附/p6", "2019年10月底前", "开展入河排污口排查整治") in {
        (d.clause_id, d.text, d.span) for d in facts.deadlines}
    (row,) = facts.responsibilities
    assert (row.clause_id, [u.text for u in row.lead_units]) == ("p-2019/附/p6", ["县生态环境分局"])


def test_targets_without_a_year_in_a_period_plan_are_due_at_its_end():
    from rag.corpus.extract import period_end

    title = make_clause("hunan-2017/p1", "preamble", (), "湖南省实施河长制行动方案(2017—2020年)")
    goal = make_clause("hunan-2017/一/（一）", "subsection", ("一", "（一）"),
                       "(一)用水总量严格控制。全省用水总量控制在350亿立方米以内。")
    assert period_end([title, goal]) == 2020
    (target,) = extract_facts([title, goal]).targets
    assert (target.indicator, target.value_text, target.year) == ("全省用水总量", "350亿立方米以内", 2020)


@pytest.mark.parametrize("body, lead, cooperate, implement", [
    ("市环保局牵头负责", ["市环保局"], [], []),
    ("由市水务局牵头，市财政局配合", ["市水务局"], ["市财政局"], []),
    ("市住建局会同市环保局负责", ["市住建局"], ["市环保局"], []),
    ("市环保局牵头，市直有关部门配合，各县区政府具体负责", ["市环保局"], ["市直有关部门"], ["各县区政府"]),
])
def test_role_phrases_in_notes_and_in_running_text(body, lead, cooperate, implement):
    from rag.corpus.extract import parse_note

    note = parse_note(body)
    assert ([u.text for u in note.lead], [u.text for u in note.cooperate], [u.text for u in note.implement]) == (
        lead, cooperate, implement)
    roles = prose_note(body + "。")
    assert [[u.text for u in roles[r]] for r in ("lead", "cooperate", "implement")] == [lead, cooperate, implement]


def test_a_later_stage_after_a_comma_is_a_limit_of_its_own():
    from rag.corpus.targets import find_deadlines

    # Real text cut from shanxi-2015/二/（二）/3: the 2020 stage of the national standard is stated without 到.
    text = "到2017年,设区市全部达到省级节水型城市标准要求,2020年全部达到国家节水型城市标准要求。"
    clause = make_clause("shanxi-2015/二/（二）/3/3", "task", ("3.分类推进节水。",), text)
    assert [(d.text, d.year, d.kind) for d in find_deadlines(clause)] == [("到2017年", 2017, "by"), ("2020年", 2020, "by")]
    # A year stated as a baseline or a start after a comma is no later stage; nor is a year in a sentence no stage opens.
    other = make_clause("x/1", "task", ("x",), "到2020年,用水量比2015年下降25%,2018年起每年公布。")
    assert [d.text for d in find_deadlines(other)] == ["到2020年", "每年"]
    unopened = make_clause("x/2", "task", ("x",), "全省推进节水,2020年全部达标。")
    assert find_deadlines(unopened) == []


def test_a_later_stage_without_its_name_takes_the_previous_targets_indicator():
    # shanxi-2015: the 2020 stage writes only "到2020年,控制在10%以内", and a question without a year
    # ("山西 设区市 管网漏损率 控制目标") was answered with the 2017 figure alone.
    text = ("到2017年,全省设区市的公共供水管网漏损率控制在12%以内;到2020年,控制在10%以内。"
            "(省住房城乡建设厅牵头,省发展改革委等参与)")
    assert _targets(text) == [("全省设区市的公共供水管网漏损率", "12%以内", 2017),
                              ("全省设区市的公共供水管网漏损率", "10%以内", 2020)]
