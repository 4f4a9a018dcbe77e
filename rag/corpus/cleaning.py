"""Cleaning scraped plan text: web chrome out, duplicated blocks out, broken lines joined."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from rag.corpus.note_forms import opens_with_note_head, without_note_head
from rag.corpus.prose_notes import prose_note
from rag.corpus.repair import join_inner_spaces
from rag.lexicon import load_lexicon
from rag.normalize import strip_controls, to_simplified

_CHROME = [
    re.compile(r"^(您的位置|当前位置|所在位置)"),
    re.compile(r"首页\s*[>›»]"),
    re.compile(r"^(索\s*引\s*号|主题分类|发布单位|发布日期|发布时间|发文日期|服务对象|文\s*号|公告)\s*[:：]?"),
    re.compile(r"^(https?://)?(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", re.I),
    re.compile(r"^\d{4}/\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?$"),
    re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]$"),
    re.compile(r"^[—─\-_=*·]{3,}$"),
    re.compile(r"^[（(]此件公开发布[)）]$"),
    re.compile(r"^文件$"),
    re.compile(r"●.*●"),  # an organisation's banner of honours
    # a page's tool bar and footer: "【字体：大 中 小】 【打印】 【关闭】", "分享到： 微信 微博", "鄂ICP备05003323号"
    re.compile(r"^(?:[【\[]?\s*(?:字体[:：]?\s*(?:大\s*中\s*小)?|打印(?:本页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|"
               r"返回顶部|保存(?:本页)?)\s*[】\]]?[\s\u3000]*)+$"),
    re.compile(r"^分享到\s*[:：]?"),
    re.compile(r"[\u4e00-\u9fff]ICP备\s*\d"),
]
# A page number printed in the text of a converted document ("— 2 —", "-3-", "第2页 共5页"); a bare number is
# not one (annex tables put one cell on a line).
_PAGE_MARK = re.compile(r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$")
_NUMBER_ONLY = re.compile(r"^(\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)$")
_NOTE_LINE = re.compile(rf"^[（(〔\[][^（()）〔〕]{{2,200}}({load_lexicon().alternation(load_lexicon().note_words)})[^（()）〔〕]*[)）〕\]]$")
# A labelled note on its own line after its task ("责任单位：市住建局", "牽頭單位：市農業局"): part of the task's
# paragraph, so the clause an answer cites holds the units it names.
# A bullet (■, ★ …) may open it; the person a plan names beside the units ("责任领导：分管副镇长") rides along.
_LABEL_LINE = re.compile(
    rf"^(?:{load_lexicon().alternation(tuple(dict(load_lexicon().role_labels)) + load_lexicon().person_labels)})\s*[:：]")
_BULLET = re.compile(r"^[■□●○◆◇▲△★☆▪•]\s*")
_CUT_QUANTITY = re.compile(r"\d(?:\.\d+)?[万亿千百]?$")
_UNIT_START = re.compile(r"^(立方米|万立方米|亿立方米|平方公里|公里|千米|吨|万吨|mg/L|毫克/升|个百分点)")
_MIN_RUN = 3
_OPENS_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))")
# A line this long with section markers or target labels inside is a whole plan on one line (no line breaks).
_RUN_ON_MIN = 600
_SECTION_MARK = re.compile(r"(?<![\d\u4e00-\u9fff])[一二三四五六七八九十]{1,3}、|(?<=[。;；:：])[一二三四五六七八九十]{1,3}、")
_SUB_MARK = re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）](?=[\u4e00-\u9fff])")
_ITEM_MARK = re.compile(r"(?<![\d.])\d{1,2}[.．、](?=[\u4e00-\u9fff])")
_LABEL_MARK = re.compile(rf"(?<=[。.,，;；、\s])(?:{load_lexicon().alternation(load_lexicon().target_labels)})(?=[,，:：\s])")  # consecutive lines that make a repeated block


@dataclass(frozen=True)
class Line:
    """One cleaned paragraph: its text and the span of the decoded raw text it came from."""

    text: str
    start: int
    end: int
    tabbed: bool = False  # the raw line began with a tab: a table cell in one-cell-per-line annexes


def split_lines(raw: str) -> list[Line]:
    """Non-blank physical lines, stripped, with offsets of the kept text in `raw`."""
    lines, pos = [], 0
    for physical in raw.split("\n"):
        left = len(physical) - len(physical.lstrip())
        body = physical.strip()
        if body:
            start = pos + left
            lines.append(Line(strip_controls(body), start, start + len(body), physical.startswith("\t")))
        pos += len(physical) + 1
    return [line for line in lines if line.text]


# Furniture is short: a line this long that opens with a breadcrumb is a plan delivered on one line after it.
_CHROME_MAX = 200


def is_chrome(text: str) -> bool:
    """Web-page furniture: breadcrumbs, metadata labels, URLs, timestamps, banners, separators."""
    return len(text) <= _CHROME_MAX and any(pattern.search(text) for pattern in _CHROME)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def drop_repeated_blocks(lines: list[Line]) -> list[Line]:
    """Remove later copies of runs of at least three consecutive lines (a page scraped twice)."""
    keys = [_key(line.text) for line in lines]
    first_seen: dict[str, int] = {}
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = first_seen.get(keys[i])
        run = 0
        if j is not None and len(keys[i]) >= 8:
            while i + run < len(lines) and j + run < i and keys[j + run] == keys[i + run]:
                run += 1
        if run >= _MIN_RUN:
            for k in range(i, i + run):
                keep[k] = False
            i += run
            continue
        first_seen.setdefault(keys[i], i)
        i += 1
    return [line for line, kept in zip(lines, keep) if kept]


def is_page_mark(text: str) -> bool:
    """A page number printed in a converted document's text ("— 2 —", "-3-", "第2页 共5页")."""
    return bool(_PAGE_MARK.match(unicodedata.normalize("NFKC", text).strip()))


def drop_page_furniture(lines: list[Line]) -> list[Line]:
    """Page numbers out, and the running header beside each: a line that repeats an earlier one and stands next to
    a page number (the plan's title printed at the top of every page), or that stands next to page numbers twice
    (a short running title, first printed under page 1's number, that the title line above does not repeat)."""
    marks = {i for i, line in enumerate(lines) if is_page_mark(line.text)}
    keys = [_key(line.text) for line in lines]
    beside = [(i - 1) in marks or (i + 1) in marks for i in range(len(lines))]
    running = Counter(key for key, next_to in zip(keys, beside) if next_to and len(key) <= 60)
    seen: set[str] = set()
    keep = []
    for i, line in enumerate(lines):
        header = beside[i] and len(keys[i]) <= 60 and (keys[i] in seen or running[keys[i]] >= 2)
        keep.append(i not in marks and not header)
        seen.add(keys[i])
    return [line for line, kept in zip(lines, keep) if kept]


# A PDF text layer copies each printed line as a line: a paragraph is cut at the page width, wherever it falls
# ("…县城生活污水处理率达到90" / "%，乡镇…"). A text is read as wrapped when many lines share the longest widths.
_WRAP_MIN_LINES = 8
_WRAP_SHARE = 0.4
_SENTENCE_END = ("。", "！", "？", "：", ":", "!", "?")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _wrap_widths(lines: list[Line]) -> tuple[int, int] | None:
    """(characters, display width) of a full printed line when the text is hard-wrapped, else None."""
    long = [line.text for line in lines if len(line.text) >= 15]
    if len(long) < _WRAP_MIN_LINES:
        return None
    chars = Counter(len(text) for text in long).most_common(1)[0][0]
    width = Counter(_width(text) for text in long).most_common(1)[0][0]
    full = [text for text in long if abs(len(text) - chars) <= 1 or abs(_width(text) - width) <= 2]
    return (chars, width) if len(full) >= max(_WRAP_MIN_LINES, _WRAP_SHARE * len(long)) else None


# A whitespace-aligned table line ("1      碧江区城北污水处理厂二期       市住建局 …"): a row, never a wrapped line.
_ALIGNED_GAP = re.compile(r"\S(?:[ \u3000\xa0]{2,}|\t)(?=\S)")


def _is_aligned_row(text: str) -> bool:
    return len(_ALIGNED_GAP.findall(text.strip())) >= 2


def join_wrapped_lines(lines: list[Line]) -> list[Line]:
    """In a hard-wrapped text, a full line not ending a sentence runs on into the next (unless that one opens
    with a numbering marker)."""
    wrap = _wrap_widths(lines)
    if wrap is None:
        return lines
    chars, width = wrap
    out: list[Line] = []
    last = ""  # the previous physical line: a joined paragraph is full when its last printed line was
    for line in lines:
        if out and not line.tabbed and not out[-1].tabbed and _is_full(last, chars, width) \
                and not last.endswith(_SENTENCE_END) and not _OPENS_MARKER.match(line.text) \
                and not _is_aligned_row(last) and not _is_aligned_row(line.text):
            out[-1] = _joined(out[-1], line)
        else:
            out.append(line)
        last = line.text
    return out


def _is_full(text: str, chars: int, width: int) -> bool:
    return len(text) >= chars - 1 or _width(text) >= width - 2


def _joined(first: Line, second: Line, separator: str = "") -> Line:
    return Line(first.text + separator + second.text, first.start, second.end, first.tabbed)


def join_broken_lines(lines: list[Line]) -> list[Line]:
    """Join item numbers standing alone, notes on their own line, and lines cut mid-sentence."""
    out: list[Line] = []
    pending: Line | None = None  # a number on a line of its own, waiting for its text
    for line in lines:
        if pending is not None:
            line, pending = _joined(pending, line), None
        if _NUMBER_ONLY.match(unicodedata.normalize("NFKC", line.text)):
            pending = line
            continue
        bullet = _BULLET.match(line.text)
        if out and not line.tabbed and not out[-1].tabbed and _LABEL_LINE.match(
                to_simplified(line.text[bullet.end() if bullet else 0:][:8])):
            if bullet:  # the bullet would stick to the unit before it once joined
                line = Line(line.text[bullet.end():], line.start + bullet.end(), line.end, line.tabbed)
            out[-1] = _joined(out[-1], line, " ")
            continue
        if out and not line.tabbed and not out[-1].tabbed and _continues(out[-1].text, line.text):
            out[-1] = _joined(out[-1], line)
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _continues(previous: str, current: str) -> bool:
    if _NOTE_LINE.match(current) or _is_note_sentence(current):
        return True
    if _CUT_QUANTITY.search(previous) and _UNIT_START.match(current):
        return True  # "全省用水总量控制在350亿" / "立方米以内": a hard break inside a quantity
    return previous.endswith(("、", "，", ",")) and not _NUMBER_ONLY.match(current[:4])


def _is_note_sentence(line: str) -> bool:
    """A line that is wholly a responsibility statement ("县住建局为牵头单位，县生态环境分局为配合单位。",
    "【责任分工】市水利局负责，市生态环境局协同推进。"): like a labelled note line, part of the task before it."""
    text = to_simplified(join_inner_spaces(line.strip()))  # a PDF's "市 住 建 局 负 责" is the note 市住建局负责
    return (opens_with_note_head(text) or not _OPENS_MARKER.match(text)) and prose_note(without_note_head(text)) is not None


def split_run_on(line: Line) -> list[Line]:
    """A plan delivered on one line, split before its numbering markers and target labels (offsets kept)."""
    if len(line.text) < _RUN_ON_MIN or len(_SECTION_MARK.findall(line.text)) + len(_LABEL_MARK.findall(line.text)) < 2:
        return [line]
    marks = [m for pattern in (_SECTION_MARK, _SUB_MARK, _ITEM_MARK) for m in pattern.finditer(line.text)]
    # A label right after a numbering marker is that heading's text ("一、工作目标"): the cut goes after it, so the
    # heading stands alone as it would on its own line.
    headed = {m.end() + len(line.text[m.end():]) - len(line.text[m.end():].lstrip()) for m in marks}
    labels = {m.end() if m.start() in headed else m.start() for m in _LABEL_MARK.finditer(line.text)}
    cuts = sorted(({m.start() for m in marks} | labels) - {0})
    pieces, begin = [], 0
    for cut in [*cuts, len(line.text)]:
        segment = line.text[begin:cut]
        if segment.strip(" 、,，"):
            left = len(segment) - len(segment.lstrip(" 、,，"))
            body = segment.strip(" 、,，")
            pieces.append(Line(body, line.start + begin + left, line.start + begin + left + len(body), line.tabbed))
        begin = cut
    return pieces


def clean_lines(raw: str) -> tuple[Line, ...]:
    """The cleaned paragraphs of a plan, each with its span in the raw text."""
    lines = [piece for line in split_lines(raw) if not is_chrome(line.text) for piece in split_run_on(line)]
    return tuple(join_broken_lines(join_wrapped_lines(drop_repeated_blocks(drop_page_furniture(lines)))))
