"""A pinyin syllable as a regular expression, for the modules that tell a Chinese name spelt out from an English
word; a leaf, so that query analysis and the place checks it calls both read it without importing each other."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# A pinyin syllable: initial and final ("ling", "hu", "xiang"); a name made of them only is a Chinese name spelt out,
# while an English word before "River" ("Yellow", "North") is a translation that the pinyin index cannot find.
SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou|an"
            r"|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)")


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable a Chinese character is read as (pypinyin's table; ü written v): about 410.
    SYLLABLE above is a pattern of initials and finals that also spells non-syllables ("ro", "gu" + "v"), so a word
    like "mangrove" fits it; this set holds only the readings characters have."""
    from pypinyin.constants import PINYIN_DICT  # deferred: only the word checks need it

    out = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            plain = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
            plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
            if plain.isascii() and plain.isalpha() and plain not in _INTERJECTIONS:
                out.add(plain.lower())
    return frozenset(out)


# Readings of interjections and dialect characters (嗯 ng, 呒 m, 欸 ê), which no place or water name is spelt with:
# with them "m" and "ng" would let any English word ending so split into syllables.
_INTERJECTIONS = frozenset({"m", "n", "ng", "hm", "hng", "e", "ea", "yo", "lo"})


def spelt_in_syllables(word: str) -> bool:
    """Whether a lower-case word splits wholly into pinyin syllables ("xiaofu", "zhoucun"; not "mangrove")."""
    valid = syllables()
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in valid for start in range(max(0, end - 6), end)):
            ends.add(end)
    return len(word) in ends and bool(word)
