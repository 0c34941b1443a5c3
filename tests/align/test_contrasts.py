"""Contrasts: one place described as calm by one outlet and as the scene of clashes by another."""

from __future__ import annotations

from recoupe.align import align


def _contrasts(articles) -> list:
    return [d for d in align(articles).divergences if d.kind == "contrast"]


def _article(build, source: str, text: str, places=("Valdorra", "Brélia")):
    return build.article(text, source=source, mentions=[(p, "LOC") for p in places if p in text])


def test_a_place_calm_in_one_account_and_violent_in_another(build) -> None:
    a = _article(build, "a.txt", "À Valdorra, les manifestants se sont dispersés dans le calme.")
    b = _article(
        build, "b.txt", "À Valdorra, des heurts ont éclaté entre policiers et manifestants."
    )
    (contrast,) = _contrasts([a, b])
    assert "Valdorra" in contrast.reason
    assert [s.label for s in contrast.sides] == ["calm", "unrest"]
    assert contrast.confidence < 0.5


def test_a_sentence_telling_both_is_no_side(build) -> None:
    a = _article(
        build, "a.txt", "À Valdorra, la matinée fut calme, puis des heurts ont éclaté vers midi."
    )
    b = _article(
        build, "b.txt", "À Valdorra, des heurts ont éclaté entre policiers et manifestants."
    )
    assert not _contrasts([a, b])


def test_a_negated_calm_is_not_calm(build) -> None:
    a = _article(build, "a.txt", "À Valdorra, la situation n'est jamais restée calme samedi.")
    b = _article(
        build, "b.txt", "À Valdorra, des heurts ont éclaté entre policiers et manifestants."
    )
    assert not _contrasts([a, b])


def test_a_description_of_another_place_in_the_sentence_does_not_count(build) -> None:
    # the calm is Brélia's, far in the sentence from Valdorra
    a = _article(
        build,
        "a.txt",
        "Les cortèges de Valdorra ont rassemblé des milliers de personnes venues des villages"
        " de la vallée, et plus au sud, à Brélia, la journée s'est achevée dans le calme.",
    )
    b = _article(
        build, "b.txt", "À Valdorra, des heurts ont éclaté entre policiers et manifestants."
    )
    assert not _contrasts([a, b])


def test_copies_of_one_dispatch_raise_no_contrast(build) -> None:
    common = (
        "Le port de Valdorra est resté fermé toute la journée de mardi. "
        "Les dockers réclament une hausse de leurs salaires depuis trois mois. "
        "La direction du port a refusé de recevoir leurs délégués lundi soir. "
    )
    a = _article(build, "a.txt", common + "À Valdorra, le cortège s'est dispersé dans le calme.")
    b = _article(build, "b.txt", common + "À Valdorra, des heurts ont éclaté devant le port.")
    assert not _contrasts([a, b])
