"""The candidate step finds every link the exhaustive comparison of all pairs finds."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.align.candidates import pairs_at_least
from recoupe.align.grouping import candidate_edges
from recoupe.align.repeated import Repeated, distinct

# few levels, so that ties and scores right at a threshold come up often
LEVELS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.45, 1.0, 1.1)


def _exhaustive(article, sim, *, threshold, mutual, confirm, weak, hybrid):
    """Every pair of units compared, one by one: the definition the candidates must meet."""
    n = len(article)
    best = {}
    for i in range(n):
        for art in set(article):
            cols = [j for j in range(n) if article[j] == art]
            best[i, art] = max(cols, key=lambda j: (sim[i, j], -j))
    edges = []
    for i in range(n):
        for j in range(i + 1, n):
            if article[i] == article[j]:
                continue
            s = float(sim[i, j])
            mutual_best = best[i, article[j]] == j and best[j, article[i]] == i
            if confirm is None:
                close = s >= mutual
            else:
                close = s >= weak and (s + confirm[i, j]) / 2 >= hybrid
            if s >= threshold or (mutual_best and close):
                edges.append((s, i, j))
    return sorted(edges, key=lambda e: (-e[0], e[1], e[2]))


@st.composite
def stories(draw):
    n = draw(st.integers(2, 10))
    article = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    keys = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    first, rows = distinct(keys)
    d = len(first)
    cells = draw(st.lists(st.sampled_from(LEVELS), min_size=d * d, max_size=d * d))
    values = np.asarray(cells).reshape(d, d)
    values = np.maximum(values, values.T)
    itself = np.asarray(draw(st.lists(st.sampled_from(LEVELS), min_size=d, max_size=d)))
    embed = draw(st.booleans())
    confirm = None
    if embed:
        near = np.asarray(draw(st.lists(st.sampled_from(LEVELS), min_size=d * d, max_size=d * d)))
        near = near.reshape(d, d)
        confirm = Repeated(np.maximum(near, near.T), rows)
    return article, Repeated(values, rows, itself=itself), confirm


@settings(max_examples=150, deadline=None)
@given(stories())
def test_the_candidates_give_the_links_of_every_pair(story) -> None:
    article, sim, confirm = story
    kwargs = {"threshold": 0.3, "confirm": confirm}
    found = candidate_edges(
        article, sim, mutual_threshold=0.25, weak_threshold=0.15, hybrid_threshold=0.35, **kwargs
    )
    full = sim.full()
    dense = None if confirm is None else confirm.full()
    expected = _exhaustive(
        article, full, threshold=0.3, mutual=0.25, confirm=dense, weak=0.15, hybrid=0.35
    )
    assert found == expected
    # the full matrix, read as an array, gives the same links
    assert (
        candidate_edges(
            article,
            full,
            threshold=0.3,
            mutual_threshold=0.25,
            confirm=dense,
            weak_threshold=0.15,
            hybrid_threshold=0.35,
        )
        == expected
    )


@settings(max_examples=100, deadline=None)
@given(stories(), st.sampled_from(LEVELS))
def test_every_pair_at_the_floor_is_a_candidate(story, floor: float) -> None:
    _article, sim, _confirm = story
    full = sim.full()
    n = len(full)
    expected = [(i, j) for i in range(n) for j in range(i + 1, n) if full[i, j] >= floor]
    i, j = pairs_at_least(sim, floor)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == expected
    # unordered, the same pairs
    i, j = pairs_at_least(sim, floor, ordered=False)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == expected
