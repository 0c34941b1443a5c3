"""The store on SQLAlchemy Core: SQLite (the reference) and PostgreSQL, one code path.

Writes are idempotent (``INSERT ... ON CONFLICT DO NOTHING`` in both dialects) and
grouped by the caller in ``transaction()``: an article, its analysis and its story
placement commit together or not at all, so a process killed at any point leaves no
half-written record and a re-run picks up where it stopped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
from sqlalchemy import (
    Connection,
    Engine,
    Text,
    any_,
    bindparam,
    delete,
    func,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from recoupe import codec
from recoupe.model import Analysis, Article, Story
from recoupe.stories import Placement, StoryProfile

from . import schema
from .info import StoreInfo
from .migrations import MIGRATIONS

_PROFILE_FIELDS = tuple(f.name for f in dataclasses.fields(StoryProfile))
_PROFILE_TUPLES = ("outlets", "languages", "merged")

# Keys per statement: well under SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500


class SqlStore:
    """A store in one SQL database; see ``recoupe.store.Store`` for the contract."""

    def __init__(self, engine: Engine, *, url: str) -> None:
        self._engine = engine
        self._url = url
        self._conn: Connection | None = None
        # Key frequencies of the placements of the open transaction, written at its end:
        # one upsert per distinct key and batch rather than per article (see key_stats).
        self._pending: Counter[str] = Counter()
        self._pending_documents = 0

    # ------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group the writes made inside into one transaction (nested calls join it)."""
        if self._conn is not None:
            yield
            return
        with self._engine.begin() as conn:
            self._conn = conn
            try:
                yield
                self._flush(conn)
            finally:
                self._conn = None
                self._pending.clear()
                self._pending_documents = 0

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        if self._conn is not None:
            yield self._conn
            return
        with self._engine.begin() as conn:
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
            start = conn.scalar(select(func.coalesce(func.max(schema.articles.c.seq), 0)))
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
            conn.execute(self._insert_ignore(schema.articles), rows)
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
        """Store analyses (one per article and pipeline; a second one is ignored)."""
        rows = [
            {"article_id": a.article_id, "pipeline": a.pipeline, "payload": codec.dumps(a)}
            for a in analyses
        ]
        if rows:
            with self._connect() as conn:
                conn.execute(self._insert_ignore(schema.analyses), rows)
        return len(rows)

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

    # ------------------------------------------------------------ stories

    def resolve_story(self, story_id: str) -> str | None:
        """The live id of ``story_id``: itself, the story it was merged into, or None."""
        table = schema.stories
        with self._connect() as conn:
            row = conn.execute(
                select(table.c.id, table.c.merged_into).where(table.c.id == story_id)
            ).first()
        if row is None:
            return None
        return row.merged_into or row.id

    def get_story(self, story_id: str) -> Story | None:
        """The story ``story_id`` (following merges), or None."""
        live = self.resolve_story(story_id)
        if live is None:
            return None
        return next(self._stories([live]), None)

    def iter_stories(self) -> Iterator[Story]:
        """Every live story, in order of creation."""
        table = schema.stories
        with self._connect() as conn:
            ids = list(
                conn.scalars(
                    select(table.c.id).where(table.c.merged_into.is_(None)).order_by(table.c.seq)
                )
            )
        for chunk in _chunks(ids):
            yield from self._stories(chunk)

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

    def _stories(self, ids: Sequence[str]) -> Iterator[Story]:
        stories, members = schema.stories, schema.story_members
        with self._connect() as conn:
            rows = conn.execute(
                select(stories.c.id, stories.c.profile).where(stories.c.id.in_(ids))
            ).all()
            listed: dict[str, list[str]] = {sid: [] for sid in ids}
            query = (
                select(members.c.story_id, members.c.article_id)
                .where(members.c.story_id.in_(ids))
                .order_by(members.c.seq)
            )
            for row in conn.execute(query):
                listed[row.story_id].append(row.article_id)
        profiles = {row.id: _load_profile(row.profile, None) for row in rows}
        for sid in ids:
            profile = profiles.get(sid)
            if profile is not None:
                yield Story(
                    id=sid,
                    title=profile.title,
                    articles=tuple(listed[sid]),
                    outlets=tuple(sorted(profile.outlets)),
                    first=profile.first,
                    last=profile.last,
                    merged=profile.merged,
                )

    # ------------------------------------------------------------ story index backend

    def key_stats(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The number of articles placed and the document frequency of each known key."""
        table = schema.key_stats
        wanted = sorted(set(keys))
        with self._connect() as conn:
            documents = conn.scalar(
                select(schema.counters.c.value).where(schema.counters.c.name == "documents")
            )
            query = select(table.c.key, table.c.df).where(self._among(table.c.key, wanted))
            freqs = {row.key: row.df for row in conn.execute(query)}
        for key in wanted:
            if key in self._pending:
                freqs[key] = freqs.get(key, 0) + self._pending[key]
        return (documents or 0) + self._pending_documents, freqs

    def find_stories(
        self, keys: Sequence[str], *, start: dt.date | None, end: dt.date | None, limit: int
    ) -> list[str]:
        """Live stories indexed under any of ``keys`` within the window, most shared first."""
        if not keys:
            return []
        k, s = schema.story_keys, schema.stories
        shared = func.count().label("shared")
        query = (
            select(k.c.story_id, shared)
            .join(s, s.c.id == k.c.story_id)
            .where(self._among(k.c.key, sorted(set(keys))), s.c.merged_into.is_(None))
        )
        if start is not None:
            query = query.where(or_(s.c.last_date.is_(None), s.c.last_date >= start))
        if end is not None:
            query = query.where(or_(s.c.first_date.is_(None), s.c.first_date <= end))
        query = query.group_by(k.c.story_id, s.c.seq).order_by(shared.desc(), s.c.seq).limit(limit)
        with self._connect() as conn:
            return [row.story_id for row in conn.execute(query)]

    def get_profiles(self, ids: Sequence[str]) -> list[StoryProfile]:
        """The profiles of the live stories ``ids``, in the order given."""
        if not ids:
            return []
        table = schema.stories
        with self._connect() as conn:
            rows = conn.execute(
                select(table.c.id, table.c.profile, table.c.embedding).where(
                    table.c.id.in_(list(ids)), table.c.merged_into.is_(None)
                )
            ).all()
        found = {row.id: _load_profile(row.profile, row.embedding) for row in rows}
        return [found[i] for i in ids if i in found]

    def save_placement(self, placement: Placement) -> None:
        """Record one placement: member row, story profile, index keys, merges, frequencies."""
        sid, profile = placement.story_id, placement.profile
        self._pending.update(set(placement.counted))
        self._pending_documents += 1
        with self._connect() as conn:
            values = {
                "seq": profile.seq,
                "size": profile.size,
                "title": profile.title,
                "first_date": profile.first,
                "last_date": profile.last,
                "profile": _dump_profile(profile),
                "embedding": _pack(profile.embedding),
            }
            if placement.opened:
                conn.execute(schema.stories.insert().values(id=sid, **values))
            else:
                conn.execute(
                    schema.stories.update().where(schema.stories.c.id == sid).values(values)
                )
            for gone in placement.absorbed:
                self._absorb(conn, gone, into=sid)
            conn.execute(
                self._insert_ignore(schema.story_members),
                [
                    {
                        "article_id": placement.article_id,
                        "story_id": sid,
                        "seq": placement.seq,
                        "score": placement.score,
                        "reason": placement.reason,
                    }
                ],
            )
            if placement.keys:
                conn.execute(
                    self._insert_ignore(schema.story_keys),
                    [{"key": key, "story_id": sid} for key in sorted(set(placement.keys))],
                )
            if self._conn is None:
                self._flush(conn)

    def _absorb(self, conn: Connection, gone: str, *, into: str) -> None:
        stories, keys = schema.stories, schema.story_keys
        conn.execute(
            update(stories)
            .where(or_(stories.c.id == gone, stories.c.merged_into == gone))
            .values(merged_into=into)
        )
        conn.execute(
            update(stories).where(stories.c.id == gone).values(profile=None, embedding=None, size=0)
        )
        conn.execute(
            update(schema.story_members)
            .where(schema.story_members.c.story_id == gone)
            .values(story_id=into)
        )
        gone_keys = list(conn.scalars(select(keys.c.key).where(keys.c.story_id == gone)))
        for chunk in _chunks(gone_keys):
            conn.execute(
                self._insert_ignore(keys), [{"key": key, "story_id": into} for key in chunk]
            )
        conn.execute(delete(keys).where(keys.c.story_id == gone))

    def _flush(self, conn: Connection) -> None:
        if self._pending_documents:
            statement = self._upsert_add(schema.counters, "name", "value")
            conn.execute(statement, [{"name": "documents", "value": self._pending_documents}])
        if self._pending:
            statement = self._upsert_add(schema.key_stats, "key", "df")
            rows = [{"key": key, "df": n} for key, n in sorted(self._pending.items())]
            conn.execute(statement, rows)
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
            live = conn.scalar(
                select(func.count())
                .select_from(schema.stories)
                .where(schema.stories.c.merged_into.is_(None))
            )
            pipelines = {
                row.pipeline: row.n
                for row in conn.execute(
                    select(schema.analyses.c.pipeline, func.count().label("n"))
                    .group_by(schema.analyses.c.pipeline)
                    .order_by(schema.analyses.c.pipeline)
                )
            }
        return StoreInfo(
            url=self._url,
            dialect=self._engine.dialect.name,
            tables=tables,
            migrations=applied,
            pending=tuple(name for name, _ in MIGRATIONS if name not in dict(applied)),
            counts=counts,
            stories=live or 0,
            pipelines=pipelines,
        )

    # ------------------------------------------------------------ helpers

    def _among(self, column: Any, values: list[str]) -> Any:
        # One array parameter instead of one per value: placement looks up a few hundred
        # keys per article, and expanding them costs more than the query itself.
        if self._engine.dialect.name == "postgresql":
            return column == any_(bindparam("among", values, type_=postgresql.ARRAY(Text)))
        each = func.json_each(bindparam("among", json.dumps(values))).table_valued("value")
        return column.in_(select(each.c.value))

    def _insert_ignore(self, table: Any) -> Any:
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()

    def _upsert_add(self, table: Any, key: str, column: str) -> Any:
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(table)
        return statement.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={column: table.c[column] + statement.excluded[column]},
        )

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


def _dump_profile(profile: StoryProfile) -> str:
    """The profile as ``codec.dumps`` writes it, embedding left out (it has its own column).

    Written and read here without the codec's generic walk: profiles are read on every
    placement, and the walk over a few hundred weights would be most of its time. A test
    holds both to the same JSON.
    """
    plain = {name: getattr(profile, name) for name in _PROFILE_FIELDS}
    plain["first"] = profile.first.isoformat() if profile.first else None
    plain["last"] = profile.last.isoformat() if profile.last else None
    for name in _PROFILE_TUPLES:
        plain[name] = list(plain[name])
    plain["embedding"] = []
    return json.dumps(plain, ensure_ascii=False)


def _load_profile(text: str, embedding: bytes | None) -> StoryProfile:
    plain = json.loads(text)
    plain["first"] = dt.date.fromisoformat(plain["first"]) if plain["first"] else None
    plain["last"] = dt.date.fromisoformat(plain["last"]) if plain["last"] else None
    for name in _PROFILE_TUPLES:
        plain[name] = tuple(plain[name])
    plain["embedding"] = ()
    if embedding:
        plain["embedding"] = tuple(np.frombuffer(embedding, dtype=np.float32).tolist())
    return StoryProfile(**plain)


def _pack(embedding: tuple[float, ...]) -> bytes | None:
    if not embedding:
        return None
    return np.asarray(embedding, dtype=np.float32).tobytes()
