"""What the question asks for that the plans never mention: a year, an indicator, a measured quantity.

The abstention rule (rag.answer.evidence) weighs how well the retrieved clauses cover the question as a whole;
a question can be well covered and still ask for a thing no plan states ("聊城 2030 劣五类比例目标",
"PM2.5 浓度要降到多少"). These checks look the asked thing up in the text of the plans in scope.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rag.answer.inner_places import unwritten_pinyin_name, unwritten_place
from rag.answer.money import MONEY, asks_money, money_first  # noqa: F401 (MONEY: its tests import it from here)
from rag.answer.places import english_named_places, plan_places
from rag.answer.query import Query
from rag.answer.unplaced import NOT_TOWN_NAMES
from rag.corpus.gazetteer import find_pinyin_places
from rag.normalize import normalize
from rag.types import Corpus, Hit

# A measured quantity named with letters and digits (pm2.5, pm10, so2): plans that set it spell it so.
_CODE = re.compile(r"(?<![a-z0-9.])[a-z]+\d+(?:\.\d+)?(?![a-z0-9])")
_FIGURE_INTENTS = ("target", "deadline", "general", "list")
# Answers that state a fact of one task or indicator (a unit, a figure, a time): a term of the question that the
# plans in scope never write is a task or indicator they do not have, and the closest clause is another one's.
_FACT_INTENTS = frozenset({"lead", "cooperate", "implement", "target", "deadline"})


# A short aside in brackets ("水质优良(达到或优于Ⅲ类)比例"); rows.table_reference cuts the same.
ASIDE = re.compile(r"[(（][^()（）]{0,24}[)）]")
# Plans quote coined names ("“十小”企业", "“散乱污”企业"); a question writes them bare (十小企业).
_QUOTES = re.compile(r"[“”\"「」『』‘’]")


def scope_texts(corpus: Corpus, query: Query) -> list[str]:
    """Normalised text of the plans the question names (all plans when it names none), one string a plan."""
    return [corpus.plan_text(plan_id) for plan_id in (query.plan_ids or [p.plan_id for p in corpus.plans])]


def _anywhere(words: Iterable[str], texts: list[str]) -> bool:
    return any(word in text for word in words for text in texts)


MIN_SPLIT_CHARS = 4  # a shorter term split in two leaves halves too common to stand for it


@lru_cache(maxsize=1024)
def _with_qualifier(form: str) -> re.Pattern[str] | None:
    """The term with one or two Han characters put between two of its parts: plans qualify a compound inside it
    ("饮水安全信息" written "饮水安全状况信息", "畜禽养殖污染治理" as "畜禽养殖污染综合治理"). Each part keeps two
    characters or more."""
    if len(form) < MIN_SPLIT_CHARS or not re.fullmatch(r"[\u4e00-\u9fff]+", form):
        return None
    splits = [f"{re.escape(form[:i])}[\u4e00-\u9fff]{{1,2}}{re.escape(form[i:])}" for i in range(2, len(form) - 1)]
    return re.compile("|".join(splits))


def written(forms: Iterable[str], texts: list[str]) -> bool:
    """A form occurs in a text as it is, or with a qualifier put inside it (_with_qualifier)."""
    forms = tuple(forms)
    if _anywhere(forms, texts):
        return True
    patterns = [p for p in map(_with_qualifier, forms) if p is not None]
    return any(p.search(text) for p in patterns for text in texts)


# Shortest own phrase of the question (its words before a generic indicator's shared stem) that counts as named.
_OWN_PHRASE_MIN = 5


def own_phrase_written(query: Query, mention, texts: list[str]) -> bool:
    """The question's own longer phrase for an indicator named through a generic alias is written in the plan:
    "饮用水水源水质要求" reaches 水质目标 through 水质要求, which a plan need not write, but it writes
    "饮用水水源水质…保持100%". The phrase is the question's words before the alias with the stem the alias
    shares with the official name (水质), its longest ending of five characters or more that a plan writes."""
    surface, official = normalize(mention.surface), normalize(mention.term.official)
    stem = 0
    while stem < min(len(surface), len(official)) and surface[stem] == official[stem]:
        stem += 1
    at = query.norm.find(surface)
    if stem < 2 or at < 0:
        return False
    run = re.split(r"[，。？?！!、,\s的]", query.norm[:at + stem])[-1]
    return any(run[start:] in text for start in range(len(run) - _OWN_PHRASE_MIN + 1) for text in texts)


# A glossary alias that holds a question word ("几类水质" for 水质类别) asks for the value; it is no name a plan
# must write (a plan answers it with "Ⅲ类"). Measured: three genre dev questions on 几类水质 were refused so.
_ASKS_VALUE = re.compile(r"几|多少|多大|什么|哪")
_RATE_ENDING = re.compile(r"(率|比例|比重|系数)$")
_ASKED_ENDING = re.compile(r"(?<=..)(目标|要求)$")


def indicator_cores(term) -> set[str]:
    """The forms of an indicator as the plans may word it: each name, and the official name without its rate
    ending (an alias's core is too loose: 污泥处理率 → 污泥处理)."""
    names = {normalize(form) for form in (term.official, *term.aliases)}
    core = _RATE_ENDING.sub("", normalize(term.official))
    # "水质目标" names what is measured (水质) and the word for what is asked (目标): a plan states the target
    # ("出境断面水质稳定达到Ⅱ类") without writing 目标 beside it.
    asked = _ASKED_ENDING.sub("", normalize(term.official))
    return names | ({core} if len(core) >= 4 else set()) | ({asked} if asked != normalize(term.official) else set())


def term_forms(term) -> set[str]:
    """The normalised forms of a glossary term the plans may write (an indicator also by its core name)."""
    if term.kind == "indicator":
        return indicator_cores(term)
    forms = {normalize(form) for form in (term.official, *term.aliases)}
    # An industry is written by its bare name in the plans' enumerations ("造纸、焦化、…、印染等十大重点行业").
    if term.kind == "actor" and term.official.endswith("行业") and len(term.official) >= 4:
        forms.add(normalize(term.official[:-2]))
    return forms


# Kinds of term that name a task or a subject (indicators have their own check below, which needs only one of
# several named). Units are the answer. An actor counts only when nobody is asking as one: "我是种地的" names
# the asker, and "小造纸、小制革这类十小企业" a cover name for what a plan enumerates (both have an asker
# party).
_SUBJECT_KINDS = frozenset({"water", "task", "term"})
_WHO_INTENTS = frozenset({"lead", "cooperate", "implement"})


def unwritten_term(query: Query, texts: list[str]) -> str:
    """The first task or measure the question names that no plan in scope writes in any of its forms ("船舶污染"
    asked of a plan with no ship at all), else ""; its words for a Chinese question, the plans' term for English.

    English reaches a task, a water or a term only roughly, and a plan words the thing its own way: only an
    actor named plainly ("mariculture") is checked. Measured on the everyday and genre dev questions written
    apart from this check (all but ev-nearmiss-*): it decided 8; the 3 English ones were "water quality class"
    (→ 水质类别, a term, which plans answer with the class, "达到Ⅳ类"), 2 right answers refused and no wrong one
    prevented; the 5 Chinese ones were unanswerable questions the other checks refuse too.
    """
    english = query.language != "zh"
    for mention in query.terms:
        if mention.surface not in (query.norm if english else query.search_text):
            continue  # read across a place name ("聊城市河湖" holds 城市河湖), or English words found apart
        if _ASKS_VALUE.search(mention.surface):
            continue  # "几类水质" asks for the class a plan states, not for a word it must write
        kind = mention.term.kind
        # An English task named by an exact phrase of two words or more ("seawater desalination" → 推动海水利用)
        # is named as plainly as an actor: a plan never writing it has no lead for it (ev-en20-020).
        # So is a term a who-question names as its subject ("ship pollution" → 船舶污染: an inland plan that never
        # writes 船 answered it with another task's leads); in a figure question a term may name what is asked
        # ("water quality class": the plans write Ⅲ类, never 水质类别).
        subject = kind == "task" or (kind == "term" and query.intent in _WHO_INTENTS)
        task = english and subject and mention.how == "english" and len(mention.surface.split()) >= 2
        # A water named in pinyin that no clause writes (query.unknown_waters: "Linghu Lake", official in latin).
        spelt = english and kind == "water" and mention.term.official.isascii()
        named = (kind in _SUBJECT_KINDS and not english) or (kind == "actor" and not query.party) or task or spelt
        if named and not written(term_forms(mention.term), texts):
            return mention.term.official if english else mention.surface
    return ""


@lru_cache(maxsize=256)
def _bare(text: str, quotes: bool) -> str:
    """A plan's text with its short asides cut (and its quote marks, for terms: “十小”企业), once per plan text
    rather than per question and indicator: the texts are whole plans."""
    return ASIDE.sub("", _QUOTES.sub("", text) if quotes else text)


# A place inside the plan's area named right after the plan's own place ("周村区王村镇", "邵阳市武冈市"): a town,
# township or subdistrict, or a county, district or city. The plan must name it to state anything of its own for it.
# Not when the division word starts a compound: "今年乡镇" is no township 今年乡. A name may be three characters
# ("昌邑区孤店子镇").
_SUBPLACE = r"([\u4e00-\u9fff]{2}(?:镇|乡|街道|街办|县|区|市|旗)|[\u4e00-\u9fff]{3}(?:镇|乡|街道|街办))(?![镇乡县区市])"
# A resident puts "这边"/"那边" between the two places ("乐都这边碾伯镇", "昌邑那边的孤店子镇"): the same inner place.
_LOCATOR = r"(?:(?:这|那)(?:边|里|块)的?)?"
# Characters that join or place words ("聊城下面的县城", "河边景区"): no name of three characters holds them.
_JOINING = frozenset("的之边里内外上下面和与及等些个")
# Characters of area or time words, not of a place's proper name: "老城区", "经开区", "各个市", "全县", "今年".
_AREA_WORD = frozenset("城市县区省镇乡开新老各每全本该哪几个其这那此港园年月")
_DIVISION = re.compile(r"(?:自治州|自治县|地区|新区|省|市|县|区|州|盟|旗)$")
# A province plan answers for the counties inside it (they find it through the gazetteer): not checked.
_PROVINCE = re.compile(r"(?:省|自治区)$")


def unnamed_subplace(corpus: Corpus, query: Query, texts: list[str]) -> str:
    """The town, county or district the question names right after its plan's own place ("邵阳武冈市") that no
    plan in scope writes, else "". Area words ("老城区", "经开区") are not names; a plan's figures are not
    another division's."""
    for plan_id in query.plan_ids:
        for region in corpus.plan(plan_id).regions:
            if _PROVINCE.search(region):
                continue
            region = normalize(region)
            for form in {region, _DIVISION.sub("", region)}:
                found = re.findall(re.escape(form) + _LOCATOR + _SUBPLACE, query.norm) if len(form) >= 2 else []
                for place in found:
                    # the name before the division word ("孤店子" of 孤店子镇), none of it an area word ("所有乡镇");
                    # a three-character one whose last two make a kind the plans write is a word before that kind
                    # ("聊城的建制镇")
                    name = re.sub(r"(?:镇|乡|街道|街办|县|区|市|旗)$", "", place)
                    kind = len(name) > 2 and (bool(set(name) & _JOINING) or _anywhere((place[1:],), texts))
                    if not set(name) & _AREA_WORD and not kind and not _anywhere((place,), texts) \
                            and not _listed(name, texts):
                        return place
    return ""


def _listed(name: str, texts: list[str]) -> bool:
    """The name is written bare in a list of places ("建成社棠、中滩、甘泉3个乡镇污水处理站"): the towns of a list drop
    their division word. Inside another name ("王村杨古水源地") it names no town."""
    pattern = re.compile(rf"(?:(?<=[、，,和及与])|(?<=以及)){re.escape(name)}|{re.escape(name)}(?=[、，,和及与等])")
    return any(pattern.search(text) for text in texts)


def unwritten_inner_place(corpus: Corpus, query: Query, texts: list[str]) -> str:
    """A county, town or village inside the plans' areas that the question names and no plan in scope writes
    (rag.answer.inner_places): the plans state nothing of its own for it."""
    if query.intent == "compare":
        return ""
    placed = plan_places(tuple(corpus.plans))
    scope = [placed[pid] for pid in (query.plan_ids or placed) if pid in placed]
    if query.language != "en":
        return unwritten_place(query.norm, query.language, scope, (), texts, NOT_TOWN_NAMES)
    inner = english_named_places(query.norm, tuple(corpus.plans))
    places = [(m.start, m.end) for m in find_pinyin_places(query.norm)]
    return unwritten_place(query.norm, query.language, scope, inner, texts, NOT_TOWN_NAMES) \
        or unwritten_pinyin_name(query.text, places, texts, _found_names(query))


def _found_names(query: Query) -> frozenset[str]:
    """The English words of the waters (and other named things) an English question names that were found in the
    plans' characters: a name so found is written, whatever reading of its characters the spelling check makes."""
    return frozenset(word for m in query.terms if m.how == "english" and m.term.kind == "water"
                     and not m.term.aliases and not m.term.official.isascii()
                     for word in re.findall(r"[a-z]+", m.surface))


def unwritten_inner(corpus: Corpus, query: Query) -> str:
    """The place inside the plans' areas the question names that no plan in scope writes, else ""."""
    texts = scope_texts(corpus, query)
    return unnamed_subplace(corpus, query, texts) or unwritten_inner_place(corpus, query, texts)


def missing_reason(corpus: Corpus, query: Query, hits: list[Hit], places: bool = True) -> str:
    """Why the plans cannot state what is asked ("" when nothing asked is missing); places=False leaves out the
    unwritten place inside the plans' areas (rag.answer.class_places weighs that one against the answer)."""
    texts = scope_texts(corpus, query)
    place = unwritten_inner(corpus, query) if places else ""
    if place:
        return f"方案中没有提到{place}。"
    absent = [code for code in _CODE.findall(query.norm) if not _anywhere((code,), texts)]
    if absent:
        # The refusal names no number: the grounding check drops a sentence whose numbers no cited clause holds.
        return "方案中没有提到所问的指标。"
    if query.intent in _FIGURE_INTENTS and query.year and not _anywhere((str(query.year),), texts):
        return "方案中没有关于所问年份的规定。"
    # An obligation question may ask the amount too ("会被罚款多少"): quoted duties state no amount.
    money = query.intent in (*_FIGURE_INTENTS, "obligation") and asks_money(query)
    # the target answerer reads the plan's clauses stating money first (money.money); the others quote the hits
    stating = (money_first(query, hits) if query.intent == "target" else hits)[:3]
    if money and (query.intent == "deadline" or not any("元" in hit.clause.norm for hit in stating)):
        # A time ("每月", "2017年底前") is no answer to "how much is the fine": the deadline answerer states one.
        return "方案中没有规定所问的金额。"
    unwritten = unwritten_term(query, [*texts, *(_bare(text, quotes=True) for text in texts)])
    if unwritten and query.intent in _FACT_INTENTS:
        return f"方案中没有提到{unwritten}。"
    if query.intent not in _FIGURE_INTENTS:
        return ""
    # The question's own long phrase for an indicator written in the plan ("饮用水源地水质达标率", read as
    # 集中式饮用水水源地水质达标率) names what the plan states, in the plan's words.
    indicators = [m.term for m in query.terms if m.term.kind == "indicator" and not _ASKS_VALUE.search(m.surface)
                  and not own_phrase_written(query, m, texts)
                  and not (len(m.surface) >= _OWN_PHRASE_MIN and _anywhere((m.surface,), texts))]
    # Short asides cut out: "水质优良(达到或优于Ⅲ类)比例" names 水质优良比例; a rate's name without its
    # ending counts ("水质达标" for 水质达标率: plans phrase it "水质达标…比例" as often).
    if query.intent == "target" and indicators and not any(
            _anywhere(indicator_cores(t), [*texts, *(_bare(text, quotes=False) for text in texts)]) for t in indicators):
        return f"方案中没有关于{indicators[0].official}的规定。"
    return ""
