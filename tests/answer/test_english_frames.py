"""English questions beyond their vocabulary: the plan's own place and the places holding it only say where
(rag.answer.english_where), and "who helps" asks the cooperating units (rag.answer.asks)."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.asks import asked_intent
from rag.answer.english_where import locating_only, own_place_waters
from rag.answer.glossary import Mention
from rag.lexicon import Term
from rag.normalize import normalize
from tests.conftest import SHANXI, ZHOUCUN

_ZHOUCUN = replace(ZHOUCUN, regions=(*ZHOUCUN.regions, "zhoucun"))


def test_the_plans_own_place_and_its_city_are_no_subject_words():
    # "…in Zhoucun District, Zibo": 淄博 holds 周村区 and only locates it; 污泥 is what is asked
    assert locating_only(("淄博", "周村区", "污泥处理处置"), ("zhoucun-2016",), (_ZHOUCUN,)) == ("污泥处理处置",)


def test_a_place_inside_the_plans_area_stays_a_subject_word():
    # 太原 is one of the Shanxi plan's regions, but a city inside the province: "Taiyuan's built-up area"
    assert locating_only(("太原市", "城市建成区"), ("shanxi-2015",), (SHANXI,)) == ("太原市", "城市建成区")


def test_a_water_read_from_the_plans_own_name_alone_is_the_place():
    alone = Mention(Term("周村", "water", (), ("zhoucun",)), "zhoucun", "english")
    river = Mention(Term("周村河", "water", (), ("zhoucun river",)), "zhoucun river", "english")
    assert own_place_waters((alone, river), ("zhoucun-2016",), (_ZHOUCUN,)) == (river,)
    assert own_place_waters((alone,), (), (_ZHOUCUN,)) == (alone,)  # no plan asked: a water it may be


def test_who_helps_asks_the_cooperating_units():
    for question in ("Who helps the housing bureau build and fix sewer pipes in Zhoucun?",
                     "Who helps the transport bureau clear illegal docks along the Xiang River in Zhuzhou?"):
        assert asked_intent(normalize(question), 1, None) == "cooperate"
    assert asked_intent(normalize("Who leads sewer pipe repairs in Zhoucun?"), 1, None) == "lead"


class _Clause:
    def __init__(self, plan_id: str, text: str) -> None:
        self.plan_id, self.norm, self.text = plan_id, normalize(text), text


# zhoucun-2016 三/（一）/3 (cut), with the city the question adds written before the district as the issuer writes it
_SLUDGE = (_Clause("zhoucun-2016", "淄博市周村区推进污泥处理处置。污水处理设施产生的污泥应进行稳定化、无害化和资源化处理处置。"),)


def test_an_english_questions_subject_leaves_out_the_city_holding_the_plan():
    from rag.answer.query import analyze

    query = analyze("Which body leads sludge disposal in Zhoucun District, Zibo?", (_ZHOUCUN,), _SLUDGE)
    assert query.plan_ids == ("zhoucun-2016",)
    assert "淄博" not in query.subject and "淄博" not in query.expansion
    assert "污泥" in query.subject
