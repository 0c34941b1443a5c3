"""General news vocabulary (synonyms.toml): word families meet, meanings stay apart."""

from __future__ import annotations

import pytest

from recoupe import resources
from recoupe.align.names import fold
from recoupe.align.similarity import similarity_matrix, terms_of


def _groups() -> list[list[str]]:
    return resources.load("fr", "synonyms")["groups"]


def _sim(a: str, b: str) -> float:
    texts = [a, b, "Le marché aux fleurs ouvre dimanche.", "Le musée prête trois tableaux."]
    return float(similarity_matrix(texts, [""] * len(texts))[0, 1])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a noun, its verb and its participle are one word
        ("pillage", "pillées"),
        ("saccage", "vandalisés"),
        ("écroué", "incarcéré"),
        ("décès", "tués"),
        ("hôpital", "hospitalisés"),
        ("déploiement", "déployés"),
        ("démission", "démissionner"),
        ("adoption", "adopté"),
        # words news copy uses for one thing
        ("manifestants", "protestataires"),
        ("casseurs", "émeutiers"),
        ("dégâts", "dégradations"),
        ("grièvement", "gravement"),
        ("séisme", "tremblement de terre"),
        ("explosion", "déflagration"),
        ("gouvernement", "exécutif"),
        ("ministre des Armées", "ministre de la Défense"),
        ("chef de l'État", "président"),
        ("députés", "parlementaires"),
        ("hausse", "augmentation"),
        ("baisse", "diminution"),
        ("grève", "débrayage"),
        ("dénoncé", "fustigé"),
        ("choqué", "indigné"),
        ("précisé", "souligné"),
    ],
)
def test_words_of_one_group_become_one_term(a: str, b: str) -> None:
    assert terms_of(a) == terms_of(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "arrêter" halts in the diplomatic sense: an arrest is not a halt
        ("arrestation", "arrêt"),
        # two facts one story tells apart
        ("blessés", "morts"),
        ("hausse", "baisse"),
        ("pillage", "incendie"),
        # a vote can go against; a sentence in court is not a denunciation
        ("voté", "adopté"),
        ("condamné", "dénoncé"),
        # a levy and a sample taken by investigators
        ("prélèvement", "taxe"),
    ],
)
def test_different_meanings_stay_apart(a: str, b: str) -> None:
    assert terms_of(a) != terms_of(b)


def test_every_entry_is_folded_and_in_one_group_only() -> None:
    seen: dict[str, int] = {}
    for n, group in enumerate(_groups()):
        for entry in group:
            # lowercase and unaccented; a hyphen reads as a space
            assert fold(entry) == entry.replace("-", " "), entry
            assert seen.setdefault(entry, n) == n, entry


def test_every_word_is_read_as_its_own_group() -> None:
    # a word whose stem is another group's word must still land in its own group
    tokens = []
    for group in _groups():
        (token,) = terms_of(group[0])
        tokens.append(token)
        for phrase in (e for e in group if " " in fold(e)):
            assert terms_of(phrase) == [token], phrase
        for word in (e for e in group if " " not in fold(e)):
            assert terms_of(word) == [token], word
            assert terms_of(word + "s") == [token], word
    assert len(set(tokens)) == len(tokens)


def test_a_paraphrase_in_other_words_meets_its_account() -> None:
    told = "Des casseurs ont saccagé plusieurs boutiques du centre de Vernoux."
    retold = "Des émeutiers ont vandalisé plusieurs magasins du centre de Vernoux."
    other = "Des lycéens ont visité plusieurs musées du centre de Vernoux."
    assert _sim(told, retold) > _sim(told, other)
    assert _sim(told, retold) >= 0.6
