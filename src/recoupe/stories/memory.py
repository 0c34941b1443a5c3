"""An in-memory story backend: for one run over a folder, and the reference for the store's."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from recoupe.model import Story

from .index import Placement, StoryProfile


class MemoryStories:
    """Story profiles, members and the key index, held in dictionaries."""

    def __init__(self) -> None:
        self._documents = 0
        self._freqs: Counter[str] = Counter()
        self._profiles: dict[str, StoryProfile] = {}
        self._members: dict[str, list[str]] = {}
        self._keys: defaultdict[str, set[str]] = defaultdict(set)  # key -> stories
        self._story_keys: defaultdict[str, set[str]] = defaultdict(set)  # story -> keys
        self._redirect: dict[str, str] = {}

    def key_stats(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The number of articles placed and the document frequency of each known key."""
        return self._documents, {k: self._freqs[k] for k in keys if k in self._freqs}

    def find_stories(
        self, keys: Sequence[str], *, start: dt.date | None, end: dt.date | None, limit: int
    ) -> list[str]:
        """Live stories under any of ``keys`` within the window, most shared keys first."""
        shared: Counter[str] = Counter()
        for key in set(keys):
            shared.update(self._keys.get(key, ()))
        found = []
        for sid, count in shared.items():
            profile = self._profiles[sid]
            if start is not None and profile.last is not None and profile.last < start:
                continue
            if end is not None and profile.first is not None and profile.first > end:
                continue
            found.append((-count, profile.seq, sid))
        return [sid for _n, _seq, sid in sorted(found)[:limit]]

    def get_profiles(self, ids: Sequence[str]) -> list[StoryProfile]:
        """The profiles of live stories ``ids``, in order."""
        return [self._profiles[sid] for sid in ids]

    def save_placement(self, placement: Placement) -> None:
        """Apply one placement."""
        sid = placement.story_id
        self._documents += 1
        self._freqs.update(placement.counted)
        self._members.setdefault(sid, [])
        for gone in placement.absorbed:
            self._members[sid].extend(self._members.pop(gone))
            del self._profiles[gone]
            self._redirect[gone] = sid
            for key in self._story_keys.pop(gone, set()):
                self._keys[key].discard(gone)
                self._keys[key].add(sid)
                self._story_keys[sid].add(key)
        for old, target in self._redirect.items():
            if target in placement.absorbed:
                self._redirect[old] = sid
        self._members[sid].append(placement.article_id)
        self._profiles[sid] = placement.profile
        for key in placement.keys:
            self._keys[key].add(sid)
            self._story_keys[sid].add(key)

    def resolve(self, story_id: str) -> str | None:
        """The live id of ``story_id`` (itself, or the story it was merged into)."""
        sid = self._redirect.get(story_id, story_id)
        return sid if sid in self._profiles else None

    def stories(self) -> Iterator[Story]:
        """Every live story, oldest first."""
        for profile in sorted(self._profiles.values(), key=lambda p: p.seq):
            yield to_story(profile, self._members[profile.id])


def to_story(profile: StoryProfile, articles: Sequence[str]) -> Story:
    """The model record of a story from its profile and member ids."""
    return Story(
        id=profile.id,
        title=profile.title,
        articles=tuple(articles),
        outlets=tuple(sorted(profile.outlets)),
        first=profile.first,
        last=profile.last,
        merged=profile.merged,
    )
