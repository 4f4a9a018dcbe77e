"""Hard-wrapped text layers: the printed lines of a PDF joined back into the paragraphs they were cut from.

A PDF text layer copies each printed line as a line, so a paragraph is cut at the page width wherever it falls:
inside a sentence, a unit's name, a note's brackets, before a number ("…再生水利用率达到" / "20%以上。"), even
before a "（二）" that is no item ("…重点项目清单第" / "（二）类项目…"). Whether a line runs on is decided from the
document itself: the full line (the commonest character count and printed width of its long lines, a paragraph's
indentation counted when the lines are steadier with it), the width of the next line's first unbreakable piece (a
number or a Latin word moves down whole, so the line before it ends short), the paragraphs' indentation, and the
numbering sequence the document has followed so far. No word list decides.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from rag.corpus.lines import Line

_WRAP_MIN_LINES = 8
_WRAP_SHARE = 0.4
# A line may end this much short of the width and still be full: typesetting moves one character down so that a
# comma or a closing bracket does not open the next line.
_SLACK = 2
_SENTENCE_END = ("。", "！", "？", "：", ":", "!", "?")
# A line that ends a paragraph ends in one of these; a table cell (one per line) ends in none.
_PROSE_END = ("。", "；", ";", "）", ")", "！", "？")
_CN = "一二三四五六七八九十"
# Numbering markers that open a line, by kind: "一、", "（一）", "（1）", "1." (not "1.5", a decimal).
_MARKERS = (
    ("section", re.compile(rf"^([{_CN}]{{1,3}})、")),
    ("subsection", re.compile(rf"^[（(]([{_CN}]{{1,3}})[)）]")),
    ("subitem", re.compile(r"^[（(](\d{1,2})[)）]")),
    ("item", re.compile(r"^(\d{1,2})[.．、](?!\d)")),
)
_OPENING = "（(《〔【“‘["
_FIRST_PIECE = re.compile(r"^[A-Za-z0-9.%/\-]+")
_WORD = re.compile(r"[A-Za-z]+")
# A whitespace-aligned table line ("1      碧江区城北污水处理厂二期       市住建局 …"): a row, never a wrapped line.
_ALIGNED_GAP = re.compile(r"\S(?:[ \u3000\xa0]{2,}|\t)(?=\S)")


def display_width(text: str) -> int:
    """Printed width: a Chinese character or a full-width form counts two, anything else one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@dataclass(frozen=True)
class Layout:
    """What a document's own lines say about its printing: a full line's characters and printed width (a page
    typeset by characters or by width: one of the two is steady), the blanks that count as part of a printed
    line (a paragraph's indentation, when the document's lines are steadier with it counted; the margin every line
    keeps never counts), and whether paragraphs are indented."""

    chars: int
    width: int
    margin: str | None = None  # None: leading blanks do not count
    indented: bool = False


def _indent(line: Line, margin: str | None) -> str:
    """The line's leading blanks beyond the document's margin."""
    return line.lead[len(margin):] if margin is not None and line.lead.startswith(margin) else ""


def _chars(line: Line, margin: str | None) -> int:
    return len(_indent(line, margin)) + len(line.text)


def _printed(line: Line, margin: str | None) -> int:
    return display_width(_indent(line, margin)) + display_width(line.text)


def layout(lines: list[Line]) -> Layout | None:
    """The printed layout of a hard-wrapped text, or None when its lines are paragraphs already."""
    long = [line for line in lines if len(line.text) >= 15]
    if len(long) < _WRAP_MIN_LINES:
        return None
    best, best_full = None, 0
    for margin in (Counter(line.lead for line in long).most_common(1)[0][0], None):
        chars = Counter(_chars(line, margin) for line in long).most_common(1)[0][0]
        width = Counter(_printed(line, margin) for line in long).most_common(1)[0][0]
        full = sum(1 for line in long
                   if abs(_chars(line, margin) - chars) <= 1 or abs(_printed(line, margin) - width) <= _SLACK)
        if full > best_full:
            best, best_full = Layout(chars, width, margin), full
    if best is None or best_full < max(_WRAP_MIN_LINES, _WRAP_SHARE * len(long)):
        return None
    indented = sum(1 for line in long if line.lead and line.lead != best.margin) >= 3
    return replace(best, indented=indented and best.margin is not None)


def _is_full(line: Line, following: str, layout_: Layout) -> bool:
    """The line was cut by the margin: what opens the next line would not have fitted after it. A number or a
    Latin word moves down whole, and an opening bracket never ends a line, so it moves down with what follows."""
    piece = _FIRST_PIECE.match(following)
    piece = piece.group(0) if piece else following[:2] if following[:1] in _OPENING else following[:1]
    return _chars(line, layout_.margin) + len(piece) > layout_.chars - 1 or \
        _printed(line, layout_.margin) + display_width(piece) > layout_.width - _SLACK


def _is_aligned_row(text: str) -> bool:
    return len(_ALIGNED_GAP.findall(text.strip())) >= 2


def _marker(text: str) -> tuple[str, int] | None:
    for kind, pattern in _MARKERS:
        match = pattern.match(text)
        if match:
            number = match.group(1)
            return kind, int(number) if number.isdigit() else _cn_number(number)
    return None


def _cn_number(text: str) -> int:
    if len(text) == 1:
        return _CN.index(text) + 1
    tens, _, units = text.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(units) + 1 if units else 0)


def _true_item(marker: tuple[str, int], last: dict[str, int]) -> bool:
    """A marker that follows the document's numbering (the next of its kind, or a first one) opens an item."""
    kind, number = marker
    return number == 1 or number == last.get(kind, 0) + 1


def _runs_on(previous: Line, line: Line, layout_: Layout, last: dict[str, int]) -> bool:
    if line.tabbed or previous.tabbed or _is_aligned_row(previous.text) or _is_aligned_row(line.text):
        return False
    if not _is_full(previous, line.text, layout_):
        return False
    if layout_.indented and _indent(line, layout_.margin):
        return False  # an indented line opens a paragraph
    marker = _marker(line.text)
    if previous.text.endswith(_SENTENCE_END):
        # A sentence that ends at the margin may go on in the next printed line; a line that ends in no sentence
        # mark is a heading or a table cell, and a numbered line after a full stop is an item.
        return (not previous.text.endswith(("：", ":")) and marker is None
                and (line.text.endswith(_PROSE_END) or _is_full(line, "", layout_)))
    return marker is None or not _true_item(marker, last)


def _vocabulary(lines: list[Line]) -> frozenset[str]:
    """The Latin words the document writes whole: those inside a line (a line's first and last word may be pieces
    of a word the margin cut)."""
    return frozenset(match.group(0).lower() for line in lines for match in _WORD.finditer(line.text)
                     if match.start() > 0 and match.end() < len(line.text))


def _separator(before: str, after: str, words: frozenset[str]) -> str:
    """What stood at a line break between two Latin pieces: nothing inside a word ("th" / "e"), a space between
    two words ("quality" / "of"). The document's own words decide: the break is a space when a piece is a word it
    writes whole elsewhere and the two pieces together are not ("River" / "outbound"; "compl" / "ete" join)."""
    if not (before[-1:].isascii() and after[:1].isascii()) or not before[-1:].strip() or not after[:1].strip():
        return ""
    if before.endswith("-"):
        return ""
    if before[-1].isalnum() and after[0].isalnum():
        tail = _WORD.search(before[::-1])
        head = _WORD.match(after)
        if not (tail and head and tail.start() == 0):
            return " " if before[-1].isalpha() != after[0].isalpha() else ""
        left, right = tail.group(0)[::-1].lower(), head.group(0).lower()
        return " " if (left in words or right in words) and left + right not in words else ""
    return "" if after[0] in ",.;:)%" or before[-1] in "(" else " "


def join_wrapped_lines(lines: list[Line]) -> list[Line]:
    """In a hard-wrapped text, each printed line that the margin cut runs on into the next."""
    layout_ = layout(lines)
    if layout_ is None:
        return lines
    words = _vocabulary(lines)
    out: list[Line] = []
    last_marker: dict[str, int] = {}
    previous: Line | None = None  # the previous printed line: a joined paragraph is full when its last line was
    for line in lines:
        if out and previous is not None and _runs_on(previous, line, layout_, last_marker):
            joined = out[-1]
            out[-1] = replace(joined, text=joined.text + _separator(joined.text, line.text, words) + line.text,
                              end=line.end)
        else:
            out.append(line)
            marker = _marker(line.text)
            if marker:
                last_marker[marker[0]] = marker[1]
        previous = line
    return out
