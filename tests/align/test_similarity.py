"""Lexical similarity: synonyms, word forms, numbers, context of pointing-back sentences."""

from __future__ import annotations

import numpy as np
import pytest

from recoupe.align.entities import EntityIndex, resolve_entities
from recoupe.align.similarity import (
    OTHER_COUNTS_PENALTY,
    penalize_other_tallies,
    similarity_matrix,
    terms_of,
    unit_numbers,
    unit_similarity,
)
from recoupe.align.units import build_units, points_back


def _sim(a: str, b: str) -> float:
    texts = [a, b, "Le marché aux fleurs ouvre dimanche."]
    return float(similarity_matrix(texts, ["", "", ""])[0, 1])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a noun and its verb are one word: halting is halting
        ("arrêt", "arrêter"),
        ("suspension", "abandonner"),
        ("interruption", "cesser"),
        ("entamé", "engagées"),
        ("délégués", "délégation"),
        ("réunion", "rencontre"),
        ("armée", "militaires"),
    ],
)
def test_words_of_one_group_become_one_term(a: str, b: str) -> None:
    assert terms_of(a) == terms_of(b)


def test_a_word_is_looked_up_before_its_stem() -> None:
    # "armée" (army) and "arme" (weapon) share a stem but not a meaning
    (army,) = terms_of("armée")
    (weapon,) = terms_of("armes")
    assert army != weapon
    assert army == terms_of("soldats")[0]


def test_shared_numbers_add_to_the_score() -> None:
    with_number = _sim("Le port a reçu 412 conteneurs.", "Les dockers ont déchargé 412 caisses.")
    without = _sim("Le port a reçu des conteneurs.", "Les dockers ont déchargé des caisses.")
    assert with_number > without


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le conseil municipal a approuvé ce projet jeudi.", True),
        ("Les syndicats jugent ces mesures insuffisantes.", True),
        ("Un tel accord serait une première dans la région.", True),
        ("Le maire s'exprimera cette semaine devant le conseil.", False),  # a time
        ("C'est ce que réclamaient les riverains depuis des mois.", False),  # a pronoun
        ("Le conseil municipal a voté le budget jeudi.", False),
    ],
)
def test_demonstratives_point_back(build, sentence: str, expected: bool) -> None:
    text = "La mairie a présenté un plan de rénovation des écoles. " + sentence
    (unit,) = [u for u in _units(build, text) if u.sentence.text == sentence]
    assert (unit.context is not None) is expected
    assert points_back(unit.sentence, unit.claims) is expected


def test_a_decision_without_its_object_points_back(build) -> None:
    text = (
        "Le préfet a proposé de fermer le pont aux camions. "
        "Le maire a accepté et a prévenu les transporteurs."
    )
    claim = build.claim(
        text,
        "Le maire a accepté",
        trigger="accepté",
        lemma="accepter",
        category="AGREE",
    )
    units = _units(build, text, claims=[claim])
    assert units[1].context is not None
    assert units[1].context.text == units[0].sentence.text


def test_a_decision_with_its_object_does_not_point_back(build) -> None:
    text = "Le préfet a proposé un plan. Le maire a accepté la fermeture du pont aux camions."
    claim = build.claim(
        text,
        "Le maire a accepté la fermeture du pont aux camions",
        trigger="accepté",
        lemma="accepter",
        category="AGREE",
    )
    claim = build.replace(claim, object=build.at(text, "la fermeture du pont aux camions"))
    units = _units(build, text, claims=[claim])
    assert units[1].context is None


def test_a_sentence_that_points_back_meets_the_account_that_spells_it_out(build) -> None:
    a = (
        "Le ministre a proposé un gel des loyers étudiants pendant un an. "
        "Le Parlement a soutenu ce projet jeudi soir."
    )
    b = "Jeudi soir, les députés ont approuvé le gel des loyers étudiants voulu par le ministre."
    items = [build.article(a, source="a.txt"), build.article(b, source="b.txt")]
    units = build_units(items, EntityIndex(resolve_entities(items)), max_chars=450)
    index = EntityIndex(resolve_entities(items))
    backed = next(u for u in units if "ce projet" in u.sentence.text)
    other = next(u for u in units if u.article == 1)
    with_context, own = unit_similarity(units, index, context_weight=0.5)
    assert with_context[backed.index, other.index] > own[backed.index, other.index]
    # the sentence that states the proposal is unchanged
    first = units[0].index
    assert with_context[first, other.index] == pytest.approx(own[first, other.index])


def _units(build, text: str, claims=()):
    item = build.article(text, source="a.txt", claims=claims)
    return build_units([item], EntityIndex(resolve_entities([item])), max_chars=450)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("248 000", "248\u00a0000"),  # thousands by a space and by a no-break space
        ("31\u202f700", "31'700"),  # thin space and apostrophe
        ("2 417", "2417"),
    ],
)
def test_numbers_written_two_ways_are_one_number(build, first: str, second: str) -> None:
    a_text = f"Les organisateurs ont compté {first} manifestants."
    b_text = f"La police a recensé {second} personnes dans les rues."
    value = float(first.replace(" ", "").replace("\u202f", ""))  # as the analysis reads it
    a = build.article(a_text, source="a.txt", quantities=[build.quantity(a_text, first, value)])
    b = build.article(b_text, source="b.txt", quantities=[build.quantity(b_text, second, value)])
    units = build_units([a, b], EntityIndex(resolve_entities([a, b])), max_chars=450)
    assert unit_numbers(units[0]) == unit_numbers(units[1]) == {f"{value:g}"}


def test_figures_in_words_and_ranks_add_nothing(build) -> None:
    text = "Des centaines de personnes ont défilé pour la 4e fois, et 27 élus."
    quantities = [
        build.quantity(text, "Des centaines", 200.0),
        build.quantity(text, "4e", 4.0, kind="ordinal"),
        build.quantity(text, "27", 27.0),
    ]
    a = build.article(text, source="a.txt", quantities=quantities)
    (unit,) = build_units([a], EntityIndex(resolve_entities([a])), max_chars=450)
    assert unit_numbers(unit) == {"27", "4"}


def test_figures_that_count_nothing_in_common_lower_the_score() -> None:
    # injured, arrests, injured again (a near figure), no figure, injured and arrests
    tallies = [
        {"injured": [35.0]},
        {"arrests": [80.0]},
        {"injured": [40.0]},
        {},
        {"injured": [35.0], "arrests": [80.0]},
    ]
    sim = np.full((5, 5), 0.4)
    np.fill_diagonal(sim, 1.0)
    out = penalize_other_tallies(sim, tallies, 2.0)
    assert out[0, 1] == out[1, 0] == out[1, 2] == 0.4 * OTHER_COUNTS_PENALTY
    # one count in common, or no figure on one side: the words decide
    assert out[0, 2] == out[0, 3] == out[1, 3] == out[0, 4] == out[1, 4] == 0.4
    assert np.all(np.diagonal(out) == 1.0)
