"""The grounding check: every number, date and department in an answer must appear in a cited clause."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from rag.lexicon import load_lexicon
from rag.normalize import chinese_number, normalize
from rag.types import Citation, Grounding

_MARKER = re.compile(r"\s*[\[［【](\d{1,3})[\]］】]")
# A statement ends at 。！？!? (or ". " in English), taking any [n] markers that follow the stop.
_STATEMENT = re.compile(r".+?(?:[。！？!?]+|\.(?=\s)|$)(?:\s*[\[［【]\d{1,3}[\]］】])*")
# List enumerators the composer writes at line starts ("1.", "（2）", "- "): layout, not facts.
_ENUMERATOR = re.compile(r"^\s*(?:[-*•·]\s*|\d{1,2}[.．、)）]\s*|[(（]\d{1,2}[)）]\s*)")
# An item's number opening the clause text a statement quotes ("「7．开展…"): layout too.
_QUOTED_ENUMERATOR = re.compile(r"「\s*\d{1,2}[.．、]\s*")
_LEXICON = load_lexicon()
_CN_DIGITS = _LEXICON.digit_chars
_CN_YEAR_DIGITS = str.maketrans(_CN_DIGITS, "".join(str(value) for _, value in _LEXICON.digits))
_CN_YEAR = re.compile(rf"[{_CN_DIGITS}]{{4}}(?=年)")
_CN_NUMBER = re.compile(rf"[{_CN_DIGITS}十百千]{{2,}}")
_CN_POINTS = re.compile(r"([二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])个百分点")
_CN_PERCENT = re.compile(r"百分之(\d+(?:\.\d+)?)")
_DATE = re.compile(r"(?<!\d)(\d{4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?")
_UNITS = r"%|‰|个百分点|mg/l|毫克/升|万立方米|立方米|万平方米|平方米|平方公里|公里|千米|km|万吨|吨|万元|亿元|元|个|项|条|家|座|处|所|台|套|户|吨/日|m3"
_NUMBER = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*({_UNITS})?")
_CLASS = re.compile(r"(?<![a-z])([iv]+)类")
# Department names end in one of these; the lookaheads keep out 局面, 委托, 办理, 办法…
_UNIT_SUFFIX = re.compile(_LEXICON.unit_suffix_pattern)
_NOT_UNIT = _LEXICON.not_units
_ADMIN_LEVEL = "".join(_LEXICON.unit_levels)
_SUFFIX_ENDS = _LEXICON.unit_suffix_chars
_UNIT_CHARS = re.compile(r"[\u4e00-\u9fff]+$")
# A table row names its unit once, in the row or column name ("城市污水处理率（%）；2019年：94"); in canonical form.
_HEADER_UNIT = re.compile(rf"\((?:单位:)?({_UNITS})\)")
_CELL_VALUE = re.compile(r"(:)(\d+(?:\.\d+)?)(?=[;,。]|$)")


@dataclass(frozen=True)
class _Evidence:
    """A citation in matching form."""

    n: int
    text: str


def check_grounding(answer_text: str, citations: Sequence[Citation]) -> tuple[str, Grounding]:
    """The answer without ungrounded statements, and the verdict."""
    evidence = {c.n: _Evidence(c.n, with_header_unit(canonical(" ".join((c.plan_title, c.path, c.text)))))
                for c in citations}
    kept_lines: list[str] = []
    removed: list[str] = []
    checked = 0
    for line in answer_text.splitlines():
        kept: list[str] = []
        if not quoted_line_holds(line):  # "期限：到2020年。原文：「…」" with no 2020 in the quote: a stray fact
            removed.append(line.strip())
            continue
        for statement in _STATEMENT.findall(line):
            if not statement.strip():
                continue
            claims, grounded = _check_statement(statement, evidence)
            checked += claims
            (kept if grounded else removed).append(statement if grounded else statement.strip())
        # A line left with only its enumerator ("1.") goes with the statements it held.
        if _ENUMERATOR.sub("", "".join(kept)).strip() or not line.strip():
            kept_lines.append("".join(kept).rstrip())
    text = "\n".join(kept_lines).strip()
    return text, Grounding(passed=not removed, checked=checked, removed=tuple(removed))


_QUOTE = re.compile(r"「([^」]*)」")


def quoted_line_holds(line: str) -> bool:
    """A line that quotes its source sentence ("污水处理率：达到95%（2020年）。原文：「…」") states only figures that
    sentence holds: its clause may hold them elsewhere, in a sentence on another indicator. Years are left out:
    a list item's year is often in the clause's opening ("到2017年，…：城市建成区基本消灭黑臭水体;") —
    measured, requiring it in the quote refused 40 right dev answers of the three sets. Bare numbers too ("表1")."""
    quotes = _QUOTE.findall(line)
    if not quotes:
        return True
    said = canonical(_ENUMERATOR.sub("", _MARKER.sub("", _QUOTE.sub(" ", line))))
    source = canonical(" ".join(quotes))
    return all(re.search(claim, source) for claim in _number_claims(_DATE.sub(" ", said), measured_only=True))


def with_header_unit(text: str) -> str:
    """A clause (canonical form) whose one header unit is put on its bare cell values: the row
    "城市污水处理率(%);2019年:94" grounds "94%". Two different header units: nothing is guessed."""
    units = set(_HEADER_UNIT.findall(text))
    if len(units) != 1:
        return text
    unit = units.pop()
    return _CELL_VALUE.sub(lambda m: m.group(1) + m.group(2) + unit, text)


def cited_markers(text: str) -> tuple[int, ...]:
    """The distinct [n] citation numbers in a text, in order of first use."""
    return tuple(dict.fromkeys(int(n) for n in _MARKER.findall(text)))


def canonical(text: str) -> str:
    """Matching form for facts: normalised, no spaces, 年年底→年底, Chinese numerals and 百分之 as digits."""
    text = normalize(text).replace(" ", "").replace("年年底", "年底")
    text = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_YEAR_DIGITS), text)
    text = _CN_NUMBER.sub(_cn_number_digits, text)
    text = _CN_POINTS.sub(lambda m: f"{chinese_number(m.group(1).replace('两', '二'))}个百分点", text)
    text = _ITEM_BEFORE_YEAR.sub("", text)
    return _CN_PERCENT.sub(r"\1%", text)


# An item number right before the year its task opens with ("1．2019年6月底前" normalised to "1.2019年"): a list
# mark, no claim, and not the decimal 1.2019 that hid the item's number from the clause it quotes.
_ITEM_BEFORE_YEAR = re.compile(r"(?<!\d)\d{1,2}\.(?=(?:19|20)\d\d年)")


def _cn_number_digits(match: re.Match[str]) -> str:
    token = match.group(0).replace("两", "二")
    if "千" in token:
        thousands, _, rest = token.partition("千")
        value = chinese_number(thousands or "一")
        rest_value = chinese_number(rest.lstrip("零〇")) if rest.strip("零〇") else 0
        return token if value is None or rest_value is None else str(value * 1000 + rest_value)
    value = chinese_number(token)
    return token if value is None else str(value)


def _check_statement(statement: str, evidence: dict[int, _Evidence]) -> tuple[int, bool]:
    """(number of claims checked, whether every claim is found in the evidence the statement may use)."""
    markers = [int(n) for n in _MARKER.findall(statement)]
    if any(n not in evidence for n in markers):
        return 0, False
    pool = [evidence[n].text for n in markers] if markers else [e.text for e in evidence.values()]
    body = canonical(_QUOTED_ENUMERATOR.sub("「", _ENUMERATOR.sub("", _MARKER.sub("", statement))))
    claims = _claims(body)
    return len(claims), all(any(re.search(claim, text) for text in pool) for claim in claims)


def _claims(body: str) -> list[str]:
    """Regexes, one per date, number, water class and department the statement asserts."""
    claims = _figure_claims(body)
    rest = _DATE.sub(" ", body)
    claims += [rf"(?<![a-z]){numeral}类" for numeral in _CLASS.findall(rest)]
    claims += [_unit_claim(name) for name in _unit_names(rest)]
    return claims


def _figure_claims(body: str) -> list[str]:
    """Regexes, one per date and number the statement asserts."""
    claims = []
    for match in _DATE.finditer(body):
        year, month, day = match.groups()
        # "2017年底前" and "到2017年" differ only in wording; the year and any month/day must match.
        claim = rf"(?<!\d){year}年"
        claim += rf"0?{int(month)}月" if month else ""
        claims.append(claim + (rf"0?{int(day)}日" if day else ""))
    return claims + _number_claims(_DATE.sub(" ", body))


def _number_claims(rest: str, measured_only: bool = False) -> list[str]:
    """Regexes, one per number (with its unit) of a text whose dates are cut out; only those with a unit when
    `measured_only` (a bare number is often a label: "表1")."""
    claims = []
    for match in _NUMBER.finditer(rest):
        number, unit = match.groups()
        if measured_only and not unit:
            continue
        tail = re.escape(unit) if unit else r"(?![\d]|\.\d)"
        claims.append(rf"(?<![\d.]){re.escape(number)}{tail}")
    return claims


def _unit_names(body: str) -> list[str]:
    """Department-like names: the run of Chinese characters before each unit suffix."""
    names = []
    for match in _UNIT_SUFFIX.finditer(body):
        run = _UNIT_CHARS.search(body[: match.start()])
        name = (run.group(0) if run else "") + match.group(0)
        if len(name) >= 3 and not name.endswith(_NOT_UNIT):
            names.append(name)
    return names


def _unit_claim(name: str) -> str:
    """A regex any tail of the name (three characters or more) satisfies, with a level prefix kept honest.

    The run before a suffix also holds the words around the name ("由区住建局"), so any tail may match;
    a tail cut after a 区/市/省/县 that starts the name must find a unit of that level in the clause
    (a level starting a name, so 城市管理局 is no 市-level unit): "市林业畜牧局" is not grounded by
    "区林业畜牧局" through "畜牧局", while "区水务局" is grounded where the plan writes "水务局"
    after "区发展和改革委员会" (乐都 drops the repeated 区).
    """
    options = _shared_office_options(name)
    for start in range(len(name) - 2):
        tail = re.escape(name[start:])
        level = _level_before(name, start)
        if level:
            options.append(rf"(?=[\s\S]*(?<![\u4e00-\u9fff]){level}(?!场)[\u4e00-\u9fff]{{1,12}}(?:局|委|厅|办|政府))[\s\S]*{tail}")
        else:
            options.append(tail)
    return "|".join(f"(?:{option})" for option in options)


# "荔城区、城厢区、仙游县人民政府" names 荔城区人民政府: places listed bare before the one that carries the office
# share it (rag.corpus.units.shared_office), so an answer naming one place's office is grounded by that list.
_PLACE = r"[\u4e00-\u9fff]{1,8}?(?:区|县|市|镇|乡|街道)"
_PLACE_OFFICE = re.compile(rf"({_PLACE})(人民政府|政府|办事处)$")


def _shared_office_options(name: str) -> list[str]:
    options = []
    for start in range(len(name) - 3):
        match = _PLACE_OFFICE.fullmatch(name[start:])
        if match:
            place, office = re.escape(match.group(1)), re.escape(match.group(2))
            options.append(rf"(?<![\u4e00-\u9fff]){place}(?:、{_PLACE})*、{_PLACE}{office}")
    return options


def _level_before(name: str, start: int) -> str:
    """The 区/市/省/县 that begins the unit name a tail was cut from, "" when the tail keeps it."""
    for index in range(start - 1, -1, -1):
        if name[index] in _ADMIN_LEVEL and name[index : index + 2] != "市场":  # 市场监督管理局 has no level
            return name[index]
        if name[index] in _SUFFIX_ENDS:  # an earlier unit ("区发改局和…") ends here: its level is not ours
            return ""
    return ""
