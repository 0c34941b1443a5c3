"""Sentence starts from line breaks and final punctuation, before the parser."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministre est arrivé lundi. Il repartira demain.",
            ["Le ministre est arrivé lundi.", "Il repartira demain."],
        ),
        (
            "Un titre sans point\nLe texte commence ici.",
            ["Un titre sans point", "Le texte commence ici."],
        ),
        (
            "« Nous irons jusqu'au bout. » La séance a été levée.",
            ["« Nous irons jusqu'au bout. »", "La séance a été levée."],
        ),
        (
            "M. Durand a reçu Mme Petit à Lyon.",
            ["M. Durand a reçu Mme Petit à Lyon."],
        ),
        (
            "Le jour même, avant la réunionM. Durand a parlé aux élus.",
            ["Le jour même, avant la réunionM. Durand a parlé aux élus."],
        ),
        # the reporting clause after a quotation that ends on its own mark stays with it
        (
            "« Nous tiendrons jusqu'au bout ! », a déclaré la syndicaliste. Elle est partie.",
            [
                "« Nous tiendrons jusqu'au bout ! », a déclaré la syndicaliste.",
                "Elle est partie.",
            ],
        ),
        (
            "« Le quai est fermé. » ; la mairie a confirmé.",
            ["« Le quai est fermé. » ; la mairie a confirmé."],
        ),
        # a heading glued to its paragraph by a no-break space is cut off
        (
            "Renforts attendus au port\u00a0Des dockers ont bloqué l'entrée lundi.",
            ["Renforts attendus au port", "Des dockers ont bloqué l'entrée lundi."],
        ),
        # or with no space at all, before a word that opens sentences
        (
            "Renforts attendus au portDes dockers ont bloqué l'entrée lundi.",
            ["Renforts attendus au port", "Des dockers ont bloqué l'entrée lundi."],
        ),
        (
            "Grève reconduite au portSelon les syndicats, le quai restera fermé.",
            ["Grève reconduite au port", "Selon les syndicats, le quai restera fermé."],
        ),
        # but not a brand, a word glued to a name, or a long or punctuated sentence
        (
            "Elle a publié la vidéo sur YouTube et sur son iPhone.",
            ["Elle a publié la vidéo sur YouTube et sur son iPhone."],
        ),
        (
            "Le collectif, créé en mars, a manifesté au portDes dockers ont suivi.",
            ["Le collectif, créé en mars, a manifesté au portDes dockers ont suivi."],
        ),
        # nor a name after a no-break space
        (
            "La députée, Claire\u00a0Le Goff, a voté contre.",
            ["La députée, Claire\u00a0Le Goff, a voté contre."],
        ),
        (
            "Elle a rejoint la manifestation, puis les élus\u00a0Des voix ont protesté.",
            ["Elle a rejoint la manifestation, puis les élus\u00a0Des voix ont protesté."],
        ),
        (
            "Le cortège a traversé la ville et longé les quais jusqu'à la place de la "
            "mairie\u00a0Des chants ont suivi.",
            [
                "Le cortège a traversé la ville et longé les quais jusqu'à la place de la "
                "mairie\u00a0Des chants ont suivi."
            ],
        ),
        # sentences glued by a missing space are split before the capital
        (
            "La séance a été levée.Le maire est reparti.",
            ["La séance a été levée.", "Le maire est reparti."],
        ),
        (
            "Le maire est parti!Puis il est revenu?Oui, le soir même.",
            ["Le maire est parti!", "Puis il est revenu?", "Oui, le soir même."],
        ),
        (
            "Le port a été agrandi en 2018.Les dockers ont applaudi.",
            ["Le port a été agrandi en 2018.", "Les dockers ont applaudi."],
        ),
        (
            "Le maire veut des «rues apaisées»La mairie a voté le plan.",
            ["Le maire veut des «rues apaisées»", "La mairie a voté le plan."],
        ),
        (
            "Le bilan est tombé vers 16 h GMT.Le maire a parlé.",
            ["Le bilan est tombé vers 16 h GMT.", "Le maire a parlé."],
        ),
        (
            "Il a promis qu'ils devront « répondre de leurs actes ».Selon lui, tout est calme.",
            [
                "Il a promis qu'ils devront « répondre de leurs actes ».",
                "Selon lui, tout est calme.",
            ],
        ),
        # ... but not abbreviations, "M.Durand", initials, decimals or addresses
        (
            "Les U.S.A.Le reste et J.-C.Durand, puis Dr.Petit.",
            ["Les U.S.A.Le reste et J.-C.Durand, puis Dr.Petit."],
        ),
        (
            "Voir cf.Le Goff, p.La suite, et M.Durand, J.-L. Petit et 3.5 millions.",
            ["Voir cf.Le Goff, p.La suite, et M.Durand, J.-L. Petit et 3.5 millions."],
        ),
        (
            "Le site www.brest.fr/budget.Html en parle.",
            ["Le site www.brest.fr/budget.Html en parle."],
        ),
    ],
)
def test_sentences(analyze_text, text, expected):
    assert [s.text for s in analyze_text(text).sentences] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Première phrase.\n\n  Deuxième phrase ici.  \n",
        "La séance a été levée.Le maire est parti!Puis il est revenu en 2018.La fin.",
    ],
)
def test_sentences_keep_offsets(analyze_text, text):
    for span in analyze_text(text).sentences:
        assert text[span.start : span.end] == span.text


def test_a_sentence_ends_before_the_debris_after_it(nlp, tmp_path) -> None:
    """A photo credit and a "Lire aussi" line after the last sentence are page debris:
    blanked for the parser, they must not stretch that sentence's span over them."""
    from recoupe import ingest
    from recoupe.analyze import analyze

    path = tmp_path / "conseil.txt"
    path.write_text(
        "Le conseil municipal a voté le budget mardi soir. Les élus de l'opposition ont "
        "quitté la salle avant le vote.\n"
        "Photo : Jeanne Mercier / La Gazette du Val\n"
        "Lire aussi\n",
        encoding="utf-8",
    )
    (article,) = ingest.read_all([path]).articles
    (result,) = analyze([article], nlp=nlp)
    last = result.analysis.sentences[-1]
    assert last.text == "Les élus de l'opposition ont quitté la salle avant le vote."
