"""Feedback storage: one row per judgement, exact fields back, safe under concurrent writers."""
from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from rag.feedback import Feedback, FeedbackError, SqliteFeedbackStore, export_jsonl, open_store

SLUDGE = "zhoucun-2016/三/（一）/2/3"


def _feedback(turn: int = 0, rating: int = 1, comment: str = "") -> Feedback:
    return Feedback("s1", turn, rating, comment, "周村区推进污泥安全处置由哪个部门牵头？", "牵头：区住建局。 [1]",
                    (SLUDGE,), created=1_700_000_000.0)


def test_record_and_export_round_trip(tmp_path: Path):
    store = open_store(tmp_path / "data")
    assert store.record(_feedback()) == 1
    assert store.record(_feedback(1, 0, "期限写错了")) == 2
    out = io.StringIO()
    assert export_jsonl(store, out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[1] == {"session": "s1", "turn": 1, "rating": 0, "comment": "期限写错了",
                       "question": "周村区推进污泥安全处置由哪个部门牵头？", "answer": "牵头：区住建局。 [1]",
                       "clause_ids": [SLUDGE], "created": 1_700_000_000.0}
    assert (tmp_path / "data" / "feedback.sqlite3").is_file()


def test_store_uses_wal(tmp_path: Path):
    import sqlite3

    SqliteFeedbackStore(tmp_path / "f.sqlite3")
    assert sqlite3.connect(tmp_path / "f.sqlite3").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_writers_lose_nothing(tmp_path: Path):
    store = SqliteFeedbackStore(tmp_path / "f.sqlite3")
    errors: list[Exception] = []

    def write(worker: int) -> None:
        try:
            for turn in range(25):
                SqliteFeedbackStore(tmp_path / "f.sqlite3").record(_feedback(turn, (-1, 1)[worker % 2]))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count() == 200
    assert sorted(f.rating for f in store.all()).count(1) == 100


@pytest.mark.parametrize("rating, comment, message", [(2, "", "rating must be one of"),
                                                      (1, "长" * 2001, "意见过长")])
def test_bad_feedback_is_refused_with_a_message(rating, comment, message):
    with pytest.raises(FeedbackError, match=message):
        _feedback(0, rating, comment)


def test_cli_exports_feedback(tmp_path: Path, monkeypatch, capsys):
    from rag.cli import main

    open_store(tmp_path).record(_feedback(2, -1))
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path))
    assert main(["feedback", "export"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["turn"] == 2 and json.loads(captured.out)["rating"] == -1
    assert "1 feedback rows exported" in captured.err
