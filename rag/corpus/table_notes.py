"""Responsibility columns of task tables, drawn with box characters or pipes ("│1 │市建委 │启动南运河改造工程。│…│") or
flattened one cell per line ("序号 / 主要任务 / 责任单位 / 牵头部门 / 1 / 每半年…"): the header names the columns
(责任单位, 牵头部门…), each row's cells give the units."""
from __future__ import annotations

import re
from dataclasses import replace

from rag.corpus.note_forms import COLUMN_ROLES
from rag.corpus.repair import repaired
from rag.corpus.targets import find_deadlines
from rag.corpus.units import parse_units
from rag.lexicon import lexicon_section
from rag.types import Clause, Deadline, Responsibility

_ROLE_OF_LABEL = COLUMN_ROLES  # 责任单位, 牵头部门… and the bare 牵头/参与/责任 of some tables
_DEADLINE_COLUMNS = frozenset(lexicon_section("genre").get("deadline_columns", ()))
# A date filling a deadline cell: "2019年12月", "2018年10月底", "2017年底", "2020年".
_CELL_DATE = re.compile(r"^((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?(?:底|末|中旬|上旬|下旬|\d{1,2}\s*日)?(?:前|以前)?$")
# A deadline cell that names no date but says the task has no end ("长期坚持", "持续推进"): the plan's answer to
# "什么时候完成", kept as written.
_ONGOING = frozenset(lexicon_section("genre").get("ongoing_limits", ()))
_CELL_SPLIT = re.compile(r"[│|┃]")
_BORDER = re.compile(r"^[\s┌┬┐├┼┤└┴┘─━│|+\-=]*$")


def cells(text: str) -> list[str]:
    """The cells of a drawn row, blanks kept (an empty cell is a continued row)."""
    return [part.strip() for part in _CELL_SPLIT.split(text.strip().strip("│|┃"))]


def _header_roles(row: list[str]) -> dict[int, str]:
    """Column index → role, for a header row that names at least one responsibility column."""
    return {i: _ROLE_OF_LABEL[cell] for i, cell in enumerate(row) if cell in _ROLE_OF_LABEL}


def table_responsibilities(clauses: list[Clause] | tuple[Clause, ...]) -> list[Responsibility]:
    """A responsibility for each table row that fills a 责任单位/牵头部门/配合部门 column."""
    found: list[Responsibility] = []
    roles: dict[int, str] = {}
    width = 0
    for clause in clauses:
        text = repaired(clause.text)
        if "│" not in text and "|" not in text and not _BORDER.match(text):
            roles, width = {}, 0  # the table ended
            continue
        if _BORDER.match(text):
            continue
        row = cells(text)
        header = _header_roles(row)
        if header:
            roles, width = header, len(row)
            continue
        if roles and len(row) == width:
            units = {role: parse_units(row[i]) for i, role in roles.items() if row[i]}
            if units:
                task = " ".join(cell for i, cell in enumerate(row) if i not in roles and cell and not cell.isdigit())
                found.append(Responsibility(
                    clause.plan_id, clause.clause_id, units.get("lead", ()), units.get("cooperate", ()),
                    units.get("implement", ()), task, " ".join(row[i] for i in roles if row[i])))
    return found


_HEADER_CELL = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def _header_run(clauses, start: int) -> int:
    """Length of a run of one-cell-per-line header clauses from `start` naming a role column; 0 when none."""
    end = start
    while end < len(clauses) and _HEADER_CELL.match(clauses[end].text.strip()):
        end += 1
    names = [c.text.strip() for c in clauses[start:end]]
    return end - start if end - start >= 3 and any(name in _ROLE_OF_LABEL for name in names) else 0


def flat_rows(clauses: list[Clause] | tuple[Clause, ...]):
    """(row cells, column roles) of every complete row of a one-cell-per-line table whose header names a role."""
    clauses, i = list(clauses), 0
    while i < len(clauses):
        width = _header_run(clauses, i)
        if not width:
            i += 1
            continue
        roles = {k: _ROLE_OF_LABEL[c.text.strip()] for k, c in enumerate(clauses[i:i + width]) if c.text.strip() in _ROLE_OF_LABEL}
        i += width
        while i + width <= len(clauses) and clauses[i].text.strip().isdigit():
            yield clauses[i:i + width], roles
            i += width


def _task_cell(row: list[Clause], roles: dict[int, str]) -> Clause | None:
    return max((c for k, c in enumerate(row) if k not in roles and k), key=lambda c: len(c.text), default=None)


def flat_table_responsibilities(clauses: list[Clause] | tuple[Clause, ...]) -> list[Responsibility]:
    """A responsibility for each complete row of a one-cell-per-line table; the task cell's clause owns it."""
    found: list[Responsibility] = []
    for row, roles in flat_rows(clauses):
        task = _task_cell(row, roles)
        units = {role: parse_units(repaired(row[k].text)) for k, role in roles.items()}
        if task is not None and any(units.values()):
            found.append(Responsibility(task.plan_id, task.clause_id, units.get("lead", ()), units.get("cooperate", ()),
                                        units.get("implement", ()), repaired(task.text),
                                        " ".join(row[k].text for k in roles)))
    return found


def flat_table_deadlines(clauses: list[Clause] | tuple[Clause, ...], plan_year: int | None) -> list[Deadline]:
    """The time limit in a row's own cell ("完成时限" column) as a deadline of the row's task cell."""
    found: list[Deadline] = []
    for row, roles in flat_rows(clauses):
        task = _task_cell(row, roles)
        if task is None:
            continue
        for k, cell in enumerate(row):
            if k and k not in roles and cell is not task:
                found.extend(replace(d, clause_id=task.clause_id, span=repaired(task.text))
                             for d in find_deadlines(replace(cell, text=repaired(cell.text)), plan_year))
    return found


def through_limit(text: str, task: str, value: str) -> str:
    """A row's text from its task cell to the end of its time-limit cell: the quote of a limit read from a cell
    must hold the limit ("…运维第三方委托；牵头单位：…；完成时限：2019年10月底"), not the task cell alone, or
    the answer's 期限 is nowhere in what it quotes. The task cell alone when the limit is not after it in the
    same sentence."""
    start = text.find(task) if task else -1
    end = text.find(value, start + len(task)) if start >= 0 and value else -1
    # A limit the extractor carried from another sentence ("…节水措施。到2020年") is no cell of the row.
    if end < 0 or "。" in text[start + len(task) - 1:end]:
        return task
    return text[start:end + len(value)]


def row_cell_deadlines(row: Clause) -> list[Deadline]:
    """A table row read as "列名：值；…" whose deadline column holds a bare date ("完成时间：2019年12月"): the
    column says it is a time limit, so no 前 is needed. Its span is the task cell (what the limit governs); the
    answer quotes the row through the limit (through_limit)."""
    found = []
    cells_of_row = [cell.partition("：") for cell in row.text.split("；")]
    task = max((v.strip() for n, c, v in cells_of_row
                if c and n.strip() not in _DEADLINE_COLUMNS and n.strip() not in _ROLE_OF_LABEL), key=len, default="")
    for name, colon, value in cells_of_row:
        in_column = colon and name.strip() in _DEADLINE_COLUMNS
        match = _CELL_DATE.match(value.strip()) if in_column else None
        if in_column and value.strip() in _ONGOING:
            found.append(Deadline(row.plan_id, row.clause_id, value.strip(), None, None, "ongoing", task))
        if match:
            month = int(match.group(2)) if match.group(2) else None
            found.append(Deadline(row.plan_id, row.clause_id, value.strip(), int(match.group(1)), month, "by", task))
    return found


def drawn_table_deadlines(clauses: list[Clause] | tuple[Clause, ...]) -> list[Deadline]:
    """A drawn row's time-limit cell that no sentence reading finds: a dateless limit ("│…│长期坚持│") or a bare
    date ("│…│2019年12月│"); the column header says the cell is a time limit. A dated cell ending in 前 is read
    from the row's text already."""
    found: list[Deadline] = []
    column, width = None, 0
    for clause in clauses:
        text = repaired(clause.text)
        if "│" not in text and "|" not in text:
            column, width = None, 0  # the table ended
            continue
        row = cells(text)
        named = [i for i, cell in enumerate(row) if cell in _DEADLINE_COLUMNS]
        if named:
            column, width = named[0], len(row)
            continue
        if column is None or len(row) != width:
            continue
        value = row[column]
        task = max((cell for i, cell in enumerate(row) if i != column and not cell.isdigit()), key=len, default="")
        match = _CELL_DATE.match(value)
        if value in _ONGOING:
            found.append(Deadline(clause.plan_id, clause.clause_id, value, None, None, "ongoing", task))
        elif match and not value.endswith("前"):
            month = int(match.group(2)) if match.group(2) else None
            found.append(Deadline(clause.plan_id, clause.clause_id, value, int(match.group(1)), month, "by", task))
    return found


_FIELD_LABEL = re.compile(r"([^；;：:，,。、]{2,8})[：:]")


def cell_task_span(clause: Clause, item: Deadline) -> Deadline:
    """A limit read from a row's own time field ("…；责任单位：…；时间节点：2019年12月底前", a task list line
    "…。责任单位：…；完成时间：2020年9月30日前。") has that field as its sentence, which names no task: its span
    becomes the row's text through that field (its task, units and limit), so the question's words can reach it
    and the answer quotes the task with the limit."""
    field = item.span.strip()
    label = _FIELD_LABEL.match(field)
    if not label or label.group(1).strip() not in _DEADLINE_COLUMNS:
        return item
    at = clause.text.find(field)
    return replace(item, span=clause.text[: at + len(field)].strip()) if at > 0 else item
