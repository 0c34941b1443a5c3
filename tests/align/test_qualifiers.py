"""Qualifier divergences: one figure, read literally, claimed as different ranges."""

from __future__ import annotations

import pytest

from recoupe.align import align

SENTENCE = "{} condamnations ont été prononcées à Valdorra depuis janvier."


def _account(build, figure: str, value: float, qualifier: str | None, source: str):
    text = SENTENCE.format(figure)
    q = build.replace(
        build.quantity(text, figure, value, unit="condamnation"),
        qualifier=qualifier,
        counts="convictions",
    )
    return build.article(text, source=source, quantities=[q])


def _qualifiers(dossier) -> list:
    return [d for d in dossier.divergences if d.kind == "qualifier"]


def test_a_floor_against_an_estimate_of_the_same_figure(build) -> None:
    # "plus de 1 000" is above it; "quelque 1 000" may be below: neither holds the other
    a = _account(build, "Plus de 1 000", 1000.0, "more_than", "a.txt")
    b = _account(build, "Quelque 1 000", 1000.0, "about", "b.txt")
    dossier = align([a, b])
    (found,) = _qualifiers(dossier)
    assert {s.value for s in found.sides} == {"more than", "approximate"}
    assert all(len(s.evidence) == 1 for s in found.sides)
    assert {e.article_id for s in found.sides for e in s.evidence} == {a.article.id, b.article.id}
    assert "value" not in {d.kind for d in dossier.divergences}


def test_more_than_a_figure_against_the_figure_itself(build) -> None:
    a = _account(build, "Plus de 1 000", 1000.0, "more_than", "a.txt")
    b = _account(build, "Au total, 1 000", 1000.0, None, "b.txt")
    (found,) = _qualifiers(align([a, b]))
    assert {s.value for s in found.sides} == {"more than", "exact"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Au moins 1 000", "at_least"), ("Au total, 1 000", None)),
        (("Environ 1 000", "about"), ("Au total, 1 000", None)),
        (("Plus de 1 000", "more_than"), ("Au moins 1 000", "at_least")),
        (("Près de 1 000", "about"), ("Près de 1 000", "about")),
    ],
)
def test_one_account_narrowing_the_other_is_no_divergence(build, first, second) -> None:
    # the bare figure lies within "au moins" and "environ"; "plus de" within "au moins"
    a = _account(build, first[0], 1000.0, first[1], "a.txt")
    b = _account(build, second[0], 1000.0, second[1], "b.txt")
    assert _qualifiers(align([a, b])) == []


def test_different_figures_are_left_to_the_value_rule(build) -> None:
    a = _account(build, "Plus de 1 000", 1000.0, "more_than", "a.txt")
    b = _account(build, "Quelque 1 200", 1200.0, "about", "b.txt")
    assert _qualifiers(align([a, b])) == []


def test_the_same_number_of_two_things_is_not_compared(build) -> None:
    a = _account(build, "Plus de 1 000", 1000.0, "more_than", "a.txt")
    text = "Quelque 1 000 personnes ont été interpellées à Valdorra depuis janvier."
    q = build.replace(
        build.quantity(text, "Quelque 1 000", 1000.0, unit="personne"),
        qualifier="about",
        counts="arrests",
    )
    b = build.article(text, source="b.txt", quantities=[q])
    assert _qualifiers(align([a, b])) == []
