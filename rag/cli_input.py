"""What the CLI reads from users: JSONL question lines (any byte, any encoding mistake) and argv text, checked."""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_TYPES = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
               bool: "true/false", type(None): "null"}


@dataclass(frozen=True)
class BatchLine:
    """One input line of `rag ask --jsonl`: its id, its question, or what is wrong with it."""

    number: int  # 1-based line number in the input
    question_id: Any
    question: str
    error: str = ""


def printable(text: str) -> str:
    """Text safe to write as UTF-8: lone surrogates (bad argv bytes, "\\ud800" escapes) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def text_problem(text: str) -> str:
    """Why a question string cannot be asked as it is ("" when it can)."""
    found = _SURROGATE.search(text)
    if not found:
        return ""
    code = ord(found.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # how Python carries an undecodable argv byte
        return f"the question is not valid UTF-8 text (byte 0x{code - 0xDC00:02x}); save or type it as UTF-8"
    return f"the question contains a lone surrogate (\\u{code:04x}), which is not a character"


def read_batch(handle: BinaryIO) -> Iterator[BatchLine]:
    """Every line of a JSONL byte stream as one BatchLine, in order; UTF-16 (with BOM) is decoded whole."""
    first = handle.readline()
    # Without a BOM, UTF-16 still shows itself: every ASCII character carries a NUL byte.
    if first.startswith(UTF16_BOMS) or first.count(b"\x00") * 4 >= max(4, len(first)):
        yield from _utf16_lines(first + handle.read())
        return
    number = 0
    for number, raw in enumerate(_chain(first, handle), 1):
        if number == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM):]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            yield _with_error(parse_line(number, raw.decode("utf-8", "replace")),
                              f"line {number}: not valid UTF-8 (byte 0x{bad:02x} at position {exc.start}); "
                              "save the file as UTF-8")
            continue
        yield parse_line(number, text)


def _chain(first: bytes, handle: BinaryIO) -> Iterator[bytes]:
    if first:
        yield first
        yield from handle


def _utf16_lines(data: bytes) -> Iterator[BatchLine]:
    try:
        text, note = data.decode("utf-16"), ""
    except UnicodeDecodeError as exc:
        text, note = data.decode("utf-16", "replace"), f"not valid UTF-16 ({exc.reason})"
    for number, line in enumerate(text.splitlines(), 1):
        row = parse_line(number, line.lstrip("\ufeff"))
        yield _with_error(row, f"line {number}: {note}") if note and "\ufffd" in line else row


def _with_error(row: BatchLine, error: str) -> BatchLine:
    return BatchLine(row.number, row.question_id, row.question, error)


def parse_line(number: int, text: str) -> BatchLine:
    """One decoded JSONL line → its id and question, or a message naming what is wrong with it."""
    def bad(message: str, question_id: Any = number, question: str = "") -> BatchLine:
        return BatchLine(number, question_id, printable(question), f"line {number}: {message}")

    if not text.strip():
        return bad("the line is blank; expected {\"id\": …, \"question\": …}")
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        return bad(f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(row, dict):
        return bad(f"expected a JSON object {{\"id\": …, \"question\": …}}, got {_JSON_TYPES.get(type(row), 'a value')}")
    question_id = row.get("id", number)
    if "question" not in row:
        keys = ", ".join(sorted(map(str, row))) or "none"
        return bad(f"no \"question\" field (fields: {printable(keys)})", question_id)
    question = row["question"]
    if not isinstance(question, str):
        return bad(f"\"question\" is {_JSON_TYPES.get(type(question), 'a value')}, not a string", question_id)
    problem = text_problem(question)
    if problem:
        return bad(problem, question_id, question)
    return BatchLine(number, question_id, question)


def json_line(row: dict[str, Any]) -> bytes:
    """One JSON line as valid UTF-8 bytes: strings that cannot be UTF-8 (lone surrogates) are written escaped."""
    text = json.dumps(row, ensure_ascii=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(row, ensure_ascii=True) + "\n").encode("ascii")


def positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def question_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", nargs="?", help='the question (one starting with "-" also works, or after --, or as --question=…)')
    p.add_argument("-q", "--question", dest="question_option", metavar="QUESTION", help="the question, as an option")


# An option-like word ("-x", "--word", "--word=…"); anything else that starts with "-" is a question.
_OPTION_LIKE = re.compile(r"^--?[A-Za-z][\w-]*(=.*)?$")


def take_dash_question(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> None:
    """A question that starts with "-" ("-5℃以下…") is the question when it does not look like an option."""
    if getattr(args, "question_option", None) is not None:
        if args.question is not None:
            parser.error("give the question once: as an argument or with --question")
        args.question = args.question_option
    if extra and hasattr(args, "question_option") and args.question is None and len(extra) == 1 \
            and not _OPTION_LIKE.match(extra[0]):
        args.question, extra = extra[0], []
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
