"""Divisions an English question names in pinyin, at every level, read through the gazetteer."""
from __future__ import annotations

from rag.corpus.gazetteer import find_pinyin_places


def names(text: str) -> list[tuple[str, list[str]]]:
    return [(m.text, [p.name for p in m.places]) for m in find_pinyin_places(text)]


def test_level_word_narrows_the_divisions_a_pinyin_name_may_mean():
    assert names("sheds in longyou county") == [("longyou county", ["龙游县"])]
    assert names("plants in kecheng district") == [("kecheng district", ["柯城区"])]
    assert names("nanchang city")[0][1][0] == "南昌市"
    assert names("nanchang county") == [("nanchang county", ["南昌县"])]


def test_possessive_and_apostrophe_names():
    assert names("jinan's built-up area")[0][0] == "jinan"
    assert names("xi'an's plan")[0][1][0] == "西安市"


def test_english_words_and_one_syllable_words_are_no_places():
    assert names("what must the human change for women by when in the long river") == []


def test_county_town_keeps_its_scope_word():
    assert names("dangshan county town") == [("dangshan", ["砀山县"])]


def test_banner_and_league_are_level_words_of_inner_mongolia():
    assert names("sewage in wushen banner") == [("wushen banner", ["乌审旗"])]
    assert names("xing'an league")[0][1] == ["兴安盟"]


def test_a_pinyin_name_before_town_or_village_is_no_county():
    # "Anren town" of Longquan is a town, not 安仁县 of Hunan: read as the county, the question became a
    # comparison with the Hunan plans.
    assert names("by when must anren town in longquan finish?") == [("longquan", ["龙泉市"])]
    assert names("what must anren county do?") == [("anren county", ["安仁县"])]


def test_a_one_character_county_is_its_syllable_and_the_level_word():
    # 歙县's short name keeps its level ("Shexian"); English writes it "She County" (composed38's 歙县 plan was
    # asked that way and refused as an unknown place).
    assert names("who leads the river work in she county?") == [("she county", ["涉县", "歙县"])]
    assert names("pei county sewage") == [("pei county", ["沛县"])]
    assert names("mei county") == [("mei county", ["眉县"])]  # not 梅县区: three characters
    assert names("what must each county do by 2020?") == []
    assert names("she said the county") == []
