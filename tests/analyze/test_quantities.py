"""Figures with their unit, kind, qualifier and the noun phrase they quantify."""

from __future__ import annotations

import pytest

from recoupe.analyze.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("175", 175.0),
        ("1 000", 1000.0),
        ("1\u00a0000", 1000.0),
        ("1.000", 1000.0),
        ("2 500 000", 2500000.0),
        ("3,5", 3.5),
        ("1 000,25", 1000.25),
        ("cent soixante-quinze", 175.0),
        ("quatre-vingt-dix", 90.0),
        ("vingt et un", 21.0),
        ("Trente", 30.0),
        ("deux trois", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def quantities_of(analysis):
    return [
        (q.span.text, q.kind, q.value, q.value2, q.unit, q.qualifier) for q in analysis.quantities
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Les deux camps échangeront des prisonniers, 175 contre 175 personnes.",
            [("175 contre 175", "ratio", 175.0, 175.0, "personne", None)],
        ),
        (
            "Un cessez-le-feu de 30 jours a été proposé.",
            [("30 jours", "duration", 30.0, None, "jour", None)],
        ),
        (
            "L'audience a duré au moins 90 minutes.",
            [("au moins 90 minutes", "duration", 90.0, None, "minute", "at_least")],
        ),
        (
            "La réunion a eu lieu un jour après l'appel des deux ministres.",
            [("un jour", "offset", 1.0, None, "jour", None)],
        ),
        (
            "Trois semaines plus tard, le port a rouvert.",
            [("Trois semaines", "offset", 3.0, None, "semaine", None)],
        ),
        (
            "La grève a fait plus de 1 000 victimes.",
            [("plus de 1 000", "count", 1000.0, None, "victime", "more_than")],
        ),
        (
            "Le chômage touche 12 % des jeunes.",
            [("12 %", "percent", 12.0, None, "%", None)],
        ),
        (
            "Le port a perdu 3,5 milliards de dollars.",
            [("3,5 milliards de dollars", "money", 3.5e9, None, "dollar", None)],
        ),
        (
            "Les deux tiers des dockers ont voté.",
            [("deux tiers", "percent", 66.67, None, "tiers", None)],
        ),
        (
            "Le navire transporte environ 40 000 tonnes de blé.",
            [("environ 40 000 tonnes", "measure", 40000.0, None, "tonne", "about")],
        ),
        (
            "Moins de 300 km séparent les deux ports.",
            [("Moins de 300 km", "measure", 300.0, None, "km", "less_than")],
        ),
        (
            "La commune compte 12.500 habitants.",
            [("12.500", "count", 12500.0, None, "habitant", None)],
        ),
        (
            "Cent soixante-quinze marins ont débarqué.",
            [("Cent soixante-quinze", "count", 175.0, None, "marin", None)],
        ),
        (
            "Entre 10 et 20 navires attendent au large.",
            [("Entre 10 et 20", "count", 10.0, 20.0, "navire", None)],
        ),
        (
            "Le coureur a fini 2e de l'étape.",
            [("2e", "ordinal", 2.0, None, None, None)],
        ),
        # weak words, dates, times and identifiers give no quantity
        ("Un accord a été trouvé entre les deux syndicats.", []),
        ("La réunion du 19 mars 2025 a été reportée.", []),
        ("Publié le 23.04.2025 à 10h30.", []),
        ("Rendez-vous à 14 heures devant la mairie.", []),
        ("Le sommet du G7 a parlé du COVID-19.", []),
        ("Le 1er mars, le port a rouvert.", []),
        ("La version 3.14.15 est sortie, ouverte 24/7.", []),
    ],
)
def test_quantities(analyze_text, text, expected):
    assert quantities_of(analyze_text(text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "Le convoi a évacué 23 soldats ukrainiens grièvement blessés.",
            "23 soldats ukrainiens grièvement blessés",
        ),
        ("Les 3 500 dockers du port sont en grève.", "3 500 dockers du port"),
        ("Un cessez-le-feu de 30 jours a été proposé.", "30 jours"),
    ],
)
def test_context_is_the_quantified_noun_phrase(analyze_text, text, context):
    (quantity,) = analyze_text(text).quantities
    assert quantity.context is not None
    assert quantity.context.text == context
    assert text[quantity.context.start : quantity.context.end] == context


@pytest.mark.model
@pytest.mark.seeds
def test_seed_quantities_are_honest(seed_analyses):
    for text, analysis in seed_analyses:
        dates = [d.span for d in analysis.dates if d.kind == "date"]
        for q in analysis.quantities:
            assert text[q.span.start : q.span.end] == q.span.text
            if q.context is not None:
                assert text[q.context.start : q.context.end] == q.context.text
                assert "\n" not in q.context.text
            assert not any(d.start < q.span.end and q.span.start < d.end for d in dates), q
