"""Forms found in the third composed set (tests/fixtures/plans-dev/composed3, our own text in the genre's forms):
a tab-separated task table with 责任单位/完成时限 columns and "长期坚持"/"持续推进" limits, a saved web page whose
table rows and <h1> title must survive extraction, 督导单位/负责督导 notes, "由X牵头，Y、Z按职责分工负责", "协助",
"X为责任主体", and a city read from its document number ("衢政办发")."""
from __future__ import annotations

from pathlib import Path

from rag.corpus.formats import html_text
from rag.corpus.ingest import decode_bytes
from rag.corpus.loader import load_corpus
from rag.corpus.metadata import plan_place
from rag.corpus.prose_notes import prose_responsibilities

from tests.conftest import make_clause, unit_names

COMPOSED3 = Path(__file__).resolve().parents[1] / "fixtures" / "plans-dev" / "composed3"


def _roles(note) -> tuple[list[str], list[str], list[str]]:
    return unit_names(note.lead_units), unit_names(note.cooperating_units), unit_names(note.implementing_units)


def test_a_tab_separated_task_table_gives_rows_units_and_ongoing_limits(tmp_path):
    (tmp_path / "wy-2019.txt").write_text(
        "二、重点任务\n序号\t重点任务\t责任单位\t完成时限\n"
        "1\t深化河长制湖长制，开展河湖“清四乱”专项整治，建立问题清单并逐项销号\t县河长办、县水利局\t持续推进\n"
        "2\t完成县城污水处理厂提标改造，出水水质稳定达到一级A排放标准\t县住建局\t2019年10月底前\n"
        "4\t加强禁养区关停养殖场巡查，严防养殖户复养\t县农业农村局、各乡（镇）人民政府\t长期坚持\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [c.clause_id for c in corpus.clauses if c.kind == "table-row"] == [
        "wy-2019/二/表1/r1", "wy-2019/二/表1/r2", "wy-2019/二/表1/r3"]
    assert [(r.clause_id, unit_names(r.implementing_units)) for r in corpus.responsibilities] == [
        ("wy-2019/二/表1/r1", ["县河长办", "县水利局"]), ("wy-2019/二/表1/r2", ["县住建局"]),
        ("wy-2019/二/表1/r3", ["县农业局", "各乡(镇)人民政府"])]
    assert [(d.clause_id, d.text, d.kind) for d in corpus.deadlines] == [
        ("wy-2019/二/表1/r1", "持续推进", "ongoing"), ("wy-2019/二/表1/r2", "2019年10月底前", "by"),
        ("wy-2019/二/表1/r3", "长期坚持", "ongoing")]


def test_a_web_page_keeps_its_title_and_reads_each_table_row_as_one_line():
    page = ("<html><body><nav>首页</nav><div class='detail'><h1>南宁市青秀区水污染防治2017年度实施方案</h1>"
            "<div id='zoom'><p>为切实改善辖区水环境质量，保障邕江青秀段水生态安全，结合我区实际，制定本方案。"
            "对建成区内的竹排冲、那平江开展截污、清淤和生态补水，2017年第三季度完成竹排冲主体工程。</p>"
            "<table><tr><td>序号</td><td>项目名称</td><td>牵头单位</td><td>协办单位</td><td>完成时间</td></tr>"
            "<tr><td>1</td><td>竹排冲综合整治工程</td><td>区城管局</td><td>区住建局</td><td>2017年9月</td></tr>"
            "</table></div></div></body></html>").encode("utf-8")
    lines = html_text(page, "qx.html", decode_bytes).splitlines()
    assert lines[0] == "南宁市青秀区水污染防治2017年度实施方案"
    assert lines[-1] == "序号：1；项目名称：竹排冲综合整治工程；牵头单位：区城管局；协办单位：区住建局；完成时间：2017年9月"


def test_the_composed_web_page_is_a_district_plan_with_table_rows():
    corpus = load_corpus(COMPOSED3)
    plan = corpus.plan("qingxiu-2017")
    assert (plan.title, plan.issuer, plan.regions) == (
        "南宁市青秀区水污染防治2017年度实施方案", "南宁市青秀区人民政府办公室", ("青秀区", "青秀", "qingxiu"))
    row = next(r for r in corpus.responsibilities if r.clause_id == "qingxiu-2017/三/p3")
    assert _roles(row) == (["南阳镇人民政府"], ["区环保局"], [])
    assert [(d.text, d.span) for d in corpus.deadlines_of("qingxiu-2017/三/p2")] == [("2017年12月", "那平江截污管网工程")]
    # the document number "衢政办发" places a plan that names no city in its title or issuer
    assert corpus.plan("zhishui-2018").regions == ("衢州市", "衢州", "quzhou")


def test_supervising_units_and_qualified_partners_after_a_lead(tmp_path):
    (tmp_path / "qz-2018.txt").write_text(
        "二、重点工作\n"
        "1.开展小微水体长效管护。建立小微水体“一点一策”管护清单，落实日常保洁和巡查制度。（督导单位：市治水办；责任单位：各县（市、区）政府）\n"
        "2.推进入河排污口整治。2018年6月底前完成全市入河排污口排查，对非法设置的排污口一律依法封堵。由市环保局牵头，市水利局、市住建局按职责分工负责。\n"
        "4.加快截污纳管。新建城镇污水管网120公里。（负责督导：市治水办、市住建局；责任单位：各县（市、区）政府）\n",
        encoding="utf-8")
    notes = load_corpus(tmp_path).responsibilities
    assert [(n.clause_id, _roles(n)) for n in notes] == [
        ("qz-2018/二/1", (["市治水办"], [], ["各县(市、区)政府"])),
        ("qz-2018/二/2", (["市环保局"], ["市水利局", "市住建局"], [])),
        ("qz-2018/二/4", (["市治水办", "市住建局"], [], ["各县(市、区)政府"]))]


def test_helping_units_and_the_responsible_body_in_running_text():
    clause = make_clause("qx-2017/二/（二）", "subsection", ("二、主要任务",),
                         "（二）加强工业企业监管。对辖区排污企业开展全面排查，督促企业安装在线监控设施。"
                         "区环保局为责任主体，区工信局、区市场监管局协同配合。")
    [note] = prose_responsibilities(clause)
    assert _roles(note) == (["区环保局"], ["区工信局", "区市场监管局"], [])


def test_helping_units_in_a_bracket_note(tmp_path):
    (tmp_path / "qx-2017.txt").write_text(
        "二、主要任务\n（一）开展黑臭水体整治。对建成区内的竹排冲、那平江开展截污、清淤和生态补水。"
        "（区城管局牵头负责，区住建局、区水利局协助）\n", encoding="utf-8")
    [note] = load_corpus(tmp_path).responsibilities
    assert _roles(note) == (["区城管局"], ["区住建局", "区水利局"], [])


def test_a_city_document_number_places_a_plan_whose_body_names_only_its_counties():
    body = "到2018年底，柯城区、衢江区建成区基本消除黑臭水体。2018年9月底前完成龙游县、常山县温室甲鱼养殖棚清理。"
    assert [p.name for p in plan_place("", "", body, "plan-2018", "衢政办发〔2018〕37号")] == ["浙江省", "衢州市"]
    # a prefix no city opens, or a body naming places of another city, places nothing by the number
    assert [p.name for p in plan_place("", "", body, "plan-2018", "婺府办字〔2019〕21号")] != ["浙江省", "衢州市"]
    assert plan_place("", "", "西安市临潼区完成治理。", "plan-2018", "衢政办发〔2018〕37号")[-1].name != "衢州市"


def test_a_stream_named_in_pinyin_with_its_run_in_chong_is_the_plans_chong():
    from rag.answer.waters import chinese_waters

    clause = make_clause("qx-2017/二/（一）", "subsection", ("二、主要任务",),
                         "（一）开展黑臭水体整治。对建成区内的竹排冲、那平江开展截污、清淤和生态补水。")
    asked = "which department leads the zhupaichong comprehensive remediation project in qingxiu district?"
    assert chinese_waters(asked, (clause,)) == (("zhupaichong", "竹排冲"),)
