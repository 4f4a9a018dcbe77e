"""Feedback on answers in PostgreSQL (table rag_feedback, migration 0002), shared by every app replica.

It has the three methods of the app's FeedbackStore protocol (rag/feedback.py on the app branch: record, all,
count) and takes the app's Feedback class as `make`, so this wing never imports the app's module. Each record is
one INSERT on a pooled connection: concurrent sessions never wait on a file lock.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from rag.search.pg_schema import migrate

MAX_TEXT_CHARS = 4000  # question and answer are kept for context, cut to this length, as in the SQLite store


@dataclass(frozen=True)
class FeedbackRow:
    """One judgement as stored (the fields of the app's Feedback), used when no `make` is given."""

    session: str
    turn: int
    rating: int  # -1 👎, 1 👍, 0 a comment alone
    comment: str
    question: str
    answer: str
    clause_ids: tuple[str, ...]
    created: float = 0.0


class PgFeedbackStore:
    """Feedback rows in the configured database."""

    def __init__(self, url: str, make: Callable[..., Any] = FeedbackRow, max_connections: int = 4) -> None:
        from rag.search.pg_search import open_pool

        migrate(url)
        self.make, self.pool = make, open_pool(url, max_size=max_connections)

    def record(self, feedback: Any) -> int:
        """Store one judgement (anything with the Feedback fields, validated by its class); returns its id."""
        row = (feedback.created or time.time(), feedback.session[:64], feedback.turn, feedback.rating,
               feedback.comment, feedback.question[:MAX_TEXT_CHARS], feedback.answer[:MAX_TEXT_CHARS],
               json.dumps(list(feedback.clause_ids), ensure_ascii=False))
        with self.pool.connection() as conn:
            return conn.execute("INSERT INTO rag_feedback (created, session, turn, rating, comment, question, answer,"
                                " clause_ids) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id", row).fetchone()[0]

    def all(self) -> Iterator[Any]:
        """Every judgement, oldest first."""
        with self.pool.connection() as conn:
            rows = conn.execute("SELECT session, turn, rating, comment, question, answer, clause_ids, created"
                                " FROM rag_feedback ORDER BY id").fetchall()
        for session, turn, rating, comment, question, answer, clause_ids, created in rows:
            yield self.make(session, turn, rating, comment, question, answer, tuple(clause_ids), created)

    def count(self) -> int:
        with self.pool.connection() as conn:
            return int(conn.execute("SELECT count(*) FROM rag_feedback").fetchone()[0])

    def close(self) -> None:
        self.pool.close()


def feedback_store(settings, make: Callable[..., Any] = FeedbackRow) -> PgFeedbackStore | None:
    """The PostgreSQL store when RAG_DATABASE_URL is set, else None (the app keeps its SQLite file)."""
    from rag.search.backend import backend_name

    return PgFeedbackStore(settings.database_url, make) if backend_name(settings) == "postgresql" else None
