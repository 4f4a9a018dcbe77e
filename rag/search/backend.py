"""Storage backends behind one contract: files (FAISS + bm25s + JSON, the default) and PostgreSQL + pgvector.

The rest of the product asks this module for a searcher and a corpus; only here is it known which engine holds
them. RAG_DATABASE_URL=postgresql://… selects PostgreSQL; anything else stays on files in index_dir.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from rag.config import ConfigError, Settings
from rag.search.embed import Embedder
from rag.search.manifest import Manifest, Status, corpus_file_hashes, stale_reasons
from rag.types import Corpus, Hit, Responsibility, Target


class Searcher(Protocol):
    """What the answer side searches with (rag.search.retrieve.Retriever and pg_search.PgSearcher)."""

    embedder: Embedder
    settings: Settings

    def search(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None) -> list[Hit]: ...

    def search_bm25(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None) -> list[Hit]: ...

    def search_dense(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None) -> list[Hit]: ...


@dataclass(frozen=True)
class Opened:
    """A serving generation: its corpus (clauses and facts), a searcher over it, and its manifest."""

    corpus: Corpus
    searcher: Searcher
    manifest: Manifest
    backend: str
    # PostgreSQL: the Opened of the generation current now (the same object until a build switches rag_current),
    # so a long-running app follows builds made by any process without a restart. None on files.
    latest: Callable[[], Opened] | None = None


class StorageBackend(Protocol):
    """One storage engine: report staleness, build a generation, open the current one."""

    name: str

    def status(self) -> Status: ...

    def build(self, corpus: Corpus, progress: bool = True) -> Manifest: ...

    def open(self, corpus_loader: Callable[[], Corpus], progress: bool = True) -> Opened: ...


class FilesBackend:
    """FAISS + bm25s + JSON generations in settings.index_dir (rag.search.store)."""

    name = "files"

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings, self.embedder = settings, embedder

    def status(self) -> Status:
        from rag.search.store import index_status

        return index_status(self.settings.index_dir, self.settings.corpus_dir, self.embedder.model,
                            self.embedder.runtime)

    def build(self, corpus: Corpus, progress: bool = True) -> Manifest:
        from rag.search.store import build_index

        return build_index(corpus, self.embedder, self.settings.index_dir, progress=progress,
                           corpus_dir=self.settings.corpus_dir)

    def open(self, corpus_loader: Callable[[], Corpus], progress: bool = True) -> Opened:
        from rag.search.retrieve import Retriever
        from rag.search.serving import ensure_index

        store = ensure_index(self.settings, corpus_loader, self.embedder, progress=progress)
        return Opened(store.corpus, Retriever(store, self.embedder, self.settings), store.manifest, self.name)


class PostgresBackend:
    """Plans, clauses, facts, tokens and vectors in PostgreSQL (rag.search.pg_build / pg_search)."""

    name = "postgresql"
    _BUILD_LOCK = 727_000_014  # advisory lock: one build at a time across every replica

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        from rag.search.pg_schema import migrate

        self.settings, self.embedder, self.url = settings, embedder, settings.database_url
        migrate(self.url)

    def status(self) -> Status:
        from rag.search.lexical import DEFAULT_SCHEME
        from rag.search.pg_schema import connect
        from rag.search.pg_search import current_generation

        with connect(self.url, autocommit=True) as conn:
            found = current_generation(conn)
        if found is None:
            return Status("missing", "no generation in the database yet: build it with `rag index build`")
        generation, manifest, _ = found
        reasons = stale_reasons(manifest, corpus_file_hashes(self.settings.corpus_dir), self.embedder.model,
                                self.embedder.runtime, DEFAULT_SCHEME)
        if manifest.dim != self.embedder.dim:
            reasons.append(f"embedding dimension changed: {manifest.dim} → {self.embedder.dim}")
        return Status("stale", "; ".join(reasons)) if reasons else Status("ok", f"generation {generation} is current")

    def build(self, corpus: Corpus, progress: bool = True) -> Manifest:
        from rag.search.pg_build import build_pg
        from rag.search.pg_schema import connect

        with connect(self.url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (self._BUILD_LOCK,))
            try:
                return build_pg(self.url, corpus, self.embedder, self.settings.corpus_dir, progress)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (self._BUILD_LOCK,))

    def open(self, corpus_loader: Callable[[], Corpus], progress: bool = True) -> Opened:
        status = self.status()
        if status.state != "ok":
            self._build_once(corpus_loader, status, progress)
        return self.open_current()

    def _build_once(self, corpus_loader: Callable[[], Corpus], status: Status, progress: bool) -> None:
        """Build unless another replica did while we waited for the lock (several starts, one build)."""
        from rag.search.pg_build import build_pg
        from rag.search.pg_schema import connect

        print(f"building the index in the database ({status.reason})", file=sys.stderr)
        with connect(self.url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (self._BUILD_LOCK,))
            try:
                if self.status().state != "ok":
                    build_pg(self.url, corpus_loader(), self.embedder, self.settings.corpus_dir, progress)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (self._BUILD_LOCK,))

    def open_current(self) -> Opened:
        """Pin the current generation (its corpus and a searcher on a new connection pool); its `latest` follows
        later builds on the same pool."""
        from rag.search.pg_search import open_pool

        return Current(self, open_pool(self.url)).opened

    def pinned(self, pool, latest: Callable[[], Opened] | None = None) -> Opened:
        """The current generation's corpus and a searcher on pool, read in one snapshot."""
        from rag.search.pg_schema import DatabaseError
        from rag.search.pg_search import (
            PgSearcher,
            current_generation,
            load_corpus_from_db,
        )

        with pool.connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")  # corpus and manifest of one snapshot
            found = current_generation(conn)
            if found is None:
                raise DatabaseError("the database holds no index generation; run `rag index build`")
            generation, manifest, stats = found
            corpus = load_corpus_from_db(conn, generation)
        searcher = PgSearcher(pool, generation, manifest, corpus, stats, self.embedder, self.settings)
        return Opened(corpus, searcher, manifest, self.name, latest)

    def facts_for_unit(self, unit: str, plan_ids: Sequence[str] | None = None) -> list[Responsibility]:
        """Every responsibility naming unit (a substring of any unit name), across plans, in one indexed query."""
        from rag.search.pg_facts import facts_for_unit

        return facts_for_unit(self.url, unit, plan_ids)

    def targets_for_indicator(self, indicator: str) -> list[Target]:
        from rag.search.pg_facts import targets_for_indicator

        return targets_for_indicator(self.url, indicator)


class Current:
    """The serving generation of one process: rag_current is read (one primary-key row) at every call, and the
    new generation's corpus loaded once when a build has switched it. Callers keep the Opened they got for a
    whole answer, so no answer mixes generations; the build keeps the generation before, so it stays readable."""

    def __init__(self, backend: PostgresBackend, pool) -> None:
        self.backend, self.pool, self._lock = backend, pool, threading.Lock()
        self.opened = backend.pinned(pool, self)

    def __call__(self) -> Opened:
        from rag.search.pg_schema import DatabaseError
        from rag.search.pg_search import current_generation_id

        try:
            with self.pool.connection() as conn:
                generation = current_generation_id(conn)
        except Exception as exc:  # psycopg.Error and pool timeouts alike: the database is the problem
            raise DatabaseError(f"cannot read the current generation: {type(exc).__name__}: {exc}") from exc
        with self._lock:  # one reload per switch, however many requests see it at once
            if generation is not None and generation != self.opened.searcher.generation:
                self.opened = self.backend.pinned(self.pool, self)
            return self.opened


BACKENDS: dict[str, type] = {"files": FilesBackend, "postgresql": PostgresBackend}


def backend_name(settings: Settings) -> str:
    """"postgresql" for a postgresql:// database URL, "files" when none is set; ConfigError otherwise."""
    url = settings.database_url.strip()
    if not url:
        return "files"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql"
    raise ConfigError(f"RAG_DATABASE_URL must start with postgresql:// (backends: {', '.join(BACKENDS)}), "
                      f"not {url.split(':', 1)[0]!r}")


def get_backend(settings: Settings, embedder: Embedder) -> StorageBackend:
    """The storage backend the settings select."""
    return BACKENDS[backend_name(settings)](settings, embedder)


def open_search(settings: Settings, corpus_loader: Callable[[], Corpus], embedder: Embedder,
                progress: bool = False) -> Opened:
    """Open the configured backend's current generation, building it first when missing or stale."""
    return get_backend(settings, embedder).open(corpus_loader, progress)


def stored_corpus(settings: Settings) -> Corpus | None:
    """The serving generation's corpus when a database is configured (what `rag facts` and browse read), else
    None: the files backend's callers parse corpus/ themselves."""
    if backend_name(settings) == "files":
        return None
    from rag.search.pg_schema import DatabaseError, connect, migrate
    from rag.search.pg_search import current_generation, load_corpus_from_db

    migrate(settings.database_url)
    with connect(settings.database_url, autocommit=True) as conn, conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        found = current_generation(conn)
        if found is None:
            raise DatabaseError("the database holds no index generation yet: run `rag index build`")
        return load_corpus_from_db(conn, found[0])


def responsibilities_of_unit(settings: Settings, unit: str, plan_ids: Sequence[str] | None = None,
                             corpus: Corpus | None = None) -> list[Responsibility]:
    """Responsibilities naming unit in any role across plans: one indexed SQL query on PostgreSQL, a scan of
    the given corpus on files."""
    if backend_name(settings) == "postgresql":
        from rag.search.pg_facts import facts_for_unit

        return facts_for_unit(settings.database_url, unit, plan_ids)
    notes = corpus.responsibilities if corpus else ()
    return [note for note in notes if (not plan_ids or note.plan_id in plan_ids) and any(
        unit in u.name for u in (*note.lead_units, *note.cooperating_units, *note.implementing_units))]
