"""Numbers as readers write them: separators, ranges, number words, qualifiers, and the
figures that are no quantity (ages, ranks, clock times, years, names), with what each
quantity counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.analyze.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("248 317", 248317.0),
        ("248.000", 248000.0),
        ("31'700", 31700.0),
        ("31’700", 31700.0),
        ("1'250'000", 1250000.0),
        ("70\u2009000", 70000.0),
        ("70\u202f000", 70000.0),
        ("4\u00a0600", 4600.0),
        ("3,5", 3.5),
        ("quatre-vingt-dix", 90.0),
        ("deux cents", 200.0),
    ],
)
def test_parse_number_reads_every_separator(text, value):
    assert parse_number(text) == value


@given(st.text(alphabet="0123456789 .,'’\u00a0\u2009\u202fabc-", max_size=20))
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)


def read(analysis):
    return [
        (q.span.text, q.kind, q.value, q.value2, q.qualifier, q.counts) for q in analysis.quantities
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # separators: one value, never a year glued to the next figure
        (
            "La préfecture a recensé 248 317 grévistes.",
            [("248 317", "count", 248317.0, None, None, "participants")],
        ),
        (
            "Le canton compte 31'700 frontaliers.",
            [("31'700", "count", 31700.0, None, None, None)],
        ),
        (
            "Selon la police, 31’700 marcheurs ont défilé.",
            [("31’700", "count", 31700.0, None, None, "participants")],
        ),
        (
            "Le syndicat annonce 70\u2009000 adhérents.",
            [("70\u2009000", "count", 70000.0, None, None, None)],
        ),
        (
            "Les douanes ont saisi 248.000 paquets.",
            [("248.000", "count", 248000.0, None, None, None)],
        ),
        (
            "Au printemps 2021, 212 000 personnes ont manifesté.",
            [("212 000", "count", 212000.0, None, None, "participants")],
        ),
        (
            "Le budget atteint 3,5 millions d'euros.",
            [("3,5 millions d'euros", "money", 3.5e6, None, None, "money")],
        ),
        # ranges
        (
            "Entre 10 et 20 pompiers sont intervenus.",
            [("Entre 10 et 20", "count", 10.0, 20.0, None, "rescuers")],
        ),
        (
            "On attend de 30 à 40 policiers.",
            [("de 30 à 40", "count", 30.0, 40.0, None, "police")],
        ),
        (
            "L'explosion a fait 10 à 15 morts.",
            [("10 à 15", "count", 10.0, 15.0, None, "dead")],
        ),
        (
            "Il faut compter 10-20 interpellations par soir.",
            [("10-20", "count", 10.0, 20.0, None, "arrests")],
        ),
        (
            "Le match s'est terminé sur le score de 3-1.",
            [("3", "count", 3.0, None, None, None)],
        ),
        # number words
        (
            "Un millier de personnes attendaient.",
            [("Un millier", "count", 1000.0, None, "about", "people")],
        ),
        (
            "Une centaine de gendarmes encadraient le cortège.",
            [("Une centaine", "count", 100.0, None, "about", "police")],
        ),
        (
            "Des dizaines de blessés ont été soignés.",
            [("Des dizaines", "count", 20.0, 99.0, None, "injured")],
        ),
        (
            "Plusieurs milliers de grévistes ont défilé.",
            [("Plusieurs milliers", "count", 2000.0, 9999.0, None, "participants")],
        ),
        # "des dizaines de milliers": the scale multiplies both ends
        (
            "Des dizaines de milliers de grévistes ont défilé.",
            [("Des dizaines de milliers", "count", 20000.0, 99000.0, None, "participants")],
        ),
        # the gap between two counts is no count of its own
        (
            "On a compté 3 200 manifestants de moins que samedi.",
            [("3 200", "difference", 3200.0, None, None, None)],
        ),
        (
            "Ils étaient 40 000, soit 2 000 de plus qu'à la dernière marche.",
            [
                ("40 000", "count", 40000.0, None, None, None),
                ("2 000", "difference", 2000.0, None, None, None),
            ],
        ),
        # a countless number has no upper bound
        (
            "De nombreuses vingtaines de grévistes ont défilé.",
            [("De nombreuses vingtaines", "count", 40.0, None, "at_least", "participants")],
        ),
        (
            "Quatre-vingt-dix soldats ont été déployés.",
            [("Quatre-vingt-dix", "count", 90.0, None, None, "military")],
        ),
        (
            "Le chantier a duré une quinzaine de jours.",
            [("une quinzaine de jours", "duration", 15.0, None, "about", None)],
        ),
        # qualifiers
        (
            "Près de 137 000 électeurs se sont abstenus.",
            [("Près de 137 000", "count", 137000.0, None, "about", None)],
        ),
        (
            "Vers 500 bénévoles sont attendus.",
            [("Vers 500", "count", 500.0, None, "about", None)],
        ),
        (
            "Le chantier emploie de l'ordre de 200 ouvriers.",
            [("de l'ordre de 200", "count", 200.0, None, "about", None)],
        ),
        (
            "Quelque 300 habitants ont été évacués.",
            [("Quelque 300", "count", 300.0, None, "about", "people")],
        ),
        (
            "Au moins 12 arrestations ont eu lieu.",
            [("Au moins 12", "count", 12.0, None, "at_least", "arrests")],
        ),
        (
            "Jusqu'à 48 gardes à vue ont été prononcées.",
            [("Jusqu'à 48", "count", 48.0, None, "at_most", "custody")],
        ),
        (
            "Moins de 40 condamnations ont suivi.",
            [("Moins de 40", "count", 40.0, None, "less_than", "convictions")],
        ),
        (
            "Il y a plus d'un mois que le port est fermé.",
            [("plus d'un mois", "duration", 1.0, None, "more_than", None)],
        ),
    ],
)
def test_numbers_as_written(analyze_text, text, expected):
    assert read(analyze_text(text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages are no durations
        ("Paul, 34 ans, charpentier, a témoigné.", [("34 ans", "age", 34.0)]),
        ("Une retraitée de 71 ans a porté plainte.", [("71 ans", "age", 71.0)]),
        ("Le suspect, âgé de 19 ans, a été relâché.", [("19 ans", "age", 19.0)]),
        ("Un homme de 25 ans a été entendu.", [("25 ans", "age", 25.0)]),
        ("L'âge légal passe à l'âge de 64 ans.", [("64 ans", "age", 64.0)]),
        ("Elle a 40 ans et dirige la coopérative.", [("40 ans", "age", 40.0)]),
        ("Il a écopé d'une peine de 5 ans.", [("5 ans", "duration", 5.0)]),
        ("La coopérative existe depuis 15 ans.", [("15 ans", "duration", 15.0)]),
        # ranks of a series
        ("L'acte IV de la pièce a été coupé.", [("acte IV", "ordinal", 4.0)]),
        ("L'article 3 du règlement est contesté.", [("article 3", "ordinal", 3.0)]),
        ("La coureuse a fini 4e.", [("4e", "ordinal", 4.0)]),
        ("C'est la quatrième réunion du comité.", []),
        # clock times are no durations
        ("Le cortège s'est dispersé vers 16 h GMT.", []),
        ("La séance a repris à 17H00.", []),
        ("Le vote est prévu à 18h30.", []),
        ("Le conseil a siégé depuis 9 h ce matin.", []),
        ("Le ministre parlait au journal de 20 h.", []),
        ("Il s'exprimait au 20 heures de la chaîne publique.", []),
        ("La grève a duré 48 heures.", [("48 heures", "duration", 48.0)]),
        ("Les passagers ont attendu 3 h sur le quai.", [("3 h", "duration", 3.0)]),
        ("Le guichet ouvre de 9 h à midi.", []),
        # "seconde" as an ordinal adjective
        ("Une seconde vidéo montre la scène.", []),
        ("Le silence a duré une seconde, puis tout a repris.", [("une seconde", "duration", 1.0)]),
        # years and names
        ("Le pont a été construit en 1793.", []),
        ("Le budget 2019 prévoit des hausses.", []),
        ("Le moulin a été bâti vers 1850.", []),
        ("Le festival a attiré 2019 visiteurs.", [("2019", "count", 2019.0)]),
        ("La conférence COP 24 s'est ouverte.", []),
    ],
)
def test_figures_that_are_no_count(analyze_text, text, expected):
    assert [(q.span.text, q.kind, q.value) for q in analyze_text(text).quantities] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Au total, 42 personnes ont été interpellées.", ["arrests"]),
        ("Le bilan fait état de 9 personnes blessées.", ["injured"]),
        ("L'incendie a fait 42 blessés, dont 6 parmi les pompiers.", ["injured", "injured"]),
        ("On dénombre 63 interpellations, dont 41 gardes à vue.", ["arrests", "custody"]),
        ("Des centaines de personnes ont été arrêtées.", ["arrests"]),
        ("Des centaines de milliers de personnes ont défilé.", ["participants"]),
        ("Au total, 40 manifestants et 6 policiers ont été blessés.", ["injured", "police"]),
        ("Ils étaient 2 000 policiers et gendarmes, dont 300 en réserve.", ["police", "police"]),
        ("Le stade accueillait 8 000 spectateurs.", [None]),
        ("Plus de 300 personnes ont été interpellées (210 gardes à vue).", ["arrests", "custody"]),
        ("Au total, 312 personnes ont été placées en détention.", ["custody"]),
        # a noun that announces the figure across a comma or a colon
        ("On compte un nombre record d'arrestations, 212 en fin de journée.", ["arrests"]),
        ("Le bilan des blessés : 42 à la mi-journée.", ["injured"]),
        ("Le stade était plein, 8 000 selon les organisateurs.", [None]),
        ("Les deux camps ont échangé 90 prisonniers.", ["prisoners"]),
        # a figure with no noun, in the main clause of a counted subject
        ("Les manifestants étaient 3 200 dans le centre-ville.", ["participants"]),
        ("Les manifestants sont moins nombreux qu'hier : 4 300 selon la police.", ["participants"]),
        ("Le ministre en a compté 45 samedi.", [None]),
    ],
)
def test_what_a_quantity_counts(analyze_text, text, counts):
    assert [q.counts for q in analyze_text(text).quantities] == counts


@pytest.mark.model
def test_an_age_leaves_no_duration_behind(analyze_text):
    """The dates component reads "52 ans" as a duration too; an age removes it."""
    analysis = analyze_text("Le témoin, 52 ans, a tout vu. La grève a duré trois jours.")
    assert [q.kind for q in analysis.quantities] == ["age", "duration"]
    durations = [d.span.text for d in analysis.dates if d.kind == "duration"]
    assert "52 ans" not in durations
    assert "trois jours" in durations


FRAGMENTS = [
    "près de", "environ", "plus de", "au moins", "jusqu'à", "entre", "et", "à", "de", "dont",
    "12", "248 317", "248.000", "31'700", "70\u2009000", "3,5", "10-20", "2018", "1er", "4e",
    "IV", "acte", "millions", "une", "centaine", "des", "dizaines", "milliers", "ans", "h",
    "heures", "16", "GMT", "seconde", "vidéo", "blessés", "personnes", "ont", "été",
    "interpellées", "gardes à vue", "euros", "%", ",", ".", "«", "»", "\n",
]  # fmt: skip


@pytest.mark.model
@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30))
def test_every_quantity_slices_the_text(nlp, words):
    from recoupe.analyze.pipeline import prepare_doc
    from recoupe.analyze.to_model import to_analysis
    from recoupe.model import Article, TextSpan

    text = " ".join(words)
    article = Article(
        id="soup", source="soup", origin="soup", text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
    )  # fmt: skip
    analysis = to_analysis(nlp(prepare_doc(nlp, article)), article_id="soup", pipeline="test")
    for q in analysis.quantities:
        assert text[q.span.start : q.span.end] == q.span.text
        assert q.span.start < q.span.end
        if q.context is not None:
            assert text[q.context.start : q.context.end] == q.context.text
        assert q.kind in KINDS


KINDS = {"count", "ratio", "ordinal", "age", "duration", "offset", "money", "percent", "measure"}
