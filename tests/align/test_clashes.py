"""Polarity clashes counted per two readings equal the count over every pair of sentences."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.align.compare import _clashes
from recoupe.align.negation import Polarity

STEMS = st.frozensets(st.sampled_from(["accep", "sign", "vot"]), max_size=2)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), STEMS, STEMS), min_size=1, max_size=12))
def test_clashes_are_those_of_every_pair_of_different_articles(sentences) -> None:
    members = [SimpleNamespace(index=i, article_id=f"a{a}") for i, (a, *_) in enumerate(sentences)]
    reads = {i: Polarity(negated, stated) for i, (_, negated, stated) in enumerate(sentences)}
    expected: Counter[str] = Counter()
    for n, a in enumerate(members):
        for b in members[n + 1 :]:
            if a.article_id != b.article_id:
                expected.update(reads[a.index].contradicts(reads[b.index]))
    found = _clashes(members, reads)
    assert found == expected
    assert dict(found) == dict(expected)  # no stem counted zero times
