"""Every JSONL input line gets one verdict of its own: decoded per line, each fault named."""
from __future__ import annotations

import io
import json

import pytest

from rag.cli_input import json_line, parse_line, read_batch, text_problem

GOOD = json.dumps({"id": "q1", "question": "周村区推进污泥安全处置由谁牵头？"}, ensure_ascii=False)


def batch(data: bytes) -> list[tuple]:
    return [(b.number, b.question_id, b.question, b.error) for b in read_batch(io.BytesIO(data))]


def test_invalid_utf8_spoils_only_its_own_line():
    lines = [GOOD.encode("utf-8")] * 3
    lines[1] = b'{"id": "bad", "question": "\xff\xfe\xe5\x91"}'
    rows = batch(b"\n".join(lines) + b"\n")
    assert [r[1] for r in rows] == ["q1", "bad", "q1"]
    assert rows[1][3] == "line 2: not valid UTF-8 (byte 0xff at position 27); save the file as UTF-8"
    assert rows[0][3] == rows[2][3] == "" and rows[2][2] == "周村区推进污泥安全处置由谁牵头？"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_file_is_decoded_whole(encoding):
    text = GOOD + "\n" + json.dumps({"id": 2, "question": "聊城市的目标？"}, ensure_ascii=False) + "\n"
    rows = batch(text.encode(encoding))
    assert [(r[1], r[2], r[3]) for r in rows] == [("q1", "周村区推进污泥安全处置由谁牵头？", ""), (2, "聊城市的目标？", "")]


def test_bom_on_line_one_is_not_part_of_the_json():
    rows = batch(b"\xef\xbb\xbf" + GOOD.encode("utf-8") + b"\n")
    assert rows == [(1, "q1", "周村区推进污泥安全处置由谁牵头？", "")]


@pytest.mark.parametrize("line, error", [
    ('{"id": 7, "question": null}', 'line 3: "question" is null, not a string'),
    ('{"id": 7, "question": 42}', 'line 3: "question" is a number, not a string'),
    ('{"id": 7, "q": "周村区"}', 'line 3: no "question" field (fields: id, q)'),
    ('["周村区"]', 'line 3: expected a JSON object {"id": …, "question": …}, got a list'),
    ('"周村区由谁牵头"', 'line 3: expected a JSON object {"id": …, "question": …}, got a string'),
    ('{"id": 7, "question": "周村区', "line 3: not valid JSON: Unterminated string starting at (column 23)"),
    ("not json", "line 3: not valid JSON: Expecting value (column 1)"),
    ("   ", 'line 3: the line is blank; expected {"id": …, "question": …}'),
])
def test_each_malformed_line_says_what_is_wrong(line, error):
    assert parse_line(3, line).error == error


def test_lone_surrogate_is_named_and_the_output_stays_utf8():
    row = parse_line(9, '{"id": "s\\udc80", "question": "周村区\\ud800由谁牵头"}')
    assert row.error == "line 9: the question contains a lone surrogate (\\ud800), which is not a character"
    assert row.question == "周村区\ufffd由谁牵头"
    data = json_line({"id": row.question_id, "question": row.question, "error": row.error})
    assert json.loads(data.decode("utf-8"))["id"] == "s\udc80"  # escaped, so the caller's id comes back exactly


def test_argv_bytes_that_are_not_utf8():
    assert text_problem("周村区\udcff") == "the question is not valid UTF-8 text (byte 0xff); save or type it as UTF-8"
    assert text_problem("周村区由谁牵头") == ""
