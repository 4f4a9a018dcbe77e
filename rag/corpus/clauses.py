"""Cleaned plan lines → a tree of clauses with stable ids from the numbering ladder."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rag.corpus.cleaning import Line
from rag.corpus.ingest import PlanText
from rag.corpus.grid_tables import is_row_text
from rag.corpus.tables import (
    TableRow,
    is_aligned_header,
    parse_aligned_table,
    parse_cell_table,
    parse_serial_table,
    serial_header_width,
    split_aligned,
)
from rag.corpus.repair import for_matching
from rag.normalize import normalize
from rag.types import Clause

_CN = "一二三四五六七八九十"
_DIGITS = "0-9０-９"
# (level, kind, pattern); the first group is the number. Levels: 1 section … 5 point. Rules and work points
# (实施细则, 工作要点) number their parts as articles "第三条 完善河湖长组织体系。…" instead of "一、": an article
# stands where a section would, and needs a blank after 条 so running text ("第三条规定…") is not read as one.
_LADDER = (
    (1, "article", re.compile(rf"^第\s*([{_CN}百零〇]{{1,4}})\s*条(?=[\s\u3000\xa0])")),
    (1, "section", re.compile(rf"^([{_CN}]{{1,3}})\s*、")),
    (2, "subsection", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[)）]")),
    # a digit after the mark is a decimal ("1.5倍"), unless it opens a year: work points start their numbered
    # items with the deadline ("1．2019年6月底前，完成…").
    (3, "item", re.compile(rf"^([{_DIGITS}]{{1,2}})\s*[．.、](?!(?![12１２][{_DIGITS}]{{3}}年)[{_DIGITS}])")),
    (4, "subitem", re.compile(rf"^[（(]\s*([{_DIGITS}]{{1,2}})\s*[)）]")),
    (5, "point", re.compile(r"^([①-⑳])")),
)
_TABLE_TITLE = re.compile(r"^(附表\s*\d{1,2}|表\s*\d{1,2})(?=[\s\u3000\xa0]|$)")
# "附件：…", or "附件" / "附件1" alone on its line (the annex's title and table follow): what comes after belongs to
# the annex, not to the last section of the plan.
_ANNEX = re.compile(r"^附件\s*\d*\s*(?:[:：]|$)")
_TITLE_END = re.compile(r"^(.{2,30}?[。：:])")
_TASK_TITLE = re.compile(r"^([^。，,；;：:（()）]{2,25}。)")
_POINTER = re.compile(r"见(?:下表|上表|附表|附件|表\s*\d)")
_PARAGRAPH_DIGITS = {"item", "subitem", "point"}  # children of these are numbered 1, 2…; elsewhere p1, p2…


@dataclass(frozen=True)
class Heading:
    """A numbered line: its level, kind, id token, the number as written, title and inline body."""

    level: int
    kind: str
    token: str
    number: str
    title: str
    body: str


def match_heading(text: str) -> Heading | None:
    """The heading a line opens with, if any."""
    for level, kind, pattern in _LADDER:
        match = pattern.match(text)
        if match:
            rest = text[match.end():].lstrip()
            title, body = split_title(rest)
            return Heading(level, kind, _token(kind, match.group(1)), text[: match.end()], title, body)
    return None


def _token(kind: str, number: str) -> str:
    number = number.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if kind == "subsection" or kind == "subitem":
        return f"（{number}）"
    if kind == "article":
        return f"第{number}条"
    return number


def split_title(rest: str) -> tuple[str, str]:
    """Split 'title。body' when the title is a short phrase; a short line is all title."""
    match = _TITLE_END.match(rest)
    if match and "，" not in match.group(1) and "," not in match.group(1):
        return match.group(1), rest[match.end():]
    if len(rest) <= 40 and "。" not in rest:
        return rest, ""
    return "", rest


def task_title(text: str) -> str:
    """The opening title phrase of a task paragraph ("推进污泥安全处置。"), or ""."""
    match = _TASK_TITLE.match(text)
    # "具体任务分工见下表。": a sentence pointing to a table or an annex names no task.
    return match.group(1) if match and not _POINTER.search(match.group(1)) else ""


@dataclass
class _Node:
    clause_id: str
    kind: str
    level: int
    path: tuple[str, ...]
    paragraphs: int = 0
    tables: int = 0


class _Builder:
    """Walks the lines once, keeping the open headings on a stack."""

    def __init__(self, plan_id: str):
        self.plan_id = plan_id
        self.root = _Node(plan_id, "root", 0, ())
        self.stack = [self.root]
        self.clauses: list[Clause] = []
        self.seen: set[str] = set()
        self.annexes = 0
        self.opened = False  # a section has been seen: root paragraphs after it are not preamble

    def unique(self, clause_id: str) -> str:
        candidate, n = clause_id, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{clause_id}~{n}"
        self.seen.add(candidate)
        return candidate

    def emit(self, parent: _Node, token: str, kind: str, label: str, text: str, start: int, end: int,
             number: str = "", norm_extra: str = "") -> Clause:
        clause_id = self.unique(f"{parent.clause_id}/{token}")
        path = parent.path + ((label,) if label else ())
        clause = Clause(
            plan_id=self.plan_id, clause_id=clause_id, path=path, kind=kind, text=text,
            # Matching reads the repaired text (no injected pinyin, Roman classes); display keeps `text`.
            norm=normalize(for_matching(f"{norm_extra} {text}" if norm_extra else text)), start=start, end=end,
            parent_id=None if parent is self.root else parent.clause_id, number=number,
        )
        self.clauses.append(clause)
        return clause

    def open(self, level: int, clause: Clause, kind: str) -> _Node:
        while self.stack[-1].level >= level:
            self.stack.pop()
        node = _Node(clause.clause_id, kind, level, clause.path)
        self.stack.append(node)
        self.opened = True
        return node

    def parent_for(self, level: int) -> _Node:
        while self.stack[-1].level >= level:
            self.stack.pop()
        return self.stack[-1]

    def paragraph(self, line: Line, text: str | None = None, start: int | None = None) -> Clause:
        parent = self.stack[-1]
        parent.paragraphs += 1
        token = str(parent.paragraphs) if parent.kind in _PARAGRAPH_DIGITS else f"p{parent.paragraphs}"
        text = line.text if text is None else text
        title = task_title(text)
        preamble = parent is self.root and not self.stack[1:] and not self.opened
        # a task table's row as a reader of the document's structure wrote it ("序号：1；任务：…；牵头单位：…")
        kind = "table-row" if is_row_text(text) else "task" if title else ("preamble" if preamble else "paragraph")
        return self.emit(parent, token, kind, title, text, line.start if start is None else start, line.end)


def _label(heading: Heading) -> str:
    return f"{heading.number}{heading.title}" if heading.title else heading.number


def _heading(builder: _Builder, line: Line, heading: Heading, has_children: bool) -> None:
    """Open a heading; an item whose line carries a task body and has task paragraphs after it is split."""
    parent = builder.parent_for(heading.level)
    split = heading.kind == "item" and heading.title and heading.body and has_children
    text = line.text[: len(line.text) - len(heading.body)] if split else line.text
    end = line.end - len(heading.body) if split else line.end  # a joined line is contiguous at its end
    clause = builder.emit(parent, heading.token, heading.kind, _label(heading), text, line.start, end, heading.number)
    builder.open(heading.level, clause, heading.kind)
    if split:
        builder.paragraph(line, heading.body, line.end - len(heading.body))


def _has_children(lines: tuple[Line, ...], index: int) -> bool:
    """True when the next line is a plain paragraph (not a heading or table) under the same heading."""
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1].text
    return not (match_heading(following) or _TABLE_TITLE.match(following) or _ANNEX.match(following))


def _table(builder: _Builder, lines: tuple[Line, ...], index: int, title: str, annex: bool) -> int:
    """Emit a table and its rows; return the index of the first line after the table."""
    parent = builder.root if annex else builder.stack[-1]
    if annex:
        builder.stack[1:] = []
    parent.tables += 1
    token = re.sub(r"\s+", "", title) or f"表{parent.tables}"
    head = lines[index]
    untitled = False
    if is_aligned_header(head.text):
        rows, stop = parse_aligned_table(lines, index)
        label = "表"
    elif serial_header_width(lines, index) or serial_header_width(lines, index + 1):
        # a flattened task table, its header at this line (the table is named by it) or after its title line
        untitled = bool(serial_header_width(lines, index))
        rows, stop = parse_serial_table(lines, index if untitled else index + 1)
        label = "表" if untitled else head.text.rstrip("：: ")  # "主要指标如下：" names the table without its colon
    else:
        rows, stop = parse_cell_table(lines, index + 1)
        label = head.text
    header = rows[0].header if rows else ""
    # "序号" alone heads an untitled flattened table: the whole header names it
    text = header if untitled else head.text
    table = builder.emit(parent, token, "table", label, text + (f"\n{header}" if header and label != "表" else ""),
                         head.start, lines[stop - 1].end if stop > index else head.end)
    node = _Node(table.clause_id, "table", 6, table.path)
    for n, row in enumerate(rows, 1):
        builder.emit(node, f"r{n}", "table-row", "", row.text, row.start, row.end, norm_extra=f"{head.text} {header}")
    return max(stop, index + 1)


def _opens_serial_table(lines: tuple[Line, ...], index: int) -> bool:
    """A flattened task table starts here: its header ("序号 / 重点任务 / 牵头单位 …"), or a short title line
    ("…重点任务清单") right before that header, with at least one complete row after it."""
    line = lines[index]
    titled = (not serial_header_width(lines, index) and len(line.text) <= 40 and "。" not in line.text
              and match_heading(line.text) is None)
    start = index + 1 if titled else index
    return bool(parse_serial_table(lines, start)[0])


def parse_clauses(plan_text: PlanText) -> tuple[Clause, ...]:
    """The clause tree of one plan, in document order."""
    builder = _Builder(plan_text.plan.plan_id)
    lines = plan_text.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        title = _TABLE_TITLE.match(line.text)
        if title:
            i = _table(builder, lines, i, title.group(1), annex=title.group(1).startswith("附"))
            continue
        if is_aligned_header(line.text) or (not _ANNEX.match(line.text) and _opens_serial_table(lines, i)):
            i = _table(builder, lines, i, "", annex=False)
            continue
        if _ANNEX.match(line.text):
            builder.annexes += 1
            builder.stack[1:] = []
            clause = builder.emit(builder.root, f"附件{builder.annexes}", "annex", line.text, line.text, line.start, line.end)
            builder.open(1, clause, "annex")
            i += 1
            continue
        heading = match_heading(line.text)
        if heading:
            _heading(builder, line, heading, _has_children(lines, i))
        else:
            builder.paragraph(line)
        i += 1
    return tuple(builder.clauses)


__all__ = ["Heading", "TableRow", "match_heading", "parse_clauses", "split_aligned", "task_title"]
