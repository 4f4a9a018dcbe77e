"""Role marks and labels of the stop-20 dev plans (composed18): a unit's role written after it inside a labelled
list, joint leads, supervisors, role phrases under a label, and the labels 主办/协助/参加/责任主体 on lines of their
own. Literals cut from tests/fixtures/plans-dev/composed18."""
from __future__ import annotations

import pytest

from rag.corpus.cleaning import clean_lines
from rag.corpus.extract import parse_note
from rag.corpus.note_forms import is_local_government, split_groups
from rag.corpus.units import parse_units


def _roles(note) -> tuple[list[str], list[str], list[str]]:
    return ([u.text for u in note.lead], [u.text for u in note.cooperate], [u.text for u in note.implement])


@pytest.mark.parametrize("body, lead, cooperate, implement", [
    # putian-2018: once a unit is marked to lead, the unmarked departments take part, the governments implement
    ("责任单位：市水利局（牵头），市环保局、市住建局，荔城区、城厢区、仙游县人民政府",
     ["市水利局"], ["市环保局", "市住建局"], ["荔城区人民政府", "城厢区人民政府", "仙游县人民政府"]),
    # liyang-2017: a joint lead closes a run of units joined by 、
    ("责任单位：市农委、市水利局（共同牵头），市国土局，别桥镇、上黄镇人民政府",
     ["市农委", "市水利局"], ["市国土局"], ["别桥镇人民政府", "上黄镇人民政府"]),
    # a supervisor is no implementer; a 负责落实 mark closes its whole run
    ("责任单位：市环保局（牵头），市水利局（指导），天目湖旅游度假区管委会、戴埠镇人民政府（负责落实）",
     ["市环保局"], ["市水利局"], ["天目湖旅游度假区管委会", "戴埠镇人民政府"]),
    # role phrases under a label: each part by its own role word
    ("责任单位：市住建局牵头，市发改局、市财政局、市环保局配合，昆仑街道、古县街道办事处负责落实",
     ["市住建局"], ["市发改局", "市财政局", "市环保局"], ["昆仑街道办事处", "古县街道办事处"]),
    # labels of other plans: 主办 leads, 协助 and 参加 take part, 责任主体 implements
    ("主办单位：市环保局 协助单位：市水利局、市交通运输局 责任主体：沿线各镇人民政府（街道办事处）",
     ["市环保局"], ["市水利局", "市交通运输局"], ["沿线各镇人民政府（街道办事处）"]),
    ("实施主体：上兴镇、竹箦镇、南渡镇人民政府 参加单位：市住建局、市环保局",
     [], ["市住建局", "市环保局"], ["上兴镇人民政府", "竹箦镇人民政府", "南渡镇人民政府"]),
])
def test_role_marks_and_labels_of_new_plans(body, lead, cooperate, implement):
    assert _roles(parse_note(body)) == (lead, cooperate, implement)


def test_an_unmarked_list_keeps_its_labels_role():
    # no unit marked: a 责任单位 list stays the implementers, departments and governments alike
    note = parse_note("责任单位：市水利局，市环保局，磁灶镇、内坑镇人民政府")
    assert _roles(note) == ([], [], ["市水利局", "市环保局", "磁灶镇人民政府", "内坑镇人民政府"])


def test_groups_and_governments():
    assert split_groups("市水利局（牵头），市环保局、市住建局，各县（区）人民政府（管委会）") == [
        "市水利局（牵头）", "市环保局、市住建局", "各县（区）人民政府（管委会）"]
    assert [is_local_government(u) for u in parse_units("湄洲湾北岸经济开发区管委会、各镇人民政府（街道办事处）、市林业站")] \
        == [True, True, False]


def test_label_lines_of_their_own_join_their_task():
    text = ("5．实施丹金溧漕河、南河沿线入河排污口整治，2017年11月底前完成整治68个。\n主办单位：市环保局\n"
            "协助单位：市水利局、市交通运输局\n责任主体：沿线各镇人民政府（街道办事处）\n")
    assert [line.text for line in clean_lines(text)] == [
        "5．实施丹金溧漕河、南河沿线入河排污口整治，2017年11月底前完成整治68个。 主办单位：市环保局 "
        "协助单位：市水利局、市交通运输局 责任主体：沿线各镇人民政府（街道办事处）"]


def test_a_spaced_pdf_note_line_joins_its_task():
    # tongren-2016: a PDF text layer puts a space between characters; the note line still belongs to its task
    text = ("4.加快污水处理设施建设。2017年底前，碧江区、万山区新建污水管网50公里，各县城污水处理厂完成提标改造。\n"
            "市 住 建 局 负 责 ，市 发 改 委 、市 财 政 局 协 助 。\n")
    (line,) = clean_lines(text)
    assert line.text.endswith("提标改造。市 住 建 局 负 责 ，市 发 改 委 、市 财 政 局 协 助 。")


def test_a_pdf_plans_aligned_table_is_read_by_rows(tmp_path):
    # tongren-2016: a hard-wrapped PDF text whose annex table is space-aligned; its rows are no wrapped lines
    from pathlib import Path

    from rag.corpus.loader import load_corpus

    source = Path(__file__).parents[1] / "fixtures" / "plans-dev" / "composed18" / "tongren-2016.txt"
    (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    rows = [(r.span, [u.text for u in r.lead_units], [u.text for u in r.cooperating_units],
             [u.text for u in r.implementing_units]) for r in corpus.responsibilities if "/表1/" in r.clause_id]
    assert rows[0] == ("碧江区城北污水处理厂二期", ["市住建局"], ["市发改委", "市环保局"], ["碧江区人民政府"])
    assert rows[-1] == ("石阡县温泉集中区污水处理", ["市旅发委"], ["市住建局", "市环保局"], ["石阡县人民政府"])
    item = [r for r in corpus.responsibilities if r.clause_id == "tongren-2016/二/（二）/4"]
    assert [([u.text for u in r.lead_units], [u.text for u in r.cooperating_units]) for r in item] == [
        (["市住建局"], ["市发改委", "市财政局"])]


# yingtan-2019 (composed18; the confirmation plan, its forms handled after it was measured)
def test_main_and_other_responsible_units():
    note = parse_note("主要责任单位：市交通运输局；其他责任单位：市水利局、市自然资源局")
    assert _roles(note) == (["市交通运输局"], ["市水利局", "市自然资源局"], [])


def test_a_default_sentence_that_excepts_noted_tasks():
    from rag.corpus.note_forms import default_sentence

    assert default_sentence("本方案所列各项工作，除注明外，均由各县（市、区）人民政府负责具体落实，不再一一注明。") \
        == "各县（市、区）人民政府"


def test_a_prose_note_organising_the_work_leads():
    from rag.corpus.prose_notes import prose_responsibilities
    from tests.conftest import make_clause

    clause = make_clause("yt-2019/二/（四）", "subsection", ("二", "（四）"),
                         "（四）城市黑臭水体治理。2019年11月底前完成中心城区童家河、大圳沟黑臭水体整治。由市城管局负责组织实施，"
                         "市住建局、市生态环境局等部门按职责分工配合，月湖区人民政府负责征地拆迁。")
    (found,) = prose_responsibilities(clause)
    assert ([u.text for u in found.lead_units], [u.text for u in found.cooperating_units]) == (
        ["市城管局"], ["市住建局", "市生态环境局"])


def test_a_ditto_cell_takes_the_cell_above(tmp_path):
    from rag.corpus.loader import load_corpus

    (tmp_path / "yt-2019.txt").write_text(
        "鹰潭市2019年碧水保卫战工作要点\n三、重点项目\n序号\t项目名称\t完成时限\t牵头单位\t配合单位\t实施主体\n"
        "1\t鹰潭市第二污水处理厂扩建\t2019年12月\t市住建局\t市发改委、市财政局\t市城投公司\n"
        "2\t余江区城区雨污分流改造\t2019年11月\t同上\t同上\t余江区人民政府\n", encoding="utf-8")
    rows = [r for r in load_corpus(tmp_path).responsibilities if "/r2" in r.clause_id]
    assert [([u.text for u in r.lead_units], [u.text for u in r.cooperating_units]) for r in rows] == [
        (["市住建局"], ["市发改委", "市财政局"])]


def test_a_default_set_except_where_noted_leaves_noted_implementers_alone(tmp_path):
    from rag.corpus.loader import load_corpus

    (tmp_path / "yt-2019.txt").write_text(
        "鹰潭市2019年碧水保卫战工作要点\n二、重点工作\n"
        "本方案所列各项工作，除注明外，均由各县（市、区）人民政府负责具体落实，不再一一注明。\n"
        "（二）白塔河流域畜禽养殖整治。2019年10月底前，白塔河沿岸可养区规模养殖场粪污处理设施配套率达到95%。"
        "（市农业农村局牵头，市生态环境局、市水利局配合，贵溪市、余江区人民政府具体负责）\n"
        "（五）农村生活污水治理。2019年完成60个行政村生活污水治理。（市住建局、市农业农村局共同负责，市生态环境局参与）\n",
        encoding="utf-8")
    found = {r.clause_id: [u.text for u in r.implementing_units] for r in load_corpus(tmp_path).responsibilities}
    assert found["yt-2019/二/（二）"] == ["贵溪市人民政府", "余江区人民政府"]
    assert found["yt-2019/二/（五）"] == ["各县（市、区）人民政府"]
