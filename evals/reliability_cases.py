"""The hostile inputs of the reliability matrix: JSONL batches, command lines and corpus folders with one fault each."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

GOOD_QUESTIONS = ("周村区推进污泥安全处置由哪个部门牵头？", "聊城市防治地下水污染的牵头部门是哪个？",
                  "山西省推进污泥处理处置由谁牵头？", "昌邑区全面控制污染物排放由哪个部门负责？", "乐都区的水污染防治目标是什么？")


@dataclass(frozen=True)
class BatchCase:
    """A --jsonl input: its bytes, and for each line whether it is good (answered) or bad (an error expected)."""

    name: str
    data: bytes
    good: tuple[bool, ...]
    ids: tuple  # the id each output line must carry, in order


def _good(number: int) -> dict:
    return {"id": f"q{number}", "question": GOOD_QUESTIONS[number % len(GOOD_QUESTIONS)]}


def _lines(count: int, bad_at: dict[int, bytes], encoding: str = "utf-8") -> tuple[bytes, tuple[bool, ...], tuple]:
    """`count` good lines, with the raw bad lines of `bad_at` (1-based line number → bytes) in their places."""
    lines, good, ids = [], [], []
    for number in range(1, count + 1):
        if number in bad_at:
            lines.append(bad_at[number])
            good.append(False)
            try:
                row = json.loads(bad_at[number].decode("utf-8", "replace"))
                ids.append(row.get("id", number) if isinstance(row, dict) else number)
            except json.JSONDecodeError:
                ids.append(number)
        else:
            lines.append(json.dumps(_good(number), ensure_ascii=False).encode(encoding))
            good.append(True)
            ids.append(f"q{number}")
    return b"\n".join(lines) + b"\n", tuple(good), tuple(ids)


def batch_cases() -> list[BatchCase]:
    """Every JSONL fault of issue 14, each between good lines, plus whole-file encodings."""
    bad = {
        "lone surrogate at line 9 of 39": (39, {9: b'{"id": "s9", "question": "\\ud800\\u5468\\u6751\\u533a"}'}),
        "invalid UTF-8 byte at line 50 of 100": (100, {50: b'{"id": "b50", "question": "\xff\xfe\xe5"}'}),
        "GB18030 bytes on one line": (5, {3: '{"id": "gb3", "question": "周村区由谁牵头"}'.encode("gb18030")}),
        "question null": (5, {2: b'{"id": "n2", "question": null}'}),
        "question a number": (5, {2: b'{"id": "n2", "question": 42}'}),
        "missing question": (5, {2: b'{"id": "m2", "q": "x"}'}),
        "non-object lines": (8, {2: b"[1, 2]", 4: b'"question"', 6: b"42", 7: b"true"}),
        "six malformed lines": (9, {2: b"not json", 3: b'{"id": 1,', 4: b"{'id': 1}", 5: b'{"id": "x" "q": 1}',
                                    6: b"}", 8: b'{"question": "\x00"}'}),
        "blank lines": (5, {2: b"", 4: b"   \t"}),
        "over-long question": (4, {2: json.dumps({"id": "long", "question": "周" * 5000}).encode()}),
        "id with a lone surrogate": (4, {3: b'{"id": "\\udc80", "question": "\\u5468\\u6751\\u533a\\ud800"}'}),
    }
    cases = []
    for name, (count, bad_at) in bad.items():
        data, good, ids = _lines(count, bad_at)
        cases.append(BatchCase(name, data, good, ids))
    data, good, ids = _lines(5, {})
    cases.append(BatchCase("UTF-8 BOM on line 1", b"\xef\xbb\xbf" + data, good, ids))
    cases.append(BatchCase("CRLF line ends", data.replace(b"\n", b"\r\n"), good, ids))
    text = data.decode("utf-8")
    cases.append(BatchCase("UTF-16 file with BOM", text.encode("utf-16"), good, ids))
    cases.append(BatchCase("UTF-16LE file without BOM", text.encode("utf-16-le"), good, ids))
    cases.append(BatchCase("no newline at the end", data.rstrip(b"\n"), good, ids))
    return cases


@dataclass(frozen=True)
class ArgCase:
    """One command line: `answer` when it must be answered (exit 0, citations), else refused (exit 2, a message)."""

    name: str
    argv: tuple  # str or bytes items
    answer: bool


def arg_cases() -> list[ArgCase]:
    question = GOOD_QUESTIONS[0]
    return [
        ArgCase("invalid bytes in argv", ("ask", "--json", "周村区".encode() + b"\xff\xfe"), False),
        ArgCase("question starting with '-'", ("ask", "--json", "-" + question), True),
        ArgCase("'-' question after --", ("ask", "--json", "--", "-" + question), True),
        ArgCase("'-' question as --question=", ("ask", "--json", "--question=-" + question), True),
        ArgCase("control characters in the question", ("ask", "--json", "周村区\x07推进污泥\x1b安全处置由哪个部门牵头？"), True),
        ArgCase("search --k -1", ("search", "污泥", "--k", "-1"), False),
        ArgCase("search --k 0", ("search", "污泥", "--k", "0"), False),
        ArgCase("search --k abc", ("search", "污泥", "--k", "abc"), False),
        ArgCase("search --plan nosuch", ("search", "污泥", "--plan", "nosuch"), False),
        ArgCase("ask --plan nosuch", ("ask", question, "--plan", "nosuch"), False),
        ArgCase("ask --jsonl --plan nosuch", ("ask", "--jsonl", "-", "--plan", "nosuch"), False),
        ArgCase("clauses --plan nosuch", ("clauses", "--plan", "nosuch"), False),
        ArgCase("facts --plan nosuch", ("facts", "--plan", "nosuch"), False),
        ArgCase("facts --kind nosuch", ("facts", "--kind", "nosuch"), False),
        ArgCase("Japanese question", ("ask", "--json", "周村区の汚泥処理は誰が担当しますか"), False),
        ArgCase("Korean question", ("ask", "--json", "주촌구 오니 처리는 누가 담당합니까"), False),
        ArgCase("Russian question", ("ask", "--json", "Кто отвечает за очистку сточных вод?"), False),
        ArgCase("empty question", ("ask", "--json", ""), False),
        ArgCase("blank question", ("ask", "--json", "   "), False),
        ArgCase("punctuation only", ("ask", "--json", "？？？"), False),
        ArgCase("3,000-character question", ("ask", "--json", "周" * 3000), False),
        ArgCase("no question", ("ask",), False),
        ArgCase("missing --jsonl file", ("ask", "--jsonl", "/nonexistent/q.jsonl"), False),
        ArgCase("unknown option", ("ask", "--jsn", question), False),
    ]


@dataclass(frozen=True)
class PlanCase:
    """A fault made in a copy of the corpus folder, and the name a report must mention ("" for a control)."""

    name: str
    make: Callable[[Path], None]
    named: str


def _edit_manifest(old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        path = folder / "plans.toml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return make


def _reencode(name: str, encoding: str, new_name: str | None = None) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        (folder / (new_name or name)).write_bytes(text.encode(encoding))
    return make


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(data)


def _link_out(folder: Path) -> None:
    outside = folder.parent / "secret.txt"
    outside.write_text("一、总体要求\n（一）root:x:0:0 由区环保局牵头。\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)


def plan_cases() -> list[PlanCase]:
    toml = "plans.toml"
    return [
        PlanCase("plans.toml syntax error", _edit_manifest('id = "ledu-2017"', 'id = "ledu-2017'), toml),
        PlanCase("misspelt required key (titel)", _edit_manifest('title = "聊城市', 'titel = "聊城市'), toml),
        PlanCase("misspelt optional key (isuer)", _edit_manifest('issuer = "山西省', 'isuer = "山西省'), toml),
        PlanCase("[[plans]] for [[plan]]", _edit_manifest("[[plan]]", "[[plans]]", 5), toml),
        PlanCase("duplicate id", _edit_manifest('id = "ledu-2017"', 'id = "zhoucun-2016"'), toml),
        PlanCase("regions as a string", _edit_manifest('regions = ["周村区", "周村", "淄博市周村区", "淄博周村"]',
                                                       'regions = "周村区"'), toml),
        PlanCase("regions as numbers", _edit_manifest('regions = ["聊城市", "聊城"]', "regions = [1, 2]"), toml),
        PlanCase("unknown level", _edit_manifest('level = "city"', 'level = "metropolis"'), toml),
        PlanCase("plans.toml as UTF-16", _reencode(toml, "utf-16"), ""),
        PlanCase("plans.toml binary garbage", _write(toml, b"\xff\x00\xfe\x01" * 64), toml),
        PlanCase("plans.toml lists a missing file", lambda f: (f / "ledu-2017.txt").rename(f / "ledu.txt"),
                 "ledu-2017.txt"),
        PlanCase("plan re-saved as UTF-16", _reencode("zhoucun-2016.txt", "utf-16"), "zhoucun-2016.txt"),
        PlanCase("plan re-saved as GB18030", _reencode("zhoucun-2016.txt", "gb18030"), "zhoucun-2016.txt"),
        PlanCase("UTF-8 BOM plan", lambda f: _write("changyi-2016.txt", b"\xef\xbb\xbf" + (
            f / "changyi-2016.txt").read_bytes())(f), ""),
        PlanCase("GB18030 copy under another name", _reencode("ledu-2017.txt", "gb18030", "ledu-copy.txt"),
                 "ledu-copy.txt"),
        PlanCase("copy with one more trailing newline",
                 lambda f: _write("again.txt", (f / "liaocheng-2020.txt").read_bytes() + b"\n")(f), "again.txt"),
        PlanCase("symlink out of corpus/", _link_out, "passwd.txt"),
        PlanCase("symlink inside corpus/", lambda f: (f / "alias.txt").symlink_to("shanxi-2015.txt"), "alias.txt"),
        PlanCase("FIFO named .txt", lambda f: os.mkfifo(f / "pipe.txt"), "pipe.txt"),
        PlanCase("folder named .txt", lambda f: (f / "folder.txt").mkdir(), "folder.txt"),
        PlanCase("empty plan file", _write("empty.txt", b" \n"), "empty.txt"),
        PlanCase("binary plan file", _write("binary.txt", bytes(range(128, 256)) * 8), "binary.txt"),
        PlanCase("oversized plan (1.8 MB)", _write("huge.txt", ("一、总体要求\n" + "加强水污染防治。" * 100_000).encode()),
                 "huge.txt"),
    ]
