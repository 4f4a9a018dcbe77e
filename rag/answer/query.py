"""Question analysis: which plan, what kind of answer, which year and indicator, who is asking."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rag.answer.asks import PARTY_RULES, asked_intent, first_match
from rag.answer.english_where import locating_only, own_place_waters
from rag.answer.glossary import (
    Mention,
    asked_indicator,
    core_name,
    expansion,
    mentions,
    role_terms,
)
from rag.answer.places import (
    detect_places,
    english_named_places,
    place_count,
    place_spans,
    title_key,
    without_level_words,
)
from rag.answer.english_unknown import dictionary_terms, dictionary_words
from rag.answer.pinyin_names import plans_own_names, plans_spelling_names, without_named_places, written_names
from rag.answer.pinyin_syllable import syllable_count
from rag.answer.place_terms import outside_places
from rag.answer.plan_words import plans_words, scope_text
from rag.answer.water_names import ENGLISH_NOUNS
from rag.answer.waters import english_terms, plans_writing_waters, written_places
from rag.lexicon import Term, load_glossary, load_lexicon
from rag.normalize import normalize, to_simplified
from rag.types import Clause, Plan

_LEXICON = load_lexicon()

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-zA-Z]")
_YEAR = re.compile(r"(?<![\d.])((?:19[5-9]|20\d)\d)(?![\d.%万吨个])")
# A year after 比/较/与 is a baseline ("比2015年下降多少"), not the year asked about.
# A year a change is measured from ("比2015年下降", "cut vs 2015", "below 2015 levels") is no year asked.
_BASELINE_YEAR = re.compile(r"(?:比|较|与)\s*((?:19[5-9]|20\d)\d)\s*年"
                            r"|(?:\bvs\.?|\bversus|\bcompared (?:with|to)|\brelative to|\bthan(?: in)?|\bbelow) "
                            r"(?:the )?((?:19[5-9]|20\d)\d)\b|\b((?:19[5-9]|20\d)\d) (?:levels?|baseline)\b")
_CN_YEAR_DIGITS = str.maketrans(_LEXICON.digit_chars, "".join(str(v) for _, v in _LEXICON.digits))
_CN_YEAR = re.compile(rf"([{_LEXICON.digit_chars}]{{4}})年")


@dataclass(frozen=True)
class Query:
    """What the question asks, as the retrievers and the answer composer need it."""

    text: str  # the cleaned question as typed
    norm: str  # normalised: NFKC, simplified, casefolded
    intent: str  # lead | cooperate | implement | target | deadline | obligation | compare | list | general
    plan_ids: tuple[str, ...]  # plans the question names, in order of mention
    unknown_places: tuple[str, ...]  # places named that no plan covers (canonical Chinese names)
    year: int | None  # the year asked about: the latest one named
    years: tuple[int, ...]  # every year named, in order of mention
    indicator: str | None
    party: str | None  # citizen | company | farmer | restaurant | government
    language: str  # zh | en
    traditional: bool  # the question was written in traditional characters
    search_text: str  # what the retrievers search for
    terms: tuple[Mention, ...] = ()  # glossary terms the question names, in any words
    expansion: str = ""  # official terms named only in other words: the lexical side adds them at a lower weight
    subject: str = ""  # the search text in the plans' words (everyday aliases replaced, English by its terms)
    scopes: tuple[tuple[str, ...], ...] = ()  # parts of the area named (农村, 县城…): the Chinese forms of each
    # An English question's terms the plans write only in another form (增加政府资金投入 → 加大政府投入): official →
    # those forms, for judging what a task is about (about.subject_of), not for searching.
    plan_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # An English question's words only the dictionary knew (rag.answer.english_dictionary), each as the plan words
    # it gave: an answer's clauses must write one of each, or the answer is about something else.
    dictionary_words: tuple[tuple[str, ...], ...] = ()

    def about(self) -> str:
        """What the question is about, in the plans' words, for matching facts and sentences."""
        return self.subject or self.search_text


# Words that make Latin text a sentence in English rather than a keyword typed among Chinese words.
_ENGLISH_SYNTAX = frozenset("what who whom which when where how why is are was does do did the of in for by to "
                            "and or with must should will".split())


def language_of(text: str) -> str:
    """en when the text has more Latin letters than Chinese characters, else zh; but a keyword string whose one
    or two Latin words are a pinyin name, an acronym or a keyword ("Zhoucun 污水处理率 2020", "昌邑 禁养区划定
    deadline") is a Chinese question: its subject is in Chinese, and read as English its words had no terms."""
    latin, cjk = len(_LATIN.findall(text)), len(_CJK.findall(text))
    if latin <= cjk:
        return "zh"
    words = re.findall(r"[a-zA-Z]+", text)
    keywords = len(words) <= 2 and not any(w.lower() in _ENGLISH_SYNTAX for w in words)
    return "zh" if cjk >= 2 and keywords else "en"


def analyze(question: str, plans: Sequence[Plan], clauses: Sequence[Clause] = ()) -> Query:
    """Analyse a cleaned question against the plans of the corpus (its clauses give the water bodies' names)."""
    norm = normalize(question)
    plan_ids, unknown = detect_places(norm, tuple(plans))
    years = _years(norm)
    asked = _without_plan_names(norm, plans)
    language = language_of(norm)
    if language == "en":  # the County of "Dangshan County" is a rank, not the county-town scope
        asked = without_level_words(asked)
    regions = frozenset(normalize(region) for plan in plans for region in plan.regions)
    found = english_terms(asked, clauses, plan_ids, regions) if language == "en" else \
        outside_places(mentions(asked), asked, place_spans(asked, tuple(plans)))  # 梅河口 names no 河口
    if language == "en" and clauses:  # without the plans' text no name can be known to be unwritten
        unknown = written_places(unknown, found)  # "Aletengxire Town": a town a plan writes (阿勒腾席热镇)
        found += unknown_waters(question, found)
        plan_ids = plan_ids or plans_writing_waters(found, clauses) or plans_spelling_names(question, clauses)
        found += dictionary_terms(asked, found, scope_text(clauses, plan_ids))  # words no glossary form knows
    if language == "en":  # "Pinghu" alone is the plan's city, not a water of its name
        found = plans_own_names(own_place_waters(found, plan_ids, tuple(plans)), clauses, plan_ids)
    dictionary = dictionary_words(found)
    indicator = asked_indicator(found)
    # An English actor reaches the plans as its official name and, when they never write that, the forms they
    # do write (农家乐 → the 民宿 a homestay question asks about), as a Chinese alias does. Only actors: a task's
    # or a facility's forms widen an English question's subject past what it asks (ev-en20: three quotes lost).
    # A water the glossary names in general (沟渠) is the same: the plans write "排水沟" where a reader says "drainage
    # ditches". Pinyin names (no aliases) are the plans' own words already.
    named = found if language == "zh" else tuple(m for m in found if m.term.kind in ("actor", "water"))
    written = plans_words(named, clauses, plan_ids) if named else {}
    added = expansion(found, norm) + (role_terms(norm) if language == "en" else ())
    added += tuple(w for words in written.values() for w in words if w not in added and w not in norm)
    if language == "en":  # a place inside a plan's area, named in pinyin, in the plan's characters
        added += english_named_places(norm, tuple(plans))
        titles = [p.title for p in plans if p.plan_id in plan_ids]
        known = [normalize(m.term.official) for m in found]
        added += tuple(w for w in written_names(question, clauses, plan_ids, titles, known) if w not in added)
        if any(m.term.kind not in ("water", "place") for m in found):
            # The plan's own place and those holding it say where. Not when all the terms found say where: the task
            # asked is then read from no term, and with the place gone any task of the named water was taken for it
            # (two dev unanswerables answered, "the dredging of the Ulan Mulun River in Ejin Horo Banner").
            added = locating_only(added, plan_ids, tuple(plans))
    party, regionless = first_match(PARTY_RULES, asked), _without_regions(asked, plan_ids, plans)
    return Query(
        text=question,
        norm=norm,
        intent=asked_intent(asked, place_count(plan_ids, plans), party),
        plan_ids=plan_ids,
        unknown_places=unknown,
        year=_asked_year(norm, years),
        years=years,
        indicator=indicator.official if indicator else None,
        party=party,
        language=language,
        traditional=to_simplified(unicodedata.normalize("NFKC", question)) != unicodedata.normalize("NFKC", question),
        search_text=_search_text(norm, language, plan_ids, plans,
                                 added if language == "en" else tuple(w for ws in written.values() for w in ws)),
        terms=found,
        expansion=" ".join(added),
        subject=_subject(regionless, found, language, added, written),
        scopes=scopes_named(without_named_places(regionless, found)),
        plan_forms=_task_forms(found, clauses, plan_ids) if language == "en" else (),
        dictionary_words=dictionary if language == "en" else (),
    )


_PINYIN_WATER = re.compile(r"(?<!^)\b([A-Z][a-z]{1,11})\s+"
                           rf"({'|'.join(noun.capitalize() for noun in ENGLISH_NOUNS)})s?\b")


def _task_forms(found: tuple[Mention, ...], clauses: Sequence[Clause],
                plan_ids: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The tasks an English question names that the plans write in exactly one other form (增加政府资金投入 →
    加大政府投入): that form is the plan's name for the task. Several forms (节约用水, 节水) are words the plans use
    in many tasks, and judging by them let another task's note through (ev-lead-309)."""
    tasks = tuple(m for m in found if m.term.kind == "task")
    return tuple((official, forms) for official, forms in plans_words(tasks, clauses, plan_ids).items()
                 if len(forms) == 1)


def unknown_waters(question: str, found: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """A water body an English question names in pinyin ("Linghu Lake") that no plan writes: a mention of the
    name as the question spells it, so that the check for things the plans never mention (absent.unwritten_term)
    refuses rather than answering from another water's clause. Names the plans write are found already
    (waters.english_terms) and their words are in a mention's surface."""
    known = " ".join(m.surface for m in found if m.term.kind == "water")
    out = []
    for match in _PINYIN_WATER.finditer(question):
        if not 1 <= syllable_count(match.group(1).lower()) <= 4:
            continue
        name = f"{match.group(1)} {match.group(2)}"
        surface = name.lower()
        if match.group(1).lower() not in known:
            out.append(Mention(Term(name, "water", (), (surface,)), surface, "english"))
    return tuple(out)


def scopes_named(text: str) -> tuple[tuple[str, ...], ...]:
    """The glossary's scopes a question names ("农村", "county town"), each as its Chinese forms. A phrase found
    is used up, so "county town" is the county's scope and not also a town's."""
    found = []
    for chinese, english in load_glossary().scopes:
        forms = [normalize(f) for f in chinese] + [rf"(?<![a-z]){re.escape(w)}(?![a-z])" for w in english]
        hit = next((f for f in forms if re.search(f if f.startswith("(?<!") else re.escape(f), text)), None)
        if hit:
            text = re.sub(hit if hit.startswith("(?<!") else re.escape(hit), " ", text)
            found.append(tuple(normalize(f) for f in chinese))
    return tuple(found)


def in_scope(query: Query, clause: Clause) -> bool:
    """Whether a clause (its text or its headings) names every part of the area the question names."""
    text = clause.norm + normalize(" ".join(clause.path))
    return all(any(form in text for form in forms) for forms in query.scopes)


def _without_plan_names(norm: str, plans: Sequence[Plan]) -> str:
    """The question with plan titles and issuers blanked out."""
    for plan in plans:
        for name in (title_key(plan.title), normalize(plan.issuer)):
            if name:
                norm = norm.replace(name, " ")
    return norm


def _without_regions(norm: str, plan_ids: tuple[str, ...], plans: Sequence[Plan]) -> str:
    names = {normalize(name) for plan in plans if plan.plan_id in plan_ids
             for name in (*plan.regions, plan.province, plan.title) if name}
    heads = _scope_heads()
    for name in sorted(names, key=len, reverse=True):
        # "永泰县城", "聊城市区": the place's rank and the next character name a part of it (县城, 市区), kept
        norm = re.sub(re.escape(name) + r"(?=(.))",
                      lambda m: " " + (name[-1] if name[-1] + m.group(1) in heads else ""), norm)
        norm = norm.replace(name, " ")
    return re.sub(r"\s+", " ", norm).strip() or norm


@lru_cache(maxsize=1)
def _scope_heads() -> frozenset[str]:
    """The first two characters of the glossary's Chinese scope forms (县城, 市区, 镇区, 县级…)."""
    return frozenset(normalize(form)[:2] for chinese, _ in load_glossary().scopes for form in chinese
                     if len(normalize(form)) >= 2)


def _asked_year(norm: str, years: tuple[int, ...]) -> int | None:
    """The latest year named that is not only a baseline."""
    baselines = [next(g for g in m.groups() if g) for m in _BASELINE_YEAR.finditer(norm)]
    asked = [y for y in years if str(y) not in baselines or norm.count(str(y)) > baselines.count(str(y))]
    return max(asked) if asked else None


def _years(norm: str) -> tuple[int, ...]:
    found = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(norm)]
    found += [(m.start(), int(m.group(1).translate(_CN_YEAR_DIGITS))) for m in _CN_YEAR.finditer(norm)]
    years: list[int] = []
    for _, year in sorted(found):
        if year not in years:
            years.append(year)
    return tuple(years)


def _search_text(norm: str, language: str, plan_ids: tuple[str, ...], plans: Sequence[Plan],
                 added: tuple[str, ...]) -> str:
    """The normalised question without the names of the plans it filters to, plus the plans' words for what it
    names in words no plan writes (Chinese terms for English; 车辆冲洗 for 洗车行).

    A named plan becomes a filter; left in the text, its place name would pull in every clause that repeats it
    (table rows full of 周村区) instead of the clauses about the question's subject.
    """
    norm = _without_regions(norm, plan_ids, plans)
    if not added:
        return norm
    return " ".join([norm, *added])


def _subject(text: str, found: tuple[Mention, ...], language: str, added: tuple[str, ...],
             written: dict[str, tuple[str, ...]] | None = None) -> str:
    """The question in the plans' words: an everyday alias becomes its official term ("臭水沟" → "黑臭水体"),
    or, when the plans never write the official term, the term's forms they do write ("洗车行" → 洗车场 is no
    plan's word; 车辆冲洗, 车辆清洗 are); an English question becomes the Chinese terms it maps to."""
    if language == "en":
        cores = {m.term.official: core_name(m.term) for m in found}
        words = (" ".join((written or {}).get(word, ()) or (cores.get(word, word),)) for word in added)
        return " ".join(dict.fromkeys(" ".join(words).split())) or text
    written = written or {}
    official = {m.surface for m in found if m.how == "official"}  # "县城污水处理率" is also an alias of 污水处理率
    for mention in sorted(found, key=lambda m: -len(m.surface)):
        if mention.how == "alias" and mention.surface not in official and mention.surface in text:
            words = written.get(mention.term.official)
            replacement = " ".join((mention.surface, *words)) + " " if words else \
                f"{mention.surface} {normalize(mention.term.official)}"
            text = text.replace(mention.surface, replacement)
    return text
