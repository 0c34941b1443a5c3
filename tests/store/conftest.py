"""Store fixtures: one throwaway PostgreSQL server per session, a fresh store per test.

The server (``pgserver.py``, shared with ``bench/placement.py``) listens on loopback only,
on a free port. Without the binaries the PostgreSQL rows are skipped, except under CI
(``CI=true``), where they must run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgserver import ServerUnavailable, throwaway_server

BACKENDS = ("sqlite", "postgresql")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this session (database ``postgres``)."""
    try:
        with throwaway_server() as url:
            yield url
    except ServerUnavailable as e:  # raised before the server starts, never after yield
        if _in_ci():
            pytest.fail(f"{e}; CI must run the PostgreSQL store tests")
        pytest.skip(str(e))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store: an SQLite file, or a fresh schema on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'recoupe.db'}"
    import psycopg

    server = request.getfixturevalue("postgres_server")
    schema = "t_" + uuid.uuid4().hex[:12]
    dsn = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{server}?options=-csearch_path%3D{schema}"


@pytest.fixture
def store(store_url: str):
    """An opened, migrated, empty store on each backend."""
    from recoupe.store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()
