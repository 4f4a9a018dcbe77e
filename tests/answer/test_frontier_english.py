"""English questions about plans of Inner Mongolia's coal region (composed13, 伊金霍洛旗): the glossary words they
need (the banner seat, mine water's utilisation rate) and a cooperating-units question worded "work with"."""
from __future__ import annotations

from rag.answer.query import analyze
from rag.types import Plan

PLANS = (Plan("yijinhuoluo-2020", "伊金霍洛旗2020年水污染防治攻坚战实施方案", "", "", ("伊金霍洛旗", "伊金霍洛", "yijinhuoluo"),
              "", "", "yijinhuoluo-2020.txt", "0" * 64),)


def test_the_seat_of_a_banner_is_the_county_town_scope_its_plan_writes_as_旗所在地():
    query = analyze("What domestic sewage treatment rate must the seat of Ejin Horo Banner reach in 2020?", PLANS)
    assert query.scopes and "旗所在地" in query.scopes[0]


def test_mine_water_utilisation_rate_is_an_indicator():
    query = analyze("What mine water utilisation rate does Ejin Horo Banner aim for in 2020?", PLANS)
    assert (query.indicator, query.intent) == ("矿井水综合利用率", "target")


def test_units_that_work_with_a_bureau_are_cooperating_units():
    query = analyze("In Ejin Horo Banner, which units work with the Water Resources Bureau on river clean-up?", PLANS)
    assert query.intent == "cooperate"
