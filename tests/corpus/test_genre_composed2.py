"""Forms found in the second composed set (tests/fixtures/plans-dev/composed2, our own text in the genre's forms):
page numbers with running headers, labelled note lines that join their task as one note, "由X负责，…" opening a sentence, a bare
date in a table's deadline column, a plan with no title line, and paired-value lists in the subject check."""
from __future__ import annotations

from pathlib import Path

from rag.answer.about import without_enumerations
from rag.corpus.cleaning import clean_lines
from rag.corpus.loader import load_corpus
from rag.corpus.metadata import infer_plan
from rag.corpus.prose_notes import prose_responsibilities
from rag.corpus.table_notes import row_cell_deadlines
from tests.conftest import make_clause, unit_names

COMPOSED2 = Path(__file__).resolve().parents[1] / "fixtures" / "plans-dev" / "composed2"


def test_page_numbers_and_the_running_header_beside_them_are_dropped():
    raw = ("漳州市2018年度水污染防治工作計劃\n"
           "2．開展入河排污口排查。9月底前完成九龍江干流及主要支流入河排污口排查登記。（市水利局牽頭，市環保局配合）\n"
           "—  2  —\n"
           "漳州市2018年度水污染防治工作計劃\n"
           "（二）提升城鎮污水處理水平\n"
           "第3页 共5页\n"
           "序号\n1\n")
    assert [line.text for line in clean_lines(raw)] == [
        "漳州市2018年度水污染防治工作計劃",
        "2．開展入河排污口排查。9月底前完成九龍江干流及主要支流入河排污口排查登記。（市水利局牽頭，市環保局配合）",
        "（二）提升城鎮污水處理水平", "序号", "1"]  # a bare number is a table cell, not a page number


def test_labelled_note_lines_after_a_task_join_its_clause_as_one_note(tmp_path):
    (tmp_path / "zz-2018.txt").write_text(
        "一、重點任務\n1．整治生豬養殖污染。\n6月30日前完成九龍江沿岸禁養區內生豬養殖場拆除。\n"
        "牽頭單位：市農業局\n配合單位：市環保局、市水利局\n責任單位：各縣（市、區）人民政府\n2．開展入河排污口排查。\n",
        encoding="utf-8")
    corpus = load_corpus(tmp_path)
    notes = corpus.responsibilities
    # the clause an answer cites holds the units it names
    assert "配合單位：市環保局、市水利局" in corpus.clause(notes[0].clause_id).text
    assert [(unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units)) for r in notes] == [
        (["市农业局"], ["市环保局", "市水利局"], ["各县(市、区)人民政府"])]


def test_a_sentence_opening_with_you_x_fuze_is_a_note_whatever_follows():
    dangshan = make_clause("d-2017/二/（二）/3", "item", ("二、主要任务", "（二）治理城镇生活污染"),
                           "3.加快污水管网建设。2019年底前，县城新建污水管网25公里，建成区基本实现雨污分流。"
                           "由县住建局负责，县财政局保障资金。")
    [note] = prose_responsibilities(dangshan)
    assert (unit_names(note.lead_units), unit_names(note.implementing_units)) == (["县住建局"], [])
    assert note.span.endswith("建成区基本实现雨污分流")
    zhangzhou = make_clause("z-2018/二/（二）/3", "item", ("二、重点任务",),
                            "3．加快污水处理厂提标改造。年底前完成一级A提标改造。由市住建局负责，漳州市城投集团具体实施。")
    [note] = prose_responsibilities(zhangzhou)
    assert (unit_names(note.lead_units), unit_names(note.implementing_units)) == (["市住建局"], ["漳州市城投集团"])
    duty = make_clause("d-2017/二/p1", "paragraph", ("二、主要任务",),
                       "加强监管。由县环保局负责对企业开展检查，县财政局保障资金。")
    assert prose_responsibilities(duty) == []


def test_a_bare_date_in_a_deadline_column_is_a_deadline():
    row = make_clause("d-2017/附件1/表1/r2", "table-row", ("附件：重点项目责任分工表",),
                      "序号：2；项目名称：县城第二污水处理厂建设；牵头单位：县住建局；责任单位：县城投公司；完成时间：2018年10月")
    assert [(d.text, d.year, d.month, d.kind, d.span) for d in row_cell_deadlines(row)] == [
        ("2018年10月", 2018, 10, "by", "县城第二污水处理厂建设")]
    remark = make_clause("d-2017/附件1/表1/r3", "table-row", ("附件",), "序号：3；项目名称：农村生活垃圾治理；备注：2018年10月")
    assert row_cell_deadlines(remark) == []


def test_a_plan_with_no_title_line_is_named_by_its_issuer_and_file_never_by_what_it_cites():
    text = (COMPOSED2 / "jiangxi-2016.txt").read_text(encoding="utf-8")
    plan = infer_plan(text, "jiangxi-2016.txt", "h")
    assert (plan.title, plan.issuer, plan.date) == ("江西省人民政府办公厅（jiangxi-2016）", "江西省人民政府办公厅", "2016-05-20")
    notice = infer_plan((COMPOSED2 / "dangshan-2017.txt").read_text(encoding="utf-8"), "dangshan-2017.txt", "h")
    assert (notice.title, notice.issuer) == ("砀山县水污染防治工作方案（2017—2020年）", "砀山县人民政府")


def test_a_list_whose_items_get_paired_values_is_not_a_passing_mention():
    jiangyin = "到2020年，全市化学需氧量、氨氮、总氮、总磷污染物排放量分别比2015年削减12%、12%、13%、15%。"
    assert "总氮" in without_enumerations(jiangyin)
    passing = "重点支持污水处理、污泥处理处置、河道整治、饮用水水源保护等项目，分别由各部门申报。"
    assert "污泥" not in without_enumerations(passing)


def test_a_coined_name_the_plan_quotes_is_written_there(tmp_path):
    # The plan writes "全面取缔“十小”企业"; the question writes it bare and must not be refused as unmentioned.
    from rag.answer.absent import missing_reason
    from rag.answer.query import analyze

    (tmp_path / "jiangxi-2016.txt").write_text(
        "赣府厅字〔2016〕52号\n一、重点工作\n1.全面取缔“十小”企业。各地要在2016年10月底前完成“十小”企业排查和取缔工作。"
        "省工信委、省国土资源厅配合，各设区市人民政府负责落实。\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    query = analyze("江西省全面取缔十小企业由谁负责落实？", corpus.plans)
    assert missing_reason(corpus, query, []) == ""
    ships = analyze("江西省船舶污染治理由谁负责落实？", corpus.plans)
    assert missing_reason(corpus, ships, []) == "方案中没有提到船舶污染治理。"


def test_a_plan_on_one_line_after_a_breadcrumb_is_kept_and_split():
    # The dangshan plan as a scrape that lost its line breaks: one line opening with the site's breadcrumb.
    text = (COMPOSED2 / "dangshan-2017.txt").read_text(encoding="utf-8")
    raw = text[: text.index("附件")].replace("\n", "")
    texts = [line.text for line in clean_lines(raw)]
    assert texts[0].startswith("首页 > 信息公开") and texts[-1].startswith("三、保障措施")
    assert ("1.依法取缔“十小”企业。2017年9月底前全面排查装备水平低、环保设施差的小型工业企业，2017年底前全部取缔不符合国家产业政策的"
            "“十小”企业。责任单位：县环保局配合单位：县经信委、县市场监管局，各镇人民政府") in texts


def test_a_document_number_opening_the_text_names_the_province_and_a_two_character_county_is_not_read_in_words():
    text = ("赣府厅字〔2016〕52号各市、县（区）人民政府，省政府各部门：为切实做好2016年全省水污染防治工作，现将有关事项通知如下。"
            "一、主要指标2016年，全省地表水水质优良比例达到81%以上。二、重点工作5.加强鄱阳湖水环境保护。"
            "2016年12月31日前完成环湖区域入河排污口调查。6.保障饮用水水源安全。2016年底前，完成县级及以上城市饮用水水源保护区划定调整。")
    plan = infer_plan(text, "jx1-2016.txt", "h")
    assert (plan.title, plan.province, plan.level, plan.doc_number) == ("江西省（jx1-2016）", "江西省", "province", "赣府厅字〔2016〕52号")


def test_a_target_label_run_into_its_numbered_heading_stays_the_heading():
    texts = [line.text for line in clean_lines((COMPOSED2 / "wangcheng-2019.txt").read_text(encoding="utf-8"))]
    at = texts.index("一、工作目标")
    assert texts[at + 1].startswith("全区湘江干流及主要支流断面水质稳定达到Ⅲ类标准")
