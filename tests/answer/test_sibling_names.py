"""A question naming one plant, reservoir, village or river is not answered from a sibling's clause."""
from __future__ import annotations

import pytest

from rag.answer.query import analyze
from rag.answer.sibling_names import asked_names, names_before_kinds, other_named, unnamed_sibling
from rag.types import Citation, Corpus, Plan
from tests.conftest import make_clause

KASHI = Plan("kashi-2019", "喀什市2019年水污染防治工作方案", "喀什市人民政府", "city", ("喀什市", "喀什"),
             "喀市政发〔2019〕27号", "2019-04-15", "kashi-2019.txt", "2" * 64, "新疆维吾尔自治区")
HUOSHAN = Plan("huoshan-2019", "霍山县2019年水污染防治工作要点", "霍山县人民政府办公室", "district", ("霍山县", "霍山"),
               "霍政办秘〔2019〕15号", "2019-03-12", "huoshan-2019.txt", "3" * 64, "安徽省")
# Real text cut from plans-dev/composed13/kashi-2019.txt and composed12/huoshan-2019.txt.
_ROWS = (
    ("kashi-2019/一/p1", "paragraph", ("一、工作目标",),
     "2019年，吐曼河、克孜河喀什市段水质达到Ⅲ类；城市集中式饮用水水源水质达到或优于Ⅲ类比例达到100%；"
     "城市建成区黑臭水体消除比例达到90%以上；城市污水处理率达到95%；"),
    ("kashi-2019/二/（二）", "task", ("二、重点任务", "（二）城市污水处理厂提标改造。"),
     "（二）城市污水处理厂提标改造。2019年12月底前，完成喀什市城北污水处理厂提标改造，出水水质达到一级A标准，"
     "污泥无害化处置率达到90%。（市住房和城乡建设局牵头，市发展和改革委员会、市财政局配合）"),
    ("kashi-2019/二/（六）", "task", ("二、重点任务", "（六）东湖水环境保护。"),
     "（六）东湖水环境保护。2019年11月底前，完成东湖周边雨污分流改造和湖区清淤工程。"
     "（市城市管理局牵头，市住房和城乡建设局配合）"),
    ("huoshan-2019/一/p1", "paragraph", ("一、工作目标",),
     "2019年，全县地表水国控断面水质达到Ⅱ类，佛子岭水库、磨子潭水库水质保持Ⅱ类；县城集中式饮用水水源地水质达标率"
     "保持100%；县城生活污水集中处理率达到95%。"),
    ("huoshan-2019/二/表1/r3", "table-row", ("二、重点任务",),
     "3	完成佛子岭水库库区网箱养殖清理	县农业农村局	诸佛庵镇、落儿岭镇政府	2019年6月底前"),
    ("huoshan-2019/二/表1/r2", "table-row", ("二、重点任务",),
     "2	新建改造县城污水管网12公里，县城污水处理厂负荷率达到85%	县住建局	县财政局、衡山镇政府	2019年12月底前"),
)


@pytest.fixture
def corpus() -> Corpus:
    return Corpus(plans=(KASHI, HUOSHAN), clauses=tuple(make_clause(*row) for row in _ROWS))


def _cite(corpus: Corpus, clause_id: str) -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(1, clause.plan_id, "", clause_id, " › ".join(clause.path), clause.text, "")


def test_the_name_before_a_kind_word_is_read_up_to_a_level_or_a_particle():
    assert names_before_kinds("完成喀什市城北污水处理厂提标改造") == [("城北", "污水处理厂")]
    assert names_before_kinds("完成佛子岭水库库区网箱养殖清理") == [("成佛子岭", "水库")]
    # 入河, 巡河, 农村 are words of the plans; a year, a question word or a count ends the run
    assert names_before_kinds("完成信江、白塔河入河排污口排查建档") == [("完成信", "江"), ("白塔", "河")]
    assert names_before_kinds("多久巡河，2019年农村生活污水") == []
    assert names_before_kinds("2020年渭河出境这两个断面是哪些镇") == [("渭", "河"), ("", "镇")]
    # a kind word inside the next one's name is none of its own: 丹江口水库 is a reservoir, 泸溪河 a river
    assert names_before_kinds("至2017年末,丹江口水库水质稳定达到ⅱ类") == [("丹江口", "水库")]
    assert names_before_kinds("鹰潭市泸溪河入河排污口") == [("泸溪", "河")]


def test_a_plant_the_clause_does_not_name_beside_the_one_it_does_is_refused(corpus):
    query = analyze("喀什市城南污水处理厂提标改造什么时候完成？", corpus.plans)
    assert asked_names(corpus, query.plan_ids, query.norm) == [("城南", "污水处理厂")]
    assert unnamed_sibling(corpus, query, [_cite(corpus, "kashi-2019/二/（二）")]) == "城南污水处理厂"
    assert other_named(corpus, query, [_cite(corpus, "kashi-2019/二/（二）")]) == "找到的条款说的是同类的另一处，不是城南污水处理厂。"
    # the plant the clause names is answered from it
    north = analyze("喀什市城北污水处理厂提标改造什么时候完成？", corpus.plans)
    assert unnamed_sibling(corpus, north, [_cite(corpus, "kashi-2019/二/（二）")]) == ""


def test_a_reservoir_the_plan_names_elsewhere_is_not_the_one_of_the_task_cited(corpus):
    query = analyze("霍山县磨子潭水库网箱养殖清理由哪个部门牵头？", corpus.plans)
    assert unnamed_sibling(corpus, query, [_cite(corpus, "huoshan-2019/二/表1/r3")]) == "磨子潭水库"
    own = analyze("霍山县佛子岭水库网箱养殖清理由哪个部门牵头？", corpus.plans)
    assert unnamed_sibling(corpus, own, [_cite(corpus, "huoshan-2019/二/表1/r3")]) == ""


def test_a_common_word_before_the_kind_word_is_no_name(corpus):
    # 完成 is written in three clauses of the six: a word of the plans, not a reservoir's name
    query = analyze("霍山县完成水库网箱养殖清理由哪个部门牵头？", corpus.plans)
    assert asked_names(corpus, query.plan_ids, query.norm) == []
    assert unnamed_sibling(corpus, query, [_cite(corpus, "huoshan-2019/二/表1/r3")]) == ""
    # a level word ends the run: 县 of 县城 leaves 城, one character and no name
    town = analyze("霍山县县城污水处理厂负荷率要达到多少？", corpus.plans)
    assert asked_names(corpus, town.plan_ids, town.norm) == []


def test_a_clause_that_names_nothing_of_the_kind_still_answers(corpus):
    # the plan-wide target names no plant: it is the whole city's, not another plant's
    query = analyze("喀什市城南污水处理厂处理率要达到多少？", corpus.plans)
    assert unnamed_sibling(corpus, query, [_cite(corpus, "kashi-2019/一/p1")]) == ""


CHANGLE = Plan("changle-2019", "长乐区水污染防治攻坚战实施方案（2019—2020年）", "福州市长乐区人民政府", "district",
               ("长乐区", "长乐"), "长政综〔2019〕58号", "2019-04-12", "changle-2019.txt", "4" * 64, "福建省")
# Real text cut from plans-dev/composed27/changle-2019.txt.
_CHANGLE = (
    ("changle-2019/第二条", "article", ("第一章 总则",),
     "第二条 本方案适用于长乐区行政区域内闽江长乐段、陈塘港、营前港、下洋河等河流及其流域的水污染防治工作。"),
    ("changle-2019/第九条", "article", ("第三章 重点任务",),
     "第九条 加快城区污水处理设施建设。2020年6月底前完成区第二污水处理厂二期扩建工程，新增处理能力5万吨/日，"
     "出水执行一级A标准。"),
    ("changle-2019/第十条", "article", ("第三章 重点任务",),
     "第十条 整治城区黑臭水体。2019年底前完成下洋河、东关河黑臭水体整治，2020年底前实现长治久清。"),
    ("changle-2019/第三章", "section", ("第三章 重点任务",), "第三章 重点任务"),
)
PINGWANG = Plan("pingwang-2018", "平望镇2018年度水环境综合整治工作计划", "平望镇人民政府", "district", ("平望镇", "平望"),
                "平政发〔2018〕9号", "2018-03-20", "pingwang-2018.txt", "5" * 64, "江苏省")
# 第三 written twice more, in 第三方 (composed12/huoshan-2019.txt, composed15/pingwang-2018.txt): a common string.
_THIRD_PARTY = (
    ("huoshan-2019/二/表1/r4", "table-row", ("二、重点任务",),
     "4	完成乡镇政府驻地污水处理设施运维第三方委托	县住建局	各乡镇政府	2019年10月底"),
    ("pingwang-2018/二/（二）", "task", ("二、重点工作",),
     "（二）农村生活污水设施运维。2018年底前对全镇156个农村生活污水处理设施完成第三方运维招标。"),
)


@pytest.fixture
def changle() -> Corpus:
    return Corpus(plans=(CHANGLE, HUOSHAN, PINGWANG),
                  clauses=tuple(make_clause(*row) for row in (*_CHANGLE, *_THIRD_PARTY)))


def test_a_harbour_river_asked_is_not_answered_from_two_other_rivers_task(changle):
    query = analyze("长乐区营前港黑臭水体整治什么时候完成？", changle.plans)
    assert unnamed_sibling(changle, query, [_cite(changle, "changle-2019/第十条")]) == "营前港"
    own = analyze("长乐区下洋河黑臭水体整治什么时候完成？", changle.plans)
    assert unnamed_sibling(changle, own, [_cite(changle, "changle-2019/第十条")]) == ""


def test_an_ordinal_names_a_plant_and_is_written_only_with_its_kind_word(changle):
    # 第三 is written in three clauses (第三章, 第三方): no rare name, but an ordinal before a plant's kind word
    query = analyze("长乐区第三污水处理厂扩建什么时候完成？", changle.plans)
    assert unnamed_sibling(changle, query, [_cite(changle, "changle-2019/第九条")]) == "第三污水处理厂"
    own = analyze("长乐区第二污水处理厂二期扩建由哪个部门牵头？", changle.plans)
    assert unnamed_sibling(changle, own, [_cite(changle, "changle-2019/第九条")]) == ""
