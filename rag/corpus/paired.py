"""Paired values: one sentence, several indicators or years, as many values ("化学需氧量、氨氮、总氮、总磷排放量分别
比2015年削减12%、12%、13%、15%"; "到2018年、2019年、2020年分别达到86%、88%、90%") → one target each.

The values of a run (figures joined by 、/和) were read with the run's whole indicator and the last year before
them; here the k-th value gets the k-th listed indicator and the k-th listed year, when the counts agree.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rag.lexicon import lexicon_section, load_glossary
from rag.types import Target

_POLLUTANTS = tuple(lexicon_section("trust").get("pollutants", ()))
# A list of indicators: split at 、/和/及/与 outside brackets ("水质优良（达到或优于Ⅲ类）比例和劣Ⅴ类比例").
_JOINERS = re.compile(r"以及|、|和|及|与")
_YEAR_LIST = re.compile(r"(\d{4})\s*年(?:底|末)?((?:\s*(?:、|和|及)\s*\d{4}\s*年(?:底|末)?)+)")


@lru_cache(maxsize=1)
def _endings() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(glossary indicator names, the lexicon's measure endings): what a listed indicator's shared tail may be."""
    names = {form for term in load_glossary().terms if term.kind == "indicator"
             for form in (term.official, *term.aliases) if len(form) >= 4}
    endings = tuple(lexicon_section("genre").get("measure_endings", ()))
    return tuple(sorted(names, key=len)), tuple(sorted(endings, key=len, reverse=True))


def _split_items(indicator: str) -> list[str]:
    """The listed names of an indicator phrase, brackets kept whole."""
    items, depth, current, i = [], 0, "", 0
    while i < len(indicator):
        ch = indicator[i]
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and depth > 0 and 1 or 0
        joiner = _JOINERS.match(indicator, i) if depth == 0 else None
        if joiner:
            items.append(current)
            current, i = "", joiner.end()
            continue
        current += ch
        i += 1
    items.append(current)
    return [item.strip() for item in items]


def _tail(item: str, first: str = "") -> str:
    """The measure a listed name ends with ("排放量" of "总磷排放量"); "" when it names none. A glossary indicator
    first; else what follows the last item's name where the first item's name ends alike ("长江、珠江流域水质优良比例":
    "流域水质优良比例"); else a measure ending of the lexicon."""
    names, endings = _endings()
    for name in names:  # shortest first: "污水处理率", not "城区污水处理率" of "新城区污水处理率"
        if item.endswith(name) and item != name:
            return name
    if first:
        at = item.find(first[-1], 0, len(first) + 2)
        if 0 < at < len(item) - 2:
            return item[at + 1:]
    return next((e for e in endings if item.endswith(e) and item != e), "")


def listed_indicators(indicator: str, count: int) -> list[str]:
    """The `count` indicators a list names, each with the measure the list's last name carries; [] when the
    phrase does not list exactly `count` names."""
    items = _split_items(indicator)
    if count >= 2 and len(items) > count and all(items) and not any(_measured(item) for item in items[:-count]) \
            and all(_measured(item) for item in items[-count:-1]):
        # "区第一污水处理厂、区第二污水处理厂出水化学需氧量、氨氮浓度分别控制在30mg/L、1.5mg/L": the names before
        # the listed indicators say whose they are (the plants), not what is measured; the listed ones each name a
        # measure ("城市建成区、县级城市建成区和乡镇黑臭水体消除比例" for two values names places: left whole)
        items = items[-count:]
    if count < 2 or len(items) != count or not all(items):
        return []
    shared = _tail(items[-1], items[0])
    _, endings = _endings()
    measured = tuple(e for e in (shared, *endings) if e)  # a name that already says what is measured keeps it
    return [item if not shared or item.endswith(measured) else item + shared for item in items]


def _measured(item: str) -> bool:
    """True when a listed name says what is measured (a glossary indicator or a measure ending)."""
    names, endings = _endings()
    return item.endswith(names + endings + _POLLUTANTS)


# "两条河流入黄断面水质", "上述3个断面水质": a count of things the sentence before lists by name
_COUNTED = re.compile(r"^(?:上述|以上|这)?([两二三四五六七八九十]|\d{1,2})\s*(?:条|个|座|处|家)[\u4e00-\u9fff]{2}")
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# "城镇生活污水集中处理率是本方案的约束性指标。2019年达到92%": a sentence naming the indicator its next one states
_NAMING = re.compile(r"^(?:第[一二三四五六七八九十百零〇]{1,4}条)?\s*([^，,；;。：:]{2,24}?)(?:是|为|作为|列为)[^，,；;]{0,16}指标")
# "青龙涧河、苍龙涧河是我区…两条主要支流": the names a later count refers to
_NAMES_OPEN = re.compile(r"^(?:第[一二三四五六七八九十百零〇]{1,4}条)?\s*([^，,；;。是为]{2,40}?)(?:是|为|均为|分别为)")


def named_before(before: str) -> str:
    """The indicator a sentence names for the next one to state its values: "X是本方案的约束性指标。" → X."""
    match = _NAMING.match(before.strip())
    return match.group(1).strip() if match and _measured(match.group(1).strip()) else ""


def counted_names(indicator: str, before: str, count: int) -> list[str]:
    """"两条河流入黄断面水质" after "青龙涧河、苍龙涧河是…": each name of the sentence before with what is measured
    ("青龙涧河入黄断面水质"), when the count, the names and the values agree; else []."""
    counted = _COUNTED.match(indicator)
    names = _NAMES_OPEN.match(before.strip())
    if not counted or not names:
        return []
    said = counted.group(1)
    number = int(said) if said.isdigit() else _COUNTS.get(said)
    listed = _split_items(names.group(1))
    measure = indicator[counted.end():]
    if number != count or len(listed) != count or not all(listed) or not measure:
        return []
    return [name + measure for name in listed]


def listed_years(sentence: str, before: int, count: int) -> list[int]:
    """"到2018年、2019年、2020年分别…": the years listed before a run of `count` values, [] when not exactly so."""
    lists = [m for m in _YEAR_LIST.finditer(sentence[:before])]
    if not lists:
        return []
    years = [int(y) for y in re.findall(r"\d{4}", lists[-1].group(0))]
    return years if len(years) == count else []


def distribute(sentence: str, run: list[tuple[int, Target]], before: str = "") -> list[Target]:
    """The targets of one run of shared values (offset in the sentence, target), each with its own indicator and
    year where the sentence (or, for a counted subject, the sentence before) lists as many of them as values."""
    targets = [t for _, t in run]
    if len(run) < 2:
        return targets
    indicators = listed_indicators(targets[0].indicator, len(run)) \
        or counted_names(targets[0].indicator, before, len(run))
    years = listed_years(sentence, run[0][0], len(run))
    out = []
    for k, target in enumerate(targets):
        changed = target
        if indicators:
            changed = replace(changed, indicator=indicators[k])
        if years:
            changed = replace(changed, year=years[k], deadline="")
        out.append(changed)
    return out
