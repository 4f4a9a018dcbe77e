"""Clauses → responsibility notes, targets and deadlines."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag.corpus.note_forms import (
    SUBJECT,
    default_sentence,
    excepts_noted,
    inline_roles,
    label_part,
    labelled_fields,
    marked_list,
    opens_with_note_head,
    role_phrase,
    settle_subject,
    split_groups,
    together,
    without_note_head,
    without_qualifier,
)
from rag.corpus.numbered_duties import numbered_responsibilities
from rag.corpus.prose_notes import prose_responsibilities, row_responsibility
from rag.corpus.repair import repaired
from rag.corpus.table_notes import (
    cell_task_span,
    drawn_table_deadlines,
    flat_table_deadlines,
    flat_table_responsibilities,
    row_cell_deadlines,
    table_responsibilities,
)
from rag.corpus.targets import find_deadlines, find_targets
from rag.corpus.year_columns import year_column_targets
from rag.corpus.units import parse_units
from rag.lexicon import load_lexicon
from rag.types import Clause, Deadline, Responsibility, Target, Unit

# A note in any bracket ("（…）", "〔…〕", "【…】", "[…]"), one level of nested round brackets inside
# ("各县（市、区）政府"); a mismatched closer ("…)】") ends it too.
_NOTE = re.compile(r"[（(〔【\[]([^（()）〔〕【】\[\]]{2,300}?(?:[（(][^（()）]{1,12}[)）][^（()）〔〕【】\[\]]*?)*)[)）〕】\]]")
_LEXICON = load_lexicon()
_ROLE_OF_LABEL = dict(_LEXICON.role_labels)
_DEFAULT = re.compile(rf"以下(?:各项任务)?均需(.+?)(?:负责)?落实[,，]?\s*{_LEXICON.default_mark}")
_UNIT_END = re.compile(rf"({_LEXICON.alternation(_LEXICON.actor_endings)})$")
# An annual plan's year: "2018年度…", "…2020年实施计划", and the yearly work points "2019年…工作要点".
_ANNUAL = re.compile(r"((?:19|20)\d{2})\s*年(?:度|(?:[\u4e00-\u9fff]{0,12}?)(?:工作|实施|行动)(?:方案|计划|要点))")
# A title line names a long subject between the year and 工作要点 ("平湖市2021年工业园区“污水零直排区”建设暨水污染防治
# 工作要点"): on a short line without a full stop or a cited 《》 title, the year may stand further from it.
_TITLE_LINE = re.compile(r"^[^。《》]{6,60}$")
_ANNUAL_TITLE = re.compile(r"(?<![—–\-－~至到\d])((?:19|20)\d{2})\s*年(?!度)[^。]{0,30}?(?:工作|实施|行动)(?:方案|计划|要点)\s*$")
_PERIOD = re.compile(r"(?:方案|计划|规划)\s*[(（]\s*(?:19|20)\d{2}\s*年?\s*[—–\-－~至到]+\s*((?:19|20)\d{2})\s*年?\s*[)）]")
_STAGED = re.compile(rf"^\s*(?:(?:到|至)\s*(?:19|20)\d{{2}}\s*年|(?:{_LEXICON.alternation(_LEXICON.target_labels)})\s*[:：,，]?)")
# A labelled note outside brackets: at the start of a clause or after a full stop, running to the end (short round
# brackets inside names allowed: "各县（市、区）政府").
_LABELLED_TAIL = re.compile(rf"(?:^|(?<=[。；;\s]))\s*((?:{_LEXICON.alternation(tuple(_ROLE_OF_LABEL) + _LEXICON.person_labels)})\s*[:：](?:[^（()）〔〕【】\[\]]|[（(][^（()）]{{1,12}}[)）])+)$")
_TASK_KINDS = {"task", "item", "subitem", "point", "paragraph", "subsection", "article"}


@dataclass(frozen=True)
class Facts:
    """The facts extracted from one plan's clauses."""

    responsibilities: tuple[Responsibility, ...]
    targets: tuple[Target, ...]
    deadlines: tuple[Deadline, ...]


@dataclass(frozen=True)
class Note:
    """A parsed responsibility note inside a clause text."""

    lead: tuple[Unit, ...]
    cooperate: tuple[Unit, ...]
    implement: tuple[Unit, ...]
    default: tuple[Unit, ...]  # implementers set for every later task
    start: int
    end: int
    raw: str


_ROLE_WORD_END = re.compile(rf"(?:{_LEXICON.alternation(tuple(marker for marker, _ in _LEXICON.role_markers))})$")


def parse_note(body: str, start: int = 0, end: int = 0) -> Note | None:
    """Read one bracketed note; None when the brackets hold something else."""
    labeled = labelled_fields(body)
    default_match = _DEFAULT.search(body)
    default = parse_units(default_match.group(1)) if default_match else ()
    text = body[: default_match.start()] if default_match else body
    roles: dict[str, list[Unit]] = {"lead": [], "cooperate": [], "implement": [], SUBJECT: []}
    if labeled:
        for label, names in labeled:
            # "配合单位：X、Y；Z负责落实": a later unlabelled field with its own role word is read by that word
            first, *later = re.split(r"[；;]", names)
            _read_labelled_list(_ROLE_OF_LABEL[label], first, roles)
            for field in later:
                if _ROLE_WORD_END.search(role_phrase(field.strip())):
                    _read_role_phrase(field.strip(), roles)
                else:  # "市水利局（主责）；市环保局、蟒川镇人民政府（协办）": a closing mark gives the run its role
                    _read_labelled_list(_ROLE_OF_LABEL[label], field, roles)
    else:
        for clause_part in re.split(r"[，,；;。]", text):
            _read_role_phrase(clause_part.strip(), roles)
    settle_subject(roles)
    roles = inline_roles(roles)
    if not any(roles.values()) and not default:
        return None
    return Note(tuple(roles["lead"]), tuple(roles["cooperate"]), tuple(roles["implement"]), default, start, end, body)


def _read_labelled_list(role: str, names: str, roles: dict[str, list[Unit]]) -> None:
    """A label's list: units with their role marks ("市水利局（牵头），市环保局…"), or role phrases under the label
    ("责任单位：市住建局牵头，市发改局配合，昆仑街道负责落实"), whose parts without a role word keep the label's."""
    parts = split_groups(names)
    if any(_ROLE_WORD_END.search(role_phrase(part)) for part in parts):
        for part in parts:
            if _ROLE_WORD_END.search(role_phrase(part)):
                _read_role_phrase(part, roles)
            else:
                roles[role].extend(parse_units(part))
        return
    for said, units in marked_list(role, names).items():
        roles[said].extend(units)


def _read_role_phrase(phrase: str, roles: dict[str, list[Unit]]) -> None:
    """"X、Y牵头" / "Z等参与" / "W负责落实" / "W负责" / a bare list of units."""
    phrase = role_phrase(phrase)
    if not phrase:
        return
    labelled = label_part(phrase)  # "各乡镇人民政府为责任主体"
    if labelled is not None:
        roles[labelled[0]].extend(parse_units(labelled[1]))
        return
    for marker, role in _LEXICON.role_markers:
        if phrase.endswith(marker) or (marker == "牵头" and "牵头、" in phrase):
            names, _, rest = phrase.partition(marker)
            # "X牵头，Y负责": after a lead, a bare 负责 is the implementer's.
            role = "implement" if marker == "负责" and roles["lead"] else role
            names, partners = together(without_qualifier(names))
            roles[role].extend(parse_units(names))
            roles["cooperate"].extend(parse_units(partners))
            _read_role_phrase(rest.lstrip("、，,"), roles)
            return
    units = parse_units(phrase)
    if units and all(_UNIT_END.search(u.text) and len(u.text) <= 16 for u in units):
        roles["implement"].extend(units)


def find_notes(text: str) -> list[Note]:
    """Every responsibility note in a clause text, in order."""
    notes = []
    for match in _NOTE.finditer(text):
        if opens_with_note_head(match.group(0)) and not without_note_head(match.group(0)).strip():
            continue  # "【责任单位】" heads the prose note after it ("…县水务局牵头，县林业局配合。"), names no unit
        note = parse_note(match.group(1), match.start(), match.end())
        if note and _closes_sentence(text, match.start(), note):
            notes.append(note)
    return notes


def _closes_sentence(text: str, start: int, note: Note) -> bool:
    """A bare unit list counts as a note only where a note stands: after a full stop or at the end."""
    if note.lead or note.cooperate or note.default:
        return True
    return start == 0 or text[start - 1] in "。；;" or text[start - 1:start + 1].strip() == ""


def responsibilities_of(clause: Clause, default: tuple[Unit, ...],
                        except_noted: bool = False) -> tuple[list[Responsibility], tuple[Unit, ...]]:
    """The notes of one clause, each covering the text back to the previous note; and the new default. A default
    set "除注明外" (except_noted) is no implementer of a task whose note names its own."""
    found: list[Responsibility] = []
    previous_end = 0
    for note in find_notes(clause.text):
        span = clause.text[previous_end: note.start].strip("。；; \n")
        previous_end = note.end
        implement = note.implement if except_noted and note.implement else _merge(note.implement, note.default or default)
        found.append(Responsibility(clause.plan_id, clause.clause_id, note.lead, note.cooperate, implement,
                                    span, note.raw, inherited=tuple(u for u in implement if u not in note.implement)))
        default = note.default or default
    if not found and clause.kind in _TASK_KINDS:  # "由县住建局负责。" in running text
        found = [r if except_noted and r.implementing_units else
                 replace(r, implementing_units=_merge(r.implementing_units, default),
                         inherited=tuple(u for u in default if u.name not in {i.name for i in r.implementing_units}))
                 for r in prose_responsibilities(clause)]
    if not found and default and clause.kind in _TASK_KINDS and len(clause.text) >= 30:
        found.append(Responsibility(clause.plan_id, clause.clause_id, (), (), default, clause.text, "", inherited=default))
    return found, default


def _merge(first: tuple[Unit, ...], second: tuple[Unit, ...]) -> tuple[Unit, ...]:
    names = {u.name for u in first}
    return first + tuple(u for u in second if u.name not in names)


def labelled_note(clause: Clause, previous: Clause | None) -> Responsibility | None:
    """"责任单位：X" / "牵头单位：X；配合单位：Y" ending a task, or standing on the line after it (no brackets)."""
    match = _LABELLED_TAIL.search(clause.text)
    if match is None:
        return None
    note = parse_note(match.group(1).rstrip("。；; "))
    if note is None:
        return None
    span = clause.text[: match.start()].strip("。；; ")
    owner = clause if span or previous is None else previous
    return Responsibility(owner.plan_id, owner.clause_id, note.lead, note.cooperate, note.implement,
                          span or owner.text, match.group(1))


def enumeration_note(clause: Clause, note: Responsibility, by_id: dict[str, Clause],
                     last_child: dict[str | None, str]) -> list[Responsibility]:
    """A labelled note closing the last point of an enumeration ("（1）…具体包括：①…；②…。责任单位：…") is also the
    note of the task that opens the enumeration: the points list what that task covers."""
    parent = by_id.get(clause.parent_id or "")
    if (clause.kind != "point" or parent is None or last_child.get(parent.clause_id) != clause.clause_id
            or note.clause_id != clause.clause_id or not parent.text.rstrip().endswith(("：", ":"))):
        return []
    return [replace(note, clause_id=parent.clause_id, span=parent.text)]


def annual_year(clauses: tuple[Clause, ...] | list[Clause]) -> int | None:
    """The year of an annual plan ("2018年度…方案", "2020年实施计划") read from its opening clauses."""
    for clause in list(clauses)[:6]:
        text = repaired(clause.text)
        match = _ANNUAL.search(text) or (_TITLE_LINE.match(text) and _ANNUAL_TITLE.search(text))
        if match:
            return int(match.group(1))
    return None


def period_end(clauses: tuple[Clause, ...] | list[Clause]) -> int | None:
    """The last year of a plan for a period ("…行动方案(2017—2020年)") read from its opening clauses: the year its
    targets stated without one are due."""
    for clause in list(clauses)[:6]:
        match = _PERIOD.search(repaired(clause.text))
        if match:
            return int(match.group(1))
    return None


def extract_facts(clauses: tuple[Clause, ...] | list[Clause]) -> Facts:
    """Responsibilities (with inherited default implementers), targets and deadlines of one plan's clauses."""
    responsibilities: list[Responsibility] = []
    targets: list[Target] = []
    deadlines: list[Deadline] = []
    default: tuple[Unit, ...] = ()
    except_noted = False
    plan_year = annual_year(clauses)
    end_year = period_end(clauses)  # for targets only: "6月底前" in a period plan is not its last year's
    previous: Clause | None = None
    by_number, stating = numbered_responsibilities(clauses)  # "第（二）至（三）项由县住建局牵头，…" in a 责任分工 section
    by_id = {c.clause_id: c for c in clauses}
    last_child = {c.parent_id: c.clause_id for c in clauses}
    for clause in clauses:
        written_default = default_sentence(repaired(clause.text))
        if written_default:  # "各乡镇（街道）为以下各项任务的落实主体，文中不再列出。": for the tasks after it
            default, except_noted = parse_units(written_default), excepts_noted(repaired(clause.text))
        if clause.kind in ("table", "annex") or (clause.kind == "preamble" and not _STAGED.match(clause.text)):
            continue  # a preamble paragraph states targets only when it opens with a year stage or a target label
        # Facts are read from the repaired text (simplified script, no injected pinyin, Roman classes).
        clause = replace(clause, text=repaired(clause.text))
        labelled = row_responsibility(clause) if clause.kind == "table-row" else labelled_note(clause, previous)
        if clause.clause_id in stating:
            pass  # its statements are the notes of the tasks they number, not of this clause
        elif labelled is not None:
            responsibilities.append(labelled)
            responsibilities.extend(enumeration_note(clause, labelled, by_id, last_child))
            if labelled.clause_id != clause.clause_id:
                continue  # a line holding only the note: it belongs to the task before it
        else:
            found, default = responsibilities_of(clause, default, except_noted)
            responsibilities.extend(found)
        previous = clause
        # a row of an indicator table by year columns is read by its columns first: its name cell is the indicator
        # ("95%以上" alone in a 2020年 cell would be read by the sentence reader with no indicator)
        targets.extend(year_column_targets(clause) or find_targets(clause, plan_year or end_year))
        own_deadlines = [cell_task_span(clause, item) for item in find_deadlines(clause, plan_year)]
        if not own_deadlines and clause.kind == "table-row":
            own_deadlines = row_cell_deadlines(clause)
        deadlines.extend(own_deadlines)
    noted = {r.clause_id for r in responsibilities}
    in_tables = table_responsibilities(clauses) + flat_table_responsibilities(clauses)
    responsibilities.extend(r for r in in_tables + by_number if r.clause_id not in noted)
    deadlines.extend(flat_table_deadlines(clauses, plan_year))
    deadlines.extend(drawn_table_deadlines(clauses))
    return Facts(tuple(responsibilities), tuple(targets), tuple(deadlines))
