"""A part the question names that no plan writes, answered from a clause naming a sibling of it, is refused."""
from __future__ import annotations

import pytest

from rag.answer.draft import Context
from rag.answer.intents import compose
from rag.answer.query import analyze
from rag.answer.sibling_names import named_forms, sibling_named
from rag.types import Corpus, Hit, Plan
from tests.conftest import make_clause

BAYI = Plan("bayi-2017", "巴宜区水污染防治工作方案", "林芝市巴宜区人民政府", "district", ("巴宜区", "巴宜"),
            "", "2017-06-01", "bayi-2017.txt", "4" * 64, "西藏自治区")
# Real text cut from plans-dev/composed17/bayi-2017.txt.
_RIVER_CHIEFS = ("bayi-2017/二/10", "task", ("二、主要任务", "10．全面推行河长制。"),
                 "10．全面推行河长制。2017年底前，建立区、乡（镇）、村三级河长体系，乡级河长每月巡河不少于2次。"
                 "区水利局为责任主体，各乡（镇）人民政府具体落实。")
# Real text cut from plans-dev/composed13/kashi-2019.txt.
_KASHI_PLANT = "2019年12月底前，完成喀什市城北污水处理厂提标改造，出水水质达到一级A标准，污泥无害化处置率达到90%。"


@pytest.fixture
def corpus() -> Corpus:
    return Corpus(plans=(BAYI,), clauses=(make_clause(*_RIVER_CHIEFS),))


def test_a_part_is_read_as_the_qualifier_before_its_head():
    assert named_forms("巴宜区村级河长每月巡河不少于几次") == [("村", "级")]
    assert named_forms("喀什市城南污水处理厂提标改造什么时候完成") == [("南", "污水处理厂")]
    assert named_forms("周市镇东方村生活污水治理设施什么时候建成") == [("方", "村")]
    # words, not names: 村庄 (a head before a compound's second character), 县村 (a place's level before it)
    assert named_forms("蕉岭县村庄污水治理谁牵头") == []
    # asking words before a head name nothing: 哪几个街道, 多少个村
    assert named_forms("榆阳沙河清淤截污，实施主体是哪几个街道") == []
    assert named_forms("溧阳村里的污水，2017年要治多少个村") == []
    # an asker's own village, plant or post, and a level asked, name no part (everyday-dev questions)
    assert named_forms("我们村在昌邑，村里的生活污水有人管吗") == []
    assert named_forms("我在聊城一家污水处理厂上班，我们厂出水要达到啥标准") == []
    assert named_forms("我是村主任，乡镇饮用水源保护区要在什么时候前划定完") == []
    assert named_forms("断面水质不达标的县，生态赔偿金交给哪一级财政") == []


def test_the_sibling_of_an_unwritten_part_is_no_answer():
    plan = [_KASHI_PLANT]
    assert sibling_named("喀什市城南污水处理厂提标改造什么时候完成", plan, [_KASHI_PLANT]) == "南污水处理厂"
    # the part the plan writes is judged by the other checks, never here
    assert sibling_named("喀什市城北污水处理厂提标改造什么时候完成", plan, [_KASHI_PLANT]) == ""
    # an unwritten part with no sibling in the clause cited: not this check's to refuse
    assert sibling_named("喀什市城南污水处理厂提标改造什么时候完成", plan, ["出水水质达到一级A标准"]) == ""
    # a clause listing the part asked before a shared head writes it ("第一、第二…污水处理厂")
    listed = "2018年底前，银川市第一、第二、第三、第四污水处理厂完成一级A提标改造。"
    assert sibling_named("银川市第一污水处理厂一级A提标改造什么时候完成", [listed], [listed]) == ""
    assert sibling_named("银川市第五污水处理厂一级A提标改造什么时候完成", [listed], [listed]) == "五污水处理厂"
    # a head right after the plan's own place name is that place's (喀什污水处理厂), not a part of its own
    assert sibling_named("喀什污水处理厂提标改造什么时候完成", plan, [_KASHI_PLANT], ("喀什市", "喀什")) == ""
    # a plan's own place named by a head word (周村区) is no part of it
    assert sibling_named("周村污水厂出水氨氮每升不能超过几毫克", ["周村区"], ["各村、镇村"], ("周村区", "周村")) == ""


def test_the_village_chiefs_rhythm_is_not_the_township_chiefs(corpus):
    ctx = Context(corpus, lambda text, plans: [])
    hits = [Hit(corpus.clause("bayi-2017/二/10"), 1.0, ("bm25",))]
    village = compose(ctx, analyze("巴宜区村级河长每月巡河不少于几次？", corpus.plans), hits)
    assert village.abstained and [c.clause_id for c in village.citations] == ["bayi-2017/二/10"]
    township = compose(ctx, analyze("巴宜区乡级河长每月巡河不少于几次？", corpus.plans), hits)
    assert not township.abstained and "2次" in township.text


def test_a_rhythm_asked_of_the_village_chief_is_not_the_township_chiefs(corpus):
    # The rhythm answerer (rag.answer.rhythms) returns early in rag.answer.intents.answer: the check follows it there.
    ctx = Context(corpus, lambda text, plans: [])
    hits = [Hit(corpus.clause("bayi-2017/二/10"), 1.0, ("bm25",))]
    assert compose(ctx, analyze("巴宜区村级河长多久巡一次河？", corpus.plans), hits).abstained
    township = compose(ctx, analyze("巴宜区乡级河长多久巡一次河？", corpus.plans), hits)
    assert not township.abstained and "每月巡河不少于2次" in township.text
