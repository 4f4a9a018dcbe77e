"""The glossary at work on a question: which official terms its everyday or English words stand for."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.answer.english_stems import (
    ENGLISH_WORD,
    closed_compounds,
    english_key,
    english_stem,
)
from rag.lexicon import Glossary, Term, load_glossary
from rag.normalize import normalize


@dataclass(frozen=True)
class Mention:
    """A glossary term named in a question, and the words that named it."""

    term: Term
    surface: str  # the question's words (normalised)
    how: str  # official | alias | english


@lru_cache(maxsize=4)
def _forms(glossary: Glossary) -> dict[str, tuple[tuple[Term, str], ...]]:
    """Every surface form (normalised; English singular, words joined by one space) → the terms it names."""
    forms: dict[str, list[tuple[Term, str]]] = {}
    # A question word ("lead", "负责") asks about a role; it never names a term ("lead" the metal).
    role_words = {normalize(word) for _, words in glossary.roles for word in words}
    for term in glossary.terms:
        for how, words in (("official", (term.official,)), ("alias", term.aliases), ("english", term.english)):
            for word in words:
                key = english_key(normalize(word)) if word.isascii() else normalize(word)
                if len(key) >= 2 and key not in role_words and all(t is not term for t, _ in forms.get(key, ())):
                    forms.setdefault(key, []).append((term, how))
    return {key: tuple(found) for key, found in forms.items()}


_LONGEST_HAN, _LONGEST_WORDS = 24, 8


def mentions(norm: str, glossary: Glossary | None = None) -> tuple[Mention, ...]:
    """Glossary terms a normalised question names, in order; the longest form at a place wins over the ones
    inside it. Dictionary look-ups, not one regex of thousands of alternatives: ~0.1 ms a question."""
    forms = _forms(glossary or load_glossary())
    found: list[Mention] = []
    for surface in (*_han_spans(norm, forms), *_word_spans(norm, forms)):
        for term, how in forms[surface]:
            if all(m.term is not term for m in found):
                found.append(Mention(term, surface, how))
    return _with_compounds(tuple(found), norm, glossary or load_glossary())


# "粪便综合利用率" names 畜禽粪污综合利用率 with an everyday form of its first part: a form of one term (粪便 →
# 畜禽粪便, whose forms include 畜禽粪污) followed by the rest of an official term's name (综合利用率). Only an
# official name is rebuilt, so no compound is guessed: the plans' word must exist.
_JOINER = ("", "的")


def _with_compounds(found: tuple[Mention, ...], norm: str, glossary: Glossary) -> tuple[Mention, ...]:
    """The mentions, preceded by the official terms a mention's words and the words after them spell."""
    rests = _compound_rests(glossary)
    joined: list[Mention] = []
    for part in found:
        for rest, term in rests.get(part.term.official, ()):
            surface = next((f"{part.surface}{j}{rest}" for j in _JOINER if f"{part.surface}{j}{rest}" in norm), "")
            if surface and all(m.term is not term for m in (*found, *joined)):
                joined.append(Mention(term, surface, "alias"))
    return (*joined, *found) if joined else found


@lru_cache(maxsize=4)
def _compound_rests(glossary: Glossary) -> dict[str, tuple[tuple[str, Term], ...]]:
    """A term's official → (rest, compound) for each term whose official name is one of its forms and then the
    rest ("畜禽粪污" of 畜禽粪便 + "综合利用率" → 畜禽粪污综合利用率); the rest is two characters or more."""
    by_form: dict[str, list[Term]] = {}
    for term in glossary.terms:
        for form in {normalize(term.official), *(normalize(a) for a in term.aliases)}:
            if len(form) >= 2 and not form.isascii():
                by_form.setdefault(form, []).append(term)
    rests: dict[str, list[tuple[str, Term]]] = {}
    for term in glossary.terms:
        name = normalize(term.official)
        for cut in range(2, len(name) - 1):
            for part in by_form.get(name[:cut], ()):
                if part is not term:
                    rests.setdefault(part.official, []).append((name[cut:], term))
    return {official: tuple(found) for official, found in rests.items()}


def _han_spans(norm: str, forms: dict) -> list[str]:
    spans, pos = [], 0
    bounds: set[int] | None = None
    while pos < len(norm):
        size = next((n for n in range(min(_LONGEST_HAN, len(norm) - pos), 1, -1) if norm[pos:pos + n] in forms), 0)
        if size and not norm[pos].isascii():
            bounds = _word_bounds(norm) if bounds is None else bounds
            if pos in bounds or pos + size in bounds:
                spans.append(norm[pos:pos + size])
            else:
                size = 1  # a form read across two words ("河流" in 黄河|流域): look again from the next character
        pos += size or 1
    return spans


def _word_bounds(norm: str) -> set[int]:
    """Where jieba's words start and end. A form neither starting nor ending at one is read across words
    ("河流" in 黄河流域); a form inside a longer word at one end still counts (污水处理 in 污水|处理厂)."""
    from rag.search.lexical import jieba_words

    bounds, at = {0}, 0
    for word in jieba_words(norm):
        at += len(word)
        bounds.add(at)
    return bounds


def _word_spans(norm: str, forms: dict) -> list[str]:
    words = [english_stem(w) for w in re.findall(ENGLISH_WORD, closed_compounds(norm).replace("-", " "))]
    spans, pos = [], 0
    while pos < len(words):
        size = next((n for n in range(min(_LONGEST_WORDS, len(words) - pos), 0, -1)
                     if " ".join(words[pos:pos + n]) in forms), 0)
        if size:
            spans.append(" ".join(words[pos:pos + size]))
        pos += size or 1
    return spans


def expansion(found: tuple[Mention, ...], norm: str) -> tuple[str, ...]:
    """Official terms the question names only in other words (what the lexical side adds at a lower weight)."""
    return tuple(dict.fromkeys(m.term.official for m in found if normalize(m.term.official) not in norm))


def core_name(term: Term) -> str:
    """A term by the shortest name inside its official one (城市建成区 → 建成区), so a long official name does not
    outweigh the question's other terms in the bigram coverage its sentences are chosen by."""
    inside = [alias for alias in term.aliases if len(alias) >= 2 and alias != term.official and alias in term.official]
    return min(inside, key=len) if inside else term.official


def asked_indicator(found: tuple[Mention, ...]) -> Term | None:
    """The indicator the question names most fully, in any words (the first of equals): "good water quality,
    Class III or better" names 水质优良比例 in four words, beside 水质类别 in three."""
    named = [m for m in found if m.term.kind == "indicator"]
    return max(named, key=_mention_size).term if named else None


def _mention_size(mention: Mention) -> int:
    """Words of an English surface, characters of a Chinese one."""
    words = re.findall(r"[a-z0-9]+", mention.surface)
    return len(words) if words else len(mention.surface)


def english_name(official: str, glossary: Glossary | None = None) -> str:
    """The preferred English rendering of an official term or unit name ("" when the glossary has none)."""
    for term in (glossary or load_glossary()).terms:
        if term.official == official and term.english:
            return term.english[0]
    return ""


_ASKING_FORM = re.compile(r"什么|谁|哪|吗|多少|多大|多久|我|啥|几|不|能|何|要|该|得")


def role_terms(norm: str, glossary: Glossary | None = None, per_role: int = 2) -> tuple[str, ...]:
    """For an English question, the plans' own words of each role it asks about ("who leads" → 牵头 牵头部门)."""
    found: list[str] = []
    for _, words in (glossary or load_glossary()).roles:
        english = [w for w in words if w.isascii()]
        if any(re.search(rf"(?<![a-z]){re.escape(normalize(w))}(?:s|es|ing|ed)?(?![a-z])", norm) for w in english):
            found += [w for w in words if not w.isascii() and not _ASKING_FORM.search(w)][:per_role]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4)
def actor_forms(glossary: Glossary | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each actor term's official name and its Chinese forms (normalised, three characters or more: "十小" or
    "企业" alone would name every firm)."""
    terms = (glossary or load_glossary()).of_kind("actor")
    return tuple((term.official, tuple(dict.fromkeys(f for f in (normalize(term.official), *map(normalize, term.aliases))
                                                       if len(f) >= 3 and not f.isascii())))
                 for term in terms)


_ALTERNATIVE_HEAD = re.compile(r"(([\u4e00-\u9fff]+)[\u4e00-\u9fff])[(（]([\u4e00-\u9fff]{1,3})[)）]")


def other_actor(sentence: str, asked: tuple[str, ...], glossary: Glossary | None = None) -> str:
    """An actor the sentence addresses that is not the asker's kind (neither names the other): "" when the
    sentence names the asker's kind, or no actor at all."""
    norm = normalize(sentence)
    # "畜禽养殖场(小区)" names the 养殖小区 too: a short head in brackets is an alternative to the word's last one.
    alternative = _ALTERNATIVE_HEAD.sub(r"\1 \2\3", norm)
    if any(form in norm or form in alternative for form in asked):
        return ""
    for official, forms in actor_forms(glossary):
        found = next((f for f in forms if f in norm), "")
        if found and not any(found in a or a in found for a in asked):
            return official
    return ""


def plan_scope_form(asked: str, text: str) -> str:
    """The asked indicator's phrase with a part of the area it names written as the text writes that part
    ("城市污水处理率" read against "主城区及临清市污水处理率" → "城区污水处理率"): the glossary's scopes give the
    forms of one part (城市, 城区, 市区, 建成区), and an English "urban" reaches the plans as any of them."""
    for chinese, _ in load_glossary().scopes:
        held = next((form for form in chinese if form in asked), "")
        if held and held not in text:
            other = next((form for form in chinese if form != held and form in text), "")
            asked = asked.replace(held, other) if other else asked
    return asked
