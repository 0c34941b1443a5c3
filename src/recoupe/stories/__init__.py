"""Stories: articles grouped online into the events they report.

``extract_features`` reads one article (and its analysis); ``StoryIndex`` places the
features into a thread and redraws the thread's stories, kept by a backend
(``MemoryStories`` for one run, the store for a stream); ``cluster`` does both for a
list of articles in memory.
"""

from __future__ import annotations

from collections.abc import Iterable

from recoupe.model import Analysis, Article, Story

from .encoder import load_encoder
from .features import ArticleFeatures, Encoder, extract_features
from .index import (
    DEFAULT_SETTINGS,
    LEXICAL_SETTINGS,
    Placement,
    StoryBackend,
    StoryIndex,
    StorySettings,
    story_id,
    thread_id,
)
from .members import Member
from .memory import MemoryStories, to_story
from .threads import ThreadProfile

__all__ = [
    "DEFAULT_SETTINGS",
    "LEXICAL_SETTINGS",
    "ArticleFeatures",
    "Encoder",
    "Member",
    "MemoryStories",
    "Placement",
    "StoryBackend",
    "StoryIndex",
    "StorySettings",
    "ThreadProfile",
    "cluster",
    "extract_features",
    "load_encoder",
    "story_id",
    "thread_id",
    "to_story",
]


def cluster(
    items: Iterable[tuple[Article, Analysis | None]],
    *,
    encoder: Encoder | None = None,
    settings: StorySettings | None = None,
) -> list[Story]:
    """Group articles (with their analyses, when there are some) into stories, in memory.

    Without ``settings``, the defaults for the presence of an ``encoder`` are used.
    """
    if settings is None:
        settings = DEFAULT_SETTINGS if encoder is not None else LEXICAL_SETTINGS
    backend = MemoryStories()
    index = StoryIndex(backend, settings=settings)
    for article, analysis in items:
        index.place(extract_features(article, analysis, encoder=encoder))
    return list(backend.stories())
