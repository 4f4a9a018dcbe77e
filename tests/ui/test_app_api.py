"""The /ask endpoint through gradio_client, against the app served on 127.0.0.1 with the fake embedder."""
from __future__ import annotations

import json
import socket

import pytest

from rag.config import PROJECT_ROOT, Settings


def free_port() -> int:
    """An ephemeral loopback port nobody is listening on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from app import start

    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=tmp_path_factory.mktemp("index"),
                        embed_runtime="fake", embed_model="fake-hash", data_dir=tmp_path_factory.mktemp("data"))
    demo, url = start(settings, port=free_port())
    yield url
    demo.close()


@pytest.fixture(scope="module")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


def ask(client, question: str, plan: str = "all", previous: str = "") -> dict:
    return json.loads(client.predict(question, plan, previous, api_name="/ask"))


def test_ask_returns_the_cli_json_with_the_cited_clause(client):
    row = ask(client, "周村区推进污泥安全处置由哪个部门牵头？")
    assert row["abstained"] is False
    assert row["citations"][0]["clause_id"] == "zhoucun-2016/三/（一）/2/3"
    assert row["citations"][0]["n"] == 1 and "[1]" in row["answer"]
    assert "区住建局" in row["answer"]
    assert row["citations"][0]["plan_title"] == "周村区水污染防治行动计划实施方案"
    assert "（区住建局牵头，区发改局、区环保分局等参与）" in row["citations"][0]["text"]
    assert row["plan_ids"] == ["zhoucun-2016"] and row["intent"] == "lead"
    assert isinstance(row["latency_ms"], float)


def test_ask_abstains_on_a_place_with_no_plan(client):
    row = ask(client, "广州市黑臭水体整治由哪个部门牵头？")
    assert row["abstained"] is True
    assert "没有" in row["answer"]


def test_ask_keeps_the_plan_filter(client):
    row = ask(client, "污泥处理处置由哪个部门牵头？", plan="shanxi-2015")
    assert row["plan_ids"] == ["shanxi-2015"]
    assert {c["plan_id"] for c in row["citations"]} == {"shanxi-2015"}


def test_ask_rejects_an_empty_question_politely(client):
    row = ask(client, "   ")
    assert row["abstained"] is True and row["citations"] == []
    assert row["error"] == row["answer"] != ""


def test_ask_returns_hostile_text_as_data(client):
    row = ask(client, "<img src=x onerror=alert(1)>")
    assert row["question"] == "<img src=x onerror=alert(1)>"
    assert isinstance(row["abstained"], bool)


def test_ask_refuses_a_huge_previous_with_a_message(client):
    row = ask(client, "那昌邑区呢？", previous="周" * 30000)
    assert row["error"].startswith("上一个问题过长（30000 字），上限为 2000 字。") and row["citations"] == []
