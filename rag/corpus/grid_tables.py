"""Task tables read from a document's structure (a web page's <table>, a Word table) rather than from flattened text:
the reader knows which cell is under which column, so each row becomes one line "列名：值；…" (the form a flattened
table's rows take in tables.py), a cell merged down two rows is repeated in both, and a group row merged across the
table ("一、城镇污染治理") stays a heading line. Pure functions over grids of cell pieces."""
from __future__ import annotations

import re

from rag.corpus.duty_cells import DUTY_COLUMNS, duty_fields
from rag.corpus.note_forms import COLUMN_ROLES
from rag.corpus.repair import for_matching
from rag.lexicon import lexicon_section

_GENRE = lexicon_section("genre")
_TASK_COLUMNS = frozenset(_GENRE.get("task_columns", ()))
_DEADLINE_COLUMNS = frozenset(_GENRE.get("deadline_columns", ()))
_ROLE_COLUMNS = frozenset(COLUMN_ROLES)
_ROLE_OR_DUTY = _ROLE_COLUMNS | DUTY_COLUMNS  # a duty column ("责任分工") holds labelled roles in its cells
_SERIAL = "序号"
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_GROUP = "类别"  # the name a group row's text takes in the rows under it
_GROUP_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．]\s*")

# A cell is a tuple of its text pieces (lines broken by <br>, <p> or Word paragraphs).
Cell = tuple[str, ...]


def _name(cell: Cell) -> str:
    return for_matching("".join(cell)).replace(" ", "")


def is_task_header(cells: list[Cell]) -> bool:
    """A header row of a task table: at least three columns, among them a role column and a task, serial or
    time-limit column (a page-layout table's first row names none of them)."""
    names = [_name(cell) for cell in cells]
    return len(names) >= 3 and any(name in _ROLE_OR_DUTY for name in names) and any(
        name in _TASK_COLUMNS or name in _DEADLINE_COLUMNS or name == _SERIAL for name in names)


def _joined(cell: Cell, column: str) -> str:
    """A cell's pieces as one value: units listed one a line under a role column are a list (区水务局、区环保局);
    a task sentence broken over lines is one sentence."""
    pieces = [_SPACES.sub(" ", piece).strip() for piece in cell]
    pieces = [piece for piece in pieces if piece]
    return ("、" if column in _ROLE_COLUMNS else "；" if column in DUTY_COLUMNS else "").join(pieces)


def row_lines(grid: list[list[Cell]]) -> list[str] | None:
    """Lines for a table whose first row is a task-table header ("序号：1；任务：…；牵头单位：…"), None when it is
    not a task table (left to the caller's plain reading). grid rows are already expanded: a merged cell is
    repeated under every row and column it spans."""
    if not grid or not is_task_header(grid[0]):
        return None
    header = [_name(cell) for cell in grid[0]]
    lines, group = [], ""
    for row in grid[1:]:
        values = [_joined(cell, column) for cell, column in zip(row, header)]
        if not any(values):
            continue
        if len(set(values)) == 1 or sum(1 for value in values if value) == 1 and len(values) > 2:
            # a group row merged across the table ("一、城镇生活污染治理"): not a line of its own (its number would
            # open a section of the plan's outline), but the group of the rows under it
            group = _GROUP_NUMBER.sub("", next(value for value in values if value))
            continue
        fields = [field for column, value in zip(header, values) if value for field in duty_fields(column, value)]
        lines.append("；".join(f"{column}：{value}" for column, value in ([(_GROUP, group)] if group else []) + fields))
    return lines


def expand(rows: list[list[tuple[Cell, int, int]]], max_cells: int = 100_000) -> list[list[Cell]]:
    """The grid of rows of (cell, rowspan, colspan): a cell is repeated into every row and column it spans (a lead
    shared by two tasks stands in both rows). The grid is capped (64 columns, max_cells slots) and a span stops at a
    slot already filled, so each slot is written once and a hostile rowspan or a huge table costs little."""
    width = min(64, max((sum(max(1, span) for _, _, span in row) for row in rows), default=0))
    rows = rows[: max_cells // max(1, width)]
    grid: list[list[Cell | None]] = [[None] * width for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell, rowspan, colspan in row:
            while c < width and grid[r][c] is not None:
                c += 1
            if c >= width:
                break
            for cc in range(c, min(width, c + max(1, colspan))):
                for rr in range(r, min(len(rows), r + max(1, rowspan))):
                    if grid[rr][cc] is not None:
                        break
                    grid[rr][cc] = cell
            c += max(1, colspan)
    return [[cell if cell is not None else () for cell in row] for row in grid]


def is_row_text(text: str) -> bool:
    """A line written by row_lines (or typed so): three or more "列名：值" fields separated by "；", short column
    names among them a role column, so it is read as a table row (its roles from its columns), not as prose."""
    fields = [field.partition("：") for field in text.split("；")]
    if len(fields) < 3 or any(not colon or not name or len(name) > 10 for name, colon, _ in fields):
        return False
    return any(for_matching(name) in _ROLE_COLUMNS for name, _, _ in fields)
