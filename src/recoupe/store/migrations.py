"""Named, ordered, transactional schema migrations.

Each migration runs in its own transaction together with the row that records it in
``migrations``, so a crash leaves it either applied and recorded or not at all (DDL is
transactional in SQLite and PostgreSQL). A released migration never changes: a later
change to a table is a new migration, and an older migration that created the table then
keeps its own copy of the old definition instead of the one in ``schema.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Connection, Engine, insert, select

from recoupe.errors import StoreError

from . import schema


def _articles_and_analyses(conn: Connection) -> None:
    schema.articles.create(conn)
    schema.analyses.create(conn)


def _stories(conn: Connection) -> None:
    for table in (
        schema.threads,
        schema.thread_keys,
        schema.story_members,
        schema.stories,
        schema.key_stats,
        schema.counters,
    ):
        table.create(conn)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_articles_and_analyses", _articles_and_analyses),
    ("0002_stories", _stories),
)


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations ``engine``'s database lacks, in order; return their names."""
    with engine.begin() as conn:
        schema.migrations.create(conn, checkfirst=True)
    with engine.connect() as conn:
        applied = set(conn.scalars(select(schema.migrations.c.name)))
    unknown = applied - {name for name, _ in MIGRATIONS}
    if unknown:
        raise StoreError(
            f"the store has migrations this recoupe does not know ({', '.join(sorted(unknown))});"
            " it was written by a newer version: upgrade recoupe"
        )
    done = []
    for position, (name, apply) in enumerate(MIGRATIONS, start=1):
        if name in applied:
            continue
        with engine.begin() as conn:
            apply(conn)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                insert(schema.migrations).values(name=name, position=position, applied_at=now)
            )
        done.append(name)
    return done
