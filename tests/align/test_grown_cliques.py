"""Growing one clique per seed finds the same cliques with its shortcuts as without them."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.align import grouping
from recoupe.align.repeated import Repeated, distinct

# few levels, so that ties, copies scoring like their statement and thresholds come up often
LEVELS = (0.0, 0.1, 0.2, 0.25, 0.3, 0.45, 0.8, 1.0)


@st.composite
def copied_stories(draw):
    """Articles printing copies of a few statements, scored by repeated matrices: the
    links are read from one (with context), the near-cliques from the other (own words)."""
    n = draw(st.integers(2, 24))
    article = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    keys = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    _, rows = distinct(keys)
    d = int(rows.max()) + 1
    cells = draw(st.lists(st.sampled_from(LEVELS), min_size=d * d, max_size=d * d))
    values = np.asarray(cells).reshape(d, d)
    values = np.maximum(values, values.T)
    if draw(st.booleans()):  # statements whose scores are all alike, as two near copies
        values[:, -1] = values[:, 0]
        values[-1, :] = values[0, :]
    own = Repeated(values, rows, itself=np.diagonal(values).copy())
    if draw(st.booleans()):
        return article, own, own
    more = np.asarray(draw(st.lists(st.sampled_from(LEVELS), min_size=d * d, max_size=d * d)))
    context = np.maximum(more.reshape(d, d), more.reshape(d, d).T)
    return article, Repeated(context, rows, itself=np.diagonal(context).copy()), own


def _both(article, sim, own):
    edges = grouping._edge_arrays(article, sim, threshold=0.3, mutual_threshold=0.25)
    low = 0.3 * grouping.NEAR_CLIQUE
    fast = grouping._grown_cliques(article, own, edges, low=low)
    full = grouping._grown_cliques(article, own, edges, low=low, shortcuts=False)
    return fast, full, edges


@settings(max_examples=300, deadline=None)
@given(copied_stories())
def test_the_shortcuts_find_every_clique_with_its_scores(story) -> None:
    fast, full, _ = _both(*story)
    assert fast == full


@settings(max_examples=150, deadline=None)
@given(copied_stories(), st.data())
def test_the_shortcuts_find_every_clique_with_vouched_links(story, data) -> None:
    article, sim, own = story
    edges = grouping._edge_arrays(article, sim, threshold=0.3, mutual_threshold=0.25)
    d = len(own.values)
    cells = data.draw(st.lists(st.sampled_from(LEVELS), min_size=d * d, max_size=d * d))
    cosine = np.asarray(cells).reshape(d, d)
    confirm = Repeated(np.maximum(cosine, cosine.T), own.rows)
    low = 0.3 * grouping.NEAR_CLIQUE
    vouched = grouping.vouched_links(edges, own, confirm, low=low, bar=0.25)
    fast = grouping._grown_cliques(article, own, edges, low=low, vouched=vouched)
    full = grouping._grown_cliques(article, own, edges, low=low, shortcuts=False, vouched=vouched)
    assert fast == full


def test_copies_of_one_statement_are_grown_once() -> None:
    # one statement printed by five articles, another by three of them; a third alone
    article = [0, 1, 2, 3, 4, 0, 1, 2, 5]
    rows = np.asarray([0, 0, 0, 0, 0, 1, 1, 1, 2])
    values = np.asarray([[1.0, 0.5, 0.0], [0.5, 0.9, 0.1], [0.0, 0.1, 1.0]])
    sim = Repeated(values, rows, itself=np.ones(3))
    fast, full, edges = _both(article, sim, sim)
    assert fast == full
    kinds = grouping._kinds(values, rows, values >= 0.18)
    # the copies after the first of each statement need no growth of their own
    assert grouping._copies_grow_alike(np.asarray(article), kinds, edges) == {1, 2, 3, 4, 6, 7}


def test_statements_alike_in_their_own_words_but_linked_apart_are_grown_each() -> None:
    # P (articles 0, 1) and Q (articles 2, 3) score alike in their own words, but their
    # copies link at 1.0 and each other at 0.5 only; R shares article 2 with a copy of Q
    article = [0, 1, 2, 3, 2]
    rows = np.asarray([0, 0, 1, 1, 2])
    context = np.asarray([[1.0, 0.5, 0.8], [0.5, 1.0, 0.0], [0.8, 0.0, 1.0]])
    words = np.asarray([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 0.9]])
    sim = Repeated(context, rows, itself=np.ones(3))
    own = Repeated(words, rows, itself=np.ones(3))
    fast, full, _ = _both(article, sim, own)
    # from P the growth takes R before Q's copy in R's article; from Q it takes both of P
    assert sorted(members for members, _ in full) == [(0, 1, 2, 3), (0, 1, 3, 4)]
    assert fast == full
