"""Stories: articles grouped online into the events they report.

``extract_features`` reads one article (and its analysis); ``StoryIndex`` places the
features into a thread and redraws the thread's stories, kept by a backend
(``MemoryStories`` for one run, the store for a stream); ``cluster`` does both for a
list of articles in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from recoupe.model import Analysis, Article, Story

from .encoder import load_encoder
from .features import (
    ArticleFeatures,
    Encoder,
    extract_features,
    lead_sentences,
    text_features,
    with_analysis,
)
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
from .threads import ThreadProfile, window_range

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
    "lead_texts",
    "load_encoder",
    "placement_settings",
    "read_text_features",
    "story_id",
    "text_features",
    "thread_id",
    "to_story",
    "window_range",
    "with_analysis",
]


def placement_settings(
    *,
    embeds: bool,
    window_days: int | None = None,
    grace_days: float | None = None,
    gap_days: float | None = None,
) -> StorySettings:
    """The tuned settings for features with (``embeds``) or without lead embeddings, with
    the time windows a user configured ([stories] in the configuration) where given."""
    settings = DEFAULT_SETTINGS if embeds else LEXICAL_SETTINGS
    if window_days is not None:
        settings = replace(settings, window_days=window_days)
    if grace_days is not None:
        settings = replace(settings, grace_days=grace_days)
    if gap_days is not None:
        settings = replace(settings, gap_days=gap_days)
    return settings


def cluster(
    items: Iterable[tuple[Article, Analysis | None]],
    *,
    encoder: Encoder | None = None,
    settings: StorySettings | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
) -> list[Story]:
    """Group articles (with their analyses, when there are some) into stories, in memory.

    Without ``settings``, the defaults for the presence of an ``encoder`` are used.
    ``features`` are the articles' ``text_features`` already read (by article id, with
    ``encoder`` and its leads encoded in one batch, as here): the articles are then placed
    as ``items`` yields them (while the analysis of the next ones goes on), not once all
    are in.
    """
    if settings is None:
        settings = placement_settings(embeds=encoder is not None)
    backend = MemoryStories()
    index = StoryIndex(backend, settings=settings)
    if encoder is not None and features is None:
        items = list(items)
        encoder = _encoded_once(encoder, [article for article, _ in items])
    known = features if features is not None else {}  # a lazy mapping stays unread
    for article, analysis in items:
        found = known.get(article.id)
        if found is None:
            index.place(extract_features(article, analysis, encoder=encoder))
        else:
            index.place(with_analysis(found, analysis))
    return list(backend.stories())


def lead_texts(articles: Sequence[Article]) -> list[str]:
    """Every article's lead sentences, each distinct one once, in article order: the one
    batch ``cluster`` encodes."""
    return list(dict.fromkeys(t for article in articles for t in lead_sentences(article)))


def read_text_features(
    articles: Sequence[Article], encoder: Encoder | None
) -> dict[str, ArticleFeatures]:
    """Each article's ``text_features``, by id, their leads encoded in one batch as
    ``cluster`` encodes them."""
    if encoder is not None:
        encoder = _encoded_once(encoder, articles)
    return {article.id: text_features(article, encoder=encoder) for article in articles}


def _encoded_once(encoder: Encoder, articles: Sequence[Article]) -> Encoder:
    """``encoder`` with every article's lead sentences encoded at once, in one batch,
    each distinct sentence once (a batch is far faster than one call per article)."""
    texts = lead_texts(articles)
    vectors = np.asarray(encoder(texts)) if texts else np.zeros((0, 0))
    table = {text: vectors[i] for i, text in enumerate(texts)}

    def encode(batch: Sequence[str]) -> np.ndarray:
        if all(text in table for text in batch):
            return np.asarray([table[text] for text in batch])
        return np.asarray(encoder(list(batch)))

    return encode
