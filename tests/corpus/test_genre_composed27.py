"""Plan forms of composed27: paired values (分别) whose subjects are a list, a count of names in the sentence before,
or an indicator named in the sentence before; an indicator table with a 基期 column and one year column; an untitled
indicator table flattened one cell per line; a 责任单位 cell that states 牵头 and 配合 itself."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from rag.corpus.prose_notes import row_responsibility
from rag.corpus.year_columns import year_column_targets
from rag.types import Clause
from tests.conftest import unit_names

# Cut from changle-2019.txt (composed27): a plan in 章 / 节 / 条.
CHANGLE = (
    "长乐区水污染防治攻坚战实施方案（2019—2020年）\n"
    "第二章 主要目标\n"
    "第三条 到2020年，闽江长乐段国控、省控断面水质优良（达到或优于Ⅲ类）比例达到100%；陈塘港、营前港出海断面水质分别达到"
    "Ⅳ类、Ⅴ类；城区建成区黑臭水体基本消除。\n"
    "第四条 城镇生活污水集中处理率是本方案的约束性指标。2019年达到92%，2020年达到95%以上。\n"
    "第五条 区第一污水处理厂、区第二污水处理厂出水化学需氧量、氨氮浓度分别控制在30mg/L、1.5mg/L以内。\n"
    "第六条 全区农村生活污水治理设施行政村覆盖率2019年达到70%，2020年达到85%以上；畜禽规模养殖场粪污处理设施装备配套率到"
    "2020年达到98%。\n"
)

# Cut from shanzhou-2020.txt (composed27): subjects named in one sentence, paired values in the next; an indicator
# table flattened one cell per line under a lead-in, with no 表 title.
SHANZHOU = (
    "三门峡市陕州区2020年水污染防治攻坚战实施方案\n"
    "一、工作目标\n"
    "青龙涧河、苍龙涧河是我区流入黄河的两条主要支流。到2020年底，两条河流入黄断面水质分别达到Ⅳ类、Ⅲ类，"
    "黄河陕州段水质稳定保持Ⅱ类。\n"
    "主要指标如下：\n"
    "序号\n指标\n2019年基数\n2020年目标\n"
    "1\n县级集中式饮用水水源地水质达标率\n100%\n100%\n"
    "2\n城市生活污水集中处理率\n91%\n95%以上\n"
    "二、重点工作\n"
)


def _targets(corpus, clause_id):
    return [(t.indicator, t.value_text, t.year) for t in corpus.targets if t.clause_id == clause_id]


def test_paired_values_go_to_the_listed_subjects_classes_too(tmp_path):
    (tmp_path / "cl-2019.txt").write_text(CHANGLE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert _targets(corpus, "cl-2019/第三条")[1:] == [
        ("陈塘港出海断面水质", "Ⅳ类", 2020), ("营前港出海断面水质", "Ⅴ类", 2020)]
    # the plants listed before the indicators say whose they are: the values pair with the indicators
    assert [(i, v) for i, v, _ in _targets(corpus, "cl-2019/第五条")] == [
        ("区第二污水处理厂出水化学需氧量浓度", "30mg/L"), ("氨氮浓度", "1.5mg/L以内")]


def test_an_indicator_named_in_the_sentence_before_is_the_one_its_values_state(tmp_path):
    (tmp_path / "cl-2019.txt").write_text(CHANGLE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert _targets(corpus, "cl-2019/第四条") == [
        ("城镇生活污水集中处理率", "92%", 2019), ("城镇生活污水集中处理率", "95%以上", 2020)]
    # an article's number and a stage's 到 are not part of the name
    assert _targets(corpus, "cl-2019/第六条") == [
        ("全区农村生活污水治理设施行政村覆盖率", "70%", 2019), ("全区农村生活污水治理设施行政村覆盖率", "85%以上", 2020),
        ("畜禽规模养殖场粪污处理设施装备配套率", "98%", 2020)]


def test_a_count_takes_the_names_of_the_sentence_before(tmp_path):
    (tmp_path / "sz-2020.txt").write_text(SHANZHOU, encoding="utf-8")
    assert _targets(load_corpus(tmp_path), "sz-2020/一/p1") == [
        ("青龙涧河入黄断面水质", "Ⅳ类", 2020), ("苍龙涧河入黄断面水质", "Ⅲ类", 2020), ("黄河陕州段水质", "Ⅱ类", 2020)]


def test_an_untitled_flattened_indicator_table_is_read_as_rows(tmp_path):
    (tmp_path / "sz-2020.txt").write_text(SHANZHOU, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    rows = [(c.clause_id, c.text) for c in corpus.clauses if c.kind == "table-row"]
    assert rows == [
        ("sz-2020/一/表1/r1", "序号：1；指标：县级集中式饮用水水源地水质达标率；2019年基数：100%；2020年目标：100%"),
        ("sz-2020/一/表1/r2", "序号：2；指标：城市生活污水集中处理率；2019年基数：91%；2020年目标：95%以上")]
    assert [(t.indicator, t.value_text, t.year, t.baseline_year, t.baseline_value)
            for t in corpus.targets if t.clause_id == "sz-2020/一/表1/r2"] == [
        ("城市生活污水集中处理率", "95%以上", 2020, 2019, "91%")]


def _row(text: str) -> Clause:
    return Clause("lx-2018", "lx-2018/二/（四）/p4", ("二、重点任务",), "table-row", text, text, 0, len(text))


def test_a_baseline_column_beside_one_year_column_makes_a_target_row():
    # Cut from linxiang-2018.html (composed27): 主要指标 table with 基期（2017年） and 2020年 columns.
    row = _row("序号：2；指标名称：城市生活污水集中处理率；基期（2017年）：86%；2020年：95%；指标属性：约束性")
    assert [(t.indicator, t.value_text, t.year, t.baseline_year, t.baseline_value) for t in year_column_targets(row)] \
        == [("城市生活污水集中处理率", "95%", 2020, 2017, "86%")]
    # without a baseline column, one year column says nothing about targets
    assert year_column_targets(_row("序号：2；指标名称：新建管网；2020年：15")) == []


def test_a_duty_cell_stating_lead_and_partners_is_read_by_its_role_words():
    # Cut from linxiang-2018.html (composed27): 重点任务清单 with 责任领导 / 责任单位 / 完成时限 columns.
    row = _row("序号：2；重点任务：建成桃林镇、羊楼司镇污水处理设施及配套管网；责任领导：分管城建副市长；"
               "责任单位：市住建局牵头，桃林镇人民政府、羊楼司镇人民政府配合；完成时限：2019年12月底前")
    note = row_responsibility(row)
    assert (unit_names(note.lead_units), unit_names(note.cooperating_units), unit_names(note.implementing_units)) == (
        ["市住建局"], ["桃林镇人民政府", "羊楼司镇人民政府"], [])
    plain = row_responsibility(_row("序号：1；重点任务：临湘市城市污水处理厂提标改造；责任领导：分管城建副市长；"
                                    "责任单位：市住建局；完成时限：2019年6月底前"))
    assert unit_names(plain.implementing_units) == ["市住建局"]
