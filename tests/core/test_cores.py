"""The analysis shared out to two processes gives each article the analysis of one process."""

from __future__ import annotations

import pytest

from recoupe.analyze import analyze
from recoupe.cores import analyze_on_cores
from recoupe.model import Article, TextSpan

pytestmark = pytest.mark.model

TEXTS = (
    "La mairie de Valmonde a annoncé jeudi la fermeture du pont des Tanneurs pour six mois.",
    "Selon le préfet Albert Morvan, 120 gendarmes ont été mobilisés samedi à Castelrouge.",
    "« Nous ne céderons pas », a déclaré la syndicaliste Jeanne Lavergne devant l'usine.",
    "Le conseil régional a voté mardi un budget de 45 millions d'euros pour les lycées.",
    "Les riverains de Valmonde dénoncent des travaux mal annoncés et des détours trop longs.",
)


def test_two_processes_give_the_analyses_of_one_in_input_order(nlp) -> None:
    articles = [make_article(text, source=f"{i}.txt") for i, text in enumerate(TEXTS)]
    alone = list(analyze(articles, nlp=nlp, batch_size=2))
    shared = list(analyze_on_cores(articles, nlp=nlp, batch_size=2, max_chars=10_000, processes=2))
    assert [item.article.id for item in shared] == [a.id for a in articles]
    assert [item.analysis for item in shared] == [item.analysis for item in alone]


def test_one_process_or_one_batch_analyses_here(nlp) -> None:
    articles = [make_article(TEXTS[0])]
    (item,) = analyze_on_cores(articles, nlp=nlp, batch_size=16, max_chars=10_000, processes=2)
    assert item.analysis.sentences


def make_article(text: str, *, source: str = "t.txt") -> Article:
    return Article(
        id=f"test-{source}",
        source=source,
        origin=source,
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        language="fr",
    )
