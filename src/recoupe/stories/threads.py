"""Threads: articles on one subject, gathered online; the candidates of story clustering.

A thread is kept as a profile: the sum of its members' unit TF-IDF vectors (with the IDF
of the moment each joined, as in single-pass event detection), the same for name keys,
the sum of their lead embeddings, the dates they name and their publication range. An
article is scored against a thread's profile; threads whose profiles converge merge.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .features import ArticleFeatures

if TYPE_CHECKING:
    from .index import StorySettings

# An article in a language its candidate thread has not seen cannot share words with it;
# its lead-embedding cosine less this stands in for the TF-IDF cosine. Set by reasoning
# (ECB+ is English only): same-event leads score about 0.7-0.8 across languages, different
# events on the same topic about 0.4-0.6, so the stand-in stays low for the latter.
CROSS_LINGUAL_DISCOUNT = 0.4


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadProfile:
    """The clustering state of one thread, as the index keeps it."""

    id: str
    seq: int  # creation order: the oldest thread survives a merge
    size: int
    first: dt.date | None = None  # publication range of the dated members
    last: dt.date | None = None
    undated: int = 0  # members without a publication date: the thread's span is unknown
    languages: tuple[str, ...] = ()
    terms: dict[str, float]  # sum of the members' unit TF-IDF vectors, heaviest kept
    names: dict[str, float]  # the same for name keys
    dates: dict[str, float]  # ISO days and years named by the members, with counts
    embedding: tuple[float, ...] = ()  # sum of the members' unit lead embeddings
    merged: tuple[str, ...] = ()  # ids of the threads absorbed into this one


def score(
    cfg: StorySettings,
    features: ArticleFeatures,
    vector: Mapping[str, float],
    names: Mapping[str, float],
    profile: ThreadProfile,
) -> tuple[float, str]:
    """How well an article (its unit vectors) fits a thread, and the reason in words."""
    lexical = cosine(vector, profile.terms)
    named = cosine(names, profile.names)
    semantic = 0.0
    if features.embedding and profile.embedding:
        thread = np.asarray(profile.embedding)
        norm = float(np.linalg.norm(thread))
        if norm:
            semantic = float(np.asarray(features.embedding) @ thread) / norm
    if features.language and profile.languages and features.language not in profile.languages:
        # Across languages TF-IDF is blind; the encoder stands in for it, discounted.
        lexical = max(lexical, semantic - CROSS_LINGUAL_DISCOUNT)
    years, days = date_agreement(features.dates, profile.dates)
    gap = gap_days(features.published, profile.first, profile.last)
    share = dated_share(profile)
    total = (
        cfg.lexical * lexical
        + cfg.semantic * semantic
        + cfg.names * named
        + cfg.years * years
        + cfg.days * days
        - cfg.gap * gap_penalty(gap, cfg) * share
    )
    reason = (
        f"{profile.id}: {total:.2f} (terms {lexical:.2f}, lead {semantic:.2f},"
        f" names {named:.2f}, years {years:+.2f}, days {days:+.2f}, gap {gap:.0f}d"
        + (f" x {share:.2f} dated)" if share < 1.0 else ")")
    )
    return total, reason


def dated_share(profile: ThreadProfile) -> float:
    """The share of a thread's members that have a publication date.

    A publication gap is charged for that share only, as the stories inside are cut on
    pairwise gaps (``members.py``), where an undated member costs nothing: one dated
    member among undated ones, maybe dated by a page header, does not date the thread.
    """
    if profile.size <= 0:
        return 1.0
    return (profile.size - min(profile.undated, profile.size)) / profile.size


def in_window(profile: ThreadProfile, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a thread may hold articles published within [start, end] (see
    ``window_range``)."""
    first, last = window_range(profile)
    return (start is None or last is None or last >= start) and (
        end is None or first is None or first <= end
    )


def window_range(profile: ThreadProfile) -> tuple[dt.date | None, dt.date | None]:
    """The range a backend filters candidate threads on: the dated members' range, or none
    (any window) while at least half the members are undated.

    An undated member may be from any day, so a thread of undated reports (plain-text
    clippings) with one dated by a page header has no known span; a thread dated
    throughout but for a stray keeps its window, or old threads would crowd a store's
    candidates.
    """
    if 2 * profile.undated >= profile.size:
        return None, None
    return profile.first, profile.last


def resemblance(a: ThreadProfile, b: ThreadProfile, cfg: StorySettings) -> float:
    """How alike two threads are as wholes: centroid cosines, weighted as for articles."""
    semantic = 0.0
    if a.embedding and b.embedding:
        left, right = np.asarray(a.embedding), np.asarray(b.embedding)
        norms = float(np.linalg.norm(left) * np.linalg.norm(right))
        semantic = float(left @ right) / norms if norms else 0.0
    gap = 0.0
    if a.first and a.last and b.first and b.last:
        gap = float(max((b.first - a.last).days, (a.first - b.last).days, 0))
    return (
        cfg.lexical * cosine(unit(a.terms), b.terms)
        + cfg.semantic * semantic
        + cfg.names * cosine(unit(a.names), b.names)
        - cfg.gap * gap_penalty(gap, cfg)
    )


def new_profile(thread_id: str, *, seq: int) -> ThreadProfile:
    """An empty thread."""
    return ThreadProfile(id=thread_id, seq=seq, size=0, terms={}, names={}, dates={})


def add(
    profile: ThreadProfile,
    features: ArticleFeatures,
    vector: Mapping[str, float],
    names: Mapping[str, float],
    cfg: StorySettings,
) -> ThreadProfile:
    """``profile`` with one more article."""
    published = [d for d in (profile.first, profile.last, features.published) if d is not None]
    languages = profile.languages
    if features.language and features.language not in languages:
        languages = (*languages, features.language)
    embedding = profile.embedding
    if features.embedding:
        total = np.asarray(features.embedding)
        if embedding:
            total = total + np.asarray(embedding)
        embedding = float32(total)
    return replace(
        profile,
        size=profile.size + 1,
        first=min(published, default=None),
        last=max(published, default=None),
        undated=profile.undated + (features.published is None),
        languages=languages,
        terms=top(_sum(profile.terms, vector), cfg.keep_terms),
        names=top(_sum(profile.names, names), cfg.keep_names),
        dates=top(_sum(profile.dates, dict.fromkeys(features.dates, 1.0)), cfg.keep_dates),
        embedding=embedding,
    )


def merge(into: ThreadProfile, other: ThreadProfile, cfg: StorySettings) -> ThreadProfile:
    """``into`` with ``other`` absorbed."""
    published = [d for d in (into.first, into.last, other.first, other.last) if d is not None]
    embedding = into.embedding or other.embedding
    if into.embedding and other.embedding:
        embedding = float32(np.asarray(into.embedding) + np.asarray(other.embedding))
    return replace(
        into,
        size=into.size + other.size,
        first=min(published, default=None),
        last=max(published, default=None),
        undated=into.undated + other.undated,
        languages=into.languages + tuple(x for x in other.languages if x not in into.languages),
        terms=top(_sum(into.terms, other.terms), cfg.keep_terms),
        names=top(_sum(into.names, other.names), cfg.keep_names),
        dates=top(_sum(into.dates, other.dates), cfg.keep_dates),
        embedding=embedding,
        merged=(*into.merged, other.id, *other.merged),
    )


def float32(vector: np.ndarray) -> tuple[float, ...]:
    """The vector as float32 values, which the store's binary column keeps exactly."""
    return tuple(np.asarray(vector, dtype=np.float32).tolist())


def unit(weights: Mapping[str, float]) -> dict[str, float]:
    """``weights`` scaled to unit length (empty stays empty)."""
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def cosine(unit_vector: Mapping[str, float], other: Mapping[str, float]) -> float:
    """The cosine of a unit vector with any vector, both sparse."""
    if not unit_vector or not other:
        return 0.0
    norm = math.sqrt(sum(w * w for w in other.values()))
    dot = sum(w * other[k] for k, w in unit_vector.items() if k in other)
    return dot / norm if norm else 0.0


def top(weights: dict[str, float], n: int) -> dict[str, float]:
    """The ``n`` heaviest entries (ties broken by key)."""
    if len(weights) <= n:
        return weights
    return dict(heapq.nsmallest(n, weights.items(), key=lambda kw: (-kw[1], kw[0])))


def _sum(a: Mapping[str, float], b: Mapping[str, float]) -> dict[str, float]:
    total = dict(a)
    for key, weight in b.items():
        total[key] = total.get(key, 0.0) + weight
    return total


def date_agreement(dates: Sequence[str], thread: Mapping[str, float]) -> tuple[float, float]:
    """Agreement of years and of event days, each in [-1, 1] (0 when one side names none).

    The share of the thread's mentions that the article's dates match, rescaled: a thread
    that mostly names the article's year scores near 1, one that names other years near -1.
    """
    years = {d[:4] for d in dates}
    days = [dt.date.fromisoformat(d) for d in dates if len(d) == 10]
    year_total = year_hit = day_total = day_hit = 0.0
    for date, count in thread.items():
        year_total += count
        year_hit += count if date[:4] in years else 0.0
        if len(date) == 10 and days:
            day = dt.date.fromisoformat(date)
            day_total += count
            day_hit += count if any(abs((day - d).days) <= 1 for d in days) else 0.0
    year_score = 2 * year_hit / year_total - 1 if years and year_total else 0.0
    day_score = 2 * day_hit / day_total - 1 if days and day_total else 0.0
    return year_score, day_score


def gap_days(published: dt.date | None, first: dt.date | None, last: dt.date | None) -> float:
    """Days between a publication date and a publication range (0 inside it or unknown)."""
    if published is None or first is None or last is None:
        return 0.0
    if published < first:
        return float((first - published).days)
    if published > last:
        return float((published - last).days)
    return 0.0


def gap_penalty(gap: float, cfg: StorySettings) -> float:
    """0 within the grace period, rising to 1 at ``gap_days``."""
    return min(1.0, max(0.0, gap - cfg.grace_days) / (cfg.gap_days - cfg.grace_days))
