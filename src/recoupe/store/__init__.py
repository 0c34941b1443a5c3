"""The store: articles, analyses and stories in SQLite (default) or PostgreSQL.

``open_store(url)`` opens (and migrates) a store; everything else goes through the
narrow ``Store`` protocol, which the SQLite and PostgreSQL backends pass alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from recoupe.errors import StoreError
from recoupe.model import Analysis, Article, Story
from recoupe.stories import Member, Placement, ThreadProfile

from .info import StoreInfo
from .migrations import failure_of
from .open import DEFAULT_URL, open_store

__all__ = ["DEFAULT_URL", "Store", "StoreError", "StoreInfo", "failure_of", "open_store"]


class Store(Protocol):
    """Where recoupe keeps what it read, analysed and grouped, across runs."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group the writes made inside into one transaction (nested calls join it)."""
        ...

    def put_articles(self, articles: Iterable[Article]) -> list[str]:
        """Add articles not stored yet; return the ids added, in input order."""
        ...

    def has_articles(self, ids: Sequence[str]) -> set[str]:
        """The ids among ``ids`` that are stored."""
        ...

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``ids``, in the order given."""
        ...

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every stored article, in order of arrival."""
        ...

    def has_analysis(self, article_id: str, pipeline: str) -> bool:
        """Whether ``article_id`` has an analysis by ``pipeline``."""
        ...

    def missing_analyses(self, ids: Sequence[str], pipeline: str) -> list[str]:
        """The ids among ``ids`` with no analysis by ``pipeline``, in the order given."""
        ...

    def put_analyses(self, analyses: Iterable[Analysis]) -> int:
        """Store analyses, keyed by article id and pipeline version; a failed analysis
        (an ``analysis_failed`` note) is kept as failed and gives way to the next one."""
        ...

    def analysis_status(self, ids: Sequence[str]) -> dict[str, dict[str, str | None]]:
        """For each article among ``ids`` with an analysis: pipeline -> why it failed
        (None when it did not)."""
        ...

    def get_analyses(self, ids: Sequence[str], pipeline: str) -> dict[str, Analysis]:
        """The analyses by ``pipeline`` of the articles among ``ids`` that have one."""
        ...

    def put_vectors(self, vectors: dict[str, bytes]) -> int:
        """Store sentence vectors by key (a key stored already keeps its vector)."""
        ...

    def get_vectors(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors among ``keys``."""
        ...

    def resolve_story(self, story_id: str) -> str | None:
        """The story now holding the article that opened ``story_id`` (None when unknown)."""
        ...

    def get_story(self, story_id: str) -> Story | None:
        """The story ``story_id`` (following merges), or None."""
        ...

    def iter_stories(self) -> Iterator[Story]:
        """Every live story, in order of its first article."""
        ...

    def story_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The story of each placed article among ``article_ids``."""
        ...

    # The story index backend (``recoupe.stories.StoryBackend``).

    def key_stats(self, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The number of articles placed and the document frequency of each known key."""
        ...

    def find_threads(
        self, keys: Sequence[str], *, start: dt.date | None, end: dt.date | None, limit: int
    ) -> list[str]:
        """Live threads indexed under any of ``keys`` within the window, most shared first."""
        ...

    def get_threads(self, ids: Sequence[str]) -> list[ThreadProfile]:
        """The profiles of the live threads ``ids``, in the order given."""
        ...

    def get_members(self, thread_ids: Sequence[str], *, limit: int) -> list[Member]:
        """The latest ``limit`` articles of these threads, in order of placement."""
        ...

    def save_placement(self, placement: Placement) -> None:
        """Record one placement: member, stories redrawn, thread, keys, merges, frequencies."""
        ...

    def info(self) -> StoreInfo:
        """The schema, applied migrations, row counts and pipeline versions."""
        ...

    def close(self) -> None:
        """Release the connections."""
        ...
