"""Forms found in the fourth composed set (tests/fixtures/plans-dev/composed4, our own text in the genre's forms):
a PDF text layer copied with its printed lines (a paragraph cut at the page width, a running title under page
numbers), a Word file whose task table stands in the middle of the body with merged cells, a Taiwan-converted
traditional plan whose 【牽頭單位：…；配合單位：…；X負責落實】 notes end with an unlabelled implementer, roles opening
a prose sentence before its task, a dateless limit in a drawn table's 完成时限 column, and a baseline that belongs
to one comma piece of a target sentence only."""
from __future__ import annotations

import io
from pathlib import Path

import docx

from rag.corpus.cleaning import clean_lines
from rag.corpus.extract import parse_note
from rag.corpus.formats import Limits, docx_text
from rag.corpus.loader import load_corpus
from rag.corpus.prose_notes import prose_responsibilities
from rag.corpus.table_notes import drawn_table_deadlines
from rag.corpus.targets import find_targets

from tests.conftest import make_clause, unit_names

COMPOSED4 = Path(__file__).resolve().parents[1] / "fixtures" / "plans-dev" / "composed4"

# Cut from anyue-2018.txt: printed lines of 31 characters, a page number and the running title between pages.
WRAPPED = (
    "一、攻坚目标\n"
    "2018年，琼江跑马滩断面水质达到Ⅳ类，县城集中式饮用水水源地\n"
    "水质达标率保持100%；2019年，县城生活污水处理率达到90\n"
    "%，乡镇生活污水处理设施覆盖率达到70%；2020年，琼江出境\n"
    "断面水质稳定达到Ⅲ类，全县化学需氧量、氨氮排放量分别比2015\n"
    "— 1 —\n\f安岳县水污染防治三年攻坚行动方案\n"
    "年下降12%、13%，乡镇生活污水处理设施覆盖率达到100%。\n"
    "二、攻坚任务\n"
    "（一）城乡生活污水治理\n"
    "1.县城污水处理厂扩能提标。2019年6月底前完成县城第二污水\n"
    "处理厂建设，出水达到一级A标准。（县住建局牵头，县发改局、县环\n"
    "保局配合，县城投公司负责落实）\n"
    "2.乡镇污水处理设施全覆盖。2018年完成15个乡镇污水处理站\n"
    "建设，2019年完成20个，2020年底前实现全县乡镇全覆盖。\n"
    "（县住建局牵头，县环保局、县财政局配合，各乡镇人民政府负责落实\n"
    "）\n"
    "（二）农业面源污染治理\n"
    "3.畜禽养殖污染整治。2018年9月底前完成禁养区内规模养殖场\n"
    "关闭搬迁，2020年全县畜禽粪污综合利用率达到75%以上。（县\n"
    "农牧业局牵头，县环保局配合，各乡镇人民政府负责落实）\n"
    "— 2 —\n\f安岳县水污染防治三年攻坚行动方案\n"
    "4.化肥农药减量增效。到2020年，全县主要农作物化肥、农药使\n"
    "用量实现零增长，测土配方施肥技术推广覆盖率达到90%以上。（县\n"
    "农业局牵头，县供销社配合）\n"
)


def test_a_hard_wrapped_text_layer_joins_its_printed_lines_and_drops_the_running_title():
    lines = [line.text for line in clean_lines(WRAPPED)]
    assert lines == [
        "一、攻坚目标",
        "2018年，琼江跑马滩断面水质达到Ⅳ类，县城集中式饮用水水源地水质达标率保持100%；2019年，县城生活污水处理率"
        "达到90%，乡镇生活污水处理设施覆盖率达到70%；2020年，琼江出境断面水质稳定达到Ⅲ类，全县化学需氧量、氨氮排放量"
        "分别比2015年下降12%、13%，乡镇生活污水处理设施覆盖率达到100%。",
        "二、攻坚任务",
        "（一）城乡生活污水治理",
        "1.县城污水处理厂扩能提标。2019年6月底前完成县城第二污水处理厂建设，出水达到一级A标准。"
        "（县住建局牵头，县发改局、县环保局配合，县城投公司负责落实）",
        "2.乡镇污水处理设施全覆盖。2018年完成15个乡镇污水处理站建设，2019年完成20个，2020年底前实现全县乡镇全覆盖。"
        "（县住建局牵头，县环保局、县财政局配合，各乡镇人民政府负责落实）",
        "（二）农业面源污染治理",
        "3.畜禽养殖污染整治。2018年9月底前完成禁养区内规模养殖场关闭搬迁，2020年全县畜禽粪污综合利用率达到75%以上。"
        "（县农牧业局牵头，县环保局配合，各乡镇人民政府负责落实）",
        "4.化肥农药减量增效。到2020年，全县主要农作物化肥、农药使用量实现零增长，测土配方施肥技术推广覆盖率达到90%以上。"
        "（县农业局牵头，县供销社配合）",
    ]


def test_short_lines_of_an_unwrapped_plan_stay_apart():
    text = "一、工作目标\n到2018年，全市水质达标率达到100%\n二、重点任务\n" + "".join(
        f"{k}.开展第{k}项整治工作，年内完成。\n" for k in range(1, 10))
    assert len(clean_lines(text)) == 12


def test_the_wrapped_plan_reads_notes_and_yearly_targets(tmp_path):
    (tmp_path / "ay-2018.txt").write_text(WRAPPED, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = {r.clause_id: (unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units))
             for r in corpus.responsibilities}
    assert noted["ay-2018/二/（一）/1"] == (["县住建局"], ["县发改委", "县环保局"], ["县城投公司"])
    targets = {(t.indicator, t.value_text, t.year, t.baseline_year) for t in corpus.targets}
    assert ("县城生活污水处理率", "90%", 2019, None) in targets
    assert ("乡镇生活污水处理设施覆盖率", "100%", 2020, None) in targets
    assert ("氨氮排放量", "13%", 2020, 2015) in targets


def test_a_baseline_belongs_to_its_own_comma_piece():
    sentence = ("2020年，琼江出境断面水质稳定达到Ⅲ类，全县化学需氧量、氨氮排放量分别比2015年下降12%、13%，"
                "乡镇生活污水处理设施覆盖率达到100%。")
    found = {t.value_text: t.baseline_year for t in find_targets(make_clause("ay/一/p1", "paragraph", (), sentence))}
    assert found == {"Ⅲ类": None, "12%": 2015, "13%": 2015, "100%": None}
    opening = "与2015年相比，全市化学需氧量、氨氮排放总量分别下降10%、11%。"
    assert {t.baseline_year for t in find_targets(make_clause("x/一/p1", "paragraph", (), opening))} == {2015}


def _word_plan() -> bytes:
    document = docx.Document()
    document.add_paragraph("二、重点任务")
    document.add_paragraph("各项重点任务及责任分工见下表。")
    table = document.add_table(rows=4, cols=5)
    for cell, text in zip(table.rows[0].cells, ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]):
        cell.text = text
    group = table.rows[1].cells[0].merge(table.rows[1].cells[-1])
    group.text = "一、城镇生活污染治理"
    for row, values in ((2, ["1", "建成普宁市区污水处理厂二期工程并投入运行", "市住房城乡建设局", "市环境保护局",
                             "2018年10月底前"]),
                        (3, ["2", "新建城镇污水管网200公里，其中练江流域不少于150公里", "", "市发展改革局、市财政局",
                             "2018年12月底前"])):
        for cell, text in zip(table.rows[row].cells, values):
            if text:
                cell.text = text
    table.rows[2].cells[2].merge(table.rows[3].cells[2])
    document.add_paragraph("三、保障措施")
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def test_a_word_table_stays_in_place_with_merged_cells_read_once():
    assert docx_text(_word_plan(), "jy.docx", Limits()).splitlines() == [
        "二、重点任务",
        "各项重点任务及责任分工见下表。",
        # a task table: one "列名：值" line a row, the group row merged across carried into its rows, the lead
        # merged down repeated in both rows
        "类别：城镇生活污染治理；序号：1；工作任务：建成普宁市区污水处理厂二期工程并投入运行；牵头单位：市住房城乡建设局；"
        "配合单位：市环境保护局；完成时限：2018年10月底前",
        "类别：城镇生活污染治理；序号：2；工作任务：新建城镇污水管网200公里，其中练江流域不少于150公里；牵头单位：市住房城乡建设局；"
        "配合单位：市发展改革局、市财政局；完成时限：2018年12月底前",
        "三、保障措施",
    ]


def test_the_composed_word_plan_keeps_its_table_under_its_section_and_reads_an_ongoing_limit():
    corpus = load_corpus(COMPOSED4)
    jieyang = {c.clause_id: c.text for c in corpus.clauses if c.plan_id == "jieyang-2018"}
    assert jieyang["jieyang-2018/二/p6"].startswith("类别：水生态保护；序号：5；工作任务：开展榕江、练江干流河道清淤和岸线整治；牵头单位：市水务局；")
    limits = {(d.clause_id, d.text, d.kind) for d in corpus.deadlines if d.plan_id == "jieyang-2018"}
    assert ("jieyang-2018/二/p6", "长期坚持", "ongoing") in limits
    lead = {r.clause_id: unit_names(r.lead_units) for r in corpus.responsibilities if r.plan_id == "jieyang-2018"}
    assert lead["jieyang-2018/二/p3"] == ["市住建局"]  # the lead cell merged down over rows 1 and 2


def test_a_drawn_table_time_limit_column_gives_dateless_and_bare_dates():
    rows = [make_clause(f"t/二/p{k}", "paragraph", (), text) for k, text in enumerate((
        "│序号│工作任务│牵头单位│配合单位│完成时限│",
        "│5│开展榕江、练江干流河道清淤和岸线整治│市水务局│市国土资源局、市城乡规划局│长期坚持│",
        "│6│完成城区排水管网普查│市住房城乡建设局│市水务局│2019年6月│",
        "│7│建成污水处理厂│市住房城乡建设局│市水务局│2018年10月底前│"), start=1)]
    assert [(d.clause_id, d.text, d.year, d.month, d.kind) for d in drawn_table_deadlines(rows)] == [
        ("t/二/p2", "长期坚持", None, None, "ongoing"), ("t/二/p3", "2019年6月", 2019, 6, "by")]


def test_a_labelled_note_ends_with_an_unlabelled_implementer():
    note = parse_note("牽頭單位：省住房城鄉建設廳；配合單位：省發展改革委、省財政廳；各市縣政府負責落實".replace(
        "牽頭單位", "牵头单位").replace("配合單位", "配合单位").replace("負責落實", "负责落实"))
    assert (unit_names(note.lead), unit_names(note.cooperate), unit_names(note.implement)) == (
        ["省住建厅"], ["省发改委", "省财政厅"], ["各市县政府"])
    plain = parse_note("牵头单位：规划局;参与单位:发改委、住建局")
    assert (unit_names(plain.lead), unit_names(plain.cooperate), unit_names(plain.implement)) == (["规划局"], ["发改委", "住建局"], [])


def test_the_traditional_plan_reads_its_bracketed_notes(tmp_path):
    corpus = load_corpus(COMPOSED4)
    noted = {r.clause_id: (unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units))
             for r in corpus.responsibilities if r.plan_id == "hainan-2016"}
    assert noted["hainan-2016/二/（一）/2"] == (["省住建厅"], ["省发改委", "省财政厅"], ["各市县政府"])
    assert corpus.plan("hainan-2016").regions[0] == "海南省"


def test_roles_opening_a_sentence_assign_the_task_after_them():
    clause = make_clause("jy/二/p11", "paragraph", (), "此外，市环境保护局牵头，市公安局、市检察院配合，各县（市、区）政府负责落实，开展练江"
                         "流域印染、电镀企业环境违法行为专项执法，2018年9月底前完成对流域内全部印染企业的现场检查。")
    (found,) = prose_responsibilities(clause)
    assert (unit_names(found.lead_units), unit_names(found.cooperating_units), unit_names(found.implementing_units)) == (
        ["市环保局"], ["市公安局", "市检察院"], ["各县(市、区)政府"])
    assert found.span.startswith("开展练江流域印染、电镀企业环境违法行为专项执法")
    duty = make_clause("x/二/p1", "paragraph", (), "县环保局负责，开展企业排污检查，发现问题及时处理。")
    assert [(unit_names(r.lead_units), r.span) for r in prose_responsibilities(duty)] == []
