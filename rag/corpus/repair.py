"""Scrape and conversion damage repaired for matching and facts; the display text keeps what the file says."""
from __future__ import annotations

import re

from rag.lexicon import load_lexicon
from rag.normalize import to_simplified

# Pinyin a converter appended after characters: "發(fā)", "目標(biāo)". Tone-marked letters tell it from "(a)".
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")
# A space between two Chinese characters, as PDF text layers and some scrapes leave them ("镇 江市").
_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# Look-alike letters standing for Roman water classes: Cyrillic Ш for Ⅲ, "HI" (OCR) for Ⅲ, Latin I/V runs.
_LOOKALIKE_CLASS = re.compile(r"(?<![A-Za-z])(Ш|HI|III|II|IV|VI|V|I)\s*(?=类)")
_SPACED_WORSE = re.compile(r"劣\s+(?=[ⅠⅡⅢⅣⅤⅥ]类)")
_ROMAN = {"Ш": "Ⅲ", "HI": "Ⅲ", "III": "Ⅲ", "II": "Ⅱ", "IV": "Ⅳ", "VI": "Ⅵ", "V": "Ⅴ", "I": "Ⅰ"}


def strip_injected_pinyin(text: str) -> str:
    """"發(fā)布" → "發布"."""
    return _PINYIN.sub("", text)


def join_inner_spaces(text: str) -> str:
    """"劣 V类" stays; "镇 江市" → "镇江市" (single spaces between Chinese characters only)."""
    return _INNER_SPACE.sub("", text)


def roman_classes(text: str) -> str:
    """"达到Ш类" → "达到Ⅲ类", "劣 V类" → "劣Ⅴ类", "HI类" → "Ⅲ类"."""
    return _SPACED_WORSE.sub("劣", _LOOKALIKE_CLASS.sub(lambda m: _ROMAN[m.group(1)], text))


def repaired(text: str) -> str:
    """The text facts are read from: simplified script, no injected pinyin, joined words, Roman classes, years in
    Arabic digits."""
    # No NFKC here: the seeds' facts quote full-width forms as written ("95％"); matching normalises later.
    text = strip_injected_pinyin(to_simplified(text.replace("\xa0", " ")))
    return arabic_years(roman_classes(join_inner_spaces(text)))


_DIGITS = load_lexicon().digits
_CN_YEAR = re.compile(rf"(?<![\u4e00-\u9fff\d])([{''.join(c for c, _ in _DIGITS)}0Oo]{{4}})(?=年)")
_YEAR_DIGIT = {**{c: str(v) for c, v in _DIGITS}, "0": "0", "O": "0", "o": "0"}


def arabic_years(text: str) -> str:
    """"二〇二〇年" → "2020年", "二00五年" (ASCII zeros) → "2005年": years spelt in Chinese digits."""
    def convert(match: re.Match) -> str:
        year = "".join(_YEAR_DIGIT[c] for c in match.group(1))
        return year if year.startswith(("19", "20")) else match.group(1)
    return _CN_YEAR.sub(convert, text)


def for_matching(text: str) -> str:
    """The repairs that never merge words: spaces stay (in a table header they separate cells)."""
    return roman_classes(strip_injected_pinyin(to_simplified(text)))
