"""Contrasts: one place described as calm by one outlet and as the scene of clashes by another."""

from __future__ import annotations

from recoupe.align import align


def _contrasts(articles) -> list:
    return [d for d in align(articles).divergences if d.kind == "contrast"]


def _articles_by_side(contrast) -> tuple[set[str], ...]:
    """The articles of each side's evidence: (calm, unrest)."""
    return tuple({e.article_id for e in s.evidence} for s in contrast.sides)


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
    assert _articles_by_side(contrast) == ({a.article.id}, {b.article.id})


def test_what_a_but_asserts_is_the_sentence_s_side(build) -> None:
    a = _article(build, "a.txt", "À Valdorra, les cortèges se sont tous dispersés dans le calme.")
    b = _article(
        build,
        "b.txt",
        "À Valdorra, les cortèges ont pour la plupart défilé dans le calme, mais des"
        " échauffourées ont suivi devant la mairie.",
    )
    (contrast,) = _contrasts([a, b])
    assert _articles_by_side(contrast) == ({a.article.id}, {b.article.id})


def test_a_fronted_place_is_where_the_whole_sentence_happens(build) -> None:
    # the unrest is told far from "Valdorra", which frames the sentence
    a = _article(build, "a.txt", "À Valdorra, les cortèges se sont dispersés dans le calme.")
    b = _article(
        build,
        "b.txt",
        "À Valdorra, plusieurs milliers de personnes ont défilé derrière les syndicats avant"
        " que des affrontements n'opposent quelques jeunes aux policiers.",
    )
    assert len(_contrasts([a, b])) == 1


def test_an_evening_is_compared_with_an_evening_not_with_a_day(build) -> None:
    evening_calm = "En soirée, la situation était redevenue calme à Valdorra."
    day = _article(build, "b.txt", "À Valdorra, des heurts ont éclaté entre policiers et jeunes.")
    evening = _article(build, "c.txt", "Dans la soirée, des heurts ont éclaté à Valdorra.")
    assert not _contrasts([_article(build, "a.txt", evening_calm), day])
    (contrast,) = _contrasts([_article(build, "a.txt", evening_calm), evening])
    assert "Valdorra" in contrast.reason


def test_two_dispatches_one_article_blends_are_still_two_accounts(build) -> None:
    # a.txt runs sentences of b.txt's dispatch and of c.txt's: all three are one origin,
    # but b.txt and c.txt print nothing of each other
    first = (
        "Le port de Valdorra est resté fermé toute la journée de mardi. "
        "Les dockers réclament une hausse de leurs salaires depuis trois mois. "
        "La direction du port a refusé de recevoir leurs délégués lundi soir. "
    )
    second = (
        "Le ministre des Transports a appelé les deux parties au dialogue mercredi. "
        "Une réunion de médiation est prévue à la préfecture dans la semaine. "
        "Les syndicats de marins se disent prêts à rejoindre le mouvement. "
    )
    a = _article(build, "a.txt", first + second)
    b = _article(build, "b.txt", first + "À Valdorra, le cortège s'est dispersé dans le calme.")
    c = _article(build, "c.txt", second + "À Valdorra, des heurts ont éclaté devant le port.")
    dossier = align([a, b, c])
    assert len({o.id for o in dossier.origins if a.article.id in o.articles}) == 1
    (contrast,) = [d for d in dossier.divergences if d.kind == "contrast"]
    assert _articles_by_side(contrast) == ({b.article.id}, {c.article.id})


def test_the_capital_named_bare_is_one_place_a_qualified_one_another(build) -> None:
    calm = "En soirée, la situation était redevenue calme dans la capitale."
    unrest = "Dans la soirée, des heurts ont éclaté dans l'est de la capitale, près de la gare."
    other = "En soirée, la situation était redevenue calme dans la capitale voisine."
    (contrast,) = _contrasts([_article(build, "a.txt", calm), _article(build, "b.txt", unrest)])
    assert "capital" in contrast.reason
    assert not _contrasts([_article(build, "a.txt", other), _article(build, "b.txt", unrest)])
