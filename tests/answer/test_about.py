"""The subject check on literal text cut from the plans: enumerations are passing mentions, rare words weigh more."""
from __future__ import annotations

import pytest

from rag.answer.about import (
    states_figure,
    states_time,
    weighted_cover,
    without_enumerations,
)

FUNDING = ("1、加大政府投入。区财政加大水环境保护项目支持力度。重点支持污水处理、污泥处理处置、河道整治、饮用水水源保护、"
           "畜禽养殖污染防治、水生态修复、应急清污等项目和工作。")
SLUDGE_TASK = "推进污泥安全处置。污水处理设施产生的污泥应进行稳定化、无害化和资源化处理处置"


def test_an_enumeration_is_blanked_out():
    assert "污泥" not in without_enumerations(FUNDING)
    assert "加大政府投入" in without_enumerations(FUNDING)


def test_weighted_cover_counts_rare_words_more_and_ignores_passing_mentions():
    weights = {"污泥": 4.0, "处置": 1.0}  # 污泥 is rare in the plans, 处置 common
    assert weighted_cover(weights, "1、加大政府投入。", FUNDING) == 0.0
    assert weighted_cover(weights, "", SLUDGE_TASK) == 1.0
    assert weighted_cover(weights, "", "避免应急情况发生后，有毒有害物质、危险化学品及处置废水进入河道") == pytest.approx(0.2)
    assert weighted_cover({}, "", SLUDGE_TASK) == 0.0


@pytest.mark.parametrize("sentence, year, expected", [
    ("石川河入渭水质达到地表水Ⅳ类水质;", None, True),
    ("到2019年,国家地表水考核断面水质优良比例达到88.3%", None, True),
    ("到2017年,全省设区市的公共供水管网漏损率控制在12%以内", 2020, False),
    ("流域 2016年 2017年 2018年 2019年 2020年", None, False),
    ("大力发展生态农业,积极开展农业废弃物资源化利用。", None, False),
])
def test_states_figure(sentence, year, expected):
    assert states_figure(sentence, year) is expected


def test_states_time():
    assert states_time("2017年底前完成所有水污染源许可证的核发工作")
    assert states_time("自2016年起每季度公开")
    assert not states_time("城市建成区基本消灭黑臭水体;")


def test_a_count_in_the_subject_weighs_nothing():
    # xiangdong-2019 (composed21) writes "东河沟、麻山渠两处黑臭水体"; a question asks about "那两条臭水沟", and another
    # plan of the corpus (shanzhou-2020, composed27) writes "两条河流": the count is no rare word of the subject.
    from rag.answer.about import subject_weights
    from rag.types import Corpus, Plan
    from tests.conftest import make_clause

    plan = Plan("sz-2020", "陕州区水污染防治方案", "", "district", ("陕州区",), "", "", "sz-2020.txt", "")
    clauses = (make_clause("sz-2020/一/p1", "task", (), "青龙涧河、苍龙涧河是我区流入黄河的两条主要支流。"),
               make_clause("sz-2020/二/（一）", "subsection", (), "整治城区黑臭水体。"))
    corpus = Corpus((plan,), clauses, (), (), ())
    assert sorted(subject_weights(corpus, "城区两条臭水沟")) == ["城区", "臭水"]
