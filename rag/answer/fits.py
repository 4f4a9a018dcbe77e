"""Whether a stated figure fits what the question asks besides its indicator: the unit asked (多少立方米), an end
asked (by when) rather than a start, a level rather than a change, the part of the area asked, and the year asked
(a baseline year states nothing)."""
from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.inner_places import reads_as_pinyin
from rag.answer.query import Query
from rag.answer.subplans import subplan_place
from rag.answer.water_names import ENGLISH_NOUN, pinyin_named, water_mentions, writes
from rag.lexicon import lexicon_section, load_glossary
from rag.normalize import normalize
from rag.types import Target

# "多少年 / 多少吨 / 多少万亩": the question says the unit of the figure it wants; a share is no answer to it.
_ASKED_UNIT = re.compile(r"多少(年|万?吨|万?亩|公里|千米|[万亿]?立方米|[万亿]?元)")


# The same in English ("how many tonnes of sludge" is not answered by "40mg/L"): the unit's Chinese character.
_ASKED_UNIT_EN = (("吨", re.compile(r"how many (?:tonnes|tons)\b")), ("亩", re.compile(r"how many mu\b")),
                  ("立方米", re.compile(r"how many cubic\b")), ("元", re.compile(r"how many (?:\w+ )?yuan\b")),
                  ("米", re.compile(r"how many (?:kilo)?met(?:re|er)s\b")), ("年", re.compile(r"how many years\b")))


def asked_unit(query: Query) -> str:
    """The unit the question asks its figure in ("多少立方米" → 立方米, "how many tonnes" → 吨), "" if none."""
    asked = _ASKED_UNIT.search(query.norm)
    if asked:
        return asked.group(1)
    return next((unit for unit, pattern in _ASKED_UNIT_EN if pattern.search(query.norm)), "")


def unit_fits(query: Query, target: Target) -> bool:
    """The target's value is in the unit the question asks for ("超过多少年" is not answered by "10%以内")."""
    return asked_unit(query) in target.value_text


# "By when" asks for an end: a start ("自2017年起") or a rhythm ("每年") is a time of another kind. A question that
# names a start too ("从哪年开始", "since when") is left alone.
_ASKS_END = re.compile(r"\bby when\b|\bby what (?:date|time|year)\b|\bdeadline\b|最晚|截止|(?:什么时候|什么时间|何时|哪年)(?:之?前|以前)")
_ASKS_START = re.compile(r"开始|从哪|哪年起|起[，。？?]?$|\bsince\b|\bstart|\bbegin|\bfrom (?:which|what)\b")


def asks_end(query: Query) -> bool:
    """The question asks by when something must be done, not from when or how often."""
    return bool(_ASKS_END.search(query.norm)) and not _ASKS_START.search(query.norm)


# A level asked ("控制在多少", "the cap", "浓度") is not answered by a change ("比2015年下降12.6%"): a cut of
# 12.6% says nothing of the concentration allowed. The comparators of a change are those without 到 ("下降", not
# "下降到"); a question that itself asks a change is left alone.
_CHANGE = frozenset({"下降", "降低", "减少", "提高", "削减", "增加"})
_ASKS_LEVEL = re.compile(r"控制在多少|不超过多少|不得超过|上限|浓度|排放标准|限值|\bcaps?\b|\blimits?\b|\bceiling"
                         r"|\bconcentration|\bmaximum\b|mg/l")
_ASKS_CHANGE = re.compile(r"下降|降低|减少|削减|提高|增加|增长|[比较]\d{4}年|by how much|\breduc|\bcut\b|\bfall|\bdrop"
                          r"|decreas|increas|\blower\b|compared")


def kind_fits(query: Query, target: Target) -> bool:
    """The target states the kind of value asked: a level when a level is asked, not a change."""
    asks_level = _ASKS_LEVEL.search(query.norm) and not _ASKS_CHANGE.search(query.norm)
    return not (asks_level and target.comparator in _CHANGE)


def _scope_groups(text: str) -> set[tuple[str, ...]]:
    """The glossary's parts of the area (县城, 建制镇, 农村, 城市…) a text names, each as its Chinese forms."""
    return {forms for forms in (tuple(normalize(f) for f in chinese) for chinese, _ in load_glossary().scopes)
            if any(form in text for form in forms)}


# An indicator of the whole area ("全区…") and the parts of an area a question may ask instead (first glossary
# form of their scope). The area word alone is no indicator ("全市30%以上的行政村…": the share is of villages), nor
# one naming a part after it ("全省设区市的公共供水管网漏损率": the cities' figure).
_WHOLE_AREA = re.compile(r"全(?:区|市|县|省|旗|域)[^市县镇乡村城区]{2,}$")
_AREA_PARTS = frozenset({"县城", "建制镇", "农村", "城区"})


def scope_fits(query: Query, target: Target) -> bool:
    """The target's own indicator is of the part of the area asked, or of none: "城市污水处理率" does not answer
    a question on 重点镇 (named in the clause for another duty, so query.in_scope lets it through)."""
    indicator = normalize(target.indicator)
    own = _scope_groups(indicator)
    if not query.scopes:
        return True
    if not own:  # "全区污水处理率" is the whole area's, no answer on its towns (周村区 建制镇污水处理率)
        return not (_WHOLE_AREA.match(indicator) and any(forms[0] in _AREA_PARTS for forms in query.scopes))
    return bool(own & set(query.scopes))


def states_unit(text: str, unit: str) -> bool:
    """The text states a figure in the unit ("300万立方米" for 立方米); any text does when no unit is asked."""
    return not unit or bool(re.search(rf"\d(?:\.\d+)?\s*[万亿]?{re.escape(unit)}", text))


# The pollutants a question names, found in none of the cited sentences: the answer states another pollutant's
# figure ("总磷排放要下降多少" answered by "化学需氧量和氨氮排放…分别下降10.8%和12.6%", a plan that names 总磷 only
# elsewhere). The plan-wide check (absent.missing_reason) passes such a question; this one reads the citations.
# Only substances: a rate or share indicator (水质达标率) is worded too variously by the plans ("水质达到或优于Ⅲ类
# 的比例"): such a check on every indicator refused 4 right answers of the dev sets for 2 wrong ones.
POLLUTANTS = frozenset(lexicon_section("trust").get("pollutants", ()))


def _names(term) -> set[str]:
    return {normalize(form) for form in (term.official, *term.aliases)}


def pollutant_uncited(query: Query, citations, clause_of) -> bool:
    """The question names a pollutant and no cited quote, clause title or table row name writes any pollutant it
    names (in any of its names); clause_of maps a clause id to its Clause."""
    named = [m.term for m in query.terms if m.term.kind == "indicator" and m.term.official in POLLUTANTS]
    if not named or not citations:
        return False
    seen = []
    for citation in citations:
        clause = clause_of(citation.clause_id)
        row_name = clause.text.split("；")[0] if clause.kind == "table-row" else ""
        seen.append(normalize(" ".join((*clause.path, row_name, citation.quote or clause.text))))
    evidence = " ".join(seen)
    return not any(name in evidence for term in named for name in _names(term))


# The city's own part of the area: a sentence about it speaks for the city, not for each county in it.
_CITY_PART = re.compile(r"市城区|中心城区|主城区|市本级")


def county_names(place: str) -> tuple[str, ...]:
    """A county's full name and its name without the level suffix when two characters remain (隆回县 → 隆回)."""
    return (place, place[:-1]) if len(place) >= 3 else (place,)


@lru_cache(maxsize=4)
def county_subplans(corpus) -> dict[str, frozenset[str]]:
    """Plan id → the counties it has a sub-plan for (rag.answer.subplans: "（二）隆回县实施方案")."""
    found: dict[str, set[str]] = {}
    for clause in corpus.clauses:
        place = subplan_place(clause)
        if place:
            found.setdefault(clause.plan_id, set()).add(place)
    return {plan_id: frozenset(places) for plan_id, places in found.items()}


def city_part_for_county(corpus, query: Query, citations) -> bool:
    """The question names a county the plan has a sub-plan for, no citation is from that sub-plan, and the cited
    sentences speak of the city's own part (市城区) without naming the county: "隆回县的备用水源什么时候建成"
    answered by "2023年底前市城区建成应急备用水源" gives the city's time as the county's."""
    subplans = county_subplans(corpus)
    asked = {place for plan_id in query.plan_ids for place in subplans.get(plan_id, ())
             if any(name in query.norm for name in county_names(place))}
    if not asked or not citations:
        return False
    if any(subplan_place(corpus.clause(c.clause_id)) in asked for c in citations):
        return False
    quotes = [normalize(c.quote or c.text) for c in citations]
    names = [name for place in asked for name in county_names(place)]
    return any(_CITY_PART.search(q) for q in quotes) and not any(n in q for n in names for q in quotes)


def names_other_part(query: Query, text: str) -> bool:
    """The question names a part of the area (乡镇) and the text names parts, none of them the one asked (县城): a
    task of another part ("修水县乡镇污水处理设施建设由谁负责" is not the task of 县城污水处理厂扩容)."""
    if not query.scopes:
        return False
    named = _scope_groups(normalize(text))
    return bool(named) and not named & set(query.scopes)


# A total asked ("每年收上来的赔偿金总共有多少") is not answered by a rate ("每月每断面征收50万元"): the plan states
# what each unit pays, not the sum, and multiplying it out would be a figure no plan writes.
_TOTAL_ASKED = re.compile(r"(?:总共|一共|合计|共计|总额|累计)[^，。？?]{0,6}(?:多少|几)|(?:多少|几)[^，。？?]{0,4}(?:总共|一共|合计)")
_RATE_STATED = re.compile(r"每[^，。；;]{0,6}?\d")


def total_asked_rate_stated(query: Query, quotes: list[str]) -> bool:
    """The question asks a total and every quote states its figure per unit (每…)."""
    return bool(_TOTAL_ASKED.search(query.norm)) and bool(quotes) and all(_RATE_STATED.search(q) for q in quotes)


def misfit_reason(corpus, query: Query, citations) -> str:
    """Why the cited sentences answer another question than the one asked ("" when they fit): another pollutant,
    the city's own part for a county, a rate for a total."""
    if query.intent == "target" and pollutant_uncited(query, citations, corpus.clause):
        return "找到的条款说的是别的污染物，没有写明所问的污染物。"
    if city_part_for_county(corpus, query, citations):
        return "所问县（市、区）的规定没有找到；找到的条款说的是市城区。"
    if total_asked_rate_stated(query, [c.quote or c.text for c in citations]):
        return "方案中只写明了按单位计的标准，没有写明所问的总数。"
    places = " ".join(" ".join((plan.issuer, *plan.regions)) for plan in corpus.plans)
    if other_water(query, [corpus.clause(c.clause_id).text + " ".join(corpus.clause(c.clause_id).path)
                           for c in citations], places):
        return "找到的条款没有写到所问的河湖，说的是别处的任务。"
    return ""


_WHO_INTENTS = frozenset({"lead", "cooperate", "implement"})
# A time asked of a water's task ("clearing the net-cages in Mozitan Reservoir") is another task's time too when
# the cited row is of another reservoir (佛子岭水库): the named water must be written there as for a who question.
_WATER_INTENTS = _WHO_INTENTS | {"deadline"}
_WATER_NOUN = re.compile(rf"([a-z]+)\s+{ENGLISH_NOUN}\b")


def _spelt_in_pinyin(surface: str) -> bool:
    """The water's name before its noun reads as pinyin ("mozitan reservoir"), not as English ("west river")."""
    match = _WATER_NOUN.search(surface)
    return bool(match) and reads_as_pinyin(match.group(1))


def other_water(query: Query, texts: list[str], places: str = "") -> bool:
    """A who question naming a river or lake (the glossary's water names) and nothing else the glossary knows,
    answered by a task whose clauses never write that water: the note of another water's task ("…Songhua River
    fish stocking" answered with the lead of 松花湖's wetland task). Only
    English: a Chinese question writes the water in the plan's own characters, and retrieval matches them."""
    if query.intent not in _WATER_INTENTS or query.language != "en" or not query.terms:
        return False
    # A water the plans name, found by its pinyin ("Huai River" → 淮河: no glossary aliases), beside the task
    # asked ("ship pollution control on the Huai River"): the task's note of another water ("南湾湖、出山店水库
    # 旅游船舶") does not answer for it. The clause or its headings must write the name. A name the plans'
    # places hold is the place's (Pinghu → 平湖市, Lijiang → 丽江市), not a water's: its clauses need not write it.
    named = pinyin_named(query, places)
    if query.intent not in _WHO_INTENTS:
        # A time: only for a water named in pinyin ("Mozitan Reservoir"). A water named in English words ("West
        # River" → 西江) may be another water of that meaning the plan writes its own way (西河): refusing it
        # refused a right deadline; a who question keeps the check, as it was measured.
        named = [m.term.official for m in query.terms if m.term.official in named and _spelt_in_pinyin(m.surface)]
    if named and len(named) < len(query.terms):
        return not writes(named, texts)
    if query.intent not in _WHO_INTENTS:
        return False  # a time asked of a task named by its water alone: the answer is read by the water
    waters = water_mentions(query)
    if len(waters) < len(query.terms) or any(m.term.official.isascii() for m in waters):
        return False  # a water spelt in pinyin ("Luoxi River") is the place checks' (absent.unwritten_term)
    # Not refused for naming one water only: on new plans an English question is often read only by its water
    # ("dredging of the Luoxi River" → 螺溪河), and their answers were right (four genre dev questions).
    forms = [f for m in waters for f in (m.term.official, *m.term.aliases) if len(f) >= 2]
    return not writes(forms, texts)


# The rate a Chinese question asks ("乡镇污水处理率") and the rate a target states ("乡镇污水处理设施覆盖率"): the
# two characters before 率 say what is measured (处理, 覆盖, 收集, 达标, 利用). A target whose own rate is another
# one answers another indicator of the same subject, though it shares the subject's words; the glossary's names
# of the indicator asked count as asked too (an alias may word the rate another way).
# Measured on the genre dev set: "望城区乡镇污水处理率" was answered with 乡镇污水处理设施覆盖率 80%.
_RATE = re.compile(r"([\u4e00-\u9fff]{2})率")


def _rates(text: str) -> set[str]:
    return {match.group(1) for match in _RATE.finditer(text)}


# The same rates in an English question's words: "township sewage treatment rate" is not answered by 乡镇污水处理
# 设施覆盖率 either. Each English phrase with the characters of its rate.
_ENGLISH_RATES = ((re.compile(r"\btreatment rate"), "处理"), (re.compile(r"\bcoverage\b"), "覆盖"),
                  (re.compile(r"\bcollection rate"), "收集"), (re.compile(r"\butili[sz]ation rate"), "利用"),
                  (re.compile(r"\b(?:compliance|attainment) rate"), "达标"), (re.compile(r"\breuse rate"), "利用"))


def asked_rates(query: Query) -> set[str]:
    """The rates the question asks by name: the two characters before 率 ("处理" of 污水处理率), or an English
    phrase's ("treatment rate")."""
    if query.language == "zh":
        return _rates(query.norm)
    return {chars for pattern, chars in _ENGLISH_RATES if pattern.search(query.norm)}


def rate_fits(query: Query, target: Target) -> bool:
    """The target's own rate is the one the question asks, or either names none."""
    asked = asked_rates(query)
    own = _rates(normalize(target.indicator))
    if not asked or not own:
        return True
    for mention in query.terms:
        if mention.term.kind == "indicator":
            asked |= {r for form in (mention.term.official, *mention.term.aliases) for r in _rates(normalize(form))}
    # Two rates sharing a character are one measure worded two ways (回用率 and 利用率, 治理率 and 处理率).
    return any(set(a) & set(o) for a in asked for o in own)


# The end of a quality scale a share counts: good water ("优良", "达到或优于Ⅲ类") or bad ("极差", "劣Ⅴ类"). A share
# of very poor groundwater does not answer "the share of good-quality groundwater", nor the reverse.
_GOOD = re.compile(r"优良|优于|\bgood\b|good-quality|\bexcellent\b|\bbetter\b")
_BAD = re.compile(r"极差|劣|较差|\bpoor\b|\bworst\b|\bworse\b|\binferior\b|\bbad\b|\bvery poor\b")


def polarity_fits(query: Query, target: Target) -> bool:
    """The target counts the end of the quality scale the question asks about (good or bad), or the question
    names neither or both."""
    good, bad = bool(_GOOD.search(query.norm)), bool(_BAD.search(query.norm))
    if good == bad:
        return True
    indicator = normalize(target.indicator)
    return not (_BAD.search(indicator) if good else _GOOD.search(indicator) and not _BAD.search(indicator))
