"""The rag command as users and evaluation scripts call it: real subprocesses, exact JSON."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from rag.config import PROJECT_ROOT


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("cli-index")
    variables = {**os.environ, "RAG_EMBED_RUNTIME": "fake", "RAG_EMBED_MODEL": "fake-hash",
                 "RAG_INDEX_DIR": str(index_dir), "RAG_CORPUS_DIR": str(PROJECT_ROOT / "corpus")}
    subprocess.run([sys.executable, "-m", "rag.cli", "index", "build"], env=variables, check=True,
                   capture_output=True, timeout=300)
    return variables


def rag(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_clauses_json_rows(env):
    result = rag(env, "clauses", "--plan", "zhoucun-2016", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    row = next(r for r in rows if r["clause_id"] == "zhoucun-2016/三/（一）/2/3")
    assert row["lead_units"] == ["区住建局"] and row["cooperating_units"] == ["区发改局", "区环保分局"]
    assert row["implementing_units"] == ["各镇办"] and row["kind"] == "task"
    assert row["targets"][0]["value_text"] == "90%以上" and "2017年底前" in row["deadlines"]


def test_facts_by_kind(env):
    result = rag(env, "facts", "--plan", "changyi-2016", "--kind", "target", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["kind"] for r in rows} == {"target"}
    assert any(r["indicator"] == "全区再生水利用率" and r["value_text"] == "25%" for r in rows)


def test_unknown_plan_is_a_clear_error(env):
    result = rag(env, "clauses", "--plan", "nowhere")
    assert result.returncode == 2 and "no plan 'nowhere'" in result.stderr and "Traceback" not in result.stderr


def test_ask_json_and_plain(env):
    result = rag(env, "ask", "周村区推进污泥安全处置由谁牵头？", "--json")
    row = json.loads(result.stdout)
    assert row["citations"][0]["clause_id"] == "zhoucun-2016/三/（一）/2/3" and row["abstained"] is False
    plain = rag(env, "ask", "周村区推进污泥安全处置由谁牵头？")
    assert "牵头：区住建局" in plain.stdout and "[1] 周村区水污染防治行动计划实施方案 ›" in plain.stdout


def test_ask_jsonl_keeps_order_and_survives_bad_lines(env):
    lines = "\n".join([json.dumps({"id": "a", "question": "聊城市防治地下水污染的牵头部门是哪个？"}, ensure_ascii=False),
                       "not json", json.dumps({"id": "c", "question": ""}),
                       json.dumps({"id": "d", "question": "北京市的目标是什么？"}, ensure_ascii=False)])
    result = rag(env, "ask", "--jsonl", "-", stdin=lines)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", 2, "c", "d"]
    assert rows[0]["citations"][0]["clause_id"] == "liaocheng-2020/二/（二）/2"
    assert rows[1]["error"] and rows[2]["error"] and rows[3]["abstained"] is True


def test_empty_question_exit_status(env):
    result = rag(env, "ask", "  ")
    assert result.returncode == 2 and "问题为空" in result.stdout


def test_search_json(env):
    result = rag(env, "search", "山西省推进污泥处理处置", "--k", "3", "--json")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3 and {r["plan_id"] for r in rows} == {"shanxi-2015"}
    assert rows[0]["clause_id"] == "shanxi-2015/二/（一）/2/4"


def rag_bytes(env, *args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], env=env, input=stdin, capture_output=True,
                          timeout=120, check=False)


def test_jsonl_every_line_gets_one_utf8_verdict_in_order(env):
    good = json.dumps({"id": "ok", "question": "聊城市防治地下水污染的牵头部门是哪个？"}, ensure_ascii=False).encode()
    lines = [b"\xef\xbb\xbf" + good, b'{"id": "sur", "question": "\\ud800\\u5468"}', b'{"id": "bytes", "question": "\xff"}',
             b'{"id": "null", "question": null}', b"[1, 2]", b'{"id": "nokey"}', b'{"id": "broken", ', good]
    result = rag_bytes(env, "ask", "--jsonl", "-", stdin=b"\n".join(lines) + b"\n")
    rows = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert [r["id"] for r in rows] == ["ok", "sur", "bytes", "null", 5, "nokey", 7, "ok"]
    assert "error" not in rows[0] and rows[0]["citations"][0]["clause_id"] == "liaocheng-2020/二/（二）/2"
    errors = [r["error"] for r in rows[1:7]]
    assert len(set(errors)) == 6 and "lone surrogate" in errors[0] and "not valid UTF-8" in errors[1]
    assert errors[2] == 'line 4: "question" is null, not a string' and rows[3]["question"] == ""
    assert "not valid JSON" in errors[5] and rows[7]["citations"] == rows[0]["citations"]


def test_jsonl_utf16_file(env, tmp_path):
    path = tmp_path / "q16.jsonl"
    path.write_text(json.dumps({"id": 1, "question": "聊城市防治地下水污染的牵头部门是哪个？"}, ensure_ascii=False) + "\n",
                    encoding="utf-16")
    rows = [json.loads(line) for line in rag(env, "ask", "--jsonl", str(path)).stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["citations"][0]["clause_id"] == "liaocheng-2020/二/（二）/2"


def test_ask_argv_with_invalid_bytes_is_refused_cleanly(env):
    result = rag_bytes(env, "ask", "周村区".encode() + b"\xff\xfe", "--json")
    row = json.loads(result.stdout.decode("utf-8"))
    assert result.returncode == 2 and row["error"].startswith("the question is not valid UTF-8 text (byte 0xff)")
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--", "-周村区推进污泥安全处置由谁牵头？"], ["-周村区推进污泥安全处置由谁牵头？"],
                                  ["--question=-周村区推进污泥安全处置由谁牵头？"]])
def test_question_starting_with_a_dash(env, args):
    result = rag(env, "ask", "--json", *args)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["citations"][0]["clause_id"] == "zhoucun-2016/三/（一）/2/3"


@pytest.mark.parametrize("args, message", [
    (["search", "污泥", "--k", "-1"], "argument --k: must be 1 or more, not -1"),
    (["search", "污泥", "--plan", "nosuch"], "no plan 'nosuch'"),
    (["ask", "污泥由谁牵头", "--plan", "nosuch"], "no plan 'nosuch'"),
    (["ask", "--jsonl", "-", "--plan", "nosuch"], "no plan 'nosuch'"),
    (["facts", "--plan", "nosuch"], "no plan 'nosuch'"),
    (["ask", "--jsn"], "unrecognized arguments: --jsn"),
])
def test_bad_arguments_exit_2_with_a_message(env, args, message):
    result = rag(env, *args, stdin="")
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_question_in_a_language_the_product_does_not_read(env):
    result = rag(env, "ask", "周村区の汚泥処理は誰が担当しますか", "--json")
    row = json.loads(result.stdout)
    assert result.returncode == 2 and row["citations"] == [] and "Japanese" in row["error"]


@pytest.fixture(scope="module")
def broken_env(tmp_path_factory, env):
    """The seed corpus with a syntax error in plans.toml, a plan re-saved as UTF-16 and a link to outside."""
    folder = tmp_path_factory.mktemp("broken") / "corpus"
    folder.mkdir()
    for path in (PROJECT_ROOT / "corpus").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "plans.toml").write_text((PROJECT_ROOT / "corpus/plans.toml").read_text(encoding="utf-8")
                                       .replace('id = "ledu-2017"', 'id = "ledu-2017'), encoding="utf-8")
    text = (folder / "zhoucun-2016.txt").read_text(encoding="utf-8")
    (folder / "zhoucun-2016.txt").write_bytes(text.encode("utf-16"))
    (folder.parent / "outside.txt").write_text("一、总体要求\n机密内容由区环保局牵头。\n", encoding="utf-8")
    (folder / "outside.txt").symlink_to(folder.parent / "outside.txt")
    return {**env, "RAG_CORPUS_DIR": str(folder), "RAG_INDEX_DIR": str(folder.parent / "index")}


def test_broken_corpus_reports_every_fault_and_still_answers(broken_env):
    build = rag(broken_env, "index", "build")
    assert build.returncode == 0 and "Traceback" not in build.stderr
    assert "warning: corpus/plans.toml: syntax error: " in build.stderr
    assert "warning: refused outside.txt: a link to a file outside the corpus folder" in build.stderr
    assert "warning: zhoucun-2016.txt: decoded as utf-16" in build.stderr
    result = rag(broken_env, "ask", "周村区推进污泥安全处置由谁牵头？", "--json")
    assert json.loads(result.stdout)["citations"][0]["clause_id"] == "zhoucun-2016/三/（一）/2/3"
    assert "warning: refused outside.txt" in result.stderr and "syntax error" in result.stderr
