"""Plan forms of composed24: tasks assigned by number in a section of their own ("第六条、第七条由X牵头…",
"第（二）至（三）项由X牵头…"), a note closing an enumeration of ①② points, and a year-column indicator table
whose rows open with a serial number."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from rag.corpus.numbered_duties import assignments
from rag.corpus.year_columns import name_cell, year_column_targets
from tests.conftest import unit_names

# Cut from ruzhou-2018.txt (composed24): a plan in articles whose 责任分工 article assigns the tasks by article number.
RUZHOU = (
    "汝州市水污染防治攻坚战实施方案（2018—2020年）\n"
    "第一章 总则\n"
    "第五条 整治工业污染。2018年10月底前，完成煤化工、焦化、铸造三个行业专项治理，取缔不符合产业政策的小型造纸、"
    "小制革企业；工业集聚区污水集中处理设施稳定运行，在线监控装置与生态环境部门联网。\n"
    "第六条 提升城镇污水处理能力。2019年6月底前，完成市第二污水处理厂扩建工程，新增处理能力4万吨/日，出水执行一级A标准；"
    "2020年底前，新建改造城区污水管网60公里。\n"
    "第七条 治理黑臭水体。2018年12月底前，完成洗耳河城区段、黄涧河城区段截污纳管和清淤工程；建立黑臭水体长效管护机制，"
    "每季度开展一次水质监测。\n"
    "第四章 责任分工\n"
    "第十一条 第五条由市工业和信息化局牵头，市生态环境局、市发展改革委配合。第六条、第七条由市住房和城乡建设局牵头，"
    "市财政局、市自然资源局配合，各街道办事处负责落实。\n"
)

# Cut from fusong-2017.txt (composed24): a task list (一)…, then a 责任分工 section assigning them by item number;
# the later 保障措施 section numbers its items (一)… too.
FUSONG = (
    "抚松县2017年水污染防治工作方案\n"
    "二、重点任务\n"
    "（一）整治工业污染源。对人参加工、矿泉水生产、木材加工企业开展排污专项检查，依法查处超标排放行为；"
    "抚松工业集中区污水集中处理设施稳定运行。\n"
    "（二）推进污水处理设施建设。完成县污水处理厂一级A提标改造，新建县城雨污分流管网15公里；"
    "启动松江河镇、泉阳镇污水处理厂建设。\n"
    "（三）治理县城黑臭水体。对县城西小河、东大沟两处黑臭水体实施截污、清淤和生态修复。\n"
    "三、责任分工\n"
    "第（一）项由县环保局牵头，县工信局、县人参产业发展局配合；第（二）至（三）项由县住建局牵头，县发改局、县财政局配合。\n"
    "四、保障措施\n"
    "（一）加大投入。县财政安排水污染防治专项资金800万元，用于污水管网建设和黑臭水体治理。\n"
)

# Cut from lianzhou-2018.html (composed24), as its page text reads.
LIANZHOU = (
    "连州市水污染防治三年行动方案（2018—2020年）\n"
    "二、重点任务\n"
    "（一）全面控制污染物排放\n"
    "2.整治畜禽养殖污染。\n"
    "（1）禁养区清理。2018年11月底前，完成禁养区内畜禽养殖场关闭搬迁，具体包括：\n"
    "①连江干流两岸500米范围内的养殖场；\n"
    "②饮用水水源保护区内的养殖场。\n"
    "责任单位：市农业局（牵头）、市环保局、各镇人民政府\n"
)


def _notes(corpus):
    return [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units))
            for r in corpus.responsibilities]


def test_articles_assigned_by_number_get_their_notes_and_the_assigning_article_none(tmp_path):
    (tmp_path / "rz-2018.txt").write_text(RUZHOU, encoding="utf-8")
    assert _notes(load_corpus(tmp_path)) == [
        ("rz-2018/第五条", ["市工业和信息化局"], ["市生态环境局", "市发改委"], []),
        ("rz-2018/第六条", ["市住建局"], ["市财政局", "市自然资源局"], ["各街道办事处"]),
        ("rz-2018/第七条", ["市住建局"], ["市财政局", "市自然资源局"], ["各街道办事处"]),
    ]


def test_items_assigned_by_a_range_are_the_tasks_before_the_statement_not_a_later_section(tmp_path):
    (tmp_path / "fs-2017.txt").write_text(FUSONG, encoding="utf-8")
    assert _notes(load_corpus(tmp_path)) == [
        ("fs-2017/二/（一）", ["县环保局"], ["县工信局", "县人参产业发展局"], []),
        ("fs-2017/二/（二）", ["县住建局"], ["县发改委", "县财政局"], []),
        ("fs-2017/二/（三）", ["县住建局"], ["县发改委", "县财政局"], []),
    ]


def test_the_numbers_a_statement_names():
    found = assignments("第（二）至（四）项由县住建局牵头，县财政局配合；第1—2项由区河长办牵头。第六条、第八条由市水利局负责。")
    assert [(a.numbers, a.kind, a.bracketed, a.arabic) for a in found] == [
        ((2, 3, 4), "项", True, False), ((1, 2), "项", False, True), ((6, 8), "条", False, False)]


def test_a_task_sentence_naming_an_article_is_no_assignment():
    assert assignments("依照本方案第五条规定，由各乡镇开展排查，发现问题及时整改。") == []


def test_a_note_closing_an_enumeration_is_also_its_opening_tasks(tmp_path):
    (tmp_path / "lz-2018.txt").write_text(LIANZHOU, encoding="utf-8")
    assert _notes(load_corpus(tmp_path)) == [
        ("lz-2018/二/（一）/2/（1）/②", ["市农业局"], ["市环保局"], ["各镇人民政府"]),
        ("lz-2018/二/（一）/2/（1）", ["市农业局"], ["市环保局"], ["各镇人民政府"]),
    ]


def test_a_year_column_row_opening_with_a_serial_number_states_its_targets():
    from rag.types import Clause

    text = "序号：2；指标名称：城市生活污水集中处理率；2018年：85%；2019年：90%；2020年：95%"
    row = Clause("lz-2018", "lz-2018/一/表1/r2", ("一、主要指标",), "table-row", text, text, 0, len(text))
    assert [(t.indicator, t.value_text, t.year) for t in year_column_targets(row)] == [
        ("城市生活污水集中处理率", "85%", 2018), ("城市生活污水集中处理率", "90%", 2019),
        ("城市生活污水集中处理率", "95%", 2020)]
    assert name_cell(text) == "指标名称：城市生活污水集中处理率"
    assert name_cell("流域：黄河流域；2016年：41.38%") == "流域：黄河流域"
