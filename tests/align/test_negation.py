"""What a sentence negates, read from its words (align/negation.py)."""

from __future__ import annotations

import pytest

from recoupe.align.negation import polarity_of


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("Le syndicat n'a pas accepté la proposition.", {"accep"}),
        ("Le maire ne signera jamais cet accord.", {"signe"}),
        ("Elle ne l'a jamais dit en public.", {"dit"}),
        ("Nous ne pouvons pas accepter ces violences.", {"accep"}),
        ("Ils n'auront plus le droit de manifester.", {"auron"}),
        ("Le ministre ne mentionnait pas les infrastructures.", {"menti"}),
        ("Il ne reste que trois jours avant le vote.", set()),
        ("Cela n'a pas suffi à calmer la colère des dockers.", {"suffi", "calme"}),
        ("Le ministre n'a pas pu rassurer les habitants.", {"rassu"}),
        ("Le syndicat a accepté la proposition.", set()),
    ],
)
def test_negated_stems(sentence: str, negated: set[str]) -> None:
    assert polarity_of(sentence).negated == negated


def test_a_negated_verb_contradicts_the_same_verb_stated() -> None:
    no = polarity_of("Le syndicat n'a pas accepté la proposition.")
    yes = polarity_of("Le syndicat a accepté la proposition de la direction.")
    assert no.contradicts(yes) == {"accep"}


def test_two_negations_of_one_verb_agree() -> None:
    one = polarity_of("Nous ne pouvons pas accepter ces violences.")
    two = polarity_of(
        "Dans bien des villes, tout fut calme, mais nous ne pouvons pas accepter cela."
    )
    assert not one.contradicts(two)


def test_a_negated_verb_is_not_also_stated() -> None:
    read = polarity_of("Le syndicat n'a pas accepté la proposition.")
    assert "accep" not in read.stated
    assert "propo" in read.stated


def test_a_negated_verb_and_the_infinitive_it_governs_agree_with_a_plain_negation() -> None:
    one = polarity_of("Le recul du maire n'a pas calmé la colère des dockers.")
    two = polarity_of("Le recul du maire n'a pas suffi à calmer la colère des dockers.")
    assert not one.contradicts(two)
