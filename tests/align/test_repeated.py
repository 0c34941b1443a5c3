"""A repeated matrix reads as the full matrix it stands for, for every index the alignment uses."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.align.repeated import Repeated, distinct


def _full(values: np.ndarray, rows: np.ndarray, itself: np.ndarray) -> np.ndarray:
    full = values[np.ix_(rows, rows)].copy()
    np.fill_diagonal(full, itself[rows])
    return full


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=9), st.data())
def test_every_index_reads_as_the_full_matrix(keys: list[int], data: st.DataObject) -> None:
    first, rows = distinct(keys)
    d = len(first)
    rng = np.random.default_rng(len(keys) * 7 + d)
    values = rng.random((d, d))
    values = values + values.T
    itself = rng.random(d)
    m = Repeated(values, rows, itself=itself)
    full = _full(values, rows, itself)
    n = len(keys)
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1))
    a = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4))
    b = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4))
    assert m[i, j] == full[i, j]
    assert np.array_equal(m[i], full[i])
    assert np.array_equal(m[i, i + 1 :], full[i, i + 1 :])
    assert np.array_equal(m[:, b], full[:, b])
    assert np.array_equal(m[np.ix_(a, b)], full[np.ix_(a, b)])
    assert np.array_equal(m[np.asarray(a), np.asarray(a)], full[np.asarray(a), np.asarray(a)])
    assert np.array_equal(m.full(), full)


def test_copies_share_a_row_and_keep_their_order() -> None:
    first, rows = distinct(["b", "a", "b", "c", "a"])
    assert first == [0, 1, 3]
    assert rows.tolist() == [0, 1, 0, 2, 1]
