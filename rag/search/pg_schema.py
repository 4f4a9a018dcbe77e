"""PostgreSQL connection and versioned schema: plain numbered SQL files in rag/search/migrations, applied once each.

Plain SQL rather than Alembic: the schema is a dozen tables with pgvector and tsvector types that an ORM model
would only restate, there is no SQLAlchemy model layer to autogenerate from, and a deployer's DBA can read and
apply the same files with psql. Each file runs in its own transaction under an advisory lock, so replicas that
start together migrate once.
"""
from __future__ import annotations

import re
from pathlib import Path

from rag.errors import RagError

MIGRATIONS = Path(__file__).with_name("migrations")
_LOCK_KEY = 727_000_013  # advisory lock id for migrations (any constant shared by all replicas)
_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# HNSW candidates per scan (the pgvector default is 40). At 100k synthetic rows recall@10 against exact search
# was 0.55 / 0.67 / 0.76 / 0.85 at 40 / 100 / 200 / 400 for a dense p50 of a few ms each (bench_pg.json).
EF_SEARCH = 200


class DatabaseError(RagError, RuntimeError):
    """The configured database cannot be reached or used; the message says which and why."""


def _psycopg():
    try:
        import psycopg
    except ImportError as exc:  # an optional dependency: name the extra
        raise DatabaseError("RAG_DATABASE_URL is set but psycopg is not installed: pip install 'rag-plans[pg]'") from exc
    return psycopg


def connect(url: str, autocommit: bool = False):
    """A psycopg connection with pgvector's type registered, or DatabaseError naming the URL's host."""
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=10)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to the database in RAG_DATABASE_URL ({_redact(url)}): "
                            f"{str(exc).strip().splitlines()[0]}") from exc
    configure(conn)
    return conn


def configure(conn) -> None:
    """Session settings for search: filtered HNSW scans continue until k rows pass the filter."""
    with conn.transaction():
        conn.execute("SET hnsw.iterative_scan = strict_order")
        conn.execute(f"SET hnsw.ef_search = {int(EF_SEARCH)}")


def migration_files() -> list[tuple[int, Path]]:
    """(version, file) for every numbered migration, in order."""
    found = [(int(m.group(1)), p) for p in MIGRATIONS.iterdir() if (m := _FILE.match(p.name))]
    return sorted(found)


def migrate(url: str) -> list[int]:
    """Apply the migrations the database lacks; returns the versions applied now."""
    applied_now = []
    with connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS rag_schema_version "
                         "(version integer PRIMARY KEY, name text NOT NULL, applied timestamptz DEFAULT now())")
            done = {row[0] for row in conn.execute("SELECT version FROM rag_schema_version")}
            for version, path in migration_files():
                if version in done:
                    continue
                with conn.transaction():
                    conn.execute(path.read_text(encoding="utf-8"))
                    conn.execute("INSERT INTO rag_schema_version (version, name) VALUES (%s, %s)",
                                 (version, path.name))
                applied_now.append(version)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
    return applied_now


def _redact(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
