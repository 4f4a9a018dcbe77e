"""Forms found in the eighth composed set (tests/fixtures/plans-dev/composed8, our own text in the forms of web-
published plans): an annex task table flattened one cell per line as a scraped web page's table is ("序号 / 重点任务
/ 牵头单位 / 配合单位 / 完成时限", then each row's cells), with 责任单位 columns and in traditional characters; a
page's tool bar and share bar; a traditional-character notice with a document number and no date line."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from rag.corpus.metadata import infer_plan
from tests.conftest import unit_names

# Cut from yichang-2019.txt.
LEAD_TABLE = (
    "宜昌市2019年水污染防治工作方案\n"
    "附件\n"
    "宜昌市2019年水污染防治重点任务清单\n"
    "序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
    "1\n完成长江干线非法码头整治“回头看”\n市交通运输局\n市水利和湖泊局、市自然资源和规划局\n2019年6月底\n"
    "2\n完成沿江1公里范围内化工企业关改搬转年度任务\n市经济和信息化局\n市生态环境局\n2019年12月底\n"
    "6\n定期公开城市黑臭水体整治进展\n市城管委\n各城区人民政府\n长期坚持\n"
    "分享到：　微信　微博　QQ空间\n"
    "【打印本页】　【关闭窗口】\n"
    "主办单位：宜昌市人民政府办公室　承办：宜昌市大数据中心　鄂ICP备05003323号\n"
)

# Cut from jiangshan-2018.txt.
DUTY_TABLE = (
    "江山市2018年度水污染防治实施计划\n"
    "附件\n"
    "江山市2018年度水污染防治重点工作任务分解表\n"
    "序号\n工作任务\n责任单位\n完成时限\n"
    "1\n完成造纸行业清洁化改造3家\n市经信局\n2018年10月底\n"
    "2\n城市污水处理厂三期扩建工程主体完工\n市住建局\n2018年12月底\n"
)

# Cut from jiangshan-2018.txt: a 备注 column, empty in most rows, so the scrape dropped those cells.
REMARKS_TABLE = (
    "附件\n"
    "序号\n工作任务\n责任单位\n完成时限\n备注\n"
    "1\n完成造纸行业清洁化改造3家\n市经信局\n2018年10月底\n"
    "2\n城市污水处理厂三期扩建工程主体完工\n市住建局\n2018年12月底\n"
    "3\n新建城镇污水管网15公里\n市住建局、各乡镇（街道）\n2018年11月底\n列入年度民生实事\n"
)

# Cut from zunyi-2017.txt.
TRADITIONAL_HEAD = (
    "遵義市人民政府關於印發遵義市水污染防治行動計劃工作方案的通知\n"
    "遵府發〔2017〕12號\n"
    "各縣、自治縣、市、區人民政府，新區管委會，市政府各工作部門：\n"
    "現將《遵義市水污染防治行動計劃工作方案》印發給你們，請認真貫徹執行。\n"
    "遵義市水污染防治行動計劃工作方案\n"
    "一、工作目標\n"
    "到2020年，全市地表水水質優良（達到或優於Ⅲ類）比例總體達到95%以上。\n"
    "附件\n"
    "遵義市水污染防治重點任務分解表\n"
    "序號\n主要內容\n牽頭單位\n參與單位\n時間節點\n"
    "2\n劃定畜禽養殖禁養區\n市農委\n市環境保護局\n2017年6月底\n"
    "3\n建成赤水河流域白酒企業廢水集中處理設施\n仁懷市人民政府\n市環境保護局、市工業能源委\n2018年底前\n"
)

# The probe findings' 安庆 annex: a labelled 附件 line, then the header without a title line.
UNTITLED = (
    "安庆市城市黑臭水体治理攻坚战实施方案\n"
    "附件：重点任务分解表\n"
    "序号\n任务名称\n牵头单位\n完成时限\n"
    "1\n菱湖黑臭水体整治\n市住建委\n2019年6月底\n"
    "2\n石塘湖截污工程\n市城管局\n2019年12月底\n"
)


def _corpus(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_corpus(tmp_path)


def test_a_flattened_task_table_is_one_clause_per_row_with_its_units_and_time_limit(tmp_path):
    corpus = _corpus(tmp_path, "yc-2019.txt", LEAD_TABLE)
    rows = [(c.clause_id, c.text) for c in corpus.clauses if c.kind == "table-row"]
    assert rows == [
        ("yc-2019/附件1/表1/r1", "序号：1；重点任务：完成长江干线非法码头整治“回头看”；牵头单位：市交通运输局；"
                                 "配合单位：市水利和湖泊局、市自然资源和规划局；完成时限：2019年6月底"),
        ("yc-2019/附件1/表1/r2", "序号：2；重点任务：完成沿江1公里范围内化工企业关改搬转年度任务；"
                                 "牵头单位：市经济和信息化局；配合单位：市生态环境局；完成时限：2019年12月底")]
    # the cut skips rows 3–5: the table ends at the row numbered out of turn; share bar and footer are no clauses
    assert not any("分享到" in c.text or "ICP备" in c.text or "打印本页" in c.text for c in corpus.clauses)
    assert [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units))
            for r in corpus.responsibilities if r.clause_id.startswith("yc-2019/附件1/表1")] == [
        ("yc-2019/附件1/表1/r1", ["市交通运输局"], ["市水利和湖泊局", "市自然资源和规划局"]),
        ("yc-2019/附件1/表1/r2", ["市经济和信息化局"], ["市生态环境局"])]
    assert [(d.clause_id, d.text, d.year, d.month) for d in corpus.deadlines
            if d.clause_id.startswith("yc-2019/附件1/表1")] == [
        ("yc-2019/附件1/表1/r1", "2019年6月底", 2019, 6), ("yc-2019/附件1/表1/r2", "2019年12月底", 2019, 12)]


def test_rows_of_a_responsibility_column_table_name_their_implementing_unit(tmp_path):
    corpus = _corpus(tmp_path, "js-2018.txt", DUTY_TABLE)
    assert [(r.clause_id, unit_names(r.implementing_units), r.span) for r in corpus.responsibilities] == [
        ("js-2018/附件1/表1/r1", ["市经信委"], "完成造纸行业清洁化改造3家"),
        ("js-2018/附件1/表1/r2", ["市住建局"], "城市污水处理厂三期扩建工程主体完工")]
    assert [(d.clause_id, d.text) for d in corpus.deadlines] == [
        ("js-2018/附件1/表1/r1", "2018年10月底"), ("js-2018/附件1/表1/r2", "2018年12月底")]
    table = next(c for c in corpus.clauses if c.kind == "table")
    assert table.text == "江山市2018年度水污染防治重点工作任务分解表\n序号 工作任务 责任单位 完成时限"


def test_a_traditional_character_table_header_is_read_and_rows_start_at_any_serial(tmp_path):
    corpus = _corpus(tmp_path, "zy-2017.txt", TRADITIONAL_HEAD)
    # the excerpt starts at row 2: no run from 1, so the cells stay paragraphs, as before
    assert not [c for c in corpus.clauses if c.kind == "table-row"]
    whole = TRADITIONAL_HEAD.replace("序號\n主要內容\n牽頭單位\n參與單位\n時間節點\n2\n",
                                     "序號\n主要內容\n牽頭單位\n參與單位\n時間節點\n1\n").replace("\n3\n", "\n2\n")
    corpus = _corpus(tmp_path, "zy-2017.txt", whole)
    assert [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units))
            for r in corpus.responsibilities] == [
        ("zy-2017/附件1/表1/r1", ["市农委"], ["市环保局"]),
        ("zy-2017/附件1/表1/r2", ["仁怀市人民政府"], ["市环保局", "市工业能源委"])]
    assert [(d.clause_id, d.text, d.year) for d in corpus.deadlines if "表1" in d.clause_id] == [
        ("zy-2017/附件1/表1/r1", "2017年6月底", 2017), ("zy-2017/附件1/表1/r2", "2018年底前", 2018)]


def test_an_annex_line_with_its_title_then_a_header_makes_an_annex_table(tmp_path):
    corpus = _corpus(tmp_path, "aq-2018.txt", UNTITLED)
    assert [(c.clause_id, c.kind, c.text) for c in corpus.clauses][1:] == [
        ("aq-2018/附件1", "annex", "附件：重点任务分解表"),
        ("aq-2018/附件1/表1", "table", "序号 任务名称 牵头单位 完成时限"),
        ("aq-2018/附件1/表1/r1", "table-row", "序号：1；任务名称：菱湖黑臭水体整治；牵头单位：市住建委；完成时限：2019年6月底"),
        ("aq-2018/附件1/表1/r2", "table-row", "序号：2；任务名称：石塘湖截污工程；牵头单位：市城管局；完成时限：2019年12月底")]
    assert [(r.clause_id, unit_names(r.lead_units)) for r in corpus.responsibilities] == [
        ("aq-2018/附件1/表1/r1", ["市住建委"]), ("aq-2018/附件1/表1/r2", ["市城管局"])]


def test_a_notice_without_a_date_line_is_dated_by_its_document_number_not_a_target_year():
    plan = infer_plan(TRADITIONAL_HEAD, "zy-2017.txt", "")
    assert (plan.date, plan.doc_number, plan.issuer) == ("2017", "遵府发〔2017〕12号", "遵义市人民政府")


def test_rows_whose_empty_cells_the_scrape_dropped_keep_their_columns(tmp_path):
    corpus = _corpus(tmp_path, "js-2018.txt", REMARKS_TABLE)
    assert [c.text for c in corpus.clauses if c.kind == "table-row"] == [
        "序号：1；工作任务：完成造纸行业清洁化改造3家；责任单位：市经信局；完成时限：2018年10月底",
        "序号：2；工作任务：城市污水处理厂三期扩建工程主体完工；责任单位：市住建局；完成时限：2018年12月底",
        "序号：3；工作任务：新建城镇污水管网15公里；责任单位：市住建局、各乡镇（街道）；完成时限：2018年11月底；"
        "备注：列入年度民生实事"]
    assert [(d.clause_id, d.text) for d in corpus.deadlines] == [
        ("js-2018/附件1/表1/r1", "2018年10月底"), ("js-2018/附件1/表1/r2", "2018年12月底"),
        ("js-2018/附件1/表1/r3", "2018年11月底")]


def test_a_short_row_puts_its_date_in_the_time_limit_column_and_the_rest_in_order():
    from rag.corpus.tables import _short_row

    header = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert _short_row(header, ["1", "菱湖黑臭水体整治", "市住建委", "2019年6月底"]) == [
        ("序号", "1"), ("重点任务", "菱湖黑臭水体整治"), ("牵头单位", "市住建委"), ("完成时限", "2019年6月底")]
