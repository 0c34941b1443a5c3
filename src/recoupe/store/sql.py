"""The store on SQLAlchemy Core: SQLite (the reference) and PostgreSQL, one code path.

Writes are idempotent (``INSERT ... ON CONFLICT DO NOTHING`` in both dialects) and
grouped by the caller in ``transaction()``: an article, its analysis and its story
placement commit together or not at all, so a process killed at any point leaves no
half-written record and a re-run picks up where it stopped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, inspect, select, text, tuple_
from sqlalchemy.exc import DBAPIError

from recoupe import codec
from recoupe.errors import StoreError
from recoupe.model import Analysis, Article, Story
from recoupe.stories import Member, Placement, ThreadProfile

from . import schema, story_tables
from .dialect import Dialect
from .info import StoreInfo
from .migrations import MIGRATIONS, failure_of

# Keys per statement: well under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500


# A write transaction holds the store's write lock from its start: on SQLite it begins
# IMMEDIATE (open.py reads this execution option), on PostgreSQL it takes this advisory
# lock ("recoupe" on a phone keypad). Reads take neither.
WRITE_OPTION = "recoupe_write"
WRITER_LOCK = 7326873


class SqlStore:
    """A store in one SQL database; see ``recoupe.store.Store`` for the contract."""

    def __init__(self, engine: Engine, *, url: str) -> None:
        self._engine = engine
        self._url = url
        self._dialect = Dialect(engine.dialect.name)
        self._conn: Connection | None = None
        # Key frequencies of the placements of the open transaction, written at its end:
        # one upsert per distinct key and batch rather than per article (see key_stats).
        self._pending: Counter[str] = Counter()
        self._pending_documents = 0

    # ------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group the writes made inside into one transaction (nested calls join it).

        It holds the store's write lock from its start (see ``WRITE_OPTION``), so two
        processes writing one store take turns.
        """
        if self._conn is not None:
            yield
            return
        with self._write_errors(), self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if self._dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
                self._conn = conn
                try:
                    yield
                    self._flush(conn)
                finally:
                    self._conn = None
                    self._pending.clear()
                    self._pending_documents = 0

    @contextmanager
    def _write_errors(self) -> Iterator[None]:
        """A database error while writing (a full disk, a read-only file, a lock held too
        long) as one line naming the store: the driver's message, never the statement's
        parameters (they hold article text)."""
        try:
            yield
        except DBAPIError as e:
            raise StoreError(f"cannot write to the store {self._url}: {e.orig}") from None

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        if self._conn is not None:
            yield self._conn
            return
        with self._engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in one read transaction, for read-only queries the ``Store``
        protocol does not cover (the web view's lists and searches over ``schema``)."""
        with self._connect() as conn:
            yield conn

    def close(self) -> None:
        """Release the connections."""
        self._engine.dispose()

    # ------------------------------------------------------------ articles

    def put_articles(self, articles: Iterable[Article]) -> list[str]:
        """Add articles not stored yet; return the ids added, in input order."""
        batch = list({a.id: a for a in articles}.values())
        if not batch:
            return []
        with self._connect() as conn:
            known = self._existing(conn, schema.articles.c.id, [a.id for a in batch])
            fresh = [a for a in batch if a.id not in known]
            if not fresh:
                return []
            start = conn.scalar(select(func.coalesce(func.max(schema.articles.c.seq), 0))) or 0
            rows = [
                {
                    "id": a.id,
                    "seq": start + i,
                    "source": a.source,
                    "published": a.published,
                    "language": a.language,
                    "outlet": a.outlet,
                    "payload": codec.dumps(a),
                }
                for i, a in enumerate(fresh, start=1)
            ]
            conn.execute(self._dialect.insert_ignore(schema.articles), rows)
        return [a.id for a in fresh]

    def has_articles(self, ids: Sequence[str]) -> set[str]:
        """The ids among ``ids`` that are stored."""
        with self._connect() as conn:
            return self._existing(conn, schema.articles.c.id, ids)

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``ids``, in the order given."""
        with self._connect() as conn:
            found = self._payloads(conn, schema.articles, schema.articles.c.id, ids)
        return [codec.loads(Article, found[i]) for i in ids if i in found]

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article, in order of arrival, read in batches."""
        table, last = schema.articles, 0
        while True:
            with self._connect() as conn:
                rows = conn.execute(
                    select(table.c.seq, table.c.payload)
                    .where(table.c.seq > last)
                    .order_by(table.c.seq)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            for row in rows:
                yield codec.loads(Article, row.payload)
            last = rows[-1].seq

    # ------------------------------------------------------------ analyses

    def has_analysis(self, article_id: str, pipeline: str) -> bool:
        """Whether ``article_id`` has an analysis by ``pipeline``."""
        return not self.missing_analyses([article_id], pipeline)

    def missing_analyses(self, ids: Sequence[str], pipeline: str) -> list[str]:
        """The ids among ``ids`` with no analysis by ``pipeline``, in the order given."""
        table = schema.analyses
        with self._connect() as conn:
            done: set[str] = set()
            for chunk in _chunks(list(ids)):
                done.update(
                    conn.scalars(
                        select(table.c.article_id).where(
                            table.c.pipeline == pipeline, table.c.article_id.in_(chunk)
                        )
                    )
                )
        return [i for i in ids if i not in done]

    def put_analyses(self, analyses: Iterable[Analysis]) -> int:
        """Store analyses (one per article and pipeline; a second one is ignored unless
        the stored one failed: a failed analysis gives way to the next one)."""
        table = schema.analyses
        rows = [
            {
                "article_id": a.article_id,
                "pipeline": a.pipeline,
                "payload": codec.dumps(a),
                "failed": failure_of(a),
            }
            for a in analyses
        ]
        if rows:
            with self._connect() as conn:
                for chunk in _chunks([(r["article_id"], r["pipeline"]) for r in rows]):
                    conn.execute(
                        delete(table).where(
                            table.c.failed.is_not(None),
                            tuple_(table.c.article_id, table.c.pipeline).in_(chunk),
                        )
                    )
                conn.execute(self._dialect.insert_ignore(table), rows)
        return len(rows)

    def analysis_status(self, ids: Sequence[str]) -> dict[str, dict[str, str | None]]:
        """For each article among ``ids`` with an analysis: pipeline -> why it failed
        (None when it did not)."""
        table = schema.analyses
        found: dict[str, dict[str, str | None]] = {}
        with self._connect() as conn:
            for chunk in _chunks(list(ids)):
                query = select(table.c.article_id, table.c.pipeline, table.c.failed).where(
                    table.c.article_id.in_(chunk)
                )
                for row in conn.execute(query):
                    found.setdefault(row.article_id, {})[row.pipeline] = row.failed
        return found

    def get_analyses(self, ids: Sequence[str], pipeline: str) -> dict[str, Analysis]:
        """The analyses by ``pipeline`` of the articles among ``ids`` that have one."""
        table = schema.analyses
        found: dict[str, Analysis] = {}
        with self._connect() as conn:
            for chunk in _chunks(list(ids)):
                query = select(table.c.article_id, table.c.payload).where(
                    table.c.pipeline == pipeline, table.c.article_id.in_(chunk)
                )
                for row in conn.execute(query):
                    found[row.article_id] = codec.loads(Analysis, row.payload)
        return found

    # ------------------------------------------------------------ sentence vectors

    def put_vectors(self, vectors: dict[str, bytes]) -> int:
        """Store sentence vectors by key (a key stored already keeps its vector)."""
        table = schema.sentence_vectors
        rows = [{"key": key, "vector": vector} for key, vector in vectors.items()]
        if rows:
            with self._connect() as conn:
                conn.execute(self._dialect.insert_ignore(table), rows)
        return len(rows)

    def get_vectors(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors among ``keys``."""
        table = schema.sentence_vectors
        found: dict[str, bytes] = {}
        with self._connect() as conn:
            for chunk in _chunks(list(dict.fromkeys(keys))):
                query = select(table.c.key, table.c.vector).where(table.c.key.in_(chunk))
                for row in conn.execute(query):
                    found[row.key] = bytes(row.vector)
        return found

    # ------------------------------------------------------------ stories

    def resolve_story(self, story_id: str) -> str | None:
        """The story now holding the article that opened ``story_id`` (None when unknown)."""
        with self._connect() as conn:
            return story_tables.resolve_story(conn, story_id)

    def get_story(self, story_id: str) -> Story | None:
        """The story ``story_id`` (following merges), or None."""
        with self._connect() as conn:
            live = story_tables.resolve_story(conn, story_id)
            if live is None:
                return None
            return next(story_tables.load_stories(conn, [live]), None)

    def iter_stories(self) -> Iterator[Story]:
        """Every live story, in order of its first article."""
        with self._connect() as conn:
            stories = list(story_tables.load_stories(conn))
        yield from stories

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story of each placed article among ``article_ids``."""
        table = schema.story_members
        found: dict[str, str] = {}
        with self._connect() as conn:
            for chunk in _chunks(list(article_ids)):
                query = select(table.c.article_id, table.c.story_id).where(
                    table.c.article_id.in_(chunk)
                )
                found.update({row.article_id: row.story_id for row in conn.execute(query)})
        return found

    # ------------------------------------------------------------ story index backend

    def key_stats(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The number of articles placed and the document frequency of each known key."""
        table = schema.key_stats
        wanted = sorted(set(keys))
        with self._connect() as conn:
            documents = conn.scalar(
                select(schema.counters.c.value).where(schema.counters.c.name == "documents")
            )
            query = select(table.c.key, table.c.df).where(self._dialect.among(table.c.key, wanted))
            freqs = {row.key: row.df for row in conn.execute(query)}
        for key in wanted:
            if key in self._pending:
                freqs[key] = freqs.get(key, 0) + self._pending[key]
        return (documents or 0) + self._pending_documents, freqs

    def find_threads(
        self, keys: Sequence[str], *, start: dt.date | None, end: dt.date | None, limit: int
    ) -> list[str]:
        """Live threads indexed under any of ``keys`` within the window, most shared first."""
        with self._connect() as conn:
            return story_tables.find_threads(
                conn, self._dialect, keys, start=start, end=end, limit=limit
            )

    def get_threads(self, ids: Sequence[str]) -> list[ThreadProfile]:
        """The profiles of the live threads ``ids``, in the order given."""
        with self._connect() as conn:
            return story_tables.get_threads(conn, ids)

    def get_members(self, thread_ids: Sequence[str], *, limit: int) -> list[Member]:
        """The latest ``limit`` articles of these threads, in order of placement."""
        with self._connect() as conn:
            return story_tables.get_members(conn, thread_ids, limit=limit)

    def save_placement(self, placement: Placement) -> None:
        """Record one placement: member, stories redrawn, thread, keys, merges, frequencies."""
        self._pending.update(set(placement.counted))
        self._pending_documents += 1
        with self._connect() as conn:
            story_tables.save_placement(conn, self._dialect, placement)
            if self._conn is None:
                self._flush(conn)

    def _flush(self, conn: Connection) -> None:
        if self._pending_documents:
            statement = self._dialect.upsert_add(schema.counters, "name", "value")
            conn.execute(statement, [{"name": "documents", "value": self._pending_documents}])
        if self._pending:
            rows = [{"key": key, "df": n} for key, n in sorted(self._pending.items())]
            conn.execute(*self._dialect.upsert_add_many(schema.key_stats, "key", "df", rows))
        self._pending.clear()
        self._pending_documents = 0

    # ------------------------------------------------------------ info

    def info(self) -> StoreInfo:
        """The schema, applied migrations, row counts and pipeline versions of the store."""
        with self._engine.connect() as conn:
            inspector = inspect(conn)
            tables = {
                name: tuple(col["name"] for col in inspector.get_columns(name))
                for name in sorted(inspector.get_table_names())
            }
            applied = tuple(
                (row.name, row.applied_at)
                for row in conn.execute(
                    select(schema.migrations.c.name, schema.migrations.c.applied_at).order_by(
                        schema.migrations.c.position
                    )
                )
            )
            counts = {
                name: conn.scalar(select(func.count()).select_from(table)) or 0
                for name, table in schema.metadata.tables.items()
                if name in tables
            }
            live = conn.scalar(select(func.count(func.distinct(schema.story_members.c.story_id))))
            pipelines, failed = self._analysis_counts(conn)
            failed_articles = self._failed_articles(conn)
        return StoreInfo(
            url=self._url,
            dialect=self._engine.dialect.name,
            tables=tables,
            migrations=applied,
            pending=tuple(name for name, _ in MIGRATIONS if name not in dict(applied)),
            counts=counts,
            stories=live or 0,
            pipelines=pipelines,
            failed=failed,
            failed_articles=failed_articles,
        )

    @staticmethod
    def _analysis_counts(conn: Connection) -> tuple[dict[str, int], dict[str, int]]:
        """Analyses stored and analyses failed, per pipeline."""
        table = schema.analyses
        query = (
            select(
                table.c.pipeline,
                func.count().label("n"),
                func.count(table.c.failed).label("failed"),
            )
            .group_by(table.c.pipeline)
            .order_by(table.c.pipeline)
        )
        rows = conn.execute(query).all()
        return {r.pipeline: r.n for r in rows}, {r.pipeline: r.failed for r in rows if r.failed}

    @staticmethod
    def _failed_articles(conn: Connection) -> int:
        """Articles whose analysis failed by every pipeline that tried."""
        table = schema.analyses
        analysed = select(table.c.article_id).where(table.c.failed.is_(None))
        query = select(func.count(func.distinct(table.c.article_id))).where(
            table.c.failed.is_not(None), table.c.article_id.not_in(analysed)
        )
        return conn.scalar(query) or 0

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _existing(conn: Connection, column: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            found.update(conn.scalars(select(column).where(column.in_(chunk))))
        return found

    @staticmethod
    def _payloads(conn: Connection, table: Any, column: Any, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            query = select(column, table.c.payload).where(column.in_(chunk))
            found.update({row[0]: row[1] for row in conn.execute(query)})
        return found


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]
