"""PostgreSQL end to end: the CLI on RAG_DATABASE_URL, and two app replicas serving through a rebuild and then
answering from the new generation without a restart."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.cli import main as rag_main
from rag.config import PROJECT_ROOT

pytestmark = pytest.mark.pg
QUESTIONS = ("周村区推进污泥安全处置由谁牵头？", "山西省2020年主要河流水质优良比例目标是多少？", "乐都区黑臭水体什么时候消除？",
             "聊城市工业集聚区污水集中处理设施什么时候建成？")


def db_env(url: str, corpus_dir: Path, index_dir: Path) -> dict[str, str]:
    return {**os.environ, "RAG_DATABASE_URL": url, "RAG_EMBED_RUNTIME": "fake", "RAG_EMBED_MODEL": "fake-hash",
            "RAG_CORPUS_DIR": str(corpus_dir), "RAG_INDEX_DIR": str(index_dir), "PYTHONPATH": str(PROJECT_ROOT),
            "GRADIO_ANALYTICS_ENABLED": "False"}


def test_the_cli_builds_answers_and_lists_facts_from_the_database(pg_url, tmp_path, monkeypatch, capfd):
    for name, value in db_env(pg_url, PROJECT_ROOT / "corpus", tmp_path / "no-index").items():
        monkeypatch.setenv(name, value)
    assert rag_main(["index", "status"]) == 1
    assert rag_main(["index", "build"]) == 0
    assert "index ready: database generation 1 (" in capfd.readouterr().err
    assert rag_main(["index", "status"]) == 0 and capfd.readouterr().out == "ok: generation 1 is current\n"
    assert rag_main(["facts", "--unit", "住建局", "--plan", "zhoucun-2016"]) == 0
    lines = capfd.readouterr().out.splitlines()
    assert len(lines) == 33 and lines[0].startswith("zhoucun-2016/三/（一）/2/1  牵头：区住建局  配合：区发改局、区环保分局")
    assert all(line.startswith("zhoucun-2016/") and "区住建局" in line for line in lines)
    assert rag_main(["ask", QUESTIONS[0]]) == 0
    answer = capfd.readouterr().out
    assert "区住建局" in answer.split("[1]")[0] and "  (zhoucun-2016/" in answer
    assert not (tmp_path / "no-index").exists()  # nothing was written beside the database


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_replica(env: dict[str, str], port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "app.py"], cwd=PROJECT_ROOT, env={**env, "RAG_PORT": str(port)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _client(port: int, replica: subprocess.Popen):
    from gradio_client import Client

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if replica.poll() is not None:
            raise AssertionError(f"replica on {port} exited: {replica.stderr.read()[-2000:]}")
        try:
            return Client(f"http://127.0.0.1:{port}/", verbose=False)
        except Exception:  # not listening yet
            time.sleep(1)
    raise AssertionError(f"replica on {port} did not start")


def test_two_replicas_serve_through_a_rebuild_with_no_mixed_generation_then_follow_it_without_restart(pg_url, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    env = db_env(pg_url, corpus, tmp_path / "index")
    subprocess.run([sys.executable, "-m", "rag.cli", "index", "build"], env=env, check=True, capture_output=True)
    old_texts = _clause_texts(env)
    ports = [_free_port(), _free_port()]
    replicas = [_start_replica(env, port) for port in ports]
    try:
        # One gradio session per question in flight: the app answers one question at a time per session.
        clients = [[_client(port, replica) for _ in QUESTIONS[:2]] for port, replica in zip(ports, replicas)]
        edited = corpus / "zhoucun-2016.txt"
        edited.write_text(edited.read_text(encoding="utf-8").replace("污泥安全处置", "污泥无害化安全处置"),
                          encoding="utf-8")
        rebuild = subprocess.Popen([sys.executable, "-m", "rag.cli", "index", "build"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        answers = []
        with ThreadPoolExecutor(4) as pool:
            while rebuild.poll() is None or len(answers) < 16:
                jobs = [pool.submit(c.predict, q, "", "", api_name="/ask")
                        for sessions in clients for c, q in zip(sessions, QUESTIONS[:2])]
                answers += [json.loads(job.result(timeout=60)) for job in jobs]
        assert rebuild.wait(timeout=120) == 0, rebuild.stderr.read()
        # Without a restart, both replicas now answer from the new generation (rag_current is read per answer).
        after = [json.loads(sessions[0].predict(QUESTIONS[0], "", "", api_name="/ask")) for sessions in clients]
    finally:
        for replica in replicas:
            replica.terminate()
            replica.wait(timeout=30)
    new_texts = _clause_texts(env)
    assert old_texts != new_texts
    assert [a["error"] for a in answers if a.get("error")] == []
    for answer in after:
        assert any("污泥无害化安全处置" in c["text"] for c in answer["citations"])
        assert all(new_texts.get(c["clause_id"]) == c["text"] for c in answer["citations"])
    for answer in answers:  # every citation of an answer is verbatim from one generation
        cited = {c["clause_id"]: c["text"] for c in answer["citations"]}
        assert all(old_texts.get(cid) == text for cid, text in cited.items()) or \
            all(new_texts.get(cid) == text for cid, text in cited.items())


def _clause_texts(env: dict[str, str]) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "rag.cli", "clauses", "--json"], env=env, check=True,
                         capture_output=True, text=True).stdout
    return {row["clause_id"]: row["text"] for row in map(json.loads, out.splitlines())}
