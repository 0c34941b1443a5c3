"""Divergences: each kind puts the differing accounts' evidence side by side."""

from __future__ import annotations

import dataclasses

import pytest

from recoupe.align import align


def _kinds(dossier) -> dict[str, list]:
    out: dict[str, list] = {}
    for div in dossier.divergences:
        out.setdefault(div.kind, []).append(div)
    return out


def _side_texts(div) -> list[set[str]]:
    return [{e.span.text for e in side.evidence} for side in div.sides]


def test_different_figures_for_the_same_unit(build) -> None:
    a = build.article(
        "Les autorités de Valdorra ont libéré 40 prisonniers lundi soir.", source="a.txt"
    )
    b = build.article(
        "Les autorités de Valdorra ont libéré 45 prisonniers lundi soir.", source="b.txt"
    )
    (value,) = _kinds(align([a, b]))["value"]
    assert {s.value for s in value.sides} == {"40", "45"}
    assert all(len(s.evidence) == 1 for s in value.sides)


def test_duration_only_one_account_gives(build) -> None:
    a = build.article(
        "Le gouvernement a suspendu les expulsions locatives pendant 60 jours à Valdorra.",
        source="a.txt",
    )
    b = build.article(
        "Le gouvernement a suspendu les expulsions locatives à Valdorra.", source="b.txt"
    )
    (detail,) = _kinds(align([a, b]))["detail"]
    assert {s.label for s in detail.sides} == {"for 60 jour", "no duration given"}


@pytest.mark.parametrize(("after", "detail"), [("60 jours", False), ("90 jours", True)])
def test_a_duration_the_next_sentence_gives_is_given(build, after: str, detail: bool) -> None:
    a = build.article(
        "Le gouvernement a suspendu les expulsions locatives pendant 60 jours à Valdorra.",
        source="a.txt",
    )
    b = build.article(
        "Le gouvernement a suspendu les expulsions locatives à Valdorra. "
        f"La mesure restera en vigueur pendant {after}, a précisé Léa Marchand.",
        source="b.txt",
    )
    dossier = align([a, b])
    assert any(len(f.sources) == 2 for f in dossier.facts)
    # the duration in the sentence after is the account's own: no detail; another
    # duration there leaves the account without this one
    assert ("detail" in _kinds(dossier)) is detail


def test_the_duration_of_what_did_not_happen_is_no_detail(build) -> None:
    text = (
        "Le gouvernement a suspendu les expulsions locatives à Valdorra, mais le parlement "
        "n'a pas voté une trêve de 60 jours."
    )
    claims = [
        build.claim(
            text,
            text[: text.index(",")],
            trigger="suspendu",
            lemma="suspendre",
            category="RETREAT",
        ),
        build.claim(
            text,
            "le parlement n'a pas voté une trêve de 60 jours",
            trigger="voté",
            lemma="voter",
            category="AGREE",
            polarity="negative",
        ),
    ]
    sixty = build.quantity(text, "60 jours", 60.0, kind="duration", unit="jour")
    a = build.article(text, source="a.txt", claims=claims, quantities=[sixty])
    b = build.article(
        "Le gouvernement a suspendu les expulsions locatives à Valdorra.", source="b.txt"
    )
    dossier = align([a, b])
    assert any(len(f.sources) == 2 for f in dossier.facts)
    assert "detail" not in _kinds(dossier)


def test_a_lapse_between_two_moments_is_no_duration(build) -> None:
    text_a = "Le gouvernement a suspendu les expulsions locatives pendant 60 jours à Valdorra."
    text_b = (
        "Le gouvernement a suspendu les expulsions locatives à Valdorra, 2 jours après"
        " la manifestation."
    )
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[build.quantity(text_a, "60 jours", 60.0, kind="duration", unit="jour")],
    )
    b = build.article(
        text_b,
        source="b.txt",
        quantities=[build.quantity(text_b, "2 jours", 2.0, kind="offset", unit="jour")],
    )
    # "2 jours après" says when, not how long: one account gives a duration, not two.
    (detail,) = _kinds(align([a, b]))["detail"]
    assert {s.label for s in detail.sides} == {"for 60 jour", "no duration given"}
    assert "value" not in _kinds(align([a, b]))


def test_an_age_only_one_account_gives_is_no_divergence(build) -> None:
    # no duration either: an age is no length of time
    text_a = "Le pêcheur Jean Lemoine, 52 ans, a été secouru au large de Valdorra lundi."
    text_b = "Le pêcheur Jean Lemoine a été secouru au large de Valdorra lundi."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[build.quantity(text_a, "52 ans", 52.0, kind="age", unit="an")],
    )
    b = build.article(text_b, source="b.txt")
    assert _kinds(align([a, b])) == {}


def test_two_ages_for_one_person(build) -> None:
    text_a = "Le pêcheur Jean Lemoine, 52 ans, a été secouru au large de Valdorra lundi."
    text_b = "Le pêcheur Jean Lemoine, 54 ans, a été secouru au large de Valdorra lundi."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[build.quantity(text_a, "52 ans", 52.0, kind="age", unit="an")],
    )
    b = build.article(
        text_b,
        source="b.txt",
        quantities=[build.quantity(text_b, "54 ans", 54.0, kind="age", unit="an")],
    )
    (value,) = _kinds(align([a, b]))["value"]
    assert value.reason == "the accounts give different ages"
    assert {s.label for s in value.sides} == {"aged 52", "aged 54"}


def _counted(build, text: str, words: str, value: float, qualifier=None, counts=None):
    q = build.quantity(text, words, value, unit="condamnation")
    return build.replace(q, qualifier=qualifier, counts=counts)


def test_figures_that_can_both_be_true_are_no_divergence(build) -> None:
    # "plus de 1 000" and "environ 1 000": a reader sees no contradiction
    text_a = "Plus de 1 000 condamnations ont été prononcées à Valdorra depuis janvier."
    text_b = "Environ 1 000 condamnations ont été prononcées à Valdorra depuis janvier."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[_counted(build, text_a, "Plus de 1 000", 1000.0, "more_than")],
    )
    b = build.article(
        text_b,
        source="b.txt",
        quantities=[_counted(build, text_b, "Environ 1 000", 1000.0, "about")],
    )
    assert "value" not in _kinds(align([a, b]))


def test_hundreds_contradict_more_than_a_thousand(build) -> None:
    # "des centaines" is 200 to 999: it cannot be "plus de 1 000", and may be "près de 1 000"
    text_a = "Des centaines de condamnations ont été prononcées à Valdorra depuis janvier."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[build.replace(_counted(build, text_a, "Des centaines", 200.0), value2=999.0)],
    )
    for figure, qualifier, divergent in (
        ("Plus de 1 000", "more_than", True),
        ("Près de 1 000", "about", False),
    ):
        text_b = f"{figure} condamnations ont été prononcées à Valdorra depuis janvier."
        b = build.article(
            text_b,
            source="b.txt",
            quantities=[_counted(build, text_b, figure, 1000.0, qualifier)],
        )
        assert ("value" in _kinds(align([a, b]))) is divergent


def test_a_rounded_figure_agrees_with_the_exact_one(build) -> None:
    text_a = "Près de 52 000 condamnations ont été prononcées à Valdorra depuis janvier."
    text_b = "Au total, 51 780 condamnations ont été prononcées à Valdorra depuis janvier."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[_counted(build, text_a, "Près de 52 000", 52000.0, "about")],
    )
    b = build.article(
        text_b, source="b.txt", quantities=[_counted(build, text_b, "51 780", 51780.0)]
    )
    assert "value" not in _kinds(align([a, b]))


def test_a_figure_and_its_share_agree_with_the_figure_alone(build) -> None:
    # "12 000, dont 3 000 à Brélia" and "12 000": the second figure is a part, no dispute
    text_a = "Au total, 12 000 condamnations ont été prononcées à Valdorra, dont 3 000 à Brélia."
    text_b = "Au total, 12 000 condamnations ont été prononcées à Valdorra depuis janvier."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[
            _counted(build, text_a, "12 000", 12000.0),
            _counted(build, text_a, "3 000", 3000.0),
        ],
    )
    b = build.article(
        text_b, source="b.txt", quantities=[_counted(build, text_b, "12 000", 12000.0)]
    )
    assert "value" not in _kinds(align([a, b]))


def test_figures_compared_by_what_they_count(build) -> None:
    text_a = "Au total, 1 000 condamnations ont été prononcées à Valdorra depuis janvier."
    text_b = "Au total, 1 500 condamnations ont été prononcées à Valdorra depuis janvier."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[_counted(build, text_a, "1 000", 1000.0, counts="convictions")],
    )
    b = build.article(
        text_b,
        source="b.txt",
        quantities=[_counted(build, text_b, "1 500", 1500.0, counts="convictions")],
    )
    (value,) = _kinds(align([a, b]))["value"]
    assert {s.value for s in value.sides} == {"1000", "1500"}
    assert "convictions" in value.reason


def _toll(build, source: str, hour: int, injured: int):
    """An account of the injured at an hour of 14 May 2031."""
    text = f"À {hour} h, la police comptait {injured} blessés dans les rues de Valdorra."
    return build.article(
        text,
        source=source,
        quantities=[build.quantity(text, str(injured), float(injured), unit="blessé")],
        dates=[build.date(text, f"{hour} h", f"2031-05-14T{hour}:00", kind="time")],
    )


def test_a_toll_updated_through_the_day_is_an_evolution(build) -> None:
    kinds = _kinds(align([_toll(build, "a.txt", 15, 40), _toll(build, "b.txt", 20, 75)]))
    (evolution,) = kinds["evolution"]
    assert [s.label for s in evolution.sides] == ["40 at 15:00 blesse", "75 at 20:00 blesse"]
    assert "value" not in kinds


def test_a_part_of_a_toll_is_shown_as_a_part(build) -> None:
    def toll(source: str, hour: int, injured: int, police: int):
        text = (
            f"À {hour} h, la police comptait {injured} blessés, dont {police} parmi les "
            "agents, dans les rues de Valdorra."
        )
        figures = [(str(injured), injured), (str(police), police)]
        return build.article(
            text,
            source=source,
            quantities=[build.quantity(text, f, float(v), unit="blessé") for f, v in figures],
            dates=[build.date(text, f"{hour} h", f"2031-05-14T{hour}:00", kind="time")],
        )

    (evolution,) = _kinds(align([toll("a.txt", 15, 40, 6), toll("b.txt", 20, 75, 9)]))["evolution"]
    assert [s.label for s in evolution.sides] == [
        "40 (incl. 6) at 15:00 blesse",
        "75 (incl. 9) at 20:00 blesse",
    ]


def test_a_toll_that_falls_later_in_the_day_is_a_divergence(build) -> None:
    # a count of injured only grows: a later, lower figure contradicts the earlier one
    kinds = _kinds(align([_toll(build, "a.txt", 15, 75), _toll(build, "b.txt", 20, 40)]))
    (value,) = kinds["value"]
    assert value.reason.startswith("a later account gives a lower figure")
    assert "evolution" not in kinds


def test_different_days_for_one_event(build) -> None:
    text_a = "Le congrès du parti a élu sa nouvelle présidente le 3 juin à Valdorra."
    text_b = "Le congrès du parti a élu sa nouvelle présidente le 4 juin à Valdorra."
    a = build.article(text_a, source="a.txt", dates=[build.date(text_a, "3 juin", "2031-06-03")])
    b = build.article(text_b, source="b.txt", dates=[build.date(text_b, "4 juin", "2031-06-04")])
    (date,) = _kinds(align([a, b]))["date"]
    assert {s.value for s in date.sides} == {"2031-06-03", "2031-06-04"}


def test_one_account_negates_the_other(build) -> None:
    a = build.article(
        "Le syndicat des dockers a accepté la proposition de la direction du port.",
        source="a.txt",
    )
    b = build.article(
        "Le syndicat des dockers n'a pas accepté la proposition de la direction du port.",
        source="b.txt",
    )
    (polarity,) = _kinds(align([a, b]))["polarity"]
    assert {s.label for s in polarity.sides} == {"positive", "negative"}


def test_a_negation_of_another_verb_is_no_polarity_divergence(build) -> None:
    a = build.article(
        "Le syndicat des dockers a accepté la proposition de la direction du port.",
        source="a.txt",
    )
    b = build.article(
        "Le syndicat des dockers a accepté la proposition de la direction du port,"
        " mais n'a pas signé l'accord.",
        source="b.txt",
    )
    assert "polarity" not in _kinds(align([a, b]))


def test_copies_of_one_dispatch_differ_only_by_an_edit(build) -> None:
    common = (
        "Le port de Valdorra est resté fermé toute la journée de mardi. "
        "Les dockers réclament une hausse de leurs salaires depuis trois mois. "
        "La direction du port a refusé de recevoir leurs délégués lundi soir. "
    )
    text_a = common + "La police a arrêté 40 dockers devant les grilles du port."
    text_b = common + "La police a arrêté 45 dockers devant les grilles du port."
    a = build.article(
        text_a, source="a.txt", quantities=[build.quantity(text_a, "40", 40.0, unit="docker")]
    )
    b = build.article(
        text_b, source="b.txt", quantities=[build.quantity(text_b, "45", 45.0, unit="docker")]
    )
    kinds = _kinds(align([a, b]))
    (edit,) = kinds["edit"]
    assert {s.value for s in edit.sides} == {"40", "45"}
    assert "value" not in kinds


def test_agreed_against_proposed(build) -> None:
    text_a = "Le syndicat et la direction ont signé un accord sur les horaires de nuit."
    text_b = "La direction a proposé au syndicat un accord sur les horaires de nuit."
    a = build.article(
        text_a,
        source="a.txt",
        claims=[
            build.claim(
                text_a, text_a, trigger="signé", lemma="signer", category="AGREE", modality="agreed"
            )
        ],
    )
    b = build.article(
        text_b,
        source="b.txt",
        claims=[
            build.claim(
                text_b,
                text_b,
                trigger="proposé",
                lemma="proposer",
                category="AGREE",
                modality="proposed",
            )
        ],
    )
    (modality,) = _kinds(align([a, b]))["modality"]
    assert {s.value for s in modality.sides} == {"agreed", "proposed"}


def _credited(build, text: str, name: str, cue: str, source: str):
    return build.article(
        text,
        source=source,
        attributions=[build.attribution(text, cue, kind="person", name=name, cue=cue)],
    )


def _stated(build):
    return _credited(
        build,
        "Hugo Lestrade a déclaré que le port de Valdorra pourrait fermer ses quais en mars.",
        "Hugo Lestrade",
        "déclaré",
        "a.txt",
    )


def test_a_source_stating_against_the_same_source_only_suggesting(build) -> None:
    a = _stated(build)
    b = _credited(
        build,
        "Hugo Lestrade a suggéré que le port de Valdorra pourrait fermer ses quais en mars.",
        "Hugo Lestrade",
        "suggéré",
        "b.txt",
    )
    (modality,) = _kinds(align([a, b]))["modality"]
    assert {s.value for s in modality.sides} == {"stated", "suggested"}
    by_value = {s.value: s.sources for s in modality.sides}
    assert by_value == {"stated": (a.article.id,), "suggested": (b.article.id,)}
    assert "Hugo Lestrade" in modality.reason


@pytest.mark.parametrize(
    ("name_b", "cue_b"),
    [
        ("Léa Marchand", "suggéré"),  # two sources, each its own way: no divergence
        ("Hugo Lestrade", "affirmé"),  # stated both times
    ],
)
def test_the_trap_no_hedging_without_one_source_told_two_ways(build, name_b, cue_b) -> None:
    a = _stated(build)
    b = _credited(
        build,
        f"{name_b} a {cue_b} que le port de Valdorra pourrait fermer ses quais en mars.",
        name_b,
        cue_b,
        "b.txt",
    )
    assert "modality" not in _kinds(align([a, b]))


def test_condition_only_one_account_carries(build) -> None:
    a = build.article(
        "Le syndicat reprendra le travail lundi au port si les salaires sont augmentés.",
        source="a.txt",
    )
    b = build.article("Le syndicat reprendra le travail lundi au port.", source="b.txt")
    (condition,) = _kinds(align([a, b]))["condition"]
    (with_condition,) = [s for s in condition.sides if s.label == "with a condition"]
    assert "si les salaires" in next(iter(with_condition.evidence)).span.text


def test_a_condition_the_other_account_states_otherwise_is_no_divergence(build) -> None:
    a = build.article(
        "Le syndicat reprendra le travail lundi au port si les salaires sont augmentés.",
        source="a.txt",
    )
    b = build.article(
        "Le syndicat reprendra le travail lundi au port, mais les salaires devront être augmentés.",
        source="b.txt",
    )
    dossier = align([a, b])
    assert any(len(f.sources) == 2 for f in dossier.facts)
    assert "condition" not in _kinds(dossier)


def test_an_indirect_question_is_no_condition(build) -> None:
    a = build.article(
        "Le syndicat reprendra le travail lundi au port, sans préciser s'il signera l'accord.",
        source="a.txt",
    )
    b = build.article("Le syndicat reprendra le travail lundi au port.", source="b.txt")
    assert "condition" not in _kinds(align([a, b]))


def test_a_condition_on_another_claim_is_no_divergence(build) -> None:
    # the conditional sentence, its condition set aside, states another claim than the
    # other account's sentence, though both name the same people, place and day
    a = build.article(
        "Les dockers du port de Valdorra reprendront le travail lundi si la direction"
        " augmente les salaires.",
        source="a.txt",
    )
    b = build.article(
        "Les dockers du port de Valdorra ont obtenu une hausse des salaires lundi.",
        source="b.txt",
    )
    assert "condition" not in _kinds(align([a, b]))


def test_accounts_credit_different_sources(build) -> None:
    text_a = "Le port de Valdorra rouvrira lundi matin, selon la préfecture."
    text_b = "Le port de Valdorra rouvrira lundi matin, selon le syndicat."
    a = build.article(
        text_a,
        source="a.txt",
        attributions=[
            build.attribution(text_a, "rouvrira", kind="institution", name="la préfecture")
        ],
    )
    b = build.article(
        text_b,
        source="b.txt",
        attributions=[
            build.attribution(text_b, "rouvrira", kind="institution", name="le syndicat")
        ],
    )
    (attribution,) = _kinds(align([a, b]))["attribution"]
    assert len(attribution.sides) == 2


def test_two_names_of_one_source_are_one_source(build) -> None:
    text_a = "Le port de Valdorra rouvrira lundi matin, a déclaré Ilona Varga."
    text_b = "Le port de Valdorra rouvrira lundi matin, a déclaré la préfète Ilona Varga."
    a = build.article(
        text_a,
        source="a.txt",
        mentions=[("Ilona Varga", "PER")],
        attributions=[build.attribution(text_a, "rouvrira", kind="person", name="Ilona Varga")],
    )
    b = build.article(
        text_b,
        source="b.txt",
        mentions=[("Ilona Varga", "PER")],
        attributions=[
            build.attribution(text_b, "rouvrira", kind="person", name="la préfète Ilona Varga")
        ],
    )
    assert not _kinds(align([a, b])).get("attribution")


def test_identical_accounts_do_not_diverge(build) -> None:
    text = "Le port de Valdorra a rouvert mardi après douze jours de grève."
    dossier = align(
        [build.article(text, source="a.txt"), build.article(text + " ", source="b.txt")]
    )
    assert not [d for d in dossier.divergences if d.kind != "omission"]


def test_the_outlets_own_voice_is_not_a_credited_source(build) -> None:
    text = "Le port de Valdorra a rouvert mardi après douze jours de grève."
    a = build.article(
        text,
        source="a.txt",
        attributions=[build.attribution(text, "rouvert", kind="self", name="la rédaction")],
    )
    b = build.article(text + " ", source="b.txt")
    assert not _kinds(align([a, b])).get("attribution")


def test_page_dated_weeks_later_contradicts_the_story_date(build) -> None:
    event = "Le congrès du parti a élu sa présidente à Valdorra"
    texts = {
        "a.txt": f"{event} mardi, devant mille délégués.",
        "b.txt": f"{event} mardi soir, après trois tours.",
        "c.txt": f"{event} mardi, selon les organisateurs.",
        "d.txt": f"{event} aujourd'hui, a annoncé le parti.",
    }
    items = []
    for source, text in texts.items():
        published = "2031-06-25" if source == "d.txt" else "2031-05-14"
        word = "aujourd'hui" if source == "d.txt" else "mardi"
        ref = build.replace(build.date(text, word, None), relative=True)
        items.append(build.article(text, source=source, dates=[ref], published=published))
    dates = _kinds(align(items))["date"]
    page = next(d for d in dates if "far from the story" in d.reason)
    assert page.sides[0].sources == (items[3].article.id,)
    assert page.sides[1].value == "2031-05-13"


def test_how_long_something_has_gone_on_is_no_detail_of_the_fact(build) -> None:
    text_a = (
        "Les dockers de Valdorra protestent contre la réforme des salaires depuis trois semaines."
    )
    text_b = "Les dockers de Valdorra protestent contre la réforme des salaires du port."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[build.quantity(text_a, "trois semaines", 3.0, kind="duration", unit="semaine")],
    )
    b = build.article(text_b, source="b.txt")
    assert "detail" not in _kinds(align([a, b]))


def test_a_figure_nothing_says_the_count_of_is_compared_with_nothing(build) -> None:
    text_a = "Le port de Valdorra a rouvert mardi, avec 800 dockers au travail."
    text_b = "Le port de Valdorra a rouvert mardi, et 12 navires attendaient au large."
    a = build.article(text_a, source="a.txt", quantities=[build.quantity(text_a, "800", 800.0)])
    b = build.article(text_b, source="b.txt", quantities=[build.quantity(text_b, "12", 12.0)])
    assert "value" not in _kinds(align([a, b]))


def test_one_disagreement_given_by_two_overlapping_facts_is_shown_once(build) -> None:
    from recoupe.align.divergences import merge_contained
    from recoupe.align.sides import Found
    from recoupe.model import Evidence, Side

    text = "La police a arrêté 40 dockers. La police a arrêté 45 dockers. Le port a rouvert."
    spans = [build.at(text, part) for part in ("40 dockers", "45 dockers", "Le port")]

    def found(fact: str, reason: str, *picked: int) -> Found:
        sides = tuple(
            Side(label=str(i), evidence=(Evidence(article_id="d", span=spans[i]),)) for i in picked
        )
        return Found("value", reason, (fact,), sides)

    wide = found("f2", "different figures for 'arrests'", 0, 1, 2)
    narrow = found("f1", "different figures for 'arrests'", 0, 1)
    other = found("f3", "different figures for 'injured'", 0, 1)
    (merged, kept) = merge_contained([narrow, wide, other])
    assert merged.facts == ("f2", "f1")
    assert kept == other
    # two rules finding one disagreement on one count: the fact's sentences, and an
    # article searched for the fact that gives another figure
    within = Found("value", "different figures for 'arrests'", ("f1",), wide.sides, about="arrests")
    searched = Found(
        "value",
        "an article that does not report the fact gives another figure for arrests",
        ("f1",),
        narrow.sides,
        about="arrests",
    )
    assert merge_contained([searched, within]) == [within]


def test_figures_a_growing_toll_explains_are_no_value_divergence(build) -> None:
    from recoupe.align.divergences import merge_contained
    from recoupe.align.sides import Found
    from recoupe.model import Evidence, Side

    text = "Vers midi, 30 blessés. Le soir, 52 blessés. Au total, 52 blessés. 40 arrestations."
    spans = [build.at(text, part) for part in ("30 blessés", "Le soir", "Au total", "40 arr")]

    def sides(*picked: int) -> tuple[Side, ...]:
        return tuple(
            Side(label=str(i), evidence=(Evidence(article_id="d", span=spans[i]),)) for i in picked
        )

    grown = Found("evolution", "the figure grows", ("f1",), sides(0, 1), 0.45, about="injured")
    # an article searched for the fact gives the afternoon's figure: the hour explains it
    searched = Found("value", "another figure", ("f1",), sides(0, 2), 0.6, about="injured")
    assert merge_contained([grown, searched]) == [grown]
    # another count, or a figure the evolution does not hold, stays a divergence
    arrests = Found("value", "another figure", ("f2",), sides(0, 3), 0.6, about="arrests")
    apart = Found("value", "another figure", ("f1",), sides(2, 3), 0.6, about="injured")
    assert merge_contained([grown, arrests, apart]) == [grown, arrests, apart]


def test_within_one_dispatch_only_an_edited_copy_of_a_sentence_diverges(build) -> None:
    from recoupe.align.compare import _across_origins
    from recoupe.align.sides import Found
    from recoupe.model import Evidence, Side

    text = (
        "Le ministre a annoncé la fermeture du port de Valdorra mardi soir. "
        "Le ministre a confirmé la fermeture du port de Valdorra mardi soir. "
        "Les dockers manifesteront devant la mairie de Brélia jeudi matin."
    )
    first, edited, other = (
        build.at(text, part)
        for part in (
            "Le ministre a annoncé la fermeture du port de Valdorra mardi soir.",
            "Le ministre a confirmé la fermeture du port de Valdorra mardi soir.",
            "Les dockers manifesteront devant la mairie de Brélia jeudi matin.",
        )
    )

    def found(a, b) -> Found:
        sides = (
            Side(label="a", sources=("a",), evidence=(Evidence(article_id="a", span=a),)),
            Side(label="b", sources=("b",), evidence=(Evidence(article_id="b", span=b),)),
        )
        return Found("attribution", "the accounts credit different sources", ("f1",), sides)

    one_dispatch = {"a": "o1", "b": "o1"}
    assert _across_origins(found(first, edited), one_dispatch).kind == "edit"
    assert _across_origins(found(first, first), one_dispatch) is None  # one text, read twice
    assert _across_origins(found(first, other), one_dispatch) is None  # two sentences
    assert _across_origins(found(first, other), {}).kind == "attribution"


def test_two_days_for_two_claims_of_one_loose_fact_are_no_date_divergence(build) -> None:
    text_a = "Les dockers du port de Valdorra ont bloqué les grues du port lundi."
    text_b = "Les dockers du port de Valdorra manifesteront devant la mairie mardi."
    a = build.article(text_a, source="a.txt", dates=[build.date(text_a, "lundi", "2031-05-12")])
    b = build.article(text_b, source="b.txt", dates=[build.date(text_b, "mardi", "2031-05-13")])
    dossier = align([a, b])
    assert any(len(f.sources) == 2 for f in dossier.facts)  # one (loose) fact holds both
    assert "date" not in _kinds(dossier)


def test_two_totals_differ_though_their_parts_agree(build) -> None:
    text_a = "Au total, 13 600 dockers ont manifesté à Valdorra, dont 1 000 à Brélia."
    text_b = "Au total, 12 500 dockers ont manifesté à Valdorra, dont 1 000 à Brélia."

    def figures(text: str, total: str, value: float):
        return [
            build.quantity(text, total, value, unit="docker"),
            build.quantity(text, "1 000", 1000.0, unit="docker"),
        ]

    a = build.article(text_a, source="a.txt", quantities=figures(text_a, "13 600", 13600.0))
    b = build.article(text_b, source="b.txt", quantities=figures(text_b, "12 500", 12500.0))
    (value,) = _kinds(align([a, b]))["value"]
    assert {s.value for s in value.sides} == {"13600 (incl. 1000)", "12500 (incl. 1000)"}


def test_figures_orders_of_size_apart_count_two_things(build) -> None:
    # police deployed against police injured: one name, two things counted
    text_a = "Au total, 23 000 policiers étaient mobilisés à Valdorra, selon la préfecture."
    text_b = "Au total, 14 policiers étaient blessés à Valdorra, selon la préfecture."

    def police(text: str, words: str, value: float):
        return build.replace(build.quantity(text, words, value, unit="policier"), counts="police")

    a = build.article(text_a, source="a.txt", quantities=[police(text_a, "23 000", 23000.0)])
    b = build.article(text_b, source="b.txt", quantities=[police(text_b, "14", 14.0)])
    dossier = align([a, b])
    assert any(len(f.sources) == 2 for f in dossier.facts)
    assert "value" not in _kinds(dossier)


def _placed(build, source: str, text: str):
    places = [p for p in ("Brélia", "Valdorra", "Sorenza", "Ostrie") if p in text]
    return build.article(text, source=source, mentions=[(p, "LOC") for p in places])


def test_one_claim_told_at_different_places(build) -> None:
    a = _placed(
        build, "a.txt", "Des heurts ont aussi éclaté à Brélia ou à Valdorra dans la soirée."
    )
    b = _placed(build, "b.txt", "Des heurts ont aussi éclaté à Sorenza ou à Brélia dans la soirée.")
    (place,) = _kinds(align([a, b]))["place"]
    assert {s.label for s in place.sides} == {"Brélia, Valdorra", "Brélia, Sorenza"}


def test_a_place_named_in_passing_does_not_place_the_claim(build) -> None:
    a = _placed(
        build, "a.txt", "Le président de l'Ostrie a condamné les heurts de la soirée à Brélia."
    )
    b = _placed(
        build, "b.txt", "Le président de la Sorenza a condamné les heurts de la soirée à Brélia."
    )
    assert "place" not in _kinds(align([a, b]))


def _finding(kind: str, spans: list[tuple[str, int]], about: str = "arrests"):
    from recoupe.align.sides import Found
    from recoupe.model import Evidence, Side, TextSpan

    evidence = tuple(
        Evidence(article_id=a, span=TextSpan(start=s, end=s + 10, text="x" * 10)) for a, s in spans
    )
    sides = tuple(Side(label=str(k), evidence=(e,)) for k, e in enumerate(evidence))
    return Found(kind, "r", ("f1",), sides, 0.45, about=about)


def test_two_overlapping_evolutions_of_one_count_are_shown_once() -> None:
    from recoupe.align.divergences import merge_contained

    # the updates of one toll found from two overlapping facts: one evolution, the larger
    small = _finding("evolution", [("a", 0), ("b", 0)])
    large = _finding("evolution", [("a", 0), ("c", 0), ("d", 0)])
    assert merge_contained([small, large]) == [large]
    # values of one count from different sentences stay apart: each is its own dispute
    small_value, large_value = (
        _finding("value", [("a", 0), ("b", 0)]),
        _finding("value", [("a", 0), ("c", 0), ("d", 0)]),
    )
    assert len(merge_contained([small_value, large_value])) == 2
    # an evolution of another count is another story
    other = _finding("evolution", [("a", 0), ("b", 0)], about="injured")
    assert len(merge_contained([other, large])) == 2
    # of two as large, the one telling more moments stays, whichever comes first
    four = _finding("evolution", [("a", 0), ("c", 0), ("d", 0), ("e", 0)])
    first, second, third, fourth = four.sides
    two_moments = dataclasses.replace(
        four,
        sides=(
            dataclasses.replace(first, evidence=first.evidence + second.evidence),
            dataclasses.replace(third, evidence=third.evidence + fourth.evidence),
        ),
    )
    four_moments = _finding("evolution", [("a", 0), ("c", 0), ("f", 0), ("g", 0)])
    assert merge_contained([two_moments, four_moments]) == [four_moments]
