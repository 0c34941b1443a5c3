"""An in-memory story backend: for one run over a folder, and the reference for the store's."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace

from recoupe.model import Story

from .index import Placement, story_id
from .members import Member
from .threads import ThreadProfile, in_window


class MemoryStories:
    """Threads, members and the key index, held in dictionaries."""

    def __init__(self) -> None:
        self._documents = 0
        self._freqs: Counter[str] = Counter()
        self._threads: dict[str, ThreadProfile] = {}
        self._keys: defaultdict[str, set[str]] = defaultdict(set)  # key -> threads
        self._thread_keys: defaultdict[str, set[str]] = defaultdict(set)  # thread -> keys
        self._members: dict[str, Member] = {}  # article id -> member, story id current
        self._in_thread: dict[str, list[str]] = {}  # thread -> article ids, in order
        self._shown: set[str] = set()  # every story id ever given

    def key_stats(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The number of articles placed and the document frequency of each known key."""
        return self._documents, {k: self._freqs[k] for k in keys if k in self._freqs}

    def find_threads(
        self, keys: Sequence[str], *, start: dt.date | None, end: dt.date | None, limit: int
    ) -> list[str]:
        """Live threads under any of ``keys`` within the window, most shared keys first."""
        shared: Counter[str] = Counter()
        for key in set(keys):
            shared.update(self._keys.get(key, ()))
        found = []
        for tid, count in shared.items():
            profile = self._threads[tid]
            if in_window(profile, start, end):
                found.append((-count, profile.seq, tid))
        return [tid for _n, _seq, tid in sorted(found)[:limit]]

    def get_threads(self, ids: Sequence[str]) -> list[ThreadProfile]:
        """The profiles of live threads ``ids``, in order."""
        return [self._threads[tid] for tid in ids]

    def get_members(self, thread_ids: Sequence[str], *, limit: int) -> list[Member]:
        """The latest ``limit`` articles of these threads, in order of placement."""
        ids = [a for tid in thread_ids for a in self._in_thread.get(tid, ())]
        members = sorted((self._members[a] for a in ids), key=lambda m: m.seq)
        return members[-limit:] if limit > 0 else []

    def save_placement(self, placement: Placement) -> None:
        """Apply one placement."""
        tid = placement.thread_id
        self._documents += 1
        self._freqs.update(placement.counted)
        self._in_thread.setdefault(tid, [])
        for gone in placement.absorbed:
            self._in_thread[tid].extend(self._in_thread.pop(gone))
            del self._threads[gone]
            for key in self._thread_keys.pop(gone, set()):
                self._keys[key].discard(gone)
                self._keys[key].add(tid)
                self._thread_keys[tid].add(key)
        self._threads[tid] = placement.thread
        for key in placement.keys:
            self._keys[key].add(tid)
            self._thread_keys[tid].add(key)
        self._in_thread[tid].append(placement.article_id)
        self._members[placement.article_id] = placement.member
        self._shown.add(placement.story_id)
        for article_id, sid in placement.moved:
            self._members[article_id] = replace(self._members[article_id], story_id=sid)
            self._shown.add(sid)

    def resolve(self, sid: str) -> str | None:
        """The live id of story ``sid``: the story now holding the article that opened it."""
        if sid not in self._shown:
            return None
        return next((m.story_id for a, m in self._members.items() if story_id(a) == sid), None)

    def stories(self) -> Iterator[Story]:
        """Every live story, in order of its first article."""
        grouped: dict[str, list[Member]] = {}
        for member in sorted(self._members.values(), key=lambda m: m.seq):
            grouped.setdefault(member.story_id, []).append(member)
        for sid, members in grouped.items():
            yield to_story(sid, members, shown=self._shown)


def to_story(sid: str, members: Sequence[Member], *, shown: set[str] | frozenset[str]) -> Story:
    """The model record of a story from its members, in order of placement."""
    own = {story_id(m.article_id): m for m in members}
    founder = own.get(sid, members[0])
    published = [m.published for m in members if m.published is not None]
    return Story(
        id=sid,
        title=founder.title,
        articles=tuple(m.article_id for m in members),
        outlets=tuple(sorted({m.outlet for m in members if m.outlet})),
        first=min(published, default=None),
        last=max(published, default=None),
        merged=tuple(sorted(s for s in own if s != sid and s in shown)),
    )
