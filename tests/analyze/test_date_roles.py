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
        # "dès" starts a time; only "des" hangs the date on a noun
        ("Le ministre a promis des renforts dès samedi.", [("samedi", "main")]),
        ("Le maire a salué le courage des pompiers de samedi.", [("samedi", "noun")]),
        # inside a quotation "aujourd'hui" is the speaker's day, not the article's ...
        (
            "« Nous avons rencontré le préfet aujourd'hui », a déclaré Paul Martin.",
            [("aujourd'hui", "aside")],
        ),
        ("Le préfet a reçu aujourd'hui les élus.", [("aujourd'hui", "main")]),
        # ... while a weekday in a quotation keeps its role
        ("« Nous manifesterons samedi », a déclaré Paul Martin.", [("samedi", "main")]),
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
        # a date named in passing does not take the tense of the verb near it
        (
            "Les effectifs retrouveront leur niveau de mi-décembre.",
            [("mi-décembre", "2024-12")],
        ),
        (
            "Le ministre recevra les victimes des violences de dimanche.",
            [("dimanche", "2025-03-16")],
        ),
    ],
)
def test_conditional_tense(analyze_text, text, expected):
    got = [(d.span.text, d.iso) for d in analyze_text(text).dates if d.kind == "date"]
    assert got == expected


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], morphs):
    import spacy
    from spacy.tokens import Doc

    return Doc(
        spacy.blank("fr").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        morphs=morphs,
    )


def test_date_after_a_gerund_is_aside_even_when_hung_on_the_main_verb():
    """The parser may hang the date of "en annonçant une réunion dimanche" on the main verb
    (it does across quotation marks); the gerund before it in its segment still rules."""
    from recoupe.analyze.date_roles import date_role

    words = ["Le", "maire", "a", "parlé", ",", "en", "annonçant", "une", "réunion", "dimanche"]
    heads = [1, 3, 3, 3, 6, 6, 3, 8, 6, 3]
    deps = ["det", "nsubj", "aux:tense", "ROOT", "punct", "mark", "advcl", "det", "obj", "obl:mod"]
    pos = ["DET", "NOUN", "AUX", "VERB", "PUNCT", "ADP", "VERB", "DET", "NOUN", "NOUN"]
    morphs = [""] * 10
    morphs[3] = "Tense=Past|VerbForm=Part"
    morphs[6] = "Tense=Pres|VerbForm=Part"
    doc = _parsed(words, heads, deps, pos, morphs)
    start = doc[9].idx
    assert date_role(doc, start, start + len("dimanche")) == "aside"
    # the trap: a comma closes the gerund's clause, so a later date is the main verb's
    words2 = [*words[:9], ",", "dimanche"]
    heads2 = [*heads[:9], 10, 3]
    deps2 = [*deps[:9], "punct", "obl:mod"]
    doc2 = _parsed(words2, heads2, deps2, [*pos[:9], "PUNCT", "NOUN"], [*morphs[:9], "", ""])
    start2 = doc2[10].idx
    assert date_role(doc2, start2, start2 + len("dimanche")) == "main"
