"""The pinyin syllables characters are read as, and how a word splits into them: the one test of "is this word a
Chinese name spelt out?" for the modules that tell a name from an English word (query analysis, the place and
water checks, the unknown-word check); a leaf, so that they read it without importing each other."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable a Chinese character is read as (pypinyin's table, every reading; ü written v):
    about 410. A pattern of initials and finals would also spell non-syllables ("ro", "gu" + "v"), so that
    "mangrove" fitted it; this set holds only the readings characters have."""
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


def syllable_count(word: str) -> int:
    """The fewest pinyin syllables a lower-case word splits wholly into ("xiaofu" 2, "anhai" = an + hai), 0 when it
    does not split ("mangrove", "river")."""
    valid, best = syllables(), {0: 0}
    for end in range(1, len(word) + 1):
        counts = [best[start] + 1 for start in range(max(0, end - 6), end)
                  if start in best and word[start:end] in valid]
        if counts:
            best[end] = min(counts)
    return best.get(len(word), 0) if word else 0


def spelt_in_syllables(word: str) -> bool:
    """Whether a lower-case word splits wholly into pinyin syllables ("xiaofu", "zhoucun"; not "mangrove")."""
    return syllable_count(word) > 0
