"""Tables flattened by the scrape (one cell per line, or whitespace-aligned) → rows with header context."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rag.corpus.cleaning import Line

# Columns are aligned by runs of blanks, or separated by a tab (a table copied from a word processor or a web
# page: "序号\t重点任务\t责任单位\t完成时限").
_GAP = re.compile(r"[ \u3000\xa0]*\t[\s\u3000\xa0]*|[\s\u3000\xa0]{2,}")
_VALUE = re.compile(r"^[<>≤≥]?\d+(\.\d+)?\s*(%|％|mg/L|万吨|吨|个|条|公里|km)?$|^劣?[ⅠⅡⅢⅣⅤIV]+类$")
_STOP = re.compile(r"^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|附表\s*\d|表\s*\d|附件)")
_MAX_CELL = 30


@dataclass(frozen=True)
class TableRow:
    """One table row: display text, the header it is read against, and its span in the raw text."""

    text: str
    header: str
    start: int
    end: int
    cells: tuple[str, ...]


def split_aligned(text: str) -> list[str]:
    """Fields of a whitespace-aligned table line."""
    return [field for field in _GAP.split(text.strip()) if field]


def is_aligned_header(text: str) -> bool:
    """A line of at least four short fields separated by wide gaps (a table header)."""
    fields = split_aligned(text)
    return len(fields) >= 4 and all(len(field) <= 14 and "。" not in field for field in fields)


def _row_text(header: list[str], cells: list[str]) -> str:
    if len(header) == len(cells):
        return "；".join(f"{name}：{value}" for name, value in zip(header, cells))
    return " ".join(cells)


def parse_aligned_table(lines: tuple[Line, ...], index: int) -> tuple[list[TableRow], int]:
    """Rows of a whitespace-aligned table whose header is lines[index]; returns rows and the stop index."""
    header = split_aligned(lines[index].text)
    rows, i = [], index + 1
    while i < len(lines) and len(split_aligned(lines[i].text)) >= 3:
        cells = split_aligned(lines[i].text)
        rows.append(TableRow(_row_text(header, cells), " ".join(header), lines[i].start, lines[i].end, tuple(cells)))
        i += 1
    return rows, i


def _collect_cells(lines: tuple[Line, ...], start: int) -> tuple[list[tuple[str, int, int]], int]:
    """Cells from one-cell-per-line text; untabbed lines continue a cell when the table uses tabs."""
    tabbed = any(line.tabbed for line in lines[start:start + 5])
    cells: list[tuple[str, int, int]] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if _STOP.match(line.text) or (not line.tabbed and (len(line.text) > _MAX_CELL or "。" in line.text)):
            break
        if tabbed and not line.tabbed and cells:
            text, cell_start, _ = cells[-1]
            cells[-1] = (text + line.text, cell_start, line.end)
        else:
            cells.append((line.text, line.start, line.end))
        i += 1
    return cells, i


def _serial_rows(cells: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Split cells into rows at the serial numbers 1, 2, 3… (tables with a 序号 column)."""
    rows: list[list[tuple[str, int, int]]] = [[]]
    expected = 1
    for cell in cells:
        if cell[0] == str(expected):
            rows.append([])
            expected += 1
        rows[-1].append(cell)
    return rows


def _column_rows(cells: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Split cells into rows by the header width: the header ends where a name is followed by a value."""
    width = next((i for i in range(1, len(cells) - 1)
                  if _VALUE.match(cells[i + 1][0]) and not _VALUE.match(cells[i][0])), len(cells))
    return [cells[:width]] + [cells[i:i + width] for i in range(width, len(cells), width)]


def parse_cell_table(lines: tuple[Line, ...], start: int) -> tuple[list[TableRow], int]:
    """Rows of a table flattened one cell per line, starting at lines[start]; returns rows and the stop index."""
    cells, stop = _collect_cells(lines, start)
    if not cells:
        return [], stop
    groups = _serial_rows(cells) if any(c[0] == "1" for c in cells) else _column_rows(cells)
    header = [c[0] for c in groups[0]]
    rows = []
    for group in groups[1:]:
        values = [c[0] for c in group]
        rows.append(TableRow(_row_text(header, values), " ".join(header), group[0][1], group[-1][2], tuple(values)))
    return rows, stop
