"""English word forms as the glossary looks them up: one stem for a word's inflections, British and American
spellings, synonyms of one stem, and compounds written open, hyphenated or closed."""
from __future__ import annotations

import re
from functools import lru_cache

# English function words, which name nothing: articles, the commonest prepositions and conjunctions. The readers of
# English words extend this one list with what their own text also holds (a dictionary's sense, a question).
FUNCTION_WORDS = frozenset("the of and a an in on for to with by or at from its their into".split())

# Inflection endings stripped from English words on both sides (glossary forms and questions), longest first, so
# "protection of aquatic biodiversity" meets "protect aquatic biodiversity" and "drawing" meets "draw". A stem keeps
# at least four letters ("uses", "need" stay whole); a final "e" goes too, so "discharge" and "discharged" agree.
_ENDINGS = ("ations", "ation", "ions", "ion", "ings", "ing", "ed", "es", "s")
_MIN_STEM = 4


# Words for a share of a whole, one word to the glossary: "what share of … good water quality" asks the "good water
# quality ratio", and "percentage", "proportion" and "rate" name the same kind of indicator.
_SHARE_WORDS = frozenset({"ratio", "ratios", "share", "shares", "proportion", "proportions", "percentage",
                          "percentages", "percent", "rate", "rates"})


# British spellings meet the American ones the glossary mostly uses: "fertilisation" ~ "fertilization",
# "centre" ~ "center", "metres" ~ "meters".
_BRITISH = re.compile(r"is(ation|ations|e|ed|es|ing|er|ers)$")
_RE_ENDING = re.compile(r"(?<=[bcdfghklmnpstvz])re(s?)$")


@lru_cache(maxsize=1)
def _british_words() -> dict[str, str]:
    """The maintained British → American word table of `localspelling` (~1,000 words the two rules below miss or
    would get wrong: "aluminium", "colour", "labour", "neighbouring", "tyre"); a word with two American spellings
    ("programme") is not in it and stays as written."""
    from localspelling.spelling_converter import get_dictionary

    return get_dictionary("us")


def american(word: str) -> str:
    table = _british_words()
    if word in table:
        return table[word]
    if word.endswith("s") and word[:-1] in table:  # the table holds singulars: "tyres" ~ "tyre" + s
        return table[word[:-1]] + "s"
    return _RE_ENDING.sub(r"er\1", _BRITISH.sub(r"iz\1", word)) if len(word) > 5 else word


# Stems English writes one thing with, to the one the glossary is looked up by: the plans' 利用率 is a
# "utilization", "usage" or "use" rate, 再生水 "reclaimed" or "recycled" water, and an industry's 企业 a
# "plant" or a "mill" ("steel plant" ~ "steel mills"), in any writer's English. The plans' two action nouns
# 整治/治理 (an "improvement", "remediation" or "rectification" of a thing) and 改造 (a "renovation", "retrofit"
# or "overhaul") are each one word to the glossary; "improve" the verb stays apart (完善…, 提升…).
_SYNONYM_STEMS = {"utiliz": "use", "usag": "use", "reclaim": "recycl", "mill": "plant",
                  "improvement": "remedi", "remediat": "remedi", "rectific": "remedi", "rectify": "remedi",
                  "renov": "retrofit", "renovat": "retrofit", "overhaul": "retrofit"}


# "-ing" and "-ed" double a verb's last consonant ("retrofitting", "planned", "scrapped"): the stem drops the
# copy, so "retrofitting" meets "retrofit". Not l, s, f or z, which roots end in doubled ("install", "spill").
_DOUBLING_ENDINGS = frozenset({"ing", "ings", "ed"})
_DOUBLED = re.compile(r"([bdgmnprt])\1$")


def english_stem(word: str) -> str:
    """The stem an English word is looked up by ("petrol stations" ~ "petrol station", "protection" ~ "protect")."""
    if word in _SHARE_WORDS:
        return "rate"
    if word.endswith(("ss", "us", "is")) or not word.isalpha():
        return word
    word = american(word)
    for ending in _ENDINGS:
        # A plain plural "s" may leave three letters ("taps" ~ "tap"); the other endings need four.
        if word.endswith(ending) and len(word) - len(ending) >= (3 if ending == "s" else _MIN_STEM):
            word = word[:-len(ending)]
            if ending in _DOUBLING_ENDINGS:
                word = _DOUBLED.sub(r"\1", word)
            break
    word = word[:-1] if word.endswith("e") and len(word) > _MIN_STEM else word
    return _SYNONYM_STEMS.get(word, word)


# An English word, or a decimal ("pm2.5"): a full stop ending a sentence is no part of its last word.
ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")


# Compounds English writes closed, hyphenated or open ("clean-up", "cleanup", "clean up"): one closed word.
_COMPOUNDS = re.compile(r"\b(clean|waste|ground|farm|land|sea|drain)[\s-]+(up|water|land|fill|age)\b")


# The verb inflected before its particle is the same compound ("cleaning up", "cleaned up" ~ "cleanup").
_INFLECTED_CLEANUP = re.compile(r"\bclean(?:ing|ed|s)[\s-]+up\b")


def closed_compounds(text: str) -> str:
    return _COMPOUNDS.sub(r"\1\2", _INFLECTED_CLEANUP.sub("cleanup", text))


def english_key(english: str) -> str:
    return " ".join(english_stem(w) for w in re.findall(ENGLISH_WORD, closed_compounds(english)))
