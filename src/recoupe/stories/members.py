"""Stories inside a thread: average-link clustering of its articles, with stable ids.

A thread gathers articles on one subject loosely (``index.py``); the events inside it are
told apart here, by clustering its latest articles on their pairwise similarity (words,
lead embedding, names, years, event days, publication gap) with average linkage. Greedy
one-pass joining cannot undo an early wrong join between two similar events; re-clustering
the thread whenever it grows can, and a thread holds a few dozen articles, not the store.

Ids stay valid: a cluster keeps the id most of its articles already had (the oldest story
first), otherwise takes the id of its earliest article; an id no cluster keeps is resolved
through the story that now holds its first article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, count
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix

if TYPE_CHECKING:
    from .index import StorySettings


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """One placed article as its thread re-clusters it: vectors frozen when it was placed."""

    article_id: str
    seq: int  # order of placement
    story_id: str  # the story it is in now
    terms: dict[str, float]  # unit TF-IDF vector at placement, heaviest terms kept
    names: dict[str, float]  # unit vector of its name keys
    embedding: tuple[float, ...] = ()  # unit lead embedding
    dates: tuple[str, ...] = ()  # ISO days and years it names
    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    ordinals: tuple[int, ...] = ()  # ranks of a recurring event's occurrences it names


def similarities(members: Sequence[Member], cfg: StorySettings) -> np.ndarray:
    """The pairwise similarity of ``members``, weighted as article-to-thread scores are."""
    return _scores(members, cfg)[0]


def _scores(
    members: Sequence[Member], cfg: StorySettings
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairwise similarity, the pairs that no date sets apart (published within the
    grace period of each other or undated, not naming different event days nor different
    occurrences of a recurring event: "la troisième journée" / "la sixième"), and the
    agreement on those occurrences (``_rank_agreement``)."""
    days = _day_agreement(members)
    ranks = _rank_agreement(members)
    gaps = _gaps([m.published for m in members], cfg)
    total = cfg.lexical * _cosines([m.terms for m in members])
    total += cfg.names * _cosines([m.names for m in members])
    if cfg.semantic and all(m.embedding for m in members):
        vectors = np.stack([_as_array(m.embedding) for m in members])
        total += cfg.semantic * (vectors @ vectors.T)
    total += cfg.years * _agreement([{d[:4] for d in m.dates} for m in members], slack=0)
    total += cfg.days * days
    total -= cfg.gap * gaps
    return total, (gaps == 0.0) & (days >= 0.0) & (ranks >= 0.0), ranks


def recluster(
    members: Sequence[Member], cfg: StorySettings, *, name: Callable[[str], str]
) -> dict[str, str]:
    """The story of each member after average-link clustering at ``cfg.cut``.

    ``members`` are in order of placement; ``name`` gives the id of a story opened by an
    article. A cluster is named after its earliest article, so an id always follows the
    article that opened it. Stories opened by articles older than ``members`` (beyond the
    re-clustering window) are kept by the cluster holding most of their articles.
    """
    if len(members) == 1:
        return {members[0].article_id: members[0].story_id or name(members[0].article_id)}
    # imported here: the store and ``recoupe serve`` read stories without clustering them,
    # and scipy's clustering costs a third of a second to import
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    similarity, in_step, ranks = _scores(members, cfg)
    # two occurrences of a recurring event are set apart when the stories are cut; a
    # stray's background (``attach_strays``) is read without it, or every article
    # that names a rank would look unlike the rest and strays would attach too easily
    distance = 1.0 - similarity - cfg.ordinals * ranks
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0.0, None), checks=False), "average")
    labels = fcluster(tree, 1.0 - cfg.cut, "distance")
    labels = attach_strays(similarity, in_step, labels, cfg.attach, margin=cfg.attach_margin)
    clusters: dict[int, list[Member]] = {}
    for member, label in zip(members, labels, strict=True):
        clusters.setdefault(int(label), []).append(member)
    groups = sorted(clusters.values(), key=lambda cluster: cluster[0].seq)
    opened_here = {name(m.article_id) for m in members}
    anchored = Counter(m.story_id for m in members if m.story_id and m.story_id not in opened_here)
    named: dict[int, str] = {}
    for sid in sorted(anchored, key=lambda s: (-anchored[s], s)):
        holders = [
            (sum(m.story_id == sid for m in group), -i)
            for i, group in enumerate(groups)
            if i not in named
        ]
        count, i = max(holders, default=(0, 0))
        if count:
            named[-i] = sid
    return {
        member.article_id: named.get(i) or name(group[0].article_id)
        for i, group in enumerate(groups)
        for member in group
    }


def attach_strays(
    similarity: np.ndarray,
    in_step: np.ndarray,
    labels: Sequence[int],
    floor: float,
    *,
    margin: float = 0.0,
) -> list[int]:
    """``labels`` with each article left alone moved into the cluster of two or more
    articles it is most like on average, when that mean similarity reaches ``floor`` and
    the article is in step (``in_step``) with most members of that cluster.

    A short or off-angle report (a two-line brief, a column that starts on background)
    rarely averages ``cut`` with the many reports of its event, yet is far more like them
    than like any other cluster. The lower bar is for words only: an article published
    after a gap, or naming another day, than most of the cluster is a different event
    with the same people and stays alone; one member's outlying date (a page header's
    day, a late copy) is no veto. Strays join clusters as cut, never each other.
    """
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    clusters = {label: rows for label, rows in groups.items() if len(rows) > 1}
    moved = [int(label) for label in labels]
    for rows in groups.values():
        if len(rows) > 1 or not clusters:
            continue
        row = rows[0]
        means = {
            label: float(similarity[row, members].mean()) for label, members in clusters.items()
        }
        best = max(means, key=lambda label: (means[label], -label))
        rest = [i for i in range(len(moved)) if i != row and i not in clusters[best]]
        background = float(similarity[row, rest].mean()) if rest else -np.inf
        if (
            means[best] >= floor
            and means[best] - background >= margin
            and in_step[row, clusters[best]].mean() > 0.5
        ):
            moved[row] = best
    return moved


# lead embeddings read into arrays, by the identity of their tuple (kept, so that the
# identity stays its own): a thread's members are re-clustered each time an article joins
_ARRAYS: dict[int, tuple[tuple[float, ...], np.ndarray]] = {}
_KEEP_ARRAYS = 4096


def _as_array(embedding: tuple[float, ...]) -> np.ndarray:
    """A lead embedding as an array, read once while it is among the latest few thousand."""
    found = _ARRAYS.get(id(embedding))
    if found is not None and found[0] is embedding:
        return found[1]
    if len(_ARRAYS) >= _KEEP_ARRAYS:
        _ARRAYS.clear()
    array = np.asarray(embedding, dtype=np.float64)
    _ARRAYS[id(embedding)] = (embedding, array)
    return array


def _cosines(vectors: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Pairwise dot products of sparse unit vectors given as dictionaries."""
    keys = list(chain.from_iterable(vectors))
    # each key numbered in order of first use, every entry in the order of the vectors
    vocabulary = dict(zip(dict.fromkeys(keys), count()))
    cols = np.fromiter(map(vocabulary.__getitem__, keys), dtype=np.int64, count=len(keys))
    rows = np.repeat(np.arange(len(vectors)), [len(vector) for vector in vectors])
    values = np.array(list(chain.from_iterable(vector.values() for vector in vectors)))
    matrix = csr_matrix((values, (rows, cols)), shape=(len(vectors), max(len(vocabulary), 1)))
    return (matrix @ matrix.T).toarray()


def _agreement(sets: Sequence[set], *, slack: int) -> np.ndarray:
    """+1 where both sides name a common value (within ``slack``), -1 where both name
    values and none is common, 0 where one side names none."""
    values = sorted({v for s in sets for v in s})
    if not values:
        return np.zeros((len(sets), len(sets)))
    index = {v: i for i, v in enumerate(values)}
    exact = np.zeros((len(sets), len(values)))
    near = np.zeros((len(sets), len(values)))
    for row, found in enumerate(sets):
        for value in found:
            exact[row, index[value]] = 1.0
            for step in range(-slack, slack + 1):
                if isinstance(value, int) and value + step in index:
                    near[row, index[value + step]] = 1.0
                elif step == 0:
                    near[row, index[value]] = 1.0
    named = exact.sum(axis=1) > 0
    both = np.outer(named, named)
    common = (exact @ near.T) > 0
    common = common | common.T
    return np.where(both, np.where(common, 1.0, -1.0), 0.0)


def _rank_agreement(members: Sequence[Member]) -> np.ndarray:
    """+1 for pairs of members that name a common rank of a recurring event's occurrences,
    -1 for those that both name ranks and none in common ("la troisième journée" against
    "la sixième journée"), 0 when one names none."""
    return _agreement([set(m.ordinals) for m in members], slack=0)


def _day_agreement(members: Sequence[Member]) -> np.ndarray:
    days = [{_ordinal(d) for d in m.dates if len(d) == 10} for m in members]
    return _agreement(days, slack=1)


def _ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def _gaps(published: Sequence[dt.date | None], cfg: StorySettings) -> np.ndarray:
    """The publication-gap penalty of each pair, in [0, 1] (0 when a date is missing)."""
    days = np.asarray([d.toordinal() if d else np.nan for d in published], dtype=np.float64)
    gap = np.abs(days[:, None] - days[None, :])
    ramp = (gap - cfg.grace_days) / (cfg.gap_days - cfg.grace_days)
    return np.nan_to_num(np.clip(ramp, 0.0, 1.0), nan=0.0)
