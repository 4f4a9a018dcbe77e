"""Answers to English questions: the same lines in English around the quoted Chinese units, values and spans.

Only the answer's own words are rendered (labels, comparators, unit names get their English name beside the
Chinese); every quoted span, number, date and unit name stays as the plan writes it, so the grounding check
still finds each of them in a cited clause.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.draft import Draft
from rag.lexicon import load_glossary, load_lexicon
from rag.normalize import normalize

# The answerers' Chinese labels, longest first where one contains another.
LABELS: tuple[tuple[str, str], ...] = (
    ("配合/参与：", "Cooperating: "), ("落实/责任：", "Implementing: "), ("牵头：", "Lead: "),
    ("期限：", "Deadline: "), ("原文：", "Source: "), ("禁止：", "Forbidden: "), ("须：", "Must: "),
    ("为全篇统一的落实单位", " implement every task of this plan"), ("；", "; "), ("：", ": "),
)
COMPARATORS: tuple[tuple[str, str], ...] = (
    ("达到或优于", "at or better than "), ("不低于", "at least "), ("不高于", "at most "), ("不超过", "at most "),
    ("控制在", "kept within "), ("提高到", "raised to "), ("下降到", "lowered to "), ("降低到", "lowered to "),
    ("达到", "reach "), ("下降", "down by "), ("降低", "down by "), ("减少", "down by "), ("提高", "up by "),
)
# A stated value's bound stays in Chinese (the grounding check finds "95%以上" in the clause); its gloss follows.
BOUNDS: tuple[tuple[str, str], ...] = (("以上", " (or more)"), ("以内", " (at most)"), ("以下", " (or less)"),
                                       ("左右", " (about)"))
# The comparison table's header cells and its "no value" cell.
TABLE_WORDS: tuple[tuple[str, str], ...] = (
    ("方案未作规定", "not set in this plan"), ("目标值", "Target"), ("方案", "Plan"), ("指标", "Indicator"),
    ("年份", "Year"), ("条款", "Clause"), ("事项", "Item"), ("期限", "Deadline"), ("角色", "Role"), ("单位", "Units"),
)
_TARGET = re.compile(r"^(?P<prefix>[^「」：]*?：)?(?P<indicator>[^「」：]+)：(?P<stated>[^「」（]+)(?P<when>（[^）]*）)?。原文：")
_DEADLINE_LEAD = re.compile(r"期限 (?P<when>[^：]+)：")
_AMOUNTS = re.compile(r"（数量 ([^）]+)）")  # the amounts a time limit's sentence states (limits.stated_counts)


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """Chinese term or unit name (normalised, official and aliases) → its preferred English name."""
    names: dict[str, str] = {}
    terms = [term for term in load_glossary().terms if term.english]
    for term in terms:  # an official name first: 城市污水处理率 is its own entry and an alias of 污水处理率
        names.setdefault(normalize(term.official), term.english[0])
    for term in terms:
        for form in term.aliases:
            names.setdefault(normalize(form), term.english[0])
    return names


def english_name(chinese: str) -> str:
    """The English name of a term or unit, trying it without its level prefix (区住建局 → 住建局); "" if none."""
    names = _english_names()
    key = normalize(chinese)
    levels = tuple(load_lexicon().unit_levels)
    for candidate in (key, key[1:] if key.startswith(levels) else key):
        if candidate in names:
            return names[candidate]
    # An indicator as a target states it ("全区城市污水处理率"): the longest glossary form inside it; a two-character
    # indicator counts too ("氨氮指标", "单位耕地面积农药"), other two-character forms name too little.
    inside = [form for form in names if (len(form) >= 3 or form in _short_indicators()) and form in key]
    return names[max(inside, key=len)] if inside else ""


@lru_cache(maxsize=1)
def _short_indicators() -> frozenset[str]:
    """The glossary's indicators named in two characters (氨氮, 农药 as 农药使用量's alias, 总磷)."""
    return frozenset(normalize(form) for term in load_glossary().terms if term.kind == "indicator" and term.english
                     for form in (term.official, *term.aliases) if len(normalize(form)) == 2)


def _with_name(chinese: str) -> str:
    name = english_name(chinese)
    return f"{name} ({chinese})" if name else chinese


def _units(part: str) -> str:
    """"区住建局、区财政局" → "Housing and … Bureau (区住建局), Finance Bureau (区财政局)"."""
    # "、" inside brackets belongs to one name: 各县（市、区）人民政府.
    return ", ".join(_with_name(unit) for unit in re.split(r"、(?![^（(]*[）)])", part))


def _roles(line: str) -> str:
    for label in ("牵头：", "配合/参与：", "落实/责任："):
        line = re.sub(rf"{re.escape(label)}([^；。\[]+)", lambda m, label=label: label + _units(m.group(1)), line)
    return line


def _target(line: str) -> str:
    match = _TARGET.match(line)
    if not match or match.group("indicator") in ("期限",):
        return line
    stated = match.group("stated")
    for chinese, english in COMPARATORS:
        if stated.startswith(chinese):
            stated = english + stated[len(chinese):]
            break
    stated += next((gloss for bound, gloss in BOUNDS if stated.rstrip().endswith(bound)), "")
    when = f" ({match.group('when')[1:-1]})" if match.group("when") else ""
    head = f"Target for {_with_name(match.group('indicator'))}: {stated}{when}. "
    return (match.group("prefix") or "") + head + line[match.end() - len("原文："):]


def _table_row(line: str) -> str:
    """A comparison table row: its header words and empty cells in English, every value cell as it is."""
    cells = line.split("|")
    for i, cell in enumerate(cells):
        word = cell.strip()
        english = dict(TABLE_WORDS).get(word)
        if english:
            cells[i] = cell.replace(word, english)
    return "|".join(cells)


def render_line(line: str) -> str:
    """One answer line in English around its quotes (the text inside 「」 is left untouched)."""
    if line.startswith("|"):
        return _table_row(line)
    # A bare quote gets a lead-in; a labelled one (禁止：「…」) has its label.
    line = re.sub(r"^((?:- )?(?:(?!禁止|须|期限|原文)[^「」：\s]+：)?)「", r"\1The plan says: 「", line)
    pieces = re.split(r"(「[^」]*」)", _target(_roles(line)))
    out = []
    for piece in pieces:
        if not piece.startswith("「"):
            piece = _DEADLINE_LEAD.sub(lambda m: f"By {m.group('when')}: ", piece)
            piece = _AMOUNTS.sub(r" (amounts: \1)", piece)
            for chinese, english in LABELS:
                piece = piece.replace(chinese, english)
            piece = piece.replace("。", ". ")
        out.append(piece)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def to_english(draft: Draft) -> Draft:
    """The draft with every line rendered for an English reader (in place; returned for chaining)."""
    draft.lines[:] = [render_line(line) for line in draft.lines]
    return draft


# Refusals to an English question are said in English. Each Chinese reason the answerers write, as a pattern, with
# its English sentence; the Chinese names a reason cites (an indicator, a place, a year) are kept beside their
# English name, as the answers write units, so a reader can find them in the plan.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), e) for p, e in (  # ；may already read "; " (render_line)
    (r"现有方案中没有关于(?P<x>.+?)的方案。", "None of the plans held is about {x}."),
    (r"方案中没有提到所问的指标。", "The plans do not mention the indicator asked about."),
    (r"方案中没有关于所问年份的规定[；;] ?找到的条款说的是别的年份。",
     "The plans say nothing about the year asked; the clauses found are about other years."),
    (r"方案中没有关于所问年份的规定。", "The plans say nothing about the year asked."),
    (r"方案中没有规定所问的金额。", "The plans state no such amount."),
    (r"方案中没有关于所问指标的目标[；;] ?找到的条款说的是别的指标。",
     "The plans set no target for the indicator asked; the clauses found are about other indicators."),
    (r"方案中没有提到(?P<x>.+?)。", "The plans do not mention {x}."),
    (r"方案中没有关于(?P<x>.+?)的规定。", "The plans set nothing about {x}."),
    (r"方案中没有找到能回答这个问题的条款。", "No clause of the plans answers this question."),
    (r"找到的条款说的不是(?P<x>.+?)。", "The clauses found are not about {x}."),
    (r"问题的大部分词语在方案用语中找不到对应。", "Most of the question's words have no counterpart in the plans' terms."),
    (r"方案中没有找到直接回答这个问题的规定。", "No provision of the plans answers this question directly."),
    (r"找到的条款没有写明由哪个单位负责。", "The clauses found do not say which unit is responsible."),
    (r"找到的列举是负责单位，不是所问的事项。", "The list found names responsible units, not the items asked about."),
    (r"方案没有规定所问年份的该项目标[；;] ?相关条款规定的是(?P<x>.+?)的目标 ",
     "The plan sets no target for the year asked; the related clauses set targets for {x} "),
    (r"方案没有规定所问指标的目标[；;] ?相关条款规定的是(?P<x>.+?)的目标 ",
     "The plan sets no target for the indicator asked; the related clauses set targets for {x} "),
    (r"方案的表格只按(?P<x>.+?)分列数值，没有所问范围的数值 ",
     "The plan's table gives values only by {x}, none for the scope asked "),
    (r"方案中找到的规定针对的是(?P<x>.+?)，不是所问的对象 ",
     "The provisions found apply to {x}, not to the one asking "),
))
# A reason said twice, Chinese then English ("方案中没有写明所问的数量。 The plans state no such number."): the
# English half stays; markers after it too.
_BOTH = re.compile(r"^(?P<zh>[^A-Za-z「」]*[\u3400-\u9fff][^A-Za-z「」]*?)\s+(?P<en>[A-Z][^\u3400-\u9fff]*)$")


def _named(chinese: str) -> str:
    """Chinese names joined by 、 in a reason: each with its English name when it has one (a place: its
    pinyin name from the place table), the Chinese kept."""
    return ", ".join(_with_name(part) if english_name(part) or not _place_name(part) else
                     f"{_place_name(part)} ({part})" for part in chinese.split("、") if part)


def _place_name(chinese: str) -> str:
    from rag.answer.places import load_places

    place = next((p for p in load_places() if p.name == chinese), None)
    latin = [alias for alias in place.aliases if alias.isascii()] if place else []
    return latin[0].title() if latin else ""


def english_reason(line: str) -> str:
    """A refusal line in English; any other line as it is."""
    for pattern, english in _REASONS:
        match = pattern.search(line)
        if match:
            said = english.format(x=_named(match["x"])) if "x" in pattern.groupindex else english
            rest = line[match.end():]
            line = line[:match.start()] + said + (rest[:-1] + "." if rest.endswith("。") else rest)
            break
    both = _BOTH.match(line.strip())
    return both["en"] if both else line


def english_refusals(draft: Draft) -> Draft:
    """The draft's refusal sentences in English (in place; returned for chaining)."""
    draft.lines[:] = [english_reason(line) for line in draft.lines]
    return draft
