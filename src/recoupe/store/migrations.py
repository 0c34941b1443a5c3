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

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    text,
    update,
)

from recoupe import codec
from recoupe.errors import StoreError
from recoupe.model import Analysis

from . import schema

# The analyses table as 0001 made it (0003 adds a column).
_ANALYSES_0001 = Table(
    "analyses",
    MetaData(),
    Column("article_id", String(100), primary_key=True),
    Column("pipeline", String(200), primary_key=True),
    Column("payload", Text, nullable=False),
)


def _articles_and_analyses(conn: Connection) -> None:
    schema.articles.create(conn)
    _ANALYSES_0001.create(conn)


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


def _analysis_failures(conn: Connection) -> None:
    # The column as schema.py has it, added to the table 0001 made; analyses stored
    # before it are marked from their payload's note.
    conn.execute(text("ALTER TABLE analyses ADD COLUMN failed TEXT"))
    table = schema.analyses
    query = select(table.c.article_id, table.c.pipeline, table.c.payload).where(
        table.c.payload.like('%"analysis_failed"%')
    )
    for row in conn.execute(query).all():
        reason = failure_of(codec.loads(Analysis, row.payload))
        if reason is not None:
            conn.execute(
                update(table)
                .where(table.c.article_id == row.article_id, table.c.pipeline == row.pipeline)
                .values(failed=reason)
            )


def _sentence_vectors(conn: Connection) -> None:
    schema.sentence_vectors.create(conn)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_articles_and_analyses", _articles_and_analyses),
    ("0002_stories", _stories),
    ("0003_analysis_failures", _analysis_failures),
    ("0004_sentence_vectors", _sentence_vectors),
)


def failure_of(analysis: Analysis) -> str | None:
    """Why ``analysis`` failed (its ``analysis_failed`` note), or None."""
    for note in analysis.notes:
        if note.code == "analysis_failed":
            return note.detail or "analysis failed"
    return None


def migrate(engine: Engine, *, read_only: bool = False) -> list[str]:
    """Apply the migrations ``engine``'s database lacks, in order; return their names.

    A ``read_only`` database is only checked: one that lacks a migration cannot be read.
    """
    if not read_only:
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
    missing = [name for name, _ in MIGRATIONS if name not in applied]
    if read_only and missing:
        raise StoreError(
            f"the store is read-only and was written by an older recoupe ({missing[0]} is"
            " not applied): open it once where it can be written, any command upgrades it"
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
