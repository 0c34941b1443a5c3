"""Restated facts: an article that tells one fact twice joins the two facts it split."""

from __future__ import annotations

import numpy as np
import pytest

from recoupe.align import align
from recoupe.align.restated import join_restated

# Article 0 tells the fact twice (units 0 and 1); article 1's sentence (2) links to the
# first telling, article 2's (3) to the second; unit 4 (article 2) is about something else.
ARTICLES = [0, 0, 1, 2, 2]
LOW, ALIKE = 0.17, 0.35


def _matrix(pairs: dict[tuple[int, int], float]) -> np.ndarray:
    m = np.eye(len(ARTICLES))
    for (i, j), value in pairs.items():
        m[i, j] = m[j, i] = value
    return m


SPLIT = [((0, 2), (0.9,)), ((1, 3), (0.8,))]


def _joined(own: np.ndarray, groups=SPLIT, vouched=None):
    return join_restated(groups, ARTICLES, own, own, low=LOW, alike=ALIKE, vouched=vouched or {})


def test_two_tellings_of_one_article_join_the_facts_they_split() -> None:
    own = _matrix({(0, 1): 0.45, (0, 2): 0.9, (1, 3): 0.8, (0, 3): 0.3, (1, 2): 0.3, (2, 3): 0.4})
    [(members, scores, restated)] = _joined(own)
    # one sentence per article: of article 0's two, the one closer to the others' stays
    assert members == (0, 2, 3)
    assert restated == (1,)
    assert scores[:2] == (0.9, 0.8)


def test_two_different_things_one_article_says_stay_two_facts() -> None:
    # article 0's sentences are not alike in their own words: two things, not one twice
    own = _matrix({(0, 1): 0.2, (0, 2): 0.9, (1, 3): 0.8, (0, 3): 0.3, (1, 2): 0.3, (2, 3): 0.4})
    assert [m for m, _, _ in _joined(own)] == [(0, 2), (1, 3)]


@pytest.mark.parametrize("vouched", [None, {2: {3}, 3: {2}}])
def test_the_joined_fact_stays_a_near_clique(vouched) -> None:
    # the other articles' sentences (2, 3) are not alike: no join, unless the encoder
    # vouches for their link as it would within one fact
    own = _matrix({(0, 1): 0.45, (0, 2): 0.9, (1, 3): 0.8, (0, 3): 0.3, (1, 2): 0.3, (2, 3): 0.1})
    joined = [m for m, _, _ in _joined(own, vouched=vouched)]
    assert joined == ([(0, 2, 3)] if vouched else [(0, 2), (1, 3)])


def test_a_sentence_in_both_facts_is_no_second_telling() -> None:
    # one sentence stating two facts (the grouping's step 3) keeps them apart
    own = _matrix({(0, 2): 0.9, (0, 3): 0.8, (2, 3): 0.4})
    groups = [((0, 2), (0.9,)), ((0, 3), (0.8,))]
    assert [m for m, _, _ in _joined(own, groups)] == [(0, 2), (0, 3)]


def test_facts_of_one_article_are_left_alone() -> None:
    own = _matrix({(0, 1): 0.9})
    groups = [((0,), ()), ((1,), ())]
    assert _joined(own, groups) == [((0,), (), ()), ((1,), (), ())]


FILLER = (
    " Le musée des beaux-arts rouvrira ses portes au printemps."
    " Une nouvelle ligne de bus desservira le quartier de la gare."
)


def test_a_fact_told_twice_is_one_fact_with_both_tellings_as_evidence(build) -> None:
    # an outlet runs the dispatch's sentence, then its own rewording of it; one other
    # outlet runs the dispatch's, a third one close to the rewording
    dispatch = "Dans les autres villes, les cortèges de grévistes ont défilé sans incident samedi."
    reworded = (
        "Ailleurs dans le pays, les cortèges de grévistes ont pour la plupart défilé"
        " sans incident, même si des heurts ont éclaté à Valmont."
    )
    third = (
        "Ailleurs dans le pays, les grévistes ont pour la plupart défilé dans le calme,"
        " même si des heurts ont éclaté à Valmont."
    )
    turnout = "La grève a été suivie à 40 %."
    dossier = align(
        [
            build.article(f"{reworded} {turnout} {dispatch}{FILLER}", source="a.txt"),
            build.article(f"{dispatch} {turnout}{FILLER}", source="b.txt"),
            build.article(f"{third} La grève a été suivie à 38 %.{FILLER}", source="c.txt"),
        ]
    )
    told = [f for f in dossier.facts if {e.span.text for e in f.evidence} >= {dispatch, reworded}]
    assert len(told) == 1
    fact = told[0]
    assert len(fact.sources) == 3
    assert len(fact.evidence) == 4
    assert {e.span.text for e in fact.evidence} == {dispatch, reworded, third}
