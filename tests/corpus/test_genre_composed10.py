"""Task tables read from a document's structure (composed10: two saved web pages and a Word file whose task lists
are real tables), and a long target name cut inside a word."""
from pathlib import Path

from rag.corpus.formats import Limits, docx_text, html_text
from rag.corpus.grid_tables import expand, is_row_text, row_lines
from rag.corpus.ingest import decode_bytes
from rag.corpus.loader import load_corpus
from rag.corpus.targets import _cut_name

COMPOSED10 = Path(__file__).parents[1] / "fixtures" / "plans-dev" / "composed10"


def _page(table: str) -> bytes:
    return ("<html><body><table class='layout'><tr><td>首页<br>政务公开</td><td><div id='content'>"
            "<p>为深入落实河北省水污染防治工作方案，持续改善衡水湖和滏阳河水环境质量，制定本方案。" * 3 + "</p>"
            + table + "</div></td></tr></table></body></html>").encode("utf-8")


def test_a_lead_cell_merged_down_two_rows_stands_in_both_rows_of_a_page_table():
    # hengshui-2017.html: the header in the first <tr>, <p> inside the cells, rowspan on 牵头单位
    table = ("<table border='1'>"
             "<tr><td><p>序号</p></td><td><p>任务</p></td><td><p>牵头单位</p></td><td><p>配合单位</p></td><td><p>完成时限</p></td></tr>"
             "<tr><td><p>1</p></td><td><p>完成市区和各县城雨污分流改造，新建污水管网120公里</p></td><td rowspan='2'><p>市住建局</p></td>"
             "<td><p>市发改委、市财政局</p></td><td><p>2017年12月底</p></td></tr>"
             "<tr><td><p>2</p></td><td><p>建成武邑县、阜城县污泥无害化处置设施</p></td><td><p>市环保局</p></td><td><p>2017年11月底</p></td></tr>"
             "</table>")
    lines = html_text(_page(table), "hs.html", decode_bytes).splitlines()
    assert lines[-2:] == [
        "序号：1；任务：完成市区和各县城雨污分流改造，新建污水管网120公里；牵头单位：市住建局；配合单位：市发改委、市财政局；完成时限：2017年12月底",
        "序号：2；任务：建成武邑县、阜城县污泥无害化处置设施；牵头单位：市住建局；配合单位：市环保局；完成时限：2017年11月底"]
    assert lines[-3].endswith("制定本方案。")  # the layout table around the text is not read as one row


def test_th_headers_br_in_cells_a_group_row_and_a_deadline_merged_down():
    # gucheng-2018.html
    table = ("<table><thead><tr><th>序号</th><th>重点任务</th><th>责任单位</th><th>完成时限</th></tr></thead><tbody>"
             "<tr><td colspan='4'>一、城镇污染治理</td></tr>"
             "<tr><td>1</td><td>建成金山白族乡集镇污水收集管网<br>并接入城市污水处理厂</td><td>金山白族乡人民政府<br>区住建局</td><td>2018年10月</td></tr>"
             "<tr><td>2</td><td>完成漾弓江古城段截污干管建设</td><td>区住建局</td><td rowspan='2'>2018年12月</td></tr>"
             "<tr><td>3</td><td>完成中济海黑臭水体清淤和生态修复</td><td>区水务局<br>区环保局</td></tr></tbody></table>")
    assert html_text(_page(table), "gc.html", decode_bytes).splitlines()[-3:] == [
        "类别：城镇污染治理；序号：1；重点任务：建成金山白族乡集镇污水收集管网并接入城市污水处理厂；责任单位：金山白族乡人民政府、区住建局；完成时限：2018年10月",
        "类别：城镇污染治理；序号：2；重点任务：完成漾弓江古城段截污干管建设；责任单位：区住建局；完成时限：2018年12月",
        "类别：城镇污染治理；序号：3；重点任务：完成中济海黑臭水体清淤和生态修复；责任单位：区水务局、区环保局；完成时限：2018年12月"]


def test_the_composed_plans_table_rows_carry_their_roles_and_deadlines():
    corpus = load_corpus(COMPOSED10)
    lead = {r.clause_id: [u.name for u in r.lead_units] for r in corpus.responsibilities}
    assert lead["hengshui-2017/附件1/p2"] == ["市住建局"]
    implement = {r.clause_id: [u.name for u in r.implementing_units] for r in corpus.responsibilities}
    assert implement["gucheng-2018/三/p4"] == ["区水务局", "区环保局"]
    assert implement["jiangyan-2019/附件1/p2"] == ["区住建局"]  # the Word cell merged down over tasks 1 and 2
    assert [(d.text, d.kind) for d in corpus.deadlines_of("gucheng-2018/三/p4")] == [("2018年12月", "by")]
    kinds = {c.clause_id: c.kind for c in corpus.clauses}
    assert kinds["jiangyan-2019/附件1/p5"] == "table-row"


def test_the_word_annex_table_is_one_line_a_row():
    data = (COMPOSED10 / "jiangyan-2019.docx").read_bytes()
    lines = docx_text(data, "jiangyan-2019.docx", Limits()).splitlines()
    assert lines[lines.index("附件：姜堰区2019年水污染防治重点工作任务表") + 2] == (
        "类别：城乡生活污染治理；序号：2；工作任务：推进农村生活污水治理，建成村庄污水处理设施80座；责任单位：区住建局；完成时间：2019年12月底前")


def test_a_layout_table_is_not_a_task_table_and_a_hostile_span_costs_little():
    assert row_lines([[("首页",), ("政务公开",), ("通知公告",)], [("a",), ("b",), ("c",)]]) is None
    grid = expand([[(("序号",), 1, 1), (("任务",), 1, 1), (("责任单位",), 10**6, 10**6)]] + [[(("1",), 1, 1)]] * 50_000)
    assert len(grid) * len(grid[0]) <= 100_000 and grid[1][2] == ("责任单位",)
    assert not is_row_text("到2017年底，水质：达标；污水处理率：95%；地下水：减少")


def test_a_long_target_name_is_not_cut_inside_a_word():
    assert _cut_name("县级以上城市集中式饮用水水源水质达到或优于Ⅲ类比例") == "县级以上城市集中式饮用水水源水质达到或优于Ⅲ类比例"
    corpus = load_corpus(COMPOSED10)
    names = {t.indicator for t in corpus.targets if t.plan_id == "hengshui-2017"}
    assert "县级以上城市集中式饮用水水源水质达到或优于Ⅲ类比例" in names
    # seeds' names stay as they were (cut at 24 where the cut opens no bound character)
    assert _cut_name("乐都区乡镇地表水集中式饮用水水源水质达到或优于Ⅱ类的比例") == "镇地表水集中式饮用水水源水质达到或优于Ⅱ类的比例"
