"""Pinyin syllables: the readings characters have, for telling a Chinese name spelt out from an English word."""
from __future__ import annotations

from rag.answer.pinyin_syllable import spelt_in_syllables, syllable_count, syllables


def test_the_syllables_are_the_readings_of_characters():
    found = syllables()
    assert 400 <= len(found) <= 430
    assert {"zhou", "cun", "xiao", "fu", "lv", "nve", "er"} <= found
    assert not {"ro", "v", "gro", "ng", "m"} & found  # pattern-made or interjections


def test_a_name_splits_into_syllables_and_an_english_word_does_not():
    for name in ("zhoucun", "xiaofu", "huangshui", "liaocheng", "shizuishan", "changyi"):
        assert spelt_in_syllables(name), name
    for word in ("mangrove", "mangrov", "wetland", "remove", "under", "fishing", ""):
        assert not spelt_in_syllables(word), word


def test_a_word_is_counted_in_its_fewest_syllables():
    # the one splitter every pinyin decision reads: query analysis (1-4 syllables), the place checks (2-4)
    assert syllable_count("anhai") == 2 and syllable_count("xiaofu") == 2 and syllable_count("shizuishan") == 3
    assert syllable_count("mangrove") == 0 and syllable_count("river") == 0 and syllable_count("") == 0
