"""Officials' 👍/👎 in PostgreSQL (table rag_feedback, migration 0002), shared by every app replica.

The interface is the one the app's SQLite store offers: record(answer_id, question, rating, comment, ts) and
export(). Each record is one INSERT on a pooled connection, so concurrent sessions never wait on a file lock.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from rag.errors import RagError
from rag.search.pg_schema import migrate

RATINGS = {"up": 1, "down": -1, 1: 1, -1: -1}
MAX_COMMENT_CHARS = 2000


class FeedbackError(RagError, ValueError):
    """A feedback entry the store refuses (unknown rating, missing answer id)."""


@dataclass(frozen=True)
class FeedbackEntry:
    """One rating of one answer."""

    answer_id: str
    question: str
    rating: int  # 1 = 👍, -1 = 👎
    comment: str
    ts: str  # ISO 8601, UTC


class PgFeedbackStore:
    """Feedback rows in the configured database."""

    def __init__(self, url: str, max_connections: int = 4) -> None:
        from rag.search.pg_search import open_pool

        migrate(url)
        self.pool = open_pool(url, max_size=max_connections)

    def record(self, answer_id: str, question: str, rating, comment: str = "", ts: datetime | None = None) -> None:
        """Store one rating ("up"/"down" or 1/-1); the comment is cut at MAX_COMMENT_CHARS."""
        if rating not in RATINGS:
            raise FeedbackError(f"rating must be up/down or 1/-1, not {rating!r}")
        if not str(answer_id or "").strip():
            raise FeedbackError("feedback needs the id of the answer it rates")
        with self.pool.connection() as conn:
            conn.execute("INSERT INTO rag_feedback (answer_id, question, rating, comment, ts) VALUES (%s, %s, %s, %s, %s)",
                         (str(answer_id), str(question), RATINGS[rating], str(comment or "")[:MAX_COMMENT_CHARS],
                          ts or datetime.now(timezone.utc)))

    def export(self) -> list[FeedbackEntry]:
        """Every entry, oldest first."""
        with self.pool.connection() as conn:
            rows = conn.execute("SELECT answer_id, question, rating, comment, ts FROM rag_feedback ORDER BY ts, id")
            return [FeedbackEntry(a, q, r, c, t.astimezone(timezone.utc).isoformat()) for a, q, r, c, t in rows]

    def close(self) -> None:
        self.pool.close()


def feedback_store(settings) -> PgFeedbackStore | None:
    """The PostgreSQL store when RAG_DATABASE_URL is set, else None (the app keeps its SQLite file)."""
    from rag.search.backend import backend_name

    return PgFeedbackStore(settings.database_url) if backend_name(settings) == "postgresql" else None
