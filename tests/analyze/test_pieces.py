"""Articles longer than the model takes at once are analysed in pieces, offsets kept;
past ``max_chars`` they are not analysed, with a note saying why."""

from __future__ import annotations

import dataclasses
import datetime as dt
from itertools import pairwise

import pytest

from recoupe.analyze import analyze
from recoupe.analyze.pieces import cut
from recoupe.model import Article, TextSpan

PARAGRAPHS = (
    "Le conseil municipal de Brest a voté lundi le budget de la ville.",
    "La maire, Claire Lemoal, a déclaré mardi que les écoles seraient rénovées.",
    "Les dockers du port ont annoncé une grève de deux jours à partir de jeudi.",
    "Le préfet Jean Kerbrat a signé mercredi l'arrêté qui ferme la plage.",
)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("aaaa\nbbbb\ncccc\n", 10, ["aaaa\nbbbb\n", "cccc\n"]),  # after a line break
        ("Il part. Elle reste. Ils votent.", 22, ["Il part. Elle reste. ", "Ils votent."]),
        ("un deux trois quatre cinq", 10, ["un deux ", "trois ", "quatre ", "cinq"]),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),  # no break at all: at the limit
        ("court", 10, ["court"]),
        ("", 10, [""]),
    ],
)
def test_cut_at_paragraphs_then_sentences_then_spaces(text, limit, expected):
    pieces = cut(text, limit)
    assert [text[start:end] for start, end in pieces] == expected
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(pieces))
    assert all(end - start <= limit for start, end in pieces)


def _article(text: str, body: tuple[TextSpan, ...] | None = None) -> Article:
    return Article(
        id=f"long-{len(text)}",
        source="long.txt",
        origin="long.txt",
        text=text,
        body=body or (TextSpan(start=0, end=len(text), text=text),),
        published=dt.date(2025, 3, 19),
        language="fr",
    )


def _spans(value):
    """Every TextSpan inside a record, however deep."""
    if isinstance(value, TextSpan):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _spans(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _spans(getattr(value, field.name))


@pytest.mark.model
def test_an_article_over_the_model_limit_is_analysed_in_pieces(nlp, monkeypatch):
    text = "\n".join(PARAGRAPHS * 6)  # about 1,700 characters
    (whole,) = analyze([_article(text)], nlp=nlp)
    monkeypatch.setattr(nlp, "max_length", 300)
    (result,) = analyze([_article(text)], nlp=nlp)
    analysis = result.analysis
    codes = [n.code for n in analysis.notes]
    assert "analysis_failed" not in codes
    assert "pieces" in codes
    for span in _spans(analysis):
        assert text[span.start : span.end] == span.text
    # cut at paragraph breaks, the pieces read as the whole does
    assert analysis.sentences == whole.analysis.sentences
    assert [m.span for m in analysis.mentions] == [m.span for m in whole.analysis.mentions]
    assert [d.span for d in analysis.dates] == [d.span for d in whole.analysis.dates]
    assert [d.iso for d in analysis.dates] == [d.iso for d in whole.analysis.dates]
    assert len(analysis.claims) == len(whole.analysis.claims)


@pytest.mark.model
def test_pieces_keep_debris_out_and_offsets_into_the_article(nlp, monkeypatch):
    debris = "Publicité\n"
    text = debris + "\n".join(PARAGRAPHS * 3)
    body = (TextSpan(start=len(debris), end=len(text), text=text[len(debris) :]),)
    monkeypatch.setattr(nlp, "max_length", 200)
    (result,) = analyze([_article(text, body)], nlp=nlp)
    assert "pieces" in [n.code for n in result.analysis.notes]
    assert all(s.start >= len(debris) for s in result.analysis.sentences)
    assert [s.text for s in result.analysis.sentences] == list(PARAGRAPHS * 3)
    for span in _spans(result.analysis):
        assert text[span.start : span.end] == span.text


@pytest.mark.model
def test_an_article_over_max_chars_is_not_analysed_and_says_why(nlp):
    short, long = _article(PARAGRAPHS[0]), _article("\n".join(PARAGRAPHS))
    results = list(analyze([long, short], nlp=nlp, max_chars=100))
    assert [r.article.id for r in results] == [long.id, short.id]
    assert [(n.code, n.detail) for n in results[0].analysis.notes] == [
        ("too_long", f"{len(long.text)} characters, over analyze.max_chars (100)")
    ]
    assert results[0].analysis.sentences == ()
    assert results[1].analysis.sentences
