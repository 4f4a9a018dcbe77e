"""A question naming one plant, reservoir, village or river is not answered from a sibling's clause."""
from __future__ import annotations

import pytest

from rag.answer.query import analyze
from rag.answer.sibling_names import asked_names, names_before_kinds, unnamed_sibling
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


def test_a_plant_the_clause_does_not_name_beside_the_one_it_does_is_refused(corpus):
    query = analyze("喀什市城南污水处理厂提标改造什么时候完成？", corpus.plans)
    assert asked_names(corpus, query.plan_ids, query.norm) == [("城南", "污水处理厂")]
    assert unnamed_sibling(corpus, query, [_cite(corpus, "kashi-2019/二/（二）")]) == "城南污水处理厂"
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
