"""Plan files as users have them: .txt, saved web pages (.html), Word (.docx) and PDF text layers, read offline
within limits a hostile file cannot pass (size, pages, decompression ratio, no external entities, a time limit)."""
from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.grid_tables import expand, row_lines
from rag.corpus.repair import join_inner_spaces
from rag.errors import RagError

TEXT_SUFFIXES = (".txt",)
DOCUMENT_SUFFIXES = (".html", ".htm", ".docx", ".pdf")
PLAN_SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES


class PlanFileError(RagError, ValueError):
    """A plan file that cannot be used (empty, undecodable, duplicate, over a limit, not what its name says)."""


@dataclass(frozen=True)
class Limits:
    """What a plan file may cost to read."""

    max_bytes: int = 30_000_000
    max_pages: int = 600
    max_unzipped_bytes: int = 200_000_000
    max_ratio: float = 100.0  # uncompressed / compressed size of a .docx: a zip bomb goes far beyond
    max_seconds: float = 60.0


_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button")
_MAIN_SELECTORS = ("article", "main", "#content", ".content", "#zoom", ".TRS_Editor", ".article", "body")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")


def check_size(data: bytes, name: str, limits: Limits) -> None:
    """Refuse an empty or over-large file."""
    if not data.strip():
        raise PlanFileError(f"{name}: the file is empty")
    if len(data) > limits.max_bytes:
        raise PlanFileError(f"{name}: {len(data):,} bytes is over the limit of {limits.max_bytes:,}")


def html_text(data: bytes, name: str, decode) -> str:
    """The main text of a saved web page: scripts, navigation, headers and footers dropped, one block a line."""
    from selectolax.lexbor import LexborHTMLParser  # deferred: only web pages need it

    text, _ = decode(data, name)
    tree = LexborHTMLParser(text)
    for tag in _CHROME_TAGS:
        for node in tree.css(tag):
            node.decompose()
    _rows_as_lines(tree)
    root = next((node for sel in _MAIN_SELECTORS for node in tree.css(sel)[:1]
                 if len(node.text(strip=True)) > 200), tree.body or tree.root)
    if root is None:
        raise PlanFileError(f"{name}: the page has no text")
    lines = [line.strip() for line in root.text(separator="\n", strip=False).splitlines()]
    heading = tree.css_first("h1")
    title = heading.text(strip=True) if heading is not None else ""
    if title and title not in root.text(strip=True):
        lines.insert(0, title)  # the page's title stands above the article node that holds the text
    body = "\n".join(line for line in lines if line)
    if not body:
        raise PlanFileError(f"{name}: the page has no text")
    return body


def _rows_as_lines(tree) -> None:
    """A task table (its first row names a role column and a task, serial or time-limit column) becomes one line
    "列名：值；…" a row, merged cells repeated into the rows they span (grid_tables); any other table row becomes
    one line of tab-separated cells, as a table copied from the page reads, so the parser sees rows (one cell per
    line would lose which cells belong together)."""
    for br in tree.css("td br, th br"):
        br.replace_with("\n")  # a line broken inside a cell: a list of units, or a task sentence broken
    for block in tree.css("td p, td div, th p, th div"):
        block.insert_after("\n")
    tables = tree.css("table")
    layouts = [len(table.css("table")) > 1 for table in tables]  # css() matches the node itself
    for table, layout in zip(tables, layouts):
        if layout:
            continue  # a layout table holding a nested table: its inner rows are the table, its text the page's
        rows = [[(_cell_pieces(cell), _span(cell, "rowspan"), _span(cell, "colspan")) for cell in row.css("td, th")]
                for row in table.css("tr")]
        lines = row_lines(expand(rows))
        if lines is not None:
            table.replace_with("\n" + "\n".join(lines) + "\n")
            continue
        for row in table.css("tr"):
            row.replace_with("\t".join(" ".join(_cell_pieces(cell)) for cell in row.css("td, th")))


def _cell_pieces(cell) -> tuple[str, ...]:
    return tuple(piece.strip() for piece in cell.text(separator="").splitlines() if piece.strip())


def _span(cell, name: str) -> int:
    value = (cell.attributes.get(name) or "1").strip()
    return min(int(value), 1000) if value.isdigit() else 1


def _check_zip(data: bytes, name: str, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PlanFileError(f"{name}: not a Word .docx file (not a zip archive)") from None
    unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > limits.max_unzipped_bytes or unzipped > limits.max_ratio * max(1, len(data)):
        raise PlanFileError(f"{name}: unpacks to {unzipped:,} bytes from {len(data):,}: refused as a decompression bomb")
    if "word/document.xml" not in archive.namelist():
        raise PlanFileError(f"{name}: not a Word .docx file (no word/document.xml)")


def docx_text(data: bytes, name: str, limits: Limits) -> str:
    """Paragraphs and table rows of a .docx in document order (a task table stands where the plan puts it, under
    its section, not after the signature), each row's cells joined by │ so task tables keep their columns."""
    _check_zip(data, name, limits)
    import docx  # deferred; python-docx parses with resolve_entities=False, so no external entity is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            text = Paragraph(block, document).text
            if text.strip():
                lines.append(text)
        elif block.tag.endswith("}tbl"):
            lines.extend(_table_lines(Table(block, document)))
    if not lines:
        raise PlanFileError(f"{name}: the document has no text")
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    """A task table (grid_tables.is_task_header) as one "列名：值；…" line a row; any other table as one │-joined line
    a row. A cell merged across columns is one cell (python-docx repeats it under each grid column), so a group
    heading merged across the table ("一、城镇生活污染治理") is one cell, not a row of copies read as task, lead and
    deadline. A cell merged down keeps its text in each row it spans (the lead of both tasks)."""
    grid = [[tuple(cell.text.splitlines()) for cell in row.cells] for row in table.rows]
    lines = row_lines(grid)
    if lines is not None:
        return lines
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip().replace("\n", " "))
        if any(cells):
            lines.append("│" + "│".join(cells) + "│")
    return lines


def pdf_text(data: bytes, name: str, limits: Limits) -> str:
    """The text layer of a PDF, page numbers dropped and spaces inside Chinese words joined."""
    from pypdf import PdfReader  # deferred
    from pypdf.errors import PdfReadError

    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > limits.max_pages:
            raise PlanFileError(f"{name}: {len(reader.pages)} pages is over the limit of {limits.max_pages}")
        pages = []
        for page in reader.pages:
            if time.monotonic() - started > limits.max_seconds:
                raise PlanFileError(f"{name}: reading took over {limits.max_seconds:.0f} s: refused")
            pages.append(page.extract_text() or "")
    except PdfReadError as exc:
        raise PlanFileError(f"{name}: not a readable PDF ({exc})") from None
    lines = [join_inner_spaces(line.strip()) for page in pages for line in page.splitlines()]
    text = "\n".join(line for line in lines if line and not _PAGE_NUMBER.match(line))
    if not text.strip():
        raise PlanFileError(f"{name}: the PDF has no text layer (a scan?): OCR it first")
    return text


def document_text(path: Path, data: bytes, decode, limits: Limits = Limits()) -> str:
    """The text of a .html, .docx or .pdf plan file, read in a child process that is stopped at the time limit
    (a hostile file can make one parser call run for ever: a page's content stream, a deeply nested page)."""
    check_size(data, path.name, limits)
    return within_time(_document_text, (path, data, decode, limits), limits.max_seconds, path.name)


_TRANSIENT = ("reading took over", "the reader stopped without a result")


def is_transient(problem: str) -> bool:
    """A refusal the machine's load may have caused (the time limit, a child reader lost), worth one retry."""
    return any(words in problem for words in _TRANSIENT)


def within_time(func, args: tuple, seconds: float, name: str):
    """func(*args) run in a child process, stopped after `seconds`: PlanFileError when it takes longer or fails.
    A forkserver child (never a fork of a threaded app process); only the result (a str here) crosses back."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")  # spawn: Windows
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(sender, func, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise PlanFileError(f"{name}: reading took over {seconds:.0f} s: refused")
        ok, value = receiver.recv()
    except EOFError:
        raise PlanFileError(f"{name}: the reader stopped without a result: refused") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)
        receiver.close()
    if not ok:
        raise PlanFileError(value)
    return value


def _run_child(sender, func, args) -> None:
    try:
        sender.send((True, func(*args)))
    except PlanFileError as exc:
        sender.send((False, str(exc)))
    except Exception as exc:  # noqa: BLE001 - any parser failure is a refused file, reported by name
        sender.send((False, f"{args[0].name if args and hasattr(args[0], 'name') else 'file'}: unreadable ({exc})"))
    finally:
        sender.close()


def _document_text(path: Path, data: bytes, decode, limits: Limits) -> str:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return html_text(data, path.name, decode)
    if suffix == ".docx":
        return docx_text(data, path.name, limits)
    if suffix == ".pdf":
        return pdf_text(data, path.name, limits)
    raise PlanFileError(f"{path.name}: unsupported file type {suffix!r}; use one of {', '.join(PLAN_SUFFIXES)}")
