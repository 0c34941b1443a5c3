"""W3C Web Annotation selectors of evidence spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.export import selectors
from recoupe.export.annotation import CONTEXT_CHARS

TEXT = (
    "Le conseil municipal de Brévannes a voté mardi le budget. Le maire, Odile Ferrand, "
    "a salué « un budget de combat ». L'opposition a voté contre."
)


def _quote_and_position(found: dict) -> tuple[dict, dict]:
    quote, position = found["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert position["type"] == "TextPositionSelector"
    return quote, position


def test_the_exact_words_their_context_and_their_offsets():
    start = TEXT.index("Odile Ferrand")
    end = start + len("Odile Ferrand")
    quote, position = _quote_and_position(selectors(TEXT, start, end))
    assert quote["exact"] == TEXT[start:end] == "Odile Ferrand"
    assert quote["prefix"] == TEXT[start - CONTEXT_CHARS : start]
    assert quote["suffix"] == TEXT[end : end + CONTEXT_CHARS]
    assert position == {"type": "TextPositionSelector", "start": start, "end": end}


def test_at_the_start_of_the_text_the_prefix_is_empty():
    quote, _ = _quote_and_position(selectors(TEXT, 0, 10))
    assert quote["prefix"] == "" and quote["exact"] == TEXT[:10]


def test_the_context_grows_until_the_quote_is_found_once():
    # a sentence repeated eight times: 32 characters around one copy are found around
    # its neighbours too, so the context doubles until it reaches a different word
    text = "Brévannes. " + "Le vote est reporté. " * 8 + "Fin."
    start = text.index("Le vote") + 3 * len("Le vote est reporté. ")
    end = start + len("Le vote est reporté.")
    quote, _ = _quote_and_position(selectors(text, start, end))
    whole = quote["prefix"] + quote["exact"] + quote["suffix"]
    assert len(quote["prefix"]) > CONTEXT_CHARS
    assert text.count(whole) == 1
    assert text[start - len(quote["prefix"]) : end + len(quote["suffix"])] == whole


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 4), (0, len(TEXT) + 1)])
def test_a_span_outside_the_text_is_refused(start, end):
    with pytest.raises(ValueError, match="is not inside a text of"):
        selectors(TEXT, start, end)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab «»\u2028é\n", max_size=120), st.data())
def test_the_quote_always_anchors_at_its_position(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    quote, position = _quote_and_position(selectors(text, start, end))
    assert quote["exact"] == text[start:end]
    assert (position["start"], position["end"]) == (start, end)
    before = start - len(quote["prefix"])
    assert before >= 0
    assert text[before : end + len(quote["suffix"])] == (
        quote["prefix"] + quote["exact"] + quote["suffix"]
    )


def test_every_evidence_span_of_a_dossier_is_anchored(dossier):
    texts = {a.id: a.text for a in dossier.articles}
    for fact in dossier.facts:
        for ev in fact.evidence:
            quote, position = _quote_and_position(
                selectors(texts[ev.article_id], ev.span.start, ev.span.end)
            )
            assert quote["exact"] == ev.span.text
            assert (position["start"], position["end"]) == (ev.span.start, ev.span.end)
