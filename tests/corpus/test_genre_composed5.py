"""Forms found in the fifth composed set (tests/fixtures/plans-dev/composed5, our own text in the genre's forms):
note lines opened by a bullet (■ 责任单位：…) with a person's line (责任领导：…) and a 具体实施 line among them,
dates written 2019.12前 / 今年底前 in an annual plan, an indicator table whose columns are years laid out one
cell per line, and a township's plan named by its town after the county."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from tests.conftest import unit_names

# Cut from moganshan-2019.txt.
BULLETED = (
    "德清县莫干山镇2019年水污染防治工作计划\n"
    "2. 重点任务\n"
    "2.1 农村生活污水治理\n"
    "2.1.1 完成农村生活污水处理终端提标改造。2019.12前完成高峰村、劳岭村等8个终端提标改造。\n"
    "■ 责任领导：分管副镇长\n"
    "■ 责任单位：镇城建办\n"
    "■ 具体实施：各村村委会\n"
    "2.1.2 开展污水管网排查。2019.6前完成全镇农户接户管网排查，建立问题清单并整改销号。\n"
    "■ 责任单位：镇城建办\n"
    "■ 配合单位：镇农办\n"
    "■ 具体实施：包村干部、各村村委会\n"
    "2.3 农业面源污染防治\n"
    "2.3.1 推进化肥减量。今年底前全镇化肥使用量比上年减少3%，推广测土配方施肥面积5000亩。\n"
    "■ 责任单位：镇农办\n"
    "■ 具体实施：包村干部\n"
)

# Cut from zhuzhou-2018.txt: the target table as copied, one cell a line.
YEAR_TABLE = (
    "株洲市水污染防治实施方案（2018—2020年）\n"
    "一、工作目标\n"
    "到2020年，全市水环境质量稳步提升，湘江株洲段干流水质稳定保持Ⅱ类。分年度主要指标如下：\n"
    "表1 株洲市水污染防治主要指标\n"
    "指标\n2018年\n2019年\n2020年\n"
    "城市污水处理率（%）\n92\n94\n95\n"
    "县城污水处理率（%）\n83\n85\n87\n"
)


def test_bulleted_note_lines_join_their_task_with_the_person_line_and_a_doer_line(tmp_path):
    (tmp_path / "mgs-2019.txt").write_text(BULLETED, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    tasks = {c.clause_id: c.text for c in corpus.clauses if c.kind == "task"}
    assert tasks["mgs-2019/2/2"].endswith("责任领导：分管副镇长 责任单位：镇城建办 具体实施：各村村委会")
    assert [(r.clause_id, unit_names(r.cooperating_units), unit_names(r.implementing_units))
            for r in corpus.responsibilities] == [
        ("mgs-2019/2/2", [], ["镇城建办", "各村村委会"]),
        ("mgs-2019/2/3", ["镇农办"], ["镇城建办", "包村干部", "各村村委会"]),
        ("mgs-2019/2/5", [], ["镇农办", "包村干部"])]


def test_dotted_dates_and_this_years_end_are_deadlines_of_the_annual_plan(tmp_path):
    (tmp_path / "mgs-2019.txt").write_text(BULLETED, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(d.clause_id, d.text, d.year, d.month) for d in corpus.deadlines] == [
        ("mgs-2019/2/2", "2019.12前", 2019, 12), ("mgs-2019/2/3", "2019.6前", 2019, 6),
        ("mgs-2019/2/5", "今年底前", 2019, None)]


def test_a_township_plan_is_placed_at_its_town_too(tmp_path):
    (tmp_path / "mgs-2019.txt").write_text(BULLETED, encoding="utf-8")
    (plan,) = load_corpus(tmp_path).plans
    assert plan.regions[:2] == ("莫干山镇", "德清县")


def test_a_table_with_year_columns_states_one_target_per_year(tmp_path):
    (tmp_path / "zz-2018.txt").write_text(YEAR_TABLE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(t.clause_id, t.indicator, t.value_text, t.year) for t in corpus.targets if "表1" in t.clause_id] == [
        ("zz-2018/一/表1/r1", "城市污水处理率", "92%", 2018), ("zz-2018/一/表1/r1", "城市污水处理率", "94%", 2019),
        ("zz-2018/一/表1/r1", "城市污水处理率", "95%", 2020), ("zz-2018/一/表1/r2", "县城污水处理率", "83%", 2018),
        ("zz-2018/一/表1/r2", "县城污水处理率", "85%", 2019), ("zz-2018/一/表1/r2", "县城污水处理率", "87%", 2020)]


def test_a_table_whose_rows_are_places_states_no_target_of_a_place(tmp_path):
    (tmp_path / "zz-2018.txt").write_text(YEAR_TABLE.replace("指标\n2018年", "流域\n2018年"), encoding="utf-8")
    assert [t for t in load_corpus(tmp_path).targets if "表1" in t.clause_id] == []
