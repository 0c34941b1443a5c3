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
    ],
)
def test_sentences(analyze_text, text, expected):
    assert [s.text for s in analyze_text(text).sentences] == expected


def test_sentences_keep_offsets(analyze_text):
    text = "Première phrase.\n\n  Deuxième phrase ici.  \n"
    for span in analyze_text(text).sentences:
        assert text[span.start : span.end] == span.text
