"""The words of an English who-question that name a thing the plans' vocabulary has no word for.

An English question reaches the plans only through its glossary terms. "Who is responsible for fish stocking in
the Huangshui River?" is read as its one known term, the river (湟水), and the note of any task of that river
answered it: the plans say nothing of stocking fish, so that answer named the lead of another task. A water or
place tells where; the subject is what is done there. When every term found is a water or a place and the
question has a word that no glossary English form uses (stocking, microplastics) and that is no question or role
word, no place name and no pinyin, the subject asked is one the plans' vocabulary does not have, and the assistant
refuses. (One check: a second copy for places, rag.answer.unnamed_task, was folded in here.)

A word the glossary does use ("dredging", "clean-up") but in a phrase the question did not write keeps the
question answerable: the water's task is then likely the one asked (dredging of the Luoxi River → 螺溪河 清淤).
"""
from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.english_mentions import _bag, _word_users
from rag.answer.english_stems import english_stem
from rag.answer.places import load_places
from rag.answer.query import _SYLLABLE, Query
from rag.lexicon import Glossary, load_glossary
from rag.normalize import normalize

WHO_INTENTS = frozenset({"lead", "cooperate", "implement"})
# Terms that say where a thing is done, not what: a river, lake or reservoir, a town or county.
_WHERE_KINDS = frozenset({"water", "place"})
# Question, auxiliary and asking words (stems as english_stem makes them), which say how a thing is asked, not
# what: a who-question's frame.
_FRAME = frozenset("""who whom whose which what when where how why is are was were be been being doe do did done
has have had will would shall should must can could may might take takes taken charg charge person people
someone anyone department departments agency agencies unit units bureau office body bodies authority authoriti
organ organis organiz government city county district town township province provincial municipal local
actual actually pl please thank thanks tell me us know exactly really mainly main also just""".split())
_FRAME_STEMS = frozenset(english_stem(word) for word in _FRAME) | _FRAME
_PINYIN = re.compile(rf"(?:{_SYLLABLE}){{1,5}}")


@lru_cache(maxsize=4)
def _known(glossary: Glossary) -> frozenset[str]:
    """Every English word stem the glossary uses: its terms' forms and its role words."""
    words = set(_word_users(glossary))
    for _, forms in glossary.roles:
        for form in forms:
            words |= _bag(normalize(form))
    return frozenset(words)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """The words of the place table's English names (Kashgar, Ejin Horo, Inner Mongolia)."""
    return frozenset(_bag(" ".join(alias for place in load_places() for alias in place.aliases if alias.isascii())))


def unknown_words(query: Query) -> tuple[str, ...]:
    """The content words of an English question that no glossary form, role word or place name uses and that
    are not pinyin (a name of a place or water the glossary cannot hold)."""
    used: set[str] = set()
    for mention in query.terms:
        used |= _bag(mention.surface)
    known = _known(load_glossary())
    out = []
    for word in sorted(_bag(query.norm.replace("-", " ")) - used):
        if word in known or word in _FRAME_STEMS or word in _place_words() or word.isdigit():
            continue
        if _PINYIN.fullmatch(word):
            continue
        out.append(word)
    return tuple(out)


def unknown_subject(query: Query) -> tuple[str, ...]:
    """For an English who-question whose only terms are waters or places: its words the plans' vocabulary lacks
    (the subject asked about the water, "fish restocking in the Xiaofu River in Zhoucun"); () otherwise."""
    if query.language != "en" or query.intent not in WHO_INTENTS or not query.terms:
        return ()
    if any(m.term.kind not in _WHERE_KINDS for m in query.terms):
        return ()
    return unknown_words(query)
