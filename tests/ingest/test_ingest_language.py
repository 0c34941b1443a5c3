"""Language identification on the body, unless the reader already knows the language."""

from __future__ import annotations

import json

import pytest

from recoupe.ingest import read_all


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le conseil municipal a voté le budget de la ville après un long débat.", "fr"),
        ("The city council passed the budget after a long and heated debate.", "en"),
        ("Городской совет принял бюджет после долгих и жарких споров.", "ru"),
        ("Міська рада ухвалила бюджет після довгих і гарячих суперечок.", "uk"),
        ("Der Stadtrat hat den Haushalt nach einer langen Debatte verabschiedet.", "de"),
        ("El ayuntamiento aprobó el presupuesto tras un largo debate.", "es"),
        ("Il consiglio comunale ha approvato il bilancio dopo un lungo dibattito.", "it"),
    ],
)
def test_language_is_detected_on_the_body(write, text, language):
    (article,) = read_all([write("t.txt", text)]).articles
    assert article.language == language


def test_language_given_by_the_record_is_kept(write):
    record = {"text": "Le conseil municipal a voté le budget de la ville.", "language": "en"}
    (article,) = read_all([write("r.jsonl", json.dumps(record))]).articles
    assert article.language == "en"
