"""Divergences: each kind puts the differing accounts' evidence side by side."""

from __future__ import annotations

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


def test_an_age_only_one_account_gives_is_no_duration(build) -> None:
    text_a = "Le pêcheur Jean Lemoine, 52 ans, a été secouru au large de Valdorra lundi."
    text_b = "Le pêcheur Jean Lemoine a été secouru au large de Valdorra lundi."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[build.quantity(text_a, "52 ans", 52.0, kind="age", unit="an")],
    )
    b = build.article(text_b, source="b.txt")
    kinds = _kinds(align([a, b]))
    (detail,) = kinds["detail"]
    assert detail.reason == "the accounts give different ages"
    assert {s.label for s in detail.sides} == {"aged 52", "no age given"}
    assert "value" not in kinds


def test_same_figure_with_different_qualifiers(build) -> None:
    text_a = "Plus de 1 000 condamnations ont été prononcées à Valdorra depuis janvier."
    text_b = "Environ 1 000 condamnations ont été prononcées à Valdorra depuis janvier."
    a = build.article(
        text_a,
        source="a.txt",
        quantities=[
            build.replace(
                build.quantity(text_a, "Plus de 1 000", 1000.0, unit="condamnation"),
                qualifier="more_than",
            )
        ],
    )
    b = build.article(
        text_b,
        source="b.txt",
        quantities=[
            build.replace(
                build.quantity(text_b, "Environ 1 000", 1000.0, unit="condamnation"),
                qualifier="about",
            )
        ],
    )
    (value,) = _kinds(align([a, b]))["value"]
    assert {s.value for s in value.sides} == {"more than 1000", "about 1000"}


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


def test_condition_only_one_account_carries(build) -> None:
    a = build.article(
        "Le syndicat reprendra le travail lundi au port si les salaires sont augmentés.",
        source="a.txt",
    )
    b = build.article("Le syndicat reprendra le travail lundi au port.", source="b.txt")
    (condition,) = _kinds(align([a, b]))["condition"]
    (with_condition,) = [s for s in condition.sides if s.label == "with a condition"]
    assert "si les salaires" in next(iter(with_condition.evidence)).span.text


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


def test_fact_most_articles_carry_is_an_omission_of_the_others(build) -> None:
    same = "Le port de Valdorra a rouvert mardi après douze jours de grève."
    items = [
        build.article(same, source="a.txt"),
        build.article(
            "Après douze jours de grève, le port de Valdorra a rouvert mardi.", source="b.txt"
        ),
        build.article(
            "Le port de Valdorra a enfin rouvert mardi, après douze jours de grève.", source="c.txt"
        ),
        build.article(
            "Un concert gratuit aura lieu samedi sur les quais de Valdorra.", source="d.txt"
        ),
    ]
    (omission,) = _kinds(align(items))["omission"]
    left_out = [s for s in omission.sides if s.label.startswith("left out")]
    assert {s.sources for s in left_out} == {(items[3].article.id,)}


def test_sentence_saying_a_statement_left_something_out(build) -> None:
    text = (
        "Le syndicat exige le départ du directeur du port de Valdorra. "
        "Le communiqué de la préfecture ne mentionnait pas cette exigence."
    )
    (omission,) = _kinds(align([build.article(text, source="a.txt")]))["omission"]
    reported, left_out = _side_texts(omission)
    assert any("exige le départ" in t for t in reported)
    assert any("ne mentionnait pas" in t for t in left_out)


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
