"""Pairwise scores of a story whose sentences repeat: each distinct statement scored once.

Copies of one dispatch print the same sentences, word for word, in many articles: a
story of 1,000 articles may hold 20,000 sentences and only a few thousand distinct
statements. Two statements that are alike in everything a score reads (words, lemmas,
borrowed context, numbers, people, tallies) have equal rows, so the scores are computed
once per distinct statement (a d x d matrix) and read through a map from each sentence
to its statement: memory and time grow with the distinct statements, not with the
square of the sentences, and every score read is the one the full matrix would hold.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

__all__ = ["Repeated", "Scores", "distinct", "pair_scores", "sum_in_order"]


def distinct(keys: Sequence[Hashable]) -> tuple[list[int], np.ndarray]:
    """The first index of each distinct key (in order of first use), and for every index
    the number of its key among them."""
    seen: dict[Hashable, int] = {}
    first: list[int] = []
    rows = np.empty(len(keys), dtype=np.intp)
    for i, key in enumerate(keys):
        found = seen.get(key)
        if found is None:
            found = seen[key] = len(first)
            first.append(i)
        rows[i] = found
    return first, rows


class Repeated:
    """An n x n matrix whose row and column i are row and column ``rows[i]`` of ``values``.

    Two copies i != j of one statement p score ``values[p, p]``; a sentence with itself
    scores ``itself[p]`` when given (a bonus for what two statements share is no bonus
    for one with itself). It is read like the numpy array it stands for: ``m[i, j]``,
    ``m[i]``, ``m[i, a:b]``, ``m[:, cols]``, ``m[np.ix_(a, b)]`` and pairs of index
    arrays give what the full matrix would give (``full()`` builds it, for tests).
    """

    __slots__ = ("_row_of", "itself", "rows", "values")

    def __init__(
        self, values: np.ndarray, rows: np.ndarray, *, itself: np.ndarray | None = None
    ) -> None:
        self.values = values
        self.rows = rows
        self.itself = itself
        self._row_of = rows.tolist()  # for single scores, read one at a time in loops

    @property
    def shape(self) -> tuple[int, int]:
        """The shape of the full matrix."""
        return (len(self.rows), len(self.rows))

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, key: Any) -> Any:
        if not isinstance(key, tuple):
            return self._row(key)
        first, second = key
        if isinstance(first, _INT) and isinstance(second, _INT):
            return self._one(int(first), int(second))
        a, b = self.rows[first], self.rows[second]
        # a slice beside an array is an outer index in numpy: the block of their product
        outer = isinstance(first, slice) or isinstance(second, slice)
        if outer and np.ndim(a) == 1 and np.ndim(b) == 1:
            found = self.values[np.ix_(a, b)]
            if self.itself is not None:
                i, j = self._numbers(first), self._numbers(second)
                return self._with_itself(found, i[:, None], j[None, :])
            return found
        found = self.values[a, b]
        if self.itself is not None:
            return self._with_itself(found, self._numbers(first), self._numbers(second))
        return found

    def _one(self, i: int, j: int) -> Any:
        """The score of sentences i and j."""
        p = self._row_of[i]
        if i == j and self.itself is not None:
            return self.itself[p]
        return self.values[p, self._row_of[j]]

    def _row(self, index: Any) -> Any:
        """Row ``index`` of the full matrix (or rows, for an array of indices)."""
        if not isinstance(index, _INT):
            return self[index, :]
        found = self.values[self._row_of[int(index)]][self.rows]
        if self.itself is not None:
            found[index] = self.itself[self._row_of[int(index)]]
        return found

    def _numbers(self, index: Any) -> np.ndarray:
        """The sentence numbers an index selects (``index`` applied to 0..n-1)."""
        if isinstance(index, slice):
            return np.arange(len(self.rows))[index]
        return np.asarray(index)

    def _with_itself(self, found: Any, i: np.ndarray, j: np.ndarray) -> Any:
        """``found`` with the scores of a sentence with itself put back."""
        same = i == j
        if not np.any(same):
            return found
        if np.ndim(found) == 0:
            return self.itself[self.rows[i]] if self.itself is not None else found
        found = np.array(found, copy=True)
        where = np.broadcast_to(same, found.shape)
        whose = np.broadcast_to(i, found.shape)[where]
        found[where] = self.itself[self.rows[whose]] if self.itself is not None else 0
        return found

    def full(self) -> np.ndarray:
        """The n x n matrix."""
        return self[:, :]


_INT = (int, np.integer)

# What the alignment's steps read scores from: a full matrix or a repeated one.
Scores = np.ndarray | Repeated


def pair_scores(scores: Scores, members: Sequence[int]) -> np.ndarray:
    """The score of every two of ``members``: (a, b) for each a, then each b after it, the
    order of ``[scores[a, b] for i, a in enumerate(members) for b in members[i + 1 :]]``."""
    block = np.asarray(scores[np.ix_(members, members)], dtype=np.float64)
    return block[np.triu_indices(len(members), 1)]


def sum_in_order(values: np.ndarray) -> float:
    """The sum of ``values`` added one after the other, as Python's ``sum`` adds floats (to
    the last bit: numpy's own sum adds in pairs, which rounds differently)."""
    return float(np.cumsum(values)[-1]) if len(values) else 0.0
