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

The same reading decides whether an English question is understood enough to quote an answer for
(not_understood), and whether an answer the dictionary's words made possible cites a clause writing them
(off_dictionary; the words come from rag.answer.english_dictionary through dictionary_terms).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rag.answer.english_dictionary import DICTIONARY_SOURCE, dictionary, dictionary_mentions
from rag.answer.english_mentions import _bag, _rare_words, _word_users
from rag.answer.english_stems import FUNCTION_WORDS, closed_compounds, english_stem
from rag.answer.evidence import NOT_UNDERSTOOD, understood
from rag.answer.glossary import Mention
from rag.answer.pinyin_syllable import spelt_in_syllables
from rag.answer.places import load_places
from rag.lexicon import Glossary, load_glossary
from rag.normalize import normalize

WHO_INTENTS = frozenset({"lead", "cooperate", "implement"})
# Terms that say where a thing is done, not what: a river, lake or reservoir, a town or county.
_WHERE_KINDS = frozenset({"water", "place"})
# Question, auxiliary and asking words (stems as english_stem makes them), which say how a thing is asked, not
# what: a who-question's frame. Directions, counts, times and the most general verbs neither: the dictionary gives
# them plan words (以南, 二次) that name no task.
_FRAME = frozenset("""who whom whose which what when where how why is are was were be been being doe do did done
has have had will would shall should must can could may might take takes taken charg charge person people
someone anyone department departments agency agencies unit units bureau office body bodies authority authoriti
organ organis organiz government city county district town township province provincial municipal local
actual actually pl please thank thanks tell me us know exactly really mainly main also just
north south east west northern southern eastern western upper lower once twice thrice first second third last next
per each every year years month months week weeks day days annual annually yearly monthly daily time times
happen happens happened get gets got make makes made put give given gives need needs want wants""".split())
_FRAME_STEMS = frozenset(english_stem(word) for word in _FRAME) | _FRAME


def possible_pinyin(word: str, stem: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether an English question's word may be a Chinese name spelt out (a water, a village the glossary cannot
    hold), and so no word of a thing asked about: only when it splits wholly into pinyin syllables and is no word
    the dictionary knows, unless the asker wrote it capitalised like a name (`names`: "Fen", "Shizuishan" are in
    the dictionary as names). The pattern of initials and finals this replaced also spelt "mangrove", "remove" and
    "under", and "run", "city" and "like" are syllables: such words were never counted as unknown, so a
    question about mangroves could be answered with a neighbouring wetland task. Of the 2,399 English content
    words of the dev questions outside the glossary, frame and place names, 219 (54 distinct) change status, all
    from name to word: run, city, remove, under, like, mangrove…, and Ulan (no syllable split: a name left to the
    place table)."""
    return spelt_in_syllables(word) and (stem not in dictionary() or word in names or stem in names)


def written_names(text: str) -> frozenset[str]:
    """The words (and their stems) a question writes capitalised: names, as the asker wrote them."""
    words = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", text)}
    return frozenset(words | {english_stem(w) for w in words})


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


def _an_act(stem: str) -> bool:
    """A word the dictionary translates as one of the glossary's acts (removing → 拆除, closing → 关闭): it says what
    is done to the subject, not what the subject is. Once spelt-out names were no longer read into every word the
    syllable pattern fitted, "removing the fish pens" lost its act this way."""
    acts = _acts(load_glossary())
    return any(headword in acts for headword, _ in dictionary().get(stem, ()))


# Query (rag.answer.query) is named, not imported, in this module's annotations: query.py imports this module.
def unknown_words(query: Query) -> tuple[str, ...]:
    """The content words of an English question that no glossary form, role word or place name uses and that
    are not pinyin (a name of a place or water the glossary cannot hold)."""
    used: set[str] = set()
    for mention in query.terms:
        used |= _bag(mention.surface)
    known = _known(load_glossary())
    names = written_names(query.text)
    out = []
    for word in sorted(_bag(query.norm.replace("-", " ")) - used):
        if word in known or word in _FRAME_STEMS or word in _place_words() or word.isdigit():
            continue
        if possible_pinyin(word, word, names) or _an_act(word):
            continue
        out.append(word)
    return tuple(out)


_EN_FUNCTION = FUNCTION_WORDS | frozenset("""as than that this within without under over through between among
about after before during against near along across around beyond onto upon via per so not too very more most less
least other others such same own""".split())


def dictionary_terms(norm: str, found: tuple[Mention, ...], text: str) -> tuple[Mention, ...]:
    """The plan words the dictionary gives for an English question's words that no glossary mention of it used
    (rag.answer.english_dictionary): "effluent" → 废水, "fishing boats" → 渔船, when `text` (the plans in scope)
    writes them. Only words that name a thing: none that dozens of glossary forms use ("water", "pollution",
    "control" pin nothing down, and the dictionary gives them general words), and no question, frame, place or
    pinyin word. A run of words may take a word a one-word glossary mention used: "fishing boats" is 渔船, more than
    the glossary's "boat" (船舶), which stays."""
    covered: set[str] = set()
    for mention in found:
        if len(_bag(mention.surface)) >= 2 or not mention.surface.isascii():
            covered |= _bag(mention.surface)
    single = {stem for m in found if len(_bag(m.surface)) == 1 for stem in _bag(m.surface)}
    known, rare = _known(load_glossary()), _rare_words(load_glossary())
    words: list[tuple[str, str]] = []
    runs: list[list[tuple[str, str]]] = [words]
    for word in re.findall(r"[a-z0-9]+", closed_compounds(norm.replace("-", " "))):
        stem = english_stem(word)
        if word in _EN_FUNCTION or stem in _FRAME_STEMS or stem in _place_words() or word.isdigit() \
                or possible_pinyin(word, stem) or len(word) < 3 or stem in covered:
            # a word spelt like pinyin that English has ("fishing", "share") is English
            runs.append(words := [])  # a run of words ends at a function, frame or covered word
            continue
        words.append((word, stem))
    acts = _acts(load_glossary())
    naming = {stem for run in runs for _, stem in run if stem not in single and (stem not in known or stem in rare)}
    out: list[Mention] = []
    for run in runs:
        for mention in dictionary_mentions(run, text, frozenset(single)):
            stems = _bag(mention.surface)
            if stems & naming and mention.term.official not in acts \
                    and all(m.term.official != mention.term.official for m in found):
                out.append(mention)
    return tuple(out)


def unknown_subject(query: Query) -> tuple[str, ...]:
    """For an English who-question whose only terms are waters or places: its words the plans' vocabulary lacks
    (the subject asked about the water, "fish restocking in the Xiaofu River in Zhoucun"); () otherwise."""
    if query.language != "en" or query.intent not in WHO_INTENTS or not query.terms:
        return ()
    if any(m.term.kind not in _WHERE_KINDS for m in query.terms):
        return ()
    return unknown_words(query)


@lru_cache(maxsize=4)
def _acts(glossary: Glossary) -> frozenset[str]:
    """The glossary's acts in Chinese (关闭, 拆除, 搬迁 and their aliases): what a plan does to a thing, never the
    thing asked about ("removal" → 搬迁 where the plan writes 拆除), so the dictionary proposes none of them."""
    return frozenset(form for term in glossary.of_kind("act") for form in (term.official, *term.aliases))


def dictionary_words(found: tuple[Mention, ...]) -> tuple[tuple[str, ...], ...]:
    """The plan words of the dictionary's mentions (dictionary_terms), grouped by the English words they read."""
    groups: dict[str, list[str]] = {}
    for mention in found:
        if _from_dictionary(mention):
            groups.setdefault(mention.surface, []).append(mention.term.official)
    return tuple(tuple(words) for words in groups.values())


def holds_dictionary_words(query: Query, texts: list[str]) -> bool:
    """Whether the texts (an answer's cited clauses) write a plan word for each of the question's words that only
    the dictionary knew: "fishing boats" answered from a clause without 渔船 answers another question."""
    joined = normalize("\n".join(texts))
    return all(any(normalize(word) in joined for word in words) for words in query.dictionary_words)


def without_dictionary(query: Query) -> Query:
    """The question as the glossary alone understood it: the dictionary's mentions left out."""
    return replace(query, terms=tuple(m for m in query.terms if not _from_dictionary(m)), dictionary_words=())


def _from_dictionary(mention: Mention) -> bool:
    return mention.how == "english" and mention.term.english == (DICTIONARY_SOURCE, mention.surface)


# Intents answered by quoting what the plans say about the subject; who-leads and comparisons check their own
# matches (a unit's name, an indicator on both sides), so the English understanding check spares them.
QUOTING = frozenset({"target", "deadline", "list", "obligation", "general"})


def not_understood(query: Query) -> str:
    """Why an English question is too little understood to quote an answer for ("" when it is understood)."""
    if unknown_subject(query):  # "who leads fish stocking in the X River": only the river or place is known
        return NOT_UNDERSTOOD
    if query.language != "en" or query.intent not in QUOTING:
        return ""
    terms = {m.term.official for m in query.terms}
    # A part of the area named ("county", "urban": the glossary's scopes) narrows the subject as a term's word does.
    scopes = tuple(forms[0] for forms in query.scopes if forms)
    return "" if understood(tuple(m.surface for m in query.terms) + scopes, len(terms)) else NOT_UNDERSTOOD


def off_dictionary(query: Query, texts: list[str]) -> bool:
    """The dictionary's words made an English question understood ("fishing boats" beside the glossary's "boat")
    and the texts (an answer's cited clauses) do not write them (渔船): the answer is about something else."""
    return bool(query.dictionary_words) and bool(not_understood(without_dictionary(query))) \
        and not holds_dictionary_words(query, texts)
