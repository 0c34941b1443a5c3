"""Candidate pairs: the sentences of a story that can be linked, found without a loop over all.

Every link of the grouping (``grouping.candidate_edges``) needs a similarity of at least
some floor (the lowest of its thresholds); scores are never negative and a pair that
shares no term and no number scores 0. So the pairs worth a look are those at or above
the floor, read from the scores of the distinct statements (``repeated.py``) at once and
expanded to the sentences that print them: the work grows with the pairs found, not with
the square of the story's sentences.
"""

from __future__ import annotations

import numpy as np

from .repeated import Repeated, Scores

__all__ = ["best_in_article", "pairs_at_least", "scores_of"]


def pairs_at_least(
    sim: Scores, floor: float, *, ordered: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair i < j whose score is at least ``floor``, in row order (i, then j), or in
    no particular order without ``ordered`` (for a caller that sorts them its own way)."""
    if not isinstance(sim, Repeated):
        i, j = np.nonzero(np.triu(np.asarray(sim) >= floor, 1))
        return i.astype(np.intp), j.astype(np.intp)
    d = len(sim.values)
    order = np.argsort(sim.rows, kind="stable")  # the sentences of each statement, together
    start = np.searchsorted(sim.rows[order], np.arange(d))
    size = np.bincount(sim.rows, minlength=d)
    p, q = np.nonzero(np.triu(sim.values >= floor))  # a statement with its copies too
    # every (sentence of p, sentence of q), counted out pair by pair without a loop
    count = size[p] * size[q]
    pair = np.repeat(np.arange(len(p)), count)
    t = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    x = order[start[p][pair] + t // size[q][pair]]
    y = order[start[q][pair] + t % size[q][pair]]
    keep = np.where(p[pair] == q[pair], x < y, True)
    i, j = np.minimum(x, y)[keep], np.maximum(x, y)[keep]
    if not ordered:
        return i.astype(np.intp), j.astype(np.intp)
    ranked = np.lexsort((j, i))
    return i[ranked].astype(np.intp), j[ranked].astype(np.intp)


def scores_of(sim: Scores, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The scores of the pairs (i[k], j[k]), read elementwise."""
    if isinstance(sim, Repeated):
        return np.asarray(sim[i, j])
    return np.asarray(sim)[i, j]


def best_in_article(arts: np.ndarray, sim: Scores) -> tuple[np.ndarray, np.ndarray]:
    """For each unit and each article, the unit of that article most like it (the first of
    equals), as a table and each unit's row in it; columns in the order of the sorted
    article numbers: unit i's best in the k-th article is ``table[row[i], k]``.

    A repeated matrix is read once per distinct statement (its copies share a row); the
    column of a sentence's own article then answers for a copy of it, not for itself
    (only other articles' columns are meant to be read).
    """
    if isinstance(sim, Repeated):
        values, rows = sim.values, sim.rows
    else:
        values, rows = np.asarray(sim), np.arange(len(arts))
    names = np.unique(arts)
    table = np.zeros((len(values), len(names)), dtype=np.int64)
    for k, art in enumerate(names):
        cols = np.flatnonzero(arts == art)
        table[:, k] = cols[np.argmax(values[:, rows[cols]], axis=1)]
    return table, rows
