"""What a date expression dates: the sentence's event, a clause's, background or a thing."""

from __future__ import annotations

import pytest


def roles_of(analysis) -> list[tuple[str, str | None]]:
    return [(d.span.text, d.role) for d in analysis.dates if d.kind == "date"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the main verb's own date
        ("Le maire a signé l'arrêté mardi.", [("mardi", "main")]),
        ("Samedi soir, le préfet avait évoqué une réflexion.", [("Samedi soir", "main")]),
        # a date hung on a noun by "de"/"du": the thing it names, not the event
        ("Le maire a condamné les violences de samedi dernier.", [("samedi dernier", "noun")]),
        ("Le maire a condamné les violences d'hier.", [("hier", "noun")]),
        ("La manifestation du 17 novembre a réuni 3000 personnes.", [("17 novembre", "noun")]),
        # ... unless the noun is a time word
        (
            "Dans la journée de lundi, le suspect s'est présenté à la police.",
            [("lundi", "main")],
        ),
        # a reported plan: the date of the complement clause
        (
            "Le ministre a annoncé qu'il réunirait dimanche les syndicats.",
            [("dimanche", "clause")],
        ),
        # background: a detached participle, a concessive clause, a gerund, a period start
        (
            "Né le 3 mars 1990, le suspect a été arrêté mardi.",
            [("3 mars 1990", "aside"), ("mardi", "main")],
        ),
        (
            "Même si la grève a repris samedi, le gouvernement juge le conflit apaisé.",
            [("samedi", "aside")],
        ),
        (
            "Le maire a pris la parole, en promettant une réunion samedi prochain.",
            [("samedi prochain", "aside")],
        ),
        (
            "Depuis le début du conflit, le 3 février, 200 salariés ont été licenciés.",
            [("3 février", "aside")],
        ),
    ],
)
def test_date_roles(analyze_text, text, expected):
    assert roles_of(analyze_text(text)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan reported in the simple conditional lies ahead of the publication day
        (
            "Le maire a annoncé que le conseil se réunirait dimanche.",
            [("dimanche", "2025-03-23")],
        ),
        # the perfect conditional tells an alleged past event
        ("Selon la police, il aurait frappé lundi un agent.", [("lundi", "2025-03-17")]),
        # a passive infinitive takes its governor's tense
        ("Le texte pourrait être débattu dès février.", [("dès février", "2026-02")]),
    ],
)
def test_conditional_tense(analyze_text, text, expected):
    got = [(d.span.text, d.iso) for d in analyze_text(text).dates if d.kind == "date"]
    assert got == expected
