"""Feedback on answers (👍/👎 and a comment), kept behind a small storage Protocol; SQLite is the default.

Another backend (PostgreSQL) is one more class with the same three methods."""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator, Protocol

from rag.errors import RagError

MAX_COMMENT_CHARS = 2000
MAX_TEXT_CHARS = 4000  # question and answer are stored for context, cut to this length
RATINGS = (-1, 0, 1)  # 👎, comment only, 👍
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    session TEXT NOT NULL,
    turn INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    comment TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    clause_ids TEXT NOT NULL
)"""


class FeedbackError(RagError, ValueError):
    """Feedback that cannot be stored as given."""


@dataclass(frozen=True)
class Feedback:
    """One judgement of one answer in one session."""

    session: str  # the browser session, opaque
    turn: int  # which answer of the conversation (0-based)
    rating: int  # -1 👎, 1 👍, 0 a comment alone
    comment: str
    question: str
    answer: str
    clause_ids: tuple[str, ...]
    created: float = 0.0  # Unix time; 0 means "now" when recorded

    def __post_init__(self) -> None:
        if self.rating not in RATINGS:
            raise FeedbackError(f"rating must be one of {RATINGS}, not {self.rating!r}")
        if len(self.comment) > MAX_COMMENT_CHARS:
            raise FeedbackError(f"意见过长（{len(self.comment)} 字），上限为 {MAX_COMMENT_CHARS} 字。"
                                f" The comment is too long (limit {MAX_COMMENT_CHARS} characters).")
        if self.turn < 0:
            raise FeedbackError(f"turn must be 0 or more, not {self.turn}")

    def to_json(self) -> dict:
        return {**asdict(self), "clause_ids": list(self.clause_ids)}


class FeedbackStore(Protocol):
    """Where feedback is kept: one write per call, safe under concurrent sessions."""

    def record(self, feedback: Feedback) -> int: ...

    def all(self) -> Iterator[Feedback]: ...

    def count(self) -> int: ...


class SqliteFeedbackStore:
    """Feedback in one SQLite file (WAL: readers never block the writer; one transaction per write)."""

    def __init__(self, path: Path, timeout_s: float = 10.0) -> None:
        self.path, self.timeout_s = Path(path), timeout_s
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # One connection per call: sqlite3 connections are not shared across the app's worker threads.
        db = sqlite3.connect(self.path, timeout=self.timeout_s, isolation_level=None)
        db.execute("PRAGMA busy_timeout=%d" % int(self.timeout_s * 1000))
        return db

    def record(self, feedback: Feedback) -> int:
        """Store one judgement in its own transaction; returns its row id."""
        row = (feedback.created or time.time(), feedback.session[:64], feedback.turn, feedback.rating,
               feedback.comment, feedback.question[:MAX_TEXT_CHARS], feedback.answer[:MAX_TEXT_CHARS],
               json.dumps(list(feedback.clause_ids), ensure_ascii=False))
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            cursor = db.execute("INSERT INTO feedback (created, session, turn, rating, comment, question, answer,"
                                " clause_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            db.execute("COMMIT")
            return int(cursor.lastrowid)
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def all(self) -> Iterator[Feedback]:
        """Every judgement, oldest first."""
        db = self._connect()
        try:
            rows = db.execute("SELECT session, turn, rating, comment, question, answer, clause_ids, created"
                              " FROM feedback ORDER BY id").fetchall()
        finally:
            db.close()
        for session, turn, rating, comment, question, answer, clause_ids, created in rows:
            yield Feedback(session, turn, rating, comment, question, answer, tuple(json.loads(clause_ids)), created)

    def count(self) -> int:
        db = self._connect()
        try:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])
        finally:
            db.close()


def open_store(data_dir: Path, settings=None) -> FeedbackStore:
    """The configured feedback store: the database's table when RAG_DATABASE_URL selects PostgreSQL (shared by
    every app replica), else SQLite under the data directory."""
    if settings is not None:
        from rag.search.pg_feedback import feedback_store

        shared = feedback_store(settings, Feedback)
        if shared is not None:
            return shared
    return SqliteFeedbackStore(Path(data_dir) / "feedback.sqlite3")


def export_jsonl(store: FeedbackStore, out) -> int:
    """Write every judgement as one JSON line; returns how many."""
    written = 0
    for feedback in store.all():
        out.write(json.dumps(feedback.to_json(), ensure_ascii=False) + "\n")
        written += 1
    return written
