"""A target answer to an English question must state the indicator asked: the water class and the kind of water
named (facts as the target answerer records them from the plans' sentences)."""
from __future__ import annotations

from rag.answer.english_fit import all_misfit, asked_classes, misfit
from rag.normalize import normalize

# Shanxi 一/（三）: "11个设区市和县级集中式饮用水水源水质达到或优于Ⅲ类比例总体高于90%"
DRINKING = {"type": "target", "indicator": "区市和县级集中式饮用水水源水质达到或优于Ⅲ类比例", "value": "90%", "year": 2020}
# Ledu 一/（三）/2: "乡镇地表水集中式饮用水水源水质达到或优于Ⅱ类的比例达到100%"
CLASS_II = {"type": "target", "indicator": "镇地表水集中式饮用水水源水质达到或优于Ⅱ类的比例", "value": "100%", "year": 2020}
# Ledu 二/（六）/15: "到2020年,全区再生水利用率达到18%"
RECLAIMED = {"type": "target", "indicator": "全区再生水利用率", "value": "18%", "year": 2020}
# Ledu 二/（二）/2: "到2020年,全区城市污水处理率达到95%"
SEWAGE = {"type": "target", "indicator": "全区城市污水处理率", "value": "95%", "year": 2020}


def q(text: str) -> str:
    return normalize(text)


def test_a_water_class_in_english_and_in_words_of_worse():
    assert asked_classes(q("share rated Class III or better")) == {(False, "iii")}
    assert asked_classes(q("sections worse than Class V")) == {(True, "v")}
    assert asked_classes(q("inferior Class V water")) == {(True, "v")}


def test_another_water_class_is_another_indicator():
    asked = q("What proportion of drinking water sources in Ledu must be Class III or better?")
    assert misfit(asked, CLASS_II)
    assert not misfit(q("What share of township drinking water sources must reach Class II or better?"), CLASS_II)


def test_drinking_water_sources_answer_no_question_about_rivers():
    assert misfit(q("What share of Shanxi's main river sections should be rated Class III or better by 2020?"), DRINKING)
    assert not misfit(q("What share of Shanxi's drinking water sources should be Class III or better?"), DRINKING)


def test_reclaimed_water_answers_no_question_about_wastewater_treated():
    assert misfit(q("What share of urban wastewater is Ledu expected to treat by 2020?"), RECLAIMED)
    assert not misfit(q("What recycled water utilization rate does Ledu aim for?"), RECLAIMED)
    assert not misfit(q("What share of urban wastewater is Ledu expected to treat by 2020?"), SEWAGE)


def test_an_answer_is_refused_only_when_every_target_misfits():
    asked = q("What share of urban wastewater is Ledu expected to treat by 2020?")
    assert all_misfit(asked, [RECLAIMED])
    assert not all_misfit(asked, [RECLAIMED, SEWAGE])
    assert not all_misfit(asked, [{"type": "responsibility", "lead_units": ["区住建局"]}])
