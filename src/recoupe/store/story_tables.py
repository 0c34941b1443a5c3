"""Threads, members and stories in SQL: the story index backend and the story queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, delete, func, or_, select, update

from recoupe.model import Story
from recoupe.stories import Member, Placement, ThreadProfile, story_id, to_story, window_range

from . import schema
from .dialect import Dialect
from .rows import dump_profile, load_member, load_profile, member_row, pack

_MEMBER_VIEW = (
    schema.story_members.c.article_id,
    schema.story_members.c.seq,
    schema.story_members.c.story_id,
    schema.story_members.c.published,
    schema.story_members.c.outlet,
    schema.story_members.c.title,
)


def find_threads(
    conn: Connection,
    dialect: Dialect,
    keys: Sequence[str],
    *,
    start: dt.date | None,
    end: dt.date | None,
    limit: int,
) -> list[str]:
    """Live threads indexed under any of ``keys`` within the window, most shared first."""
    if not keys:
        return []
    k, t = schema.thread_keys, schema.threads
    # Threads sharing keys first (from the key index), then each one's dates by its primary
    # key, in a correlated subquery: a plan no planner can turn around. As a join,
    # PostgreSQL scans the whole threads table (hash join), or, with statistics stale after
    # a bulk load, loops over it once per candidate: 80 ms a placement at 100k articles.
    live = select(t.c.seq).where(t.c.id == k.c.thread_id, t.c.merged_into.is_(None))
    if start is not None:
        live = live.where(or_(t.c.last_date.is_(None), t.c.last_date >= start))
    if end is not None:
        live = live.where(or_(t.c.first_date.is_(None), t.c.first_date <= end))
    shared = (
        select(
            k.c.thread_id,
            func.count().label("shared"),
            live.scalar_subquery().label("seq"),  # NULL: absorbed or out of the window
        )
        .where(dialect.among(k.c.key, sorted(set(keys))))
        .group_by(k.c.thread_id)
        .subquery()
    )
    # Threads out of the window last, and dropped here: a condition on seq in SQL would
    # run the subquery a second time.
    query = (
        select(shared.c.thread_id, shared.c.seq)
        .order_by(shared.c.seq.is_(None), shared.c.shared.desc(), shared.c.seq)
        .limit(limit)
    )
    return [row.thread_id for row in conn.execute(query) if row.seq is not None]


def get_threads(conn: Connection, ids: Sequence[str]) -> list[ThreadProfile]:
    """The profiles of the live threads ``ids``, in the order given."""
    if not ids:
        return []
    t = schema.threads
    # Absorbed threads are left out here, not in SQL: a condition on merged_into tempts
    # the planner away from the primary key.
    rows = conn.execute(
        select(t.c.id, t.c.merged_into, t.c.profile, t.c.embedding).where(t.c.id.in_(list(ids)))
    ).all()
    found = {
        row.id: load_profile(row.profile, row.embedding) for row in rows if not row.merged_into
    }
    return [found[i] for i in ids if i in found]


def get_members(conn: Connection, thread_ids: Sequence[str], *, limit: int) -> list[Member]:
    """The latest ``limit`` articles of these threads, with their vectors, in order."""
    if not thread_ids or limit <= 0:
        return []
    m = schema.story_members
    query = (
        select(*_MEMBER_VIEW, m.c.vectors, m.c.embedding)
        .where(m.c.thread_id.in_(list(thread_ids)))
        .order_by(m.c.seq.desc())
        .limit(limit)
    )
    return [load_member(row) for row in reversed(conn.execute(query).all())]


def save_placement(conn: Connection, dialect: Dialect, placement: Placement) -> None:
    """Record one placement (key frequencies aside: the store batches those)."""
    tid, profile = placement.thread_id, placement.thread
    first, last = window_range(profile)  # no dates while a member is undated: any window
    values = {
        "seq": profile.seq,
        "size": profile.size,
        "first_date": first,
        "last_date": last,
        "profile": dump_profile(profile),
        "embedding": pack(profile.embedding),
    }
    threads = schema.threads
    if placement.thread_opened:
        conn.execute(threads.insert().values(id=tid, **values))
    else:
        conn.execute(update(threads).where(threads.c.id == tid).values(values))
    for gone in placement.absorbed:
        _absorb(conn, dialect, gone, into=tid)
    members = schema.story_members
    row = member_row(placement.member)
    row.update(
        thread_id=tid,
        own_id=story_id(placement.article_id),
        score=placement.score,
        reason=placement.reason,
    )
    conn.execute(members.insert().values(row))
    for article_id, sid in placement.moved:
        conn.execute(update(members).where(members.c.article_id == article_id).values(story_id=sid))
    given = {placement.story_id, *(sid for _a, sid in placement.moved)}
    founders = {
        row.own_id: row.article_id
        for row in conn.execute(
            select(members.c.own_id, members.c.article_id).where(members.c.own_id.in_(given))
        )
    }
    conn.execute(
        dialect.insert_ignore(schema.stories),
        [{"id": sid, "founder": founders[sid]} for sid in sorted(given)],
    )
    if placement.keys:
        conn.execute(
            dialect.insert_ignore(schema.thread_keys),
            [{"key": key, "thread_id": tid} for key in sorted(set(placement.keys))],
        )


def _absorb(conn: Connection, dialect: Dialect, gone: str, *, into: str) -> None:
    threads, keys, members = schema.threads, schema.thread_keys, schema.story_members
    conn.execute(
        update(threads)
        .where(threads.c.id == gone)
        .values(merged_into=into, profile=None, embedding=None)
    )
    conn.execute(update(members).where(members.c.thread_id == gone).values(thread_id=into))
    moved = list(conn.scalars(select(keys.c.key).where(keys.c.thread_id == gone)))
    for i in range(0, len(moved), 500):
        conn.execute(
            dialect.insert_ignore(keys),
            [{"key": key, "thread_id": into} for key in moved[i : i + 500]],
        )
    conn.execute(delete(keys).where(keys.c.thread_id == gone))


def resolve_story(conn: Connection, sid: str) -> str | None:
    """The story now holding the article that opened ``sid`` (None for an unknown id)."""
    s, m = schema.stories, schema.story_members
    return conn.scalar(
        select(m.c.story_id)
        .select_from(s.join(m, m.c.article_id == s.c.founder))
        .where(s.c.id == sid)
    )


def load_stories(conn: Connection, ids: Sequence[str] | None = None) -> Iterator[Story]:
    """The stories ``ids`` (all live ones when None), in order of their first article."""
    m = schema.story_members
    query = select(*_MEMBER_VIEW).order_by(m.c.seq)
    if ids is not None:
        query = query.where(m.c.story_id.in_(list(ids)))
    grouped: dict[str, list[Member]] = {}
    for row in conn.execute(query):
        grouped.setdefault(row.story_id, []).append(load_member(row))
    owns = {story_id(member.article_id) for group in grouped.values() for member in group}
    shown = _shown(conn, owns)
    for sid, group in grouped.items():
        yield to_story(sid, group, shown=shown)


def _shown(conn: Connection, ids: set[str]) -> set[str]:
    found: set[str] = set()
    listed = sorted(ids)
    for i in range(0, len(listed), 500):
        chunk = listed[i : i + 500]
        found.update(
            conn.scalars(select(schema.stories.c.id).where(schema.stories.c.id.in_(chunk)))
        )
    return found
