"""Targets of an indicator table whose columns are years ("指标 | 2018年 | 2019年 | 2020年"): each row read as
"指标：城市污水处理率（%）；2018年：92；2019年：94；2020年：95" states one target per year column. The cells hold
bare numbers, so the sentence reader (which wants a comparator or a unit) finds none of them."""
from __future__ import annotations

import re

from rag.types import Clause, Target

_YEAR_HEAD = re.compile(r"^((?:19|20)\d{2})\s*年(?:目标|目标值)?$")
# A column of where things stand is not a target ("2015年（基准值）", "现状值").
_BASE_HEAD = re.compile(r"基准|现状|基数|基期")
# The first column names the indicator ("指标", "指标名称", "主要指标", "项目"); a table whose rows are places
# ("流域：黄河流域；2016年：41.38%") names its indicator in its title, which the table answer path reads.
_NAME_HEAD = re.compile(r"指标|项目")
# A serial-number column before the indicator's ("序号：3；指标名称：…"): most such tables open with one.
_SERIAL = re.compile(r"^\d{1,3}$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*(%|％)?\s*(以上|以下|以内)?$")
_HEAD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_UNIT_IN_NAME = re.compile(r"\s*[（(]\s*(%|％|mg/L|万吨|吨|个|公里|座)\s*[)）]\s*$")


def _name_at(cells: list[list[str]]) -> int | None:
    """Where the cell naming the indicator stands: first, or after a serial-number cell ("序号：3；指标名称：…")."""
    named = next((k for k, cell in enumerate(cells) if len(cell) == 2 and _NAME_HEAD.search(cell[0])), None)
    if named is None or any(len(cell) != 2 or not _SERIAL.match(cell[1].strip()) for cell in cells[:named]):
        return None
    return named


def name_cell(row_text: str) -> str:
    """The cell of a table row read as "列名：值；…" that says what the row measures: its indicator's cell, else its
    first cell (a serial number alone says nothing)."""
    cells = [cell.split("：", 1) for cell in row_text.split("；")]
    named = _name_at(cells)
    return "：".join(cells[named if named is not None else 0])


def year_column_targets(clause: Clause) -> list[Target]:
    """One target per year column of a table row whose first cell names the indicator (empty when the row's
    columns are not years or its cells are not numbers)."""
    if clause.kind != "table-row":
        return []
    cells = [cell.split("：", 1) for cell in clause.text.split("；")]
    if len(cells) < 2 or any(len(cell) != 2 for cell in cells):
        return []
    named = _name_at(cells)
    if named is None:
        return []
    name = cells[named][1].strip()
    unit_match = _UNIT_IN_NAME.search(name)
    unit = (unit_match.group(1).replace("％", "%") if unit_match else "")
    indicator = name[: unit_match.start()] if unit_match else name
    found, base = [], _base_column(cells[named + 1:])
    for head, value in cells[named + 1:]:
        year, number = _YEAR_HEAD.match(head.strip()), _NUMBER.match(value.strip())
        if year is None or number is None or _BASE_HEAD.search(head):
            continue
        cell_unit = unit or (number.group(2) or "").replace("％", "%")
        suffix = number.group(3) or ""
        found.append(Target(clause.plan_id, clause.clause_id, indicator, float(number.group(1)), cell_unit,
                            f"{number.group(1)}{cell_unit}{suffix}", suffix or "达到", int(year.group(1)), "",
                            base[0] if base else None, base[1] if base else "", clause.text))
    # one year column is a target column when a column of where things stood stands beside it ("基期（2017年）：80%；
    # 2020年：100%"); without one, a single year column may be anything (a count of the year)
    return found if len(found) >= 2 or (found and base) else []


def _base_column(cells: list[list[str]]) -> tuple[int | None, str] | None:
    """(year, value) of a row's baseline column ("基期（2017年）：80%", "2019年基数：91%", "现状值：35%"); None when the
    table has none."""
    for head, value in cells:
        if _BASE_HEAD.search(head):
            year = _HEAD_YEAR.search(head)
            return (int(year.group(1)) if year else None), value.strip()
    return None
