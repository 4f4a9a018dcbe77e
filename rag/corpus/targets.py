"""Quantified targets and deadlines read from clause sentences."""
from __future__ import annotations

import re

from rag.corpus.paired import distribute, named_before
from rag.lexicon import lexicon_section, load_lexicon
from rag.normalize import sentences
from rag.types import Clause, Deadline, Target

_YEAR = re.compile(r"(?:到|至|在|于)?\s*(\d{4})\s*年(?:年)?(?:\d{1,2}月)?(?:底|末)?(?:前)?")
_LEXICON = load_lexicon()
_GENRE = lexicon_section("genre")
_CLASS_WORDS = "".join(f"{re.escape(w)}|" for w in _GENRE.get("class_comparators", ()))
_COMPARATOR = _LEXICON.alternation(_LEXICON.comparators + tuple(_GENRE.get("extra_comparators", ())))
_OPENER = re.compile(rf"^(?:{_LEXICON.alternation(tuple(_GENRE.get('indicator_openers', ())))})+") \
    if _GENRE.get("indicator_openers") else None
# "规模化养殖场粪污处理设施配套率100%": a rate stated right after its name is a target without a comparator word.
_RATE_BEFORE = re.compile(r"(?:率|比例)\s*$")
_BOUND = _LEXICON.alternation(_LEXICON.comparator_suffixes)  # 以上|以下|以内|左右
_UNIT = r"个百分点|%|％|mg/L|mg/l|毫克/升|万吨|吨|万立方米|亿立方米|立方米|个|座|条|处|家|公里|千米|km|米|天|小时"
_VALUE = re.compile(
    rf"(?P<cmp>{_COMPARATOR})?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})(?P<suffix>{_BOUND})?"
    rf"|(?P<cmp2>{_CLASS_WORDS}达到或优于|达到|优于|好于|消除|消灭)(?P<cls>劣?[ⅠⅡⅢⅣⅤIV]{{1,3}}类)"
    # "分别达到Ⅳ类、Ⅴ类": a class listed after another shares its comparator
    rf"|(?<=[ⅠⅡⅢⅣⅤIV]类、)(?P<cls2>劣?[ⅠⅡⅢⅣⅤIV]{{1,3}}类)"
    # A coefficient has no unit ("农田灌溉水有效利用系数提高到0.58"): only after a comparator.
    rf"|(?P<cmp3>提高到|提升到|达到|不低于|不高于)\s*(?P<coef>\d+\.\d+)(?P<suffix2>{_BOUND})?(?![\d.%％])"
)
_BASE_MARKS = ("较", "比", "从", "与", "截")  # "截至2017年底" states where things stand, not a target year
_NUMBERING = re.compile(r"^(?:\d{1,2}\s*[)）.．、]|[（(]\d{1,2}[)）]|[①-⑳]|第[一二三四五六七八九十百零〇]{1,4}条)\s*")
_STATUS_QUO = re.compile(r"\s*(?:的)?(?:现状|基础上|水平|同期)")
# A leading time scope, a listed one too ("到2018年、2019年、2020年").
_SCOPE = re.compile(r"^(到|至|在|于)?\s*\d{4}\s*年(年)?(\d{1,2}月)?(底|末)?(前)?(?:\s*[、和]\s*\d{4}\s*年(?:底|末)?)*\s*[,，]?\s*")
_BASELINE = re.compile(r"(?:较|比|从|与)\s*(\d{4})\s*年(?:的|相比)?\s*(\d+(?:\.\d+)?\s*(?:%|％)?)?")
_VERBS = "|".join(map(re.escape, _GENRE.get("deadline_verbs", ()))) or "完成"
# 前/以前/之前, or a month's or year's end followed by what is to be done ("2018年底完成…").
_BEFORE = rf"(?:(?:底|末)?\s*(?:前|以前|之前)|(?:底|末)(?=\s*(?:{_VERBS})))"
# A sentence a stage year does not time: a note ("(区住建局牵头…", "配合部门:…") or one with its own time ("到本世纪中叶").
_OWN_TIME_OR_NOTE = re.compile(r"^\s*(?:[（(〔【\[]|[\u4e00-\u9fff]{2,4}(?:单位|部门)\s*[:：]|到|至|本世纪)")
# A stage in the middle of a task paragraph ("…严格用水定额管理。到2020年,…高耗水行业达到先进定额标准。制定工业水循环
# 利用规划,推进…采用节水措施。") is that sentence's target year, not the next task's limit: after a statement of its
# own, a stage times only sentences stating a state to reach (an outcome), not actions or notes ("县住建局牵头，…").
# A stage opening its clause ("(二)行动目标。到2017年,…。城市建成区基本消灭黑臭水体;") times what follows it.
_OUTCOME = re.compile(r"达到|控制在|保持|消除|消灭|下降|削减|降低|减少|提高|提升|改善|好转|稳定|得到|基本|全部|全面"
                      r"|率|比例|比重|以内|以上|以下|明显|显著|有效|逐步")
_HEADING_CHARS = 12  # a shorter statement before the stage is a heading ("(二)行动目标。", "16.推广工业节水。")
_DEADLINE = re.compile(
    r"(?P<by>(?<!截至)(?<!截止)(?<!截至到)(?:于|在|到)?\s*(?P<y1>\d{4})\s*年(?:年)?(?:(?P<m1>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?)?" + _BEFORE
    + r"|(?<!截)(?:到|至)\s*(?P<y3>\d{4})\s*年(?:年)?(?:底|末)?)"
    r"|(?P<from>(?:自|从)\s*(?P<y2>\d{4})\s*年(?:起|开始))"
    # "每年6月底前" is a recurring time limit, not this year's June.
    r"|(?P<periodic>每(?:年|季度|半年|月|周)(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?" + _BEFORE + r")?)"
    # A date written with a dot ("2019.12前", "2019.6底前"), as in tables and bulleted plans.
    + r"|(?P<dotted>(?<![\d.])(?P<y5>(?:19|20)\d{2})\s*[.．]\s*(?P<m5>\d{1,2})(?![\d.])" + _BEFORE + r")"
    # "今年底前" / "本年6月底前": the year the annual plan is in force.
    + r"|(?P<this>(?:今|本)年度?\s*(?:(?P<m6>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?)?" + _BEFORE + r")"
    # An annual plan's "6月底前" / "9月30日前" / "年底前": the year is the one in force (stated or the plan's).
    + r"|(?P<bare>(?<![\d年每])(?:于|在)?\s*(?:(?P<m4>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?|(?<![\u4e00-\u9fff])年)" + _BEFORE + r")"
)


def _indicator(sentence: str, at: int) -> str:
    """The phrase naming what is measured: the words before the comparator, back to the last comma."""
    head = _last_piece(sentence[:at])
    head = _NUMBERING.sub("", head.strip())  # "2）城市建成区…": a list number is not part of the name
    head = _SCOPE.sub("", _OPENER.sub("", head) if _OPENER else head)
    for _ in range(2):  # "较2015年分别": the qualifier, then the baseline
        head = re.sub(r"(分别|总体|基本|稳定|力争|均|全部|要|应)$", "", head.strip())
        head = re.sub(r"(较|比|从|与)\s*\d{4}\s*年(的|相比)?$", "", head.strip())
        head = re.sub(r"(?:到|至)?\d{4}\s*年(?:底|末)?(?:\s*[、和]\s*\d{4}\s*年(?:底|末)?)*$", "", head.strip())  # "…率2019年、2020年", "…率到2020年"
    head = _OPENER.sub("", head) if _OPENER else head
    return _cut_name(head)


# Characters that close a word and never open a measured thing's name: a name cut to its last 24 characters that
# starts with one ("级以上城市集中式饮用水…" from 县级以上…) is cut inside a word, so the cut moves back to take it whole.
_BOUND_START = frozenset("级以及上下之的和与或、，）)")
_NAME_LIMIT = 24


def _cut_name(head: str) -> str:
    """The last 24 characters of a long indicator, moved back (at most 4 characters) out of a word it would split."""
    start = max(0, len(head) - _NAME_LIMIT)
    while start > 0 and start > len(head) - _NAME_LIMIT - 4 and head[start] in _BOUND_START:
        start -= 1
    return head[start:]


def _last_piece(text: str) -> str:
    """The text after its last comma, colon or semicolon outside brackets ("松花江流域水质优良(达到或优于Ⅲ类,下同)比例")."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        depth += ch in ")）"
        depth -= ch in "(（" and depth > 0
        if depth == 0 and ch in "，,：:；;":
            return text[i + 1:]
    return text


def _in_brackets(text: str, at: int) -> bool:
    """True when position `at` lies inside an unclosed round bracket of `text`."""
    depth = 0
    for ch in text[:at]:
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
    return depth > 0


def _stated_years(sentence: str) -> list[re.Match]:
    """Year phrases that time a target: not a baseline ("比2015年", "不低于2021年现状值")."""
    return [m for m in _YEAR.finditer(sentence)
            if sentence[max(0, m.start() - 1):m.start()] not in _BASE_MARKS and not _STATUS_QUO.match(sentence, m.end())]


def _year(sentence: str, at: int, carried: int | None = None) -> tuple[int | None, str]:
    """The year governing a value: the nearest year phrase before it, else the year carried from earlier
    sentences (or the annual plan's), else the first after it."""
    stated = _stated_years(sentence)
    before = [m for m in stated if m.start() < at]
    if not before and carried:
        return carried, ""
    match = before[-1] if before else (stated[0] if stated else None)
    if not match:
        return None, ""
    phrase = match.group(0).strip()
    return int(match.group(1)), phrase if re.search(r"(底|末|前)", phrase) else ""


def _is_qualifier(sentence: str, match: re.Match) -> bool:
    """"(达到或优于Ⅲ类)比例" qualifies a ratio; it is not a target of its own."""
    after = re.split(r"[，,。；;：:]", sentence[match.end(): match.end() + 6])[0]
    # "(达到或优于Ⅲ类,下同)比例": a class inside brackets is a qualifier whatever follows it there;
    # "达到或好于Ⅲ类水体比例": so is one naming the share that is measured.
    if match.group("unit") not in (None, "%", "％", "个百分点") and sentence[match.end(): match.end() + 1] == "的":
        # "对年用水量10万立方米以上的重点用水企业", "年取水量超过5万立方米的工业企业": an amount before 的 says which
        # actors a duty binds (a threshold), not a level to reach; a share before 的 still is one ("90%以上的…配备").
        return True
    return bool(match.group("cls") or match.group("cls2")) and (after[:1] in (")", "）") or "比例" in after or _in_brackets(sentence, match.start()))


def find_targets(clause: Clause, plan_year: int | None = None) -> list[Target]:
    """Targets stated in a clause: "到2020年，全区污水处理率达到95%以上".

    A target with no year takes the last year stated earlier in the clause, else the annual plan's year.
    """
    found: list[Target] = []
    seen: set[tuple[str, str, int | None]] = set()
    carried, before = plan_year, ""
    for sentence in sentences(clause.text):
        runs: list[list[tuple[int, Target]]] = []
        previous: re.Match | None = None
        indicator, last_comparator = "", ""
        for match in _VALUE.finditer(sentence):
            # "分别达到40mg/L和2mg/L": the second value shares the first one's indicator and comparator.
            shares = previous is not None and sentence[previous.end(): match.start()].strip() in ("、", "和", "，")
            comparator = match.group("cmp") or match.group("cmp2") or match.group("cmp3") or (last_comparator if shares else "")
            rate = match.group("unit") in ("%", "％") and _RATE_BEFORE.search(sentence[: match.start()])
            if (not comparator and not match.group("suffix") and not rate) or _is_qualifier(sentence, match):
                continue  # a bare quantity ("32个控制单元") is a count, not a target
            last_comparator = comparator
            if not shares:
                # "污水处理率提高到92%，较2016年提高2个百分点": a bare change takes the figure before it.
                indicator = _indicator(sentence, match.start()) or (runs[-1][-1][1].indicator if runs else "") \
                    or _trailing_indicator(sentence, match.end()) or _staged(sentence, match.start(), found) \
                    or named_before(before)
                indicator = _part_of(indicator, runs[-1][-1][1].indicator if runs else "")
                runs.append([])
            previous = match
            # "彻底消除劣Ⅴ类": what is eliminated is the class's water, not the adverb before it.
            named = f"{match.group('cls')}水体" if match.group("cls") and len(indicator) <= 2 and \
                comparator in ("消除", "消灭") else indicator
            runs[-1].append((match.start(), _target(clause, sentence, match, named, comparator, carried)))
        for run in runs:  # "分别达到12%、13%": the k-th value is the k-th listed indicator's or year's
            found.extend(distribute(sentence, run, before))
        before = sentence
        stated = _stated_years(sentence)
        carried = int(stated[-1].group(1)) if stated else carried
    # One target per indicator, value and year: "分别达到90%、90%" for two years are two targets.
    return [t for t in found if (key := (t.indicator, t.value_text, t.year)) not in seen and not seen.add(key)]


# "城镇污水处理率达到93%，其中新城地区达到99%": the part after 其中 is measured by the indicator before it.
_PART = re.compile(r"^其中\s*([^，,；;。]{1,12}?)$")
_MEASURE = re.compile(r"率|比例|总量|量|浓度|指标|系数|水质")


def _part_of(indicator: str, previous: str) -> str:
    """A part of the area named after 其中 with no measure of its own ("其中新城地区"), with the previous
    target's indicator: 新城地区城镇污水处理率."""
    part = _PART.match(indicator)
    if not part or not previous or _MEASURE.search(part.group(1)):
        return indicator
    return part.group(1) + previous


def _staged(sentence: str, at: int, found: list[Target]) -> str:
    """The indicator of a later stage that does not repeat its name ("到2017年，管网漏损率控制在12%以内；到2020年，
    控制在10%以内"): a sentence that is only a time scope before its value takes the previous target's indicator."""
    scope = _SCOPE.match(sentence)
    return found[-1].indicator if found and scope and scope.group(0).strip() and scope.end() >= at else ""


def _target(clause: Clause, sentence: str, match: re.Match, indicator: str, comparator: str,
            carried: int | None) -> Target:
    year, deadline = _year(sentence, match.start(), carried)
    baseline = _baseline(sentence[: match.start()])
    value, unit, value_text, suffix = _value(match)
    return Target(
        plan_id=clause.plan_id, clause_id=clause.clause_id,
        indicator=indicator, value=value, unit=unit, value_text=value_text,
        comparator=comparator + suffix, year=year, deadline=deadline,
        baseline_year=int(baseline.group(1)) if baseline else None,
        baseline_value=(baseline.group(2) or "").strip() if baseline else "",
        span=sentence,
    )


def _baseline(before: str) -> re.Match | None:
    """The baseline of a value: in its own comma piece ("分别比2015年下降12%、13%"), not a piece before it
    ("…比2015年下降12%，乡镇…覆盖率达到100%" sets no baseline for 100%), unless that piece opens the sentence as
    a comparison for all that follows ("与2015年相比，…分别下降10%")."""
    piece = max(before.rfind(mark) for mark in "，,；;") + 1
    return _BASELINE.search(before[piece:]) or next(
        (m for m in _BASELINE.finditer(before[:piece]) if m.group(0).endswith("相比")), None)


def _value(match: re.Match) -> tuple[float | None, str, str, str]:
    """(value, unit, value as written, 以上/以内… suffix) of a matched figure."""
    suffix = match.group("suffix") or match.group("suffix2") or ""
    if match.group("cls") or match.group("cls2"):
        return None, "类", match.group("cls") or match.group("cls2"), suffix
    if match.group("coef"):
        return float(match.group("coef")), "", match.group("coef") + suffix, suffix
    unit = match.group("unit").replace("％", "%")
    return float(match.group("num")), unit, match.group("num") + match.group("unit") + suffix, suffix


def _trailing_indicator(sentence: str, at: int) -> str:
    """"90%以上的环境监察机构配备…": the measured thing follows the value."""
    return re.split(r"[，,。；;]", sentence[at:].lstrip("的"))[0][:24]


def find_deadlines(clause: Clause, plan_year: int | None = None) -> list[Deadline]:
    """Deadlines in a clause: "2017年底前", "2016年6月底前", "于2019年9月30日前", "自2016年起", "每季度", and
    in a plan of one year (or after a stated year) "6月底前", "年底前". A stage "到2017年，…" also times the
    sentences after it that state no time of their own ("…。城市建成区基本消灭黑臭水体。"): all of them when it
    opens its clause, only those stating an outcome after a statement of the clause's own (_OUTCOME)."""
    found = []
    carried, stage, opening = plan_year, None, False
    # A table row's cells ("工作任务：…；完成时限：2019年10月底前") are one statement: the deadline governs the task cell.
    statements = [clause.text] if clause.kind == "table-row" else sentences(clause.text)
    for at, sentence in enumerate(statements):
        own = [_deadline(clause, sentence, match, carried) for match in _DEADLINE.finditer(sentence)]
        own = [d for d in own if d is not None]
        own += later_stages(clause, sentence, own)
        found.extend(own)
        stages = [d for d in own if d.kind == "by" and re.match(r"^(?:到|至)", d.text)]
        stage = stages[-1] if stages else (None if own else stage)
        if stages:
            opening = all(len(before.strip()) < _HEADING_CHARS for before in statements[:at])
        if not own and stage is not None and len(sentence) >= 8 and not _OWN_TIME_OR_NOTE.match(sentence) \
                and (opening or _OUTCOME.search(sentence)):
            found.append(Deadline(clause.plan_id, clause.clause_id, stage.text, stage.year, stage.month, "by", sentence))
        stated = _stated_years(sentence)
        carried = int(stated[-1].group(1)) if stated else carried
    return found


# A later stage of a staged sentence, stated after a comma without its own 到: "到2017年,设区市全部达到省级…标准,
# 2020年全部达到国家…标准" — the 2020 times what follows it as the 到2017年 times the piece before.
_LATER_STAGE = re.compile(r"(?<=[，,；;])\s*(\d{4})\s*年(?=[\u4e00-\u9fff])(?!底|末|前|起|开始|以来)")


def later_stages(clause: Clause, sentence: str, own: list[Deadline]) -> list[Deadline]:
    """The later stages of a sentence opened by a stage ("到2017年…，2020年…"), each a limit of its own."""
    opened = [d for d in own if d.kind == "by" and re.match(r"^(?:到|至)", d.text) and sentence.lstrip().startswith(d.text)]
    if not opened or opened[0].year is None:
        return []
    return [Deadline(clause.plan_id, clause.clause_id, f"{m.group(1)}年", int(m.group(1)), None, "by", sentence)
            for m in _LATER_STAGE.finditer(sentence) if int(m.group(1)) > opened[0].year
            and not any(d.year == int(m.group(1)) for d in own)]


def _deadline(clause: Clause, sentence: str, match: re.Match, carried: int | None) -> Deadline | None:
    kind = next(k for k in ("by", "from", "periodic", "dotted", "this", "bare") if match.group(k))
    kind = {"dotted": "by", "this": "bare"}.get(kind, kind)
    year = match.group("y1") or match.group("y2") or match.group("y3") or match.group("y5")
    if kind == "bare":  # the year in force: stated before it in the sentence, else carried
        before = [m for m in _stated_years(sentence) if m.start() < match.start()]
        year = before[-1].group(1) if before else carried
        if not year:
            return None  # "6月底前" with no year in force says nothing checkable
    month = match.group("m1") or match.group("m4") or match.group("m5") or match.group("m6")
    return Deadline(clause.plan_id, clause.clause_id, match.group(0).strip(), int(year) if year else None,
                    int(month) if month else None, "by" if kind == "bare" else kind, sentence)
