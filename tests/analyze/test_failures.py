"""A failure while analysing one article is a coded note on that article; the run goes on.

The failing article gets an empty analysis with an ``analysis_failed`` note; every
other article gets its own analysis, never a neighbour's, in input order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from recoupe.analyze import analyze
from recoupe.analyze.dates import DateFinder
from recoupe.model import AnalyzedArticle, Article, TextSpan
from recoupe.run import cross_check, whole_story

pytestmark = pytest.mark.model

TEXTS = (
    "Le conseil municipal de Brest a voté lundi le budget de la ville.",
    "La maire, Claire Lemoal, a déclaré mardi que les écoles seraient rénovées.",
    "Selon la préfecture, la PANNE du réseau a duré trois heures dimanche.",
    "Les dockers du port ont annoncé une grève de deux jours à partir de jeudi.",
    "Le préfet a signé mercredi l'arrêté qui ferme la plage aux baigneurs.",
)


def make_article(text: str) -> Article:
    """An article of one hand-written paragraph, published on 19 March 2025."""
    return Article(
        id=f"a{TEXTS.index(text) if text in TEXTS else len(text)}",
        source="t.txt",
        origin="t.txt",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        published=dt.date(2025, 3, 19),
        language="fr",
    )


@pytest.fixture
def broken_dates(monkeypatch):
    """The dates component raises on any text holding the word PANNE."""
    real = DateFinder.__call__

    def call(self, doc):
        if "PANNE" in doc.text:
            raise KeyError("a bug")
        return real(self, doc)

    monkeypatch.setattr(DateFinder, "__call__", call)


def _codes(item: AnalyzedArticle) -> list[str]:
    return [note.code for note in item.analysis.notes]


def _check_own(item: AnalyzedArticle) -> None:
    """The analysis is of this article: its id, and sentences that slice its text."""
    assert item.analysis.article_id == item.article.id
    assert item.analysis.sentences
    for span in item.analysis.sentences:
        assert item.article.text[span.start : span.end] == span.text


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_one_failing_article_gets_a_note_and_the_others_their_own_analysis(
    nlp, broken_dates, batch_size
):
    articles = [make_article(text) for text in TEXTS]
    results = list(analyze(articles, nlp=nlp, batch_size=batch_size))
    assert [r.article.id for r in results] == [a.id for a in articles]
    failed = results[2]
    assert _codes(failed) == ["analysis_failed"]
    assert "KeyError" in failed.analysis.notes[0].detail
    assert failed.analysis.sentences == () and failed.analysis.claims == ()
    for item in results[:2] + results[3:]:
        assert "analysis_failed" not in _codes(item)
        _check_own(item)
    assert [d.span.text for d in results[3].analysis.dates if d.kind == "date"] == ["jeudi"]


def test_the_results_do_not_depend_on_a_failing_neighbour(nlp, broken_dates):
    alone = [next(iter(analyze([make_article(t)], nlp=nlp))) for t in TEXTS if "PANNE" not in t]
    together = [
        r
        for r in analyze([make_article(t) for t in TEXTS], nlp=nlp)
        if "analysis_failed" not in _codes(r)
    ]
    assert [r.analysis for r in together] == [r.analysis for r in alone]


def test_a_typo_in_a_relative_date_is_read_as_the_date(analyze_text):
    analysis = analyze_text("Le maire a annoncé aujourd' hui que le budget était adopté.")
    assert "analysis_failed" not in [n.code for n in analysis.notes]
    assert [(d.span.text, d.iso) for d in analysis.dates] == [("aujourd' hui", "2025-03-19")]


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(1, 1, 3), dt.date(9999, 12, 31)])
@pytest.mark.parametrize(
    "text",
    [
        "Le budget sera voté en janvier, a dit Claire Lemoal.",
        "Le 31 décembre, la ville fermera le port.",
        "Le vote aura lieu lundi prochain à Brest.",
        "Hier, le préfet a signé l'accord avec les dockers.",
    ],
)
def test_a_publication_date_at_the_ends_of_the_calendar_resolves_nothing(nlp, published, text):
    article = dataclasses.replace(make_article(text), published=published)
    (result,) = analyze([article], nlp=nlp)
    codes = _codes(result)
    assert "analysis_failed" not in codes
    assert "bad_date" in codes
    assert all(d.iso is None for d in result.analysis.dates if d.relative)
    _check_own(result)


def test_an_article_without_analysis_is_aligned_with_the_others(nlp, broken_dates):
    results = list(analyze([make_article(t) for t in TEXTS], nlp=nlp))
    dossier = cross_check(results, [whole_story(results)])
    assert len(dossier.articles) == len(TEXTS)
    assert {a.article_id for a in dossier.analyses} == {a.article.id for a in results}
