"""Open a store from a URL: create the engine, set SQLite up for safe writes, migrate."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

from recoupe.errors import StoreError

from .migrations import migrate
from .sql import WRITE_OPTION, SqlStore

DEFAULT_URL = "sqlite:///recoupe.db"


def open_store(url: str | None = None, *, create: bool = True) -> SqlStore:
    """Open the store at ``url`` (default ``recoupe.db`` here) and apply pending migrations.

    ``url`` is an SQLAlchemy URL (``sqlite:///path.db``, ``postgresql+psycopg://user@host/db``;
    plain ``postgresql://`` uses psycopg) or a file path, taken as SQLite. A PostgreSQL
    password comes from the environment (``PGPASSWORD`` or ``~/.pgpass``), not the URL.
    Without ``create``, an SQLite file that does not exist is an error, not a new store
    (a mistyped path given to a command that only reads).
    """
    text = normalise_url(url)
    try:
        parsed = make_url(text)
    except ArgumentError as e:
        raise StoreError(f"not a database URL: {text!r}") from e
    database = parsed.database or ""
    sqlite_file = parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
    if sqlite_file and not create and not Path(database).exists():
        raise StoreError(
            f"no store at {database}: `recoupe ingest PATH... --db {database}` creates one"
        )
    read_only = sqlite_file and Path(database).exists() and not _writable(Path(database))
    if read_only and create:  # the one command that creates is the one that writes
        raise StoreError(f"the store {database} is read-only: nothing can be added to it")
    shown = parsed.render_as_string(hide_password=True)
    for attempt in _read_only_urls(database) if read_only else (parsed,):
        try:
            engine = _engine(attempt, read_only=read_only)
        except _RetryImmutable:
            continue
        return SqlStore(engine, url=shown)
    raise StoreError(f"cannot open the store {shown}: read-only, and its journal cannot be read")


class _RetryImmutable(Exception):
    """A read-only SQLite file whose write-ahead log cannot be opened without writing."""


def _engine(parsed: URL, *, read_only: bool) -> Engine:
    """An engine on ``parsed``, its database migrated (only checked when read-only)."""
    try:
        engine = create_engine(parsed, **_engine_options(parsed.get_backend_name()))
    except NoSuchModuleError as e:
        raise StoreError(
            f"no driver for {parsed.drivername!r}; use sqlite:///FILE or"
            " postgresql+psycopg://... (pip install 'psycopg[binary]')"
        ) from e
    except ImportError as e:
        raise StoreError(f"the driver for {parsed.drivername!r} is not installed: {e}") from e
    if parsed.get_backend_name() == "sqlite":
        _make_sqlite_transactional(engine, read_only=read_only)
    name = parsed.render_as_string()
    try:
        migrate(engine, read_only=read_only)
    except OperationalError as e:
        engine.dispose()
        if read_only and parsed.query.get("mode") == "ro" and _needs_index(e):
            raise _RetryImmutable from e
        raise StoreError(f"cannot open the store {name}: {e.orig}") from e
    except DatabaseError as e:  # "file is not a database": another file, or a damaged one
        engine.dispose()
        raise StoreError(f"{name} is not a recoupe store, or it is damaged: {e.orig}") from e
    except StoreError:
        engine.dispose()
        raise
    return engine


def _needs_index(error: OperationalError) -> bool:
    """Whether SQLite could not read a write-ahead log without creating its index."""
    return any(m in str(error.orig) for m in ("unable to open", "readonly database"))


def _writable(path: Path) -> bool:
    """Whether this process may write the SQLite file ``path`` (a separate function so
    that tests can stand for a read-only file where root may write anything)."""
    return os.access(path, os.W_OK)


def _read_only_urls(database: str) -> tuple[URL, URL]:
    """Two ways to read an SQLite file without writing: read-only, which needs its
    write-ahead log's index (beside it, or creatable there), then immutable, for a file
    in a folder nobody may write either (nobody can be writing it)."""
    uri = "file:" + quote(str(Path(database).resolve()))
    return (
        make_url(f"sqlite:///{uri}?mode=ro&uri=true"),
        make_url(f"sqlite:///{uri}?immutable=1&uri=true"),
    )


def normalise_url(url: str | None) -> str:
    """The SQLAlchemy URL for ``url``: None is the default, a bare path is an SQLite file."""
    if url is None:
        return DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _engine_options(backend: str) -> dict[str, Any]:
    if backend == "postgresql":
        return {"pool_pre_ping": True}
    return {}


def _make_sqlite_transactional(engine: Any, *, read_only: bool = False) -> None:
    # pysqlite opens transactions lazily and not around DDL; hand BEGIN to SQLAlchemy so
    # that every transaction (migrations included) is real. (SQLAlchemy's documented recipe.)
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if not read_only:  # (setting the journal mode writes the file's header)
            # WAL: readers do not block the ingest, and a killed writer loses only its open
            # transaction. (An in-memory database answers "memory" and stays as it is.)
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A write transaction (SqlStore.transaction) is IMMEDIATE: it takes the write lock
        # when it starts (waiting up to the busy timeout for another writer), so that what
        # it reads stays true until it writes, and two ingests at once take turns instead
        # of failing ("database is locked" when a read snapshot goes stale, a duplicate
        # placement). Reads begin deferred and never wait for a writer.
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
