"""Note forms of the seventh composed set (tests/fixtures/plans-dev/composed7, our own text in the genre's forms):
labels 主责单位 / 协同单位 / 实施主体 on the line after a task, a line naming units as labels ("X为牵头单位，Y为配合
单位"), a bracketed note on its own line with 主抓 / 协助 / 抓好落实, a 【责任分工】 line in prose with 协同推进, a
default-implementer sentence worded "X为以下各项任务的落实主体，文中不再列出", and (from the excerpts) 负责督导 and
places sharing one office's name ("芦淞区、石峰区人民政府")."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from rag.corpus.units import parse_units
from tests.conftest import unit_names

# Cut from yuexi-2019.txt.
YUEXI = (
    "岳西县2019年水污染防治工作方案\n"
    "二、重点任务\n"
    "（一）县城污水处理厂提质增效。2019年10月底前完成县城污水处理厂二期工程，新增处理能力1万吨/日，出水稳定达到一级A标准。\n"
    "主责单位：县住建局；协同单位：县发改委、县财政局；实施主体：县城投公司。\n"
    "（二）乡镇污水处理设施建设。2019年底前新建温泉镇、响肠镇等6个乡镇污水处理站，配套管网不少于25公里。\n"
    "县住建局为牵头单位，县生态环境分局为配合单位，相关乡镇人民政府为责任单位。\n"
    "（三）畜禽养殖污染治理。2019年9月底前完成禁养区内养殖场复养排查，规模养殖场粪污处理设施装备配套率达到95%。\n"
    "（县农业农村局主抓，县生态环境分局协助，各乡镇人民政府抓好落实）\n"
)

# Cut from longquan-2020.txt.
LONGQUAN = (
    "龙泉市2020年美丽河湖建设工作要点\n"
    "一、主要目标\n"
    "2020年，全市市控以上断面水质达标率保持100%，建成美丽河湖3条，农村生活污水处理设施标准化运维覆盖率达到90%。\n"
    "各乡镇（街道）为以下各项任务的落实主体，文中不再列出。\n"
    "二、工作任务\n"
    "1.美丽河湖建设。完成瓯江龙泉段、八都溪、宝溪3条美丽河湖创建，2020年11月底前通过丽水市验收。\n"
    "【责任分工】市水利局负责，市生态环境局、市文广旅体局协同推进。\n"
    "4.城区截污纳管。新建城区污水管网8公里，完成剑池街道、西街街道20个小区雨污分流改造。\n"
    "【责任分工】市住建局负责，市综合执法局协同推进，剑池街道、西街街道具体落实。\n"
)

# Cut from jiangxi-2016.txt (composed2).
JIANGXI = (
    "江西省水污染防治工作方案\n"
    "二、主要任务\n"
    "（一）狠抓工业污染防治\n"
    "1.全面取缔“十小”企业。各地要在2016年10月底前完成“十小”企业排查和取缔工作。省环保厅负责督导，省工信委、"
    "省国土资源厅等部门按职责分工配合，各设区市人民政府负责落实。\n"
)


def _roles(corpus):
    return [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units))
            for r in corpus.responsibilities]


def test_label_lines_units_named_as_labels_and_a_bracket_line_join_their_task(tmp_path):
    (tmp_path / "yx-2019.txt").write_text(YUEXI, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [c.clause_id for c in corpus.clauses if c.kind != "preamble"][-3:] == [
        "yx-2019/二/（一）", "yx-2019/二/（二）", "yx-2019/二/（三）"]
    assert _roles(corpus) == [
        ("yx-2019/二/（一）", ["县住建局"], ["县发改委", "县财政局"], ["县城投公司"]),
        ("yx-2019/二/（二）", ["县住建局"], ["县生态环境分局"], ["相关乡镇人民政府"]),
        ("yx-2019/二/（三）", ["县农业局"], ["县生态环境分局"], ["各乡镇人民政府"])]


def test_a_headed_prose_note_line_and_a_default_sentence(tmp_path):
    (tmp_path / "lq-2020.txt").write_text(LONGQUAN, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units),
             unit_names(r.inherited)) for r in corpus.responsibilities] == [
        ("lq-2020/二/1", ["市水利局"], ["市生态环境局", "市文广旅体局"], ["各乡镇(街道)"], ["各乡镇(街道)"]),
        ("lq-2020/二/4", ["市住建局"], ["市综合执法局"], ["剑池街道", "西街街道", "各乡镇(街道)"], ["各乡镇(街道)"])]


def test_a_unit_that_oversees_leads(tmp_path):
    (tmp_path / "jx-2016.txt").write_text(JIANGXI, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert _roles(corpus) == [("jx-2016/二/（一）/1", ["省环保厅"], ["省工信委", "省国土资源厅"], ["各设区市人民政府"])]


def test_places_before_an_office_share_its_name():
    assert [u.text for u in parse_units("芦淞区、石峰区人民政府")] == ["芦淞区人民政府", "石峰区人民政府"]
    assert [u.text for u in parse_units("龙游县、常山县政府")] == ["龙游县政府", "常山县政府"]
    assert [u.text for u in parse_units("市发改委、市财政局")] == ["市发改委", "市财政局"]
