"""Restated facts: one article that tells a fact twice joins the two halves it split.

An article may tell a fact twice: in its lead and again lower down, or in its own words
and then in a dispatch's it quotes. Another outlet's sentence then links to one telling
and a third outlet's to the other, and since a fact holds one sentence per article the
grouping makes two facts of one. Two facts are joined when every article they share
tells them in sentences alike in their own words (``alike`` or more: the same thing
said twice, not two things said in one article) and every two sentences of different
articles across them are alike (``low``) or a vouched link, as within one fact
(``grouping``). The joined fact keeps one sentence per article as its members, the
sentence more similar to the other articles'; the other telling stays with it as
``restated`` evidence.

Joins are made best first (the mean similarity across the two facts) and checked again
once either fact has grown, so the result does not depend on the order facts were found.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .repeated import Scores

__all__ = ["Grouped", "join_restated"]

# members, the similarity of each joined pair, restated sentences: all unit numbers
Grouped = tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...]]


@dataclass(slots=True)
class _Fact:
    members: dict[int, int]  # article -> its unit
    scores: list[float]
    restated: set[int] = field(default_factory=set)
    version: int = 0

    def units(self) -> list[int]:
        return [*self.members.values(), *sorted(self.restated)]


def join_restated(
    groups: Sequence[tuple[tuple[int, ...], tuple[float, ...]]],
    article: Sequence[int],
    own: Scores,
    sim: Scores,
    *,
    low: float,
    alike: float,
    vouched: dict[int, set[int]],
) -> list[Grouped]:
    """``groups`` (members and scores), with the facts an article restates joined.

    Facts of one article are left as they are; the order of the others is kept, a
    joined fact in the place of the first of its parts.
    """
    facts = [_Fact({article[m]: m for m in members}, list(scores)) for members, scores in groups]
    joiner = _Joiner(facts, article, _Bars(own, sim, low, alike, vouched))
    joiner.run()
    return [
        (tuple(sorted(f.members.values())), tuple(f.scores), tuple(sorted(f.restated)))
        for k, f in enumerate(facts)
        if k not in joiner.gone
    ]


@dataclass(frozen=True, slots=True)
class _Bars:
    """The scores a join reads and the bars they must reach (see ``join_restated``)."""

    own: Scores
    sim: Scores
    low: float
    alike: float
    vouched: dict[int, set[int]]


class _Joiner:
    def __init__(self, facts: list[_Fact], article: Sequence[int], bars: _Bars) -> None:
        self.facts, self.article = facts, article
        self.arts = np.asarray(article)
        self.own, self.sim = bars.own, bars.sim
        self.low, self.alike, self.vouched = bars.low, bars.alike, bars.vouched
        self.gone: set[int] = set()
        # the facts of two articles or more that hold each article
        self.holding: dict[int, set[int]] = {}
        for k, f in enumerate(facts):
            if len(f.members) > 1:
                for art in f.members:
                    self.holding.setdefault(art, set()).add(k)
        self.heap: list[tuple[float, int, int, int, int]] = []

    def run(self) -> None:
        for k in sorted({k for held in self.holding.values() for k in held}):
            self._propose(k, above=k)
        while self.heap:
            neg, a, b, va, vb = heapq.heappop(self.heap)
            # a fact that grew had its joins proposed again (``_propose``): an entry made
            # before is stale, as is one with a fact joined into another
            if a in self.gone or b in self.gone:
                continue
            if (va, vb) != (self.facts[a].version, self.facts[b].version):
                continue
            self._join(a, b, -neg)
            self._propose(a)

    def _propose(self, k: int, above: int = -1) -> None:
        """Push every join of fact ``k`` with a fact sharing an article (numbered past
        ``above``)."""
        near = {j for art in self.facts[k].members for j in self.holding.get(art, ())}
        for j in sorted(near - {k} - self.gone):
            if j > above and (score := self._joinable(k, j)) is not None:
                self._push(score, k, j)

    def _push(self, score: float, a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        entry = (-score, a, b, self.facts[a].version, self.facts[b].version)
        heapq.heappush(self.heap, entry)

    def _joinable(self, a: int, b: int) -> float | None:
        """The mean similarity across facts ``a`` and ``b`` if they tell one fact, else None."""
        fa, fb = self.facts[a], self.facts[b]
        shared = fa.members.keys() & fb.members.keys()
        told_twice = [art for art in shared if fa.members[art] != fb.members[art]]
        if not told_twice or any(
            self.own[fa.members[art], fb.members[art]] < self.alike for art in told_twice
        ):
            return None
        left, right = fa.units(), fb.units()
        rows, cols = np.nonzero(self.arts[left][:, None] != self.arts[right][None, :])
        if not len(rows):
            return None
        i, j = np.asarray(left)[rows], np.asarray(right)[cols]
        apart = np.asarray(self.own[i, j], dtype=np.float64) < self.low
        for x, y in zip(i[apart].tolist(), j[apart].tolist(), strict=True):
            if y not in self.vouched.get(x, ()):
                return None
        return float(np.asarray(self.sim[i, j], dtype=np.float64).mean())

    def _join(self, a: int, b: int, score: float) -> None:
        fa, fb = self.facts[a], self.facts[b]
        everyone = [*fa.members.values(), *fb.members.values()]
        for art, unit in fb.members.items():
            mine = fa.members.get(art)
            if mine is None:
                fa.members[art] = unit
                self.holding.setdefault(art, set()).add(a)
            elif mine != unit:
                others = [u for u in everyone if self.article[u] != art]
                keep = max((mine, unit), key=self._closeness(others))
                fa.members[art] = keep
                fa.restated.add(unit if keep == mine else mine)
        fa.restated |= fb.restated
        fa.restated -= set(fa.members.values())
        fa.scores += [*fb.scores, score]
        fa.version += 1
        self.gone.add(b)
        for art in fb.members:
            self.holding[art].discard(b)

    def _closeness(self, others: list[int]) -> Callable[[int], tuple[float, int]]:
        def key(unit: int) -> tuple[float, int]:
            row = np.asarray(self.sim[[unit] * len(others), others], dtype=np.float64)
            return (float(row.sum()), -unit)

        return key
