"""Responsibilities, targets and deadlines on chosen clauses of the seed plans."""
from __future__ import annotations

import pytest

from rag.config import PROJECT_ROOT
from rag.corpus.extract import find_notes, parse_note
from rag.corpus.loader import load_corpus
from rag.corpus.units import canonical, parse_units, unit_matches


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(PROJECT_ROOT / "corpus")


def notes_of(corpus, clause_id):
    return [r for r in corpus.responsibilities if r.clause_id == clause_id]


def texts(units):
    return [u.text for u in units]


def test_zhoucun_livestock_clause_has_three_notes_each_covering_its_sentences(corpus):
    notes = notes_of(corpus, "zhoucun-2016/三/（一）/3/1")
    assert [texts(n.lead_units) for n in notes] == [["区畜牧兽医局"], ["区环保分局", "区畜牧兽医局"], ["区畜牧兽医局"]]
    assert texts(notes[0].cooperating_units) == ["区环保分局"]
    assert notes[0].span == "防治畜禽养殖污染。制定本辖区畜禽养殖禁养区划定方案，并向社会公布"
    assert notes[1].span == "2017年底前依法关闭或搬迁禁养区内的畜禽养殖场（小区）和养殖专业户"


def test_zhoucun_default_implementer_applies_to_every_later_task(corpus):
    first = notes_of(corpus, "zhoucun-2016/三/（一）/1/1")[0]
    assert texts(first.lead_units) == ["区环保分局", "区经信局"]
    assert texts(first.implementing_units) == ["各镇办"] and first.inherited == ()
    later = notes_of(corpus, "zhoucun-2016/三/（一）/2/3")[0]
    assert texts(later.lead_units) == ["区住建局"]
    assert texts(later.cooperating_units) == ["区发改局", "区环保分局"]
    assert texts(later.inherited) == ["各镇办"]


def test_shanxi_default_implementer(corpus):
    first = notes_of(corpus, "shanxi-2015/二/（一）/1/1")[0]
    assert texts(first.lead_units) == ["省环保厅"]
    assert texts(first.cooperating_units) == ["省经信委", "省国土资源厅", "省煤炭厅"]
    assert texts(first.implementing_units) == ["各级人民政府"]
    assert texts(notes_of(corpus, "shanxi-2015/二/（一）/2/5")[0].inherited) == ["各级人民政府"]


def test_ledu_labeled_note_restores_dropped_prefix(corpus):
    note = notes_of(corpus, "ledu-2017/三/（三）/43")[0]
    assert texts(note.lead_units) == ["区环境保护局"]
    assert texts(note.cooperating_units) == ["区委宣传部", "区教育局", "住房和规划建设局", "水务局", "农牧局"]
    assert [u.name for u in note.cooperating_units][2:] == ["区住建局", "区水务局", "区农牧局"]
    assert note.lead_units[0].name == "区环保局"


def test_ledu_responsible_units_role(corpus):
    note = notes_of(corpus, "ledu-2017/二/（四）/10")[0]
    assert texts(note.implementing_units) == ["各相关企业"]


def test_liaocheng_several_notes_in_one_item(corpus):
    notes = notes_of(corpus, "liaocheng-2020/二/（二）/2")
    assert len(notes) == 2
    assert texts(notes[0].cooperating_units) == ["市行政审批局", "市商务投资促进局", "市市场监管局"]
    assert texts(notes[0].implementing_units) == ["各县（市、区）人民政府", "市属开发区管委会"]
    assert notes[0].span.endswith("对未按规定完成地下油罐改造任务的加油站进行查处")
    assert texts(notes[1].cooperating_units) == ["市自然资源和规划局"]


def test_changyi_bare_and_single_unit_notes():
    bare = parse_note("开发区、实验区")
    assert texts(bare.implement) == ["开发区", "实验区"] and bare.lead == ()
    alone = parse_note("区环保局负责")
    assert texts(alone.lead) == ["区环保局"]
    joined = parse_note("区环保局牵头、区发改局、区财政局等参与")
    assert texts(joined.lead) == ["区环保局"] and texts(joined.cooperate) == ["区发改局", "区财政局"]


def test_parentheticals_that_are_not_notes():
    text = "到2020年年底，市城区（东昌府区、经济开发区、高新区、旅游度假区）建成区黑臭水体消除比例高于90%"
    assert find_notes(text) == []
    assert find_notes("加强监管。(达到或优于Ⅲ类)") == []


def test_unit_names_and_aliases():
    assert [u.text for u in parse_units("各县（市、区）人民政府、市属开发区管委会")] == ["各县（市、区）人民政府", "市属开发区管委会"]
    assert canonical("区环境保护局") == canonical("区环保局")
    assert unit_matches("住建局", parse_units("区住房和规划建设局")[0])
    assert not unit_matches("水务局", parse_units("区住建局")[0])


def target(corpus, clause_id, value_text):
    return next(t for t in corpus.targets if t.clause_id == clause_id and t.value_text == value_text)


def test_targets_with_value_comparator_and_year(corpus):
    sewage = target(corpus, "zhoucun-2016/三/（一）/2/1", "95%以上")
    assert (sewage.indicator, sewage.value, sewage.unit, sewage.comparator, sewage.year) == (
        "全区污水处理率", 95.0, "%", "达到以上", 2020)
    reclaimed = target(corpus, "changyi-2016/三/（二）/5", "25%")
    assert (reclaimed.indicator, reclaimed.comparator, reclaimed.year) == ("全区再生水利用率", "不低于", 2020)
    both = [t.value_text for t in corpus.targets if t.clause_id == "zhoucun-2016/三/（一）/2/1" and t.unit == "mg/L"]
    assert both == ["40mg/L", "2mg/L"]
    cap = target(corpus, "shanxi-2015/二/（二）/1/1", "93亿立方米以内")
    assert (cap.comparator, cap.year, cap.value) == ("控制在以内", 2020, 93.0)
    cut = target(corpus, "liaocheng-2020/二/（四）/4", "10%")
    assert (cut.comparator, cut.baseline_year) == ("下降", 2015)
    raised = target(corpus, "shanxi-2015/二/（四）/2/2", "50%")
    assert raised.comparator == "提升到"


def test_deadlines(corpus):
    found = {(d.clause_id, d.text, d.kind, d.year, d.month) for d in corpus.deadlines}
    assert ("shanxi-2015/二/（一）/2/4", "2016年6月底前", "by", 2016, 6) in found
    assert ("zhoucun-2016/三/（二）/1", "2016年底前", "by", 2016, None) in found
    assert ("zhoucun-2016/三/（二）/1", "自2017年起", "from", 2017, None) in found
    assert ("zhoucun-2016/三/（二）/2", "每季度", "periodic", None, None) in found
    assert any(d.text == "2020年年底前" for d in corpus.deadlines)


# Cut from tests/fixtures/plans-dev/composed33/yanchi-2018.txt, lines 38-61: a PDF text layer printed by characters
# whose notes are lines headed by a role label in brackets, one split by a page number.
YANCHI_NOTES = (
    '2019年6月底前，完成园区中水回用工程，中水回用率\n'
    '达到60%以上。\n'
    '【责任单位】县工业和信息化局牵头，县生态环境局、县住\n'
    '房和城乡建设局配合。\n'
    '（二）提升城镇污水处理水平。2019年底前，县城污水\n'
    '处理厂完成提标改造，出水达到一级A标准；新建县城污水\n'
    '管网14公里，县城生活污水集中处理率达到93%。\n'
    '【责任单位】县住房和城乡建设局牵头，县发展和改革局、\n'
    '第 2 页\n'
    '县财政局配合。\n'
    '（三）推进农村生活污水治理。到2020年，完成花马池\n'
    '镇、大水坑镇、惠安堡镇等8个乡镇驻地污水处理设施建设，\n'
    '农村生活污水治理行政村比例达到40%。\n'
    '【责任单位】县农业农村局牵头，县住房和城乡建设局、县\n'
    '生态环境局配合，各乡镇人民政府落实。\n'
    '（四）保障饮用水安全。2018年10月底前，完成县城\n'
    '第三水源地保护区标志设置和隔离防护工程；每半年开展一\n'
    '次水源地环境状况评估。\n'
    '【责任单位】县生态环境局牵头，县水务局、县卫生健康局\n'
    '配合。\n'
    '（五）实施苦水河综合治理。2020年底前，完成苦水河\n'
    '盐池段河道整治16公里，建设人工湿地220亩。\n'
    '【责任单位】县水务局牵头，县自然资源局、县林业和草原\n'
    '局配合。\n'
)


def test_a_role_label_in_brackets_heads_the_prose_note_after_it(tmp_path):
    (tmp_path / "yc-2018.txt").write_text(YANCHI_NOTES, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = {r.clause_id: ([u.name for u in r.lead_units], [u.name for u in r.cooperating_units],
                           [u.name for u in r.implementing_units]) for r in corpus.responsibilities}
    assert noted["yc-2018/（二）"] == (["县住建局"], ["县发展和改革局", "县财政局"], [])
    assert noted["yc-2018/（四）"] == (["县生态环境局"], ["县水务局", "县卫生健康局"], [])
    assert noted["yc-2018/（五）"] == (["县水务局"], ["县自然资源局", "县林业和草原局"], [])
    assert find_notes("【责任单位】") == []
