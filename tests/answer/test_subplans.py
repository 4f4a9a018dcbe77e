"""A plan with one sub-plan per county: a figure under a heading naming a county belongs to that county."""
from __future__ import annotations

from rag.answer.subplans import subplan_passes, subplan_place
from rag.normalize import normalize
from rag.types import Hit
from tests.conftest import make_clause

# Cut from tests/fixtures/plans-dev/composed6/shaoyang-2021.txt.
CITY = make_clause("shaoyang-2021/一/p1", "paragraph", ("一、工作目标",),
                   "到2025年底，县级及以上城市集中式饮用水水源水质达到或优于Ⅲ类比例保持100%，"
                   "乡镇级集中式饮用水水源水质达标率达到90%以上。")
SHAODONG = make_clause("shaoyang-2021/三/（二）", "subsection", ("三、分县（市、区）实施方案", "（二）邵东市实施方案。"),
                       "（二）邵东市实施方案。2022年底前完成蒸水水源地一级保护区隔离防护网建设；到2025年，"
                       "乡镇级集中式饮用水水源水质达标率达到95%以上。责任单位：邵东市人民政府")
XINNING = make_clause("shaoyang-2021/三/（三）", "subsection", ("三、分县（市、区）实施方案", "（三）新宁县实施方案。"),
                      "（三）新宁县实施方案。到2025年，县城备用水源建成投用。责任单位：新宁县人民政府")
SECTION = make_clause("shaoyang-2021/三", "section", ("三、分县（市、区）实施方案",), "三、分县（市、区）实施方案")


def _ids(passes):
    return [[h.clause.clause_id for h in hits] for hits in passes]


def test_a_heading_naming_a_county_and_a_plan_genre_makes_a_sub_plan():
    assert subplan_place(SHAODONG) == "邵东市"
    assert subplan_place(XINNING) == "新宁县"
    assert subplan_place(SECTION) == "" and subplan_place(CITY) == ""  # 分县（市、区） names no one county


def test_a_question_naming_a_county_is_answered_from_its_sub_plan_first_and_never_from_another():
    hits = [Hit(c, 1.0, ("bm25",)) for c in (CITY, SHAODONG, XINNING)]
    assert _ids(subplan_passes(normalize("邵东乡镇级饮用水水源水质达标率要达到多少？"), hits)) == [
        ["shaoyang-2021/三/（二）"], ["shaoyang-2021/一/p1", "shaoyang-2021/三/（二）"]]


def test_a_question_naming_no_county_is_answered_from_the_plans_own_text_first():
    hits = [Hit(c, 1.0, ("bm25",)) for c in (SHAODONG, CITY, XINNING)]
    assert _ids(subplan_passes(normalize("邵阳乡镇级饮用水水源水质达标率要达到多少？"), hits)) == [
        ["shaoyang-2021/一/p1"], ["shaoyang-2021/三/（二）", "shaoyang-2021/一/p1", "shaoyang-2021/三/（三）"]]
    assert _ids(subplan_passes("x", [Hit(CITY, 1.0, ("bm25",))])) == [["shaoyang-2021/一/p1"]]
