"""PDF text layers cut at the printed width (rag/corpus/wrapping.py), on cuts from the composed32 dev plans: an
indented paragraph's first line is full with its indentation counted, a number or a bracket that moved down whole
leaves the line before it short, a note split by a page break, a "（二）" that opens a line only because the line
before was cut (not the next in the document's numbering), English words cut without a hyphen, and a flattened
task table whose task column the lexicon does not name."""
from __future__ import annotations

from rag.corpus.cleaning import clean_lines, drop_page_furniture, split_lines
from rag.corpus.loader import load_corpus
from rag.corpus.metadata import infer_plan
from rag.corpus.wrapping import layout

from tests.conftest import unit_names

# Cut from zhuozhou-2017.txt, lines 11, 60-79.
ZHUOZHOU = (
    '涿州市水污染防治工作方案（2017—2020年）\n'
    '季度向社会公开饮用水安全状况信息。（市环保局牵头，市水务\n'
    '局、市卫计局配合）\n'
    '\u3000\u30008.整治城市黑臭水体。2017年底前完成城区黑臭水体排查，\n'
    '公布黑臭水体名称、责任人及达标期限；2019年底前，城市建成\n'
    '区黑臭水体基本消除。（市住建局牵头，市环保局、市水务局配\n'
    '合）\n'
    '\u3000\u30009.加强河道生态修复。2019年底前，完成拒马河、胡良河河\n'
    '道清淤和生态护岸建设，恢复滨河湿地1200亩。（市水务局牵头，\n'
    '— 3 —\n'
    '涿州市水污染防治工作方案（2017—2020年）\n'
    '市林业局、市环保局配合，相关乡镇人民政府落实）\n'
    '三、保障措施\n'
    '\u3000\u3000（一）加大资金投入。市财政每年安排水污染防治专项资金\n'
    '不少于3000万元，重点支持污水处理设施建设和黑臭水体整治。\n'
    '（市财政局牵头，市发改局配合）\n'
    '\u3000\u3000（二）严格考核问责。市政府每年对各乡镇人民政府、各部\n'
    '门目标任务完成情况进行考核，考核结果向社会公开，作为领导\n'
    '班子和领导干部综合考核评价的重要依据。（市政府督查室牵头，\n'
    '市环保局、市委组织部配合）\n'
    '— 4 —\n'
)

# Cut from pingyao-2018.txt, lines 40-62.
PINGYAO = (
    '二、重点任务\n'
    '（一）工业污染治理\n'
    '1.清理整顿“散乱污”企业。2018年10月底前，完成全县涉水“散乱污”\n'
    '企业排查和分类处置，对关停取缔类企业做到“两断三清”。责任单位：\n'
    '县经信局牵头，县环保局、县工商局、县供电公司配合，各乡（镇）\n'
    '人民政府负责落实。\n'
    '2.推进工业园区污水集中处理。2019年6月底前，平遥工业园区污水\n'
    '集中处理设施建成投运，出水执行《污水综合排放标准》一级标准，\n'
    '并安装自动在线监控装置。责任单位：县工业园区管委会牵头，县环\n'
    '保局、县住建局配合。\n'
    '-2-\n'
    '（二）城镇生活污染治理\n'
    '3.提升县城污水处理能力。2018年底前，完成县污水处理厂提标改造\n'
    '工程，出水水质达到地表水准Ⅴ类标准；2019年底前，完成古城区雨\n'
    '污分流改造，新建污水管网32公里。上述工程均纳入县重点工程调度\n'
    '范围，实行月调度、季通报，并列入本计划附件重点项目清单第\n'
    '（二）类项目统一调度。责任单位：县住建局牵头，县发改局、县财\n'
    '政局、县环保局配合。\n'
    '4.推进乡镇污水处理设施建设。2020年底前，洪善、宁固、杜家庄、\n'
    '段村等中心镇建成污水处理设施，乡镇生活污水处理设施覆盖率达到\n'
    '60%。责任单位：县住建局牵头，县环保局配合，相关乡（镇）人民\n'
    '政府负责落实。\n'
    '（三）农业农村污染防治\n'
)

# Cut from fuping-2019.txt, lines 22-62.
FUPING = (
    '\u3000\u30001.工业集聚区污水集中处理。2019年9月底前，富平高新技术产\n'
    '业开发区污水处理厂完成扩容改造，处理能力达到2万吨/日，并与生\n'
    '态环境部门联网。（县工信局牵头，县生态环境分局、高新区管委会\n'
    '配合）\n'
    '1. Centralised sewage treatment in industrial clusters. Befo\n'
    '第1页 共4页\n'
    '富平县2019年水污染防治工作方案\n'
    're the end of September 2019, the sewage treatment plant of\n'
    'the Fuping High-tech Industrial Development Zone shall compl\n'
    'ete its expansion to a capacity of 20,000 tonnes per day. (L\n'
    'ed by the County Bureau of Industry and Information Technolo\n'
    'gy, with the cooperation of the County Ecological Environmen\n'
    't Sub-bureau and the Zone Management Committee)\n'
    '\u3000\u30002.涉水企业排查整治。2019年6月底前，完成全县造纸、食品加\n'
    '工、制药等涉水企业排查，对超标排放企业实行限期整改。（县生态\n'
    '环境分局牵头，县工信局、县市场监管局配合）\n'
    '2. Inspection of water-related enterprises. Before the end o\n'
    'f June 2019, all water-related enterprises in papermaking, f\n'
    'ood processing and pharmaceuticals shall be inspected. (Led\n'
    'by the County Ecological Environment Sub-bureau)\n'
    '（二）城镇生活污染治理 Urban Domestic Pollution\n'
    '\u3000\u30003.县城污水处理厂提标改造。2019年10月底前，县城污水处理厂\n'
    '完成提标改造，出水主要指标达到《陕西省黄河流域污水综合排放标\n'
    '准》A标准。（县住建局牵头，县发改局、县财政局配合）\n'
    '3. Upgrading the county sewage treatment plant. Before the e\n'
    'nd of October 2019, the upgrading of the county town sewage\n'
    'treatment plant shall be completed. (Led by the County Housi\n'
    'ng and Urban-Rural Development Bureau, with the cooperation\n'
    'of the County Development and Reform Bureau and the County F\n'
    'inance Bureau)\n'
    '\u3000\u30004.重点镇污水处理设施建设。2019年底前，庄里、流曲、淡村3\n'
    '个重点镇污水处理站建成投运，新建配套管网18公里。（县住建局牵\n'
    '头，各相关镇人民政府落实）\n'
    '第2页 共4页\n'
    '富平县2019年水污染防治工作方案\n'
    '4. Sewage facilities in key towns. Before the end of 2019, s\n'
    'ewage treatment stations in the three key towns of Zhuangli,\n'
    'Liuqu and Dancun shall be put into operation, with 18 kilome\n'
    'tres of new pipelines.\n'
    '（三）农业农村污染防治 Agricultural and Rural Pollution\n'
    '\u3000\u30005.畜禽养殖污染治理。2019年底前，规模养殖场粪污处理设施装\n'
)

# Cut from zhongning-2020.txt, lines 8-26.
ZHONGNING = (
    '2020年3月16日\n'
    '中宁县2020年水污染防治攻坚工作方案\n'
    '为深入打好碧水保卫战，确保黄河中宁段水质稳定达标，根据自治\n'
    '区和中卫市有关部署，按照《中卫市2020年水污染防治攻坚工作方\n'
    '案》关于工业园区、城镇污水和入黄排水沟治理的部署及第三部分\n'
    '（二）款要求，结合我县实际，制定本方案。\n'
    '一、工作目标\n'
    '\u3000\u30002020年，黄河中宁段出境断面水质保持Ⅱ类，清水河入黄河口\n'
    '断面水质达到Ⅳ类，北河子沟、南河子沟等入黄排水沟水质达到Ⅴ类；\n'
    '县城集中式饮用水水源地水质达标率保持100%；县城生活污水处理\n'
    '率达到95%以上，乡镇生活污水处理率达到70%以上。\n'
    '二、重点任务\n'
    '（一）推进工业园区水污染治理。2020年6月底前，中宁工业园区\n'
    '污水处理厂完成提标改造和扩容工程，污水集中处理规模提高到\n'
    '1.2万吨/日，出水达到一级A标准，园区企业废水做到应收尽收。\n'
    '（县工业和信息化局牵头，自治区生态环境厅中卫生态环境监测站、\n'
    '- 1 -\n'
    '中宁县2020年水污染防治攻坚工作方案\n'
    '中宁工业园区管委会配合）\n'
)


def _corpus(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_corpus(tmp_path)


def test_the_layout_counts_a_paragraphs_indentation_in_its_first_line():
    found = layout(drop_page_furniture(split_lines(ZHUOZHOU)))
    assert (found.chars, found.width, found.margin, found.indented) == (28, 56, "", True)


def test_indented_paragraphs_join_their_printed_lines_and_a_note_split_by_a_page_break(tmp_path):
    lines = [line.text for line in clean_lines(ZHUOZHOU)]
    assert lines[3] == ("9.加强河道生态修复。2019年底前，完成拒马河、胡良河河道清淤和生态护岸建设，恢复滨河湿地1200亩。"
                        "（市水务局牵头，市林业局、市环保局配合，相关乡镇人民政府落实）")
    assert lines[5] == ("（一）加大资金投入。市财政每年安排水污染防治专项资金不少于3000万元，重点支持污水处理设施建设和"
                        "黑臭水体整治。（市财政局牵头，市发改局配合）")
    corpus = _corpus(tmp_path, "zz-2017.txt", ZHUOZHOU)
    noted = {r.clause_id: (unit_names(r.lead_units), unit_names(r.cooperating_units)) for r in corpus.responsibilities}
    assert noted["zz-2017/9"] == (["市水务局"], ["市林业局", "市环保局"])
    assert noted["zz-2017/三/（一）"] == (["市财政局"], ["市发改委"])  # 市发改局 under its canonical name


def test_a_bracket_that_opens_a_line_out_of_the_numbering_runs_on(tmp_path):
    clauses = {c.clause_id: c.text for c in _corpus(tmp_path, "py-2018.txt", PINGYAO).clauses}
    assert clauses["py-2018/二/（二）/3"].endswith("并列入本计划附件重点项目清单第（二）类项目统一调度。责任单位："
                                               "县住建局牵头，县发改局、县财政局、县环保局配合。")
    assert clauses["py-2018/二/（二）/4"].startswith("4.推进乡镇污水处理设施建设。")
    assert clauses["py-2018/二/（二）/4"].endswith("乡镇生活污水处理设施覆盖率达到60%。责任单位：县住建局牵头，县环保局配合，"
                                               "相关乡（镇）人民政府负责落实。")
    assert "py-2018/二/（二）~2" not in clauses
    assert clauses["py-2018/二/（三）"] == "（三）农业农村污染防治"


def test_a_preamble_bracket_before_any_numbering_runs_on():
    lines = [line.text for line in clean_lines(ZHONGNING)]
    assert lines[2] == ("为深入打好碧水保卫战，确保黄河中宁段水质稳定达标，根据自治区和中卫市有关部署，按照《中卫市2020年"
                        "水污染防治攻坚工作方案》关于工业园区、城镇污水和入黄排水沟治理的部署及第三部分（二）款要求，"
                        "结合我县实际，制定本方案。")
    assert lines[6] == ("（一）推进工业园区水污染治理。2020年6月底前，中宁工业园区污水处理厂完成提标改造和扩容工程，"
                        "污水集中处理规模提高到1.2万吨/日，出水达到一级A标准，园区企业废水做到应收尽收。"
                        "（县工业和信息化局牵头，自治区生态环境厅中卫生态环境监测站、中宁工业园区管委会配合）")
    assert len(lines) == 7


def _chinese(text):
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_english_words_cut_without_a_hyphen_join_and_words_cut_between_keep_their_space():
    english = [line.text for line in clean_lines(FUPING) if not _chinese(line.text)]
    assert english[0] == (
        "1. Centralised sewage treatment in industrial clusters. Before the end of September 2019, the sewage "
        "treatment plant of the Fuping High-tech Industrial Development Zone shall complete its expansion to a "
        "capacity of 20,000 tonnes per day. (Led by the County Bureau of Industry and Information Technology, with "
        "the cooperation of the County Ecological Environment Sub-bureau and the Zone Management Committee)")
    assert english[2] == (
        "3. Upgrading the county sewage treatment plant. Before the end of October 2019, the upgrading of the county "
        "town sewage treatment plant shall be completed. (Led by the County Housing and Urban-Rural Development "
        "Bureau, with the cooperation of the County Development and Reform Bureau and the County Finance Bureau)")
    chinese = [line.text for line in clean_lines(FUPING) if _chinese(line.text)]
    assert chinese[0] == ("1.工业集聚区污水集中处理。2019年9月底前，富平高新技术产业开发区污水处理厂完成扩容改造，处理能力"
                          "达到2万吨/日，并与生态环境部门联网。（县工信局牵头，县生态环境分局、高新区管委会配合）")


def test_a_page_number_is_no_half_of_a_title():
    text = "富平县人民政府办公室\n富平县2019年水污染防治工作方案（中英文对照）\n" + FUPING
    assert infer_plan(text, "fp-2019.txt", "x").title == "富平县2019年水污染防治工作方案"


def test_a_flattened_table_with_a_unit_and_a_time_limit_column_reads_as_rows(tmp_path):
    text = ("附件\n中宁县2020年水污染防治重点工程清单\n序号\n工程名称\n牵头单位\n配合单位\n完成时限\n"
            "1\n中宁工业园区污水处理厂提标改造\n县工业和信息化局\n中宁工业园区管委会\n2020年6月底\n"
            "2\n县城第二污水处理厂建设\n县住房和城乡建设局\n县发展和改革局\n2020年9月底\n")
    clauses = {c.clause_id: c.text for c in _corpus(tmp_path, "zn-2020.txt", text).clauses}
    assert clauses["zn-2020/附件1/表1/r2"] == ("序号：2；工程名称：县城第二污水处理厂建设；牵头单位：县住房和城乡建设局；"
                                             "配合单位：县发展和改革局；完成时限：2020年9月底")
