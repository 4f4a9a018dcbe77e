"""Tables flattened by the scrape (one cell per line, or whitespace-aligned) → rows with header context."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rag.corpus.cleaning import Line
from rag.corpus.note_forms import COLUMN_ROLES
from rag.corpus.repair import for_matching
from rag.lexicon import lexicon_section

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


_DITTO = frozenset(lexicon_section("genre").get("ditto_cells", ()))


def ditto_filled(cells: list[str], above: list[str]) -> list[str]:
    """A row's cells with each "同上" replaced by the cell above it (rows of the same width only)."""
    if len(cells) != len(above):
        return cells
    return [above[k] if cell.strip() in _DITTO else cell for k, cell in enumerate(cells)]


def parse_aligned_table(lines: tuple[Line, ...], index: int) -> tuple[list[TableRow], int]:
    """Rows of a whitespace-aligned table whose header is lines[index]; returns rows and the stop index."""
    header = split_aligned(lines[index].text)
    rows, i = [], index + 1
    while i < len(lines) and len(split_aligned(lines[i].text)) >= 3:
        cells = split_aligned(lines[i].text)
        cells = ditto_filled(cells, list(rows[-1].cells)) if rows else cells
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


# A task table flattened one cell per line, as a web page's table is when its text is copied or scraped: header
# cells "序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限", then each row's cells, the row opened by its serial
# number. The header is known by its column names, so a cell may be long or hold a full stop (a task sentence).
_SERIAL_HEAD = "序号"
_HEAD_CELL = re.compile(r"^[\u4e00-\u9fff（）()/、]{2,10}$")
# An indicator table's header cells carry their year ("2019年基数", "2020年目标", "基期（2017年）"); its columns are an
# indicator's name and years, not a task and roles.
_YEAR_HEAD_CELL = re.compile(r"^[\u4e00-\u9fff（）()]{0,4}(?:19|20)\d{2}\s*年[\u4e00-\u9fff（）()]{0,4}$")
_INDICATOR_HEAD = re.compile(r"^(?:主要)?指标(?:名称)?$")
_MAX_ROW_CELL = 160


_ROLE_COLUMNS = frozenset(COLUMN_ROLES)
_TASK_COLUMNS = frozenset(lexicon_section("genre").get("task_columns", ()))
_DEADLINE_COLUMNS = frozenset(lexicon_section("genre").get("deadline_columns", ()))
# A time-limit cell: a date ("2019年6月底", "6月底前", "年底前") or a limit without end ("长期坚持").
_LIMIT_CELL = re.compile(r"^(?:(?:19|20)\d{2}\s*年.{0,8}|\d{1,2}\s*月.{0,6}|年底前?|"
                         rf"{'|'.join(map(re.escape, lexicon_section('genre').get('ongoing_limits', ())))})$")


def _cell(line: Line) -> str:
    """A cell as matched: 序號 / 牽頭單位 read as 序号 / 牵头单位."""
    return for_matching(line.text).strip()


def serial_header_width(lines: tuple[Line, ...], start: int) -> int:
    """Width of a flattened task-table header at lines[start] ("序号" first, then column names up to the "1" that
    opens the first row, among them a task column and a role column); 0 when lines[start] opens none."""
    if start >= len(lines) or _cell(lines[start]) != _SERIAL_HEAD:
        return 0
    end = start + 1
    while end < len(lines) and (_HEAD_CELL.match(_cell(lines[end])) or _YEAR_HEAD_CELL.match(_cell(lines[end]))):
        end += 1
    names = [_cell(line) for line in lines[start:end]]
    opens_row = end < len(lines) and _cell(lines[end]) == "1"
    # a role column beside a task column, or beside a time-limit column (a 工程名称 or 项目 column the lexicon does
    # not name is still the task: a row that has a unit and a limit is a duty)
    known = any(name in _ROLE_COLUMNS for name in names) and \
        any(name in _TASK_COLUMNS or name in _DEADLINE_COLUMNS for name in names) or \
        any(_INDICATOR_HEAD.match(name) for name in names) and any(_YEAR_HEAD_CELL.match(name) for name in names)
    return end - start if opens_row and end - start >= 3 and known else 0


def _row_end(lines: tuple[Line, ...], i: int, width: int, serial: int) -> int:
    """End of the row opened at lines[i]: the next serial number within the header's width (a scraped page drops an
    empty cell, so a row may be short), else the header's width; the last row stops early at a heading or annex."""
    for j in range(i + 1, min(i + width + 1, len(lines))):
        if _cell(lines[j]) == str(serial + 1):
            return j
        if _STOP.match(lines[j].text):
            return j
    return min(i + width, len(lines))


def _short_row(header: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """(column, cell) of a row whose empty cells the scrape dropped: a date or an ongoing limit fills the time-limit
    column, the other cells fill the remaining columns in order (an empty 配合单位 or 备注 is the usual gap)."""
    names = [for_matching(name) for name in header]
    limit = next((k for k, name in enumerate(names) if name in _DEADLINE_COLUMNS), None)
    dated = next((k for k, cell in enumerate(cells) if k and _LIMIT_CELL.search(cell)), None)
    pairs: dict[int, str] = {}
    if limit is not None and dated is not None:
        pairs[limit] = cells[dated]
    free = [k for k in range(len(header)) if k not in pairs]
    for column, cell in zip(free, [cell for k, cell in enumerate(cells) if k != dated or limit is None]):
        pairs[column] = cell
    return [(header[k], pairs[k]) for k in sorted(pairs)]


def parse_serial_table(lines: tuple[Line, ...], start: int) -> tuple[list[TableRow], int]:
    """Rows of a flattened task table whose header starts at lines[start]: one row per serial number, at most as
    many cells as the header has; the table ends at the first line that does not open the next row (a page's share
    bar, the next annex). Returns rows and the stop index ([] and start when no row follows)."""
    width = serial_header_width(lines, start)
    if not width:
        return [], start
    header = [line.text.strip() for line in lines[start:start + width]]
    rows, i, serial = [], start + width, 1
    while i < len(lines) and _cell(lines[i]) == str(serial):
        end = _row_end(lines, i, width, serial)
        cells = [line.text.strip() for line in lines[i:end]]
        cells = ditto_filled(cells, list(rows[-1].cells)) if rows else cells
        if len(cells) < 3 or any(len(cell) > _MAX_ROW_CELL for cell in cells):
            break  # a row without its task and a unit, or a paragraph: not a row read cell by cell
        pairs = list(zip(header, cells)) if len(cells) == width else _short_row(header, cells)
        rows.append(TableRow("；".join(f"{name}：{value}" for name, value in pairs), " ".join(header),
                             lines[i].start, lines[end - 1].end, tuple(cells)))
        i, serial = end, serial + 1
    return (rows, i) if rows else ([], start)
