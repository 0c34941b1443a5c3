"""Date and duration expressions, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from recoupe.analyze.daterules import iso_of, pick_year, weekday_date

WEDNESDAY = "2025-03-19"  # the publication date of most rows: a Wednesday


def dates_of(analysis):
    return [(d.span.text, d.iso, d.granularity) for d in analysis.dates if d.kind == "date"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a bare weekday in a past-tense clause: the most recent one, same weekday = today
        (
            "Les deux ministres ont parlé mardi au téléphone.",
            WEDNESDAY,
            [("mardi", "2025-03-18", "day")],
        ),
        ("Le syndicat a signé l'accord mercredi.", WEDNESDAY, [("mercredi", "2025-03-19", "day")]),
        (
            "Le lundi, avant la réunion, il avait refusé.",
            WEDNESDAY,
            [("lundi", "2025-03-17", "day")],
        ),
        ("Vendredi, ils ont signé.", WEDNESDAY, [("Vendredi", "2025-03-14", "day")]),
        # in a future clause: the next one
        ("Les délégués se réuniront jeudi à Genève.", WEDNESDAY, [("jeudi", "2025-03-20", "day")]),
        ("Ils doivent se rencontrer lundi.", WEDNESDAY, [("lundi", "2025-03-24", "day")]),
        # "dernier" and "prochain" are strict
        (
            "Il l'a annoncé mercredi dernier.",
            WEDNESDAY,
            [("mercredi dernier", "2025-03-12", "day")],
        ),
        (
            "Le texte sera voté jeudi prochain.",
            WEDNESDAY,
            [("jeudi prochain", "2025-03-20", "day")],
        ),
        (
            "Le texte sera voté mercredi prochain.",
            WEDNESDAY,
            [("mercredi prochain", "2025-03-26", "day")],
        ),
        # fixed and counted relative expressions
        ("Hier, le port était bloqué.", WEDNESDAY, [("Hier", "2025-03-18", "day")]),
        ("La grève continue aujourd'hui.", WEDNESDAY, [("aujourd'hui", "2025-03-19", "day")]),
        ("La grève a commencé avant-hier.", WEDNESDAY, [("avant-hier", "2025-03-17", "day")]),
        ("Il reviendra demain.", WEDNESDAY, [("demain", "2025-03-20", "day")]),
        (
            "La semaine dernière, les dockers ont voté.",
            WEDNESDAY,
            [("La semaine dernière", "2025-W11", "week")],
        ),
        (
            "Le mois dernier, le trafic a baissé.",
            WEDNESDAY,
            [("Le mois dernier", "2025-02", "month")],
        ),
        ("L'an dernier, le port a fermé.", WEDNESDAY, [("L'an dernier", "2024", "year")]),
        (
            "Il y a trois jours, le navire est arrivé.",
            WEDNESDAY,
            [("Il y a trois jours", "2025-03-16", "day")],
        ),
        (
            "Il est parti il y a deux semaines.",
            WEDNESDAY,
            [("il y a deux semaines", "2025-W10", "week")],
        ),
        # a day and month without a year: the publication year unless the tense says otherwise
        ("Le 13 mars, le conseil a voté.", WEDNESDAY, [("13 mars", "2025-03-13", "day")]),
        (
            "Les ministres se sont réunis le 2 janvier.",
            "2025-12-28",
            [("2 janvier", "2025-01-02", "day")],
        ),
        (
            "Les ministres se réuniront le 2 janvier.",
            "2025-12-28",
            [("2 janvier", "2026-01-02", "day")],
        ),
        ("Le 20 décembre, le maire a signé.", "2025-01-05", [("20 décembre", "2024-12-20", "day")]),
        ("Le 1er mars, le port a rouvert.", WEDNESDAY, [("1er mars", "2025-03-01", "day")]),
        (
            "Le lundi 17 mars, le port a rouvert.",
            WEDNESDAY,
            [("lundi 17 mars", "2025-03-17", "day")],
        ),
        # absolute dates
        (
            "La réunion du 18 mars 2025 a eu lieu.",
            WEDNESDAY,
            [("18 mars 2025", "2025-03-18", "day")],
        ),
        ("19 Mars 2025", WEDNESDAY, [("19 Mars 2025", "2025-03-19", "day")]),
        ("Publié le 23.04.2025 à Lyon.", WEDNESDAY, [("23.04.2025", "2025-04-23", "day")]),
        ("Mis à jour le 12/05/2024.", WEDNESDAY, [("12/05/2024", "2024-05-12", "day")]),
        ("En mars 2025, la grève a duré.", WEDNESDAY, [("En mars 2025", "2025-03", "month")]),
        ("Le port a été agrandi en 2024.", WEDNESDAY, [("en 2024", "2024", "year")]),
        ("Fin mars, les travaux ont commencé.", WEDNESDAY, [("Fin mars", "2025-03", "month")]),
        (
            "En décembre dernier, le trafic a chuté.",
            WEDNESDAY,
            [("En décembre dernier", "2024-12", "month")],
        ),
        # vague: found, never resolved
        (
            "Les équipes se réuniront dans les prochains jours.",
            WEDNESDAY,
            [("dans les prochains jours", None, None)],
        ),
        ("Le texte sera prochainement présenté.", WEDNESDAY, [("prochainement", None, None)]),
    ],
)
def test_dates(analyze_text, text, published, expected):
    assert dates_of(analyze_text(text, published=published)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un cessez-le-feu de 30 jours a été proposé.", [("30 jours", 30.0)]),
        ("Les frappes cesseront pendant trente jours.", [("trente jours", 30.0)]),
        ("L'appel a duré au moins 90 minutes.", [("90 minutes", 0.0625)]),
        ("La grève a duré trois semaines.", [("trois semaines", 21.0)]),
        ("Une trêve d'un mois a été signée.", [("un mois", 30.0)]),
        ("Un jour, il reviendra au port.", []),  # "un jour" alone is not a duration
        ("Rendez-vous à 14 heures devant la mairie.", []),  # a time of day
        ("Le port a rouvert deux jours après la grève.", []),  # a lapse, not a duration
        ("Trois semaines plus tard, le port a rouvert.", []),
    ],
)
def test_durations_are_not_dates(analyze_text, text, expected):
    analysis = analyze_text(text)
    assert [(d.span.text, d.days) for d in analysis.dates if d.kind == "duration"] == expected
    assert all(d.iso is None for d in analysis.dates if d.kind == "duration")
    assert [d for d in analysis.dates if d.kind == "date"] == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Les navires croisent en mer Noire.",
        "Je soutiens sa volonté de paix.",
        "La sonde a atteint Mars après sept mois de vol.",
        "Le mercredi des Cendres n'est pas un jour férié.",
        "La version 3.14.15 corrige le bogue 12/13/2024.",
        "Le 31 février n'existe pas.",
    ],
)
def test_no_date_in_look_alikes(analyze_text, text):
    dates = [d for d in analyze_text(text).dates if d.kind == "date"]
    assert all(d.span.text.lower().startswith("mercredi") for d in dates)
    assert "mer" not in [d.span.text.lower() for d in dates]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les ministres ont parlé mardi.", [("mardi", None, "day", True)]),
        ("La grève a commencé hier.", [("hier", None, "day", True)]),
        ("Le 13 mars, le conseil a voté.", [("13 mars", None, "day", True)]),
        ("La réunion du 18 mars 2025 a eu lieu.", [("18 mars 2025", "2025-03-18", "day", False)]),
    ],
)
def test_no_resolution_without_publication_date(analyze_text, text, expected):
    analysis = analyze_text(text, published=None)
    got = [(d.span.text, d.iso, d.granularity, d.relative) for d in analysis.dates]
    assert got == expected
    if any(r[1] is None for r in expected):
        assert "dates_unresolved" in [n.code for n in analysis.notes]


@pytest.mark.parametrize(
    ("weekday", "tense", "direction", "expected"),
    [
        (1, "past", None, "2025-03-18"),
        (2, "past", None, "2025-03-19"),
        (3, "past", None, "2025-03-13"),
        (3, "future", None, "2025-03-20"),
        (2, "future", None, "2025-03-19"),
        (3, None, None, "2025-03-20"),  # present or unknown tense: the nearest
        (0, None, None, "2025-03-17"),
        (2, None, "last", "2025-03-12"),
        (2, None, "next", "2025-03-26"),
    ],
)
def test_weekday_rule(weekday, tense, direction, expected):
    published = dt.date(2025, 3, 19)
    assert (
        weekday_date(weekday, published, tense=tense, direction=direction).isoformat() == expected
    )


@pytest.mark.parametrize(
    ("month", "day", "published", "tense", "expected"),
    [
        (3, 13, "2025-03-19", None, "2025-03-13"),
        (1, 2, "2025-12-28", None, "2026-01-02"),  # nearest
        (1, 2, "2025-12-28", "past", "2025-01-02"),
        (1, 2, "2025-12-28", "future", "2026-01-02"),
        (12, 20, "2025-01-05", "past", "2024-12-20"),
        (2, 29, "2025-03-19", None, "2024-02-29"),  # only a leap year has it
    ],
)
def test_year_rule(month, day, published, tense, expected):
    got = pick_year(month, day, dt.date.fromisoformat(published), tense=tense)
    assert got.isoformat() == expected


@pytest.mark.parametrize(
    ("granularity", "expected"),
    [("day", "2025-03-18"), ("week", "2025-W12"), ("month", "2025-03"), ("year", "2025")],
)
def test_iso_of(granularity, expected):
    assert iso_of(dt.date(2025, 3, 18), granularity) == expected


@pytest.mark.model
@pytest.mark.seeds
def test_seed_dates_are_honest(seed_analyses):
    for text, analysis in seed_analyses:
        for d in analysis.dates:
            assert text[d.span.start : d.span.end] == d.span.text
            assert "\n" not in d.span.text
            if d.kind == "duration":
                assert d.iso is None and d.days is not None and d.days > 0
            elif d.iso is not None:
                assert_valid_iso(d.iso, d.granularity)


def assert_valid_iso(iso: str, granularity: str) -> None:
    """``iso`` is a real date, ISO week, month or year at ``granularity``."""
    if granularity == "day":
        dt.date.fromisoformat(iso)
    elif granularity == "week":
        year, week = iso.split("-W")
        dt.date.fromisocalendar(int(year), int(week), 1)
    elif granularity == "month":
        year, month = iso.split("-")
        dt.date(int(year), int(month), 1)
    else:
        assert granularity == "year" and len(iso) == 4 and iso.isdigit()
