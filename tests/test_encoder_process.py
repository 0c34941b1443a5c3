"""The encoder's own process: the vectors the main process would make, or none at all."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from recoupe import report
from recoupe.align import embeddings
from recoupe.config import load_settings
from recoupe.encoder_process import EncoderProcess
from recoupe.model import AnalyzedArticle, Article, TextSpan
from recoupe.run import run
from recoupe.stories import extract_features, load_encoder, read_text_features, with_analysis

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="no sentence encoder")

TEXTS = [
    "Le conseil municipal de Brélia a voté lundi le budget de la ville. "
    "La maire, Jeanne Colin, a salué un budget prudent. Le vote a eu lieu à huis clos.",
    "Les élus de Brélia ont adopté le budget lundi soir. "
    "Selon la maire, les dépenses resteront stables. L'opposition a voté contre le texte.",
]


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def make_article(text: str) -> Article:
    return Article(
        id="enc-" + str(abs(hash(text)) % 10**8),
        source="t.txt",
        origin="t.txt",
        text=text,
        title=text.split(".")[0],
        body=(TextSpan(start=0, end=len(text), text=text),),
        published=dt.date(2025, 3, 19),
        language="fr",
    )


def _analyzed(analyze_text) -> list[AnalyzedArticle]:
    return [
        AnalyzedArticle(article=make_article(text), analysis=analyze_text(text)) for text in TEXTS
    ]


@pytest.mark.model
def test_what_it_answers_is_what_is_made_here(analyze_text):
    items = _analyzed(analyze_text)
    articles = [item.article for item in items]
    with EncoderProcess(articles, features=True, embed=True, sentences=True) as side:
        list(side.fed(iter(items)))
        features, sentences = side.story_features(), side.sentence_vectors()

    assert features == read_text_features(articles, load_encoder())
    assert all(features[a.id].embedding for a in articles)
    compared = [s.text for item in items for s in item.analysis.sentences]
    made = embeddings.sentence_vectors(compared)
    assert sentences is not None and made is not None and sentences.keys() == made.keys()
    assert all(np.array_equal(sentences[key], made[key]) for key in made)


def test_text_features_with_the_analysis_are_the_article_s_features(analyze_text):
    (item, _) = _analyzed(analyze_text)
    text_only = read_text_features([item.article], None)[item.article.id]
    assert with_analysis(text_only, item.analysis) == extract_features(item.article, item.analysis)


def test_nothing_asked_starts_nothing():
    side = EncoderProcess([make_article(TEXTS[0])], features=False, embed=True, sentences=False)
    assert side.story_features() is None and side.sentence_vectors() is None
    side.close()


def test_a_dead_child_means_encode_here(caplog):
    side = EncoderProcess([make_article(TEXTS[0])], features=True, embed=True, sentences=True)
    side._child.kill()  # the crash this test is about
    side._child.join()
    assert side.story_features() is None
    assert side.sentence_vectors() is None
    assert "encoding in the main process instead" in caplog.text
    side.close()


@pytest.mark.model
def test_the_dossier_is_the_same_without_it(nlp, monkeypatch):
    settings = load_settings(environ={})
    paths = sorted((EXAMPLES / "greve-port").iterdir())

    def dossier() -> dict:
        return json.loads(report.render(run(paths, settings=settings, nlp=nlp).dossier, "json"))

    with_side = dossier()
    # a child that could not read the story features: they are read here
    monkeypatch.setattr(EncoderProcess, "story_features", lambda self: None)
    assert dossier() == with_side
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: ["spawn"])
    assert dossier() == with_side


def test_closing_after_the_child_died_is_quiet():
    side = EncoderProcess([make_article(TEXTS[0])], features=True, embed=False, sentences=True)
    child = side._child
    child.kill()
    child.join()
    side.close()  # telling a dead child to stop finds the pipe broken: no error
    assert side.story_features() is None


def test_an_interrupted_run_stops_the_child_at_once():
    with (
        pytest.raises(KeyboardInterrupt),
        EncoderProcess([make_article(TEXTS[0])], features=True, embed=True, sentences=True) as side,
    ):
        child = side._child
        raise KeyboardInterrupt
    assert not child.is_alive()
