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


def test_an_area_named_by_common_words_is_one_place(build) -> None:
    # "en province" and "le reste du pays" name one area, though no entity names it
    a = _article(
        build, "a.txt", "Dans le reste du pays, les cortèges se sont déroulés dans le calme."
    )
    b = _article(
        build, "b.txt", "En province, des heurts ont éclaté dans plusieurs villes moyennes."
    )
    (contrast,) = _contrasts([a, b])
    assert "provinces" in contrast.reason
    assert [s.label for s in contrast.sides] == ["calm", "unrest"]


def test_a_word_inside_another_is_no_area(build) -> None:
    a = _article(
        build, "a.txt", "Les provinciales de Valdorra se sont déroulées dans le calme samedi."
    )
    b = _article(
        build, "b.txt", "En province, des heurts ont éclaté dans plusieurs villes moyennes."
    )
    assert not _contrasts([a, b])


def test_a_sentence_naming_no_day_is_compared_with_each_day(build) -> None:
    text_b = "Samedi, des heurts ont éclaté en province dans plusieurs villes moyennes."
    text_c = "Dimanche, la situation est restée calme en province, selon la police."
    a = _article(build, "a.txt", "En province, les cortèges se sont déroulés dans le calme.")
    b = build.article(text_b, source="b.txt", dates=[build.date(text_b, "Samedi", "2031-05-10")])
    c = build.article(text_c, source="c.txt", dates=[build.date(text_c, "Dimanche", "2031-05-11")])
    (contrast,) = _contrasts([a, b, c])
    calm, unrest = ({e.article_id for e in s.evidence} for s in contrast.sides)
    assert (calm, unrest) == ({a.article.id}, {b.article.id})
