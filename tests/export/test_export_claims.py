"""The schema.org Claim JSON-LD, parsed back and checked against the dossier."""

from __future__ import annotations

import dataclasses
import json

from recoupe.export import claims


def _graph(dossier) -> list[dict]:
    document = json.loads(claims(dossier))
    assert document["@context"] == "https://schema.org"
    return document["@graph"]


def test_one_claim_per_fact_with_its_id_and_statement(dossier):
    graph = _graph(dossier)
    assert [c["identifier"] for c in graph] == [f.id for f in dossier.facts]
    assert all(c["@type"] == "Claim" for c in graph)
    assert [c["text"] for c in graph] == [f.statement for f in dossier.facts]
    assert len({c["@id"] for c in graph}) == len(graph)


def test_no_rating_is_given(dossier):
    text = claims(dossier)
    assert "rating" not in text.lower() and "ClaimReview" not in text


def test_the_appearances_are_the_articles_that_report_it(dossier):
    articles = {a.id: a for a in dossier.articles}
    for claim, fact in zip(_graph(dossier), dossier.facts, strict=True):
        ids = list(dict.fromkeys([*fact.sources, *(ev.article_id for ev in fact.evidence)]))
        assert [a["identifier"] for a in claim["appearance"]] == ids
        for appearance in claim["appearance"]:
            article = articles[appearance["identifier"]]
            assert appearance["@type"] == "NewsArticle"
            assert appearance["publisher"] == {"@type": "Organization", "name": article.outlet}
            assert appearance.get("url") == article.url
            assert appearance["datePublished"] == article.published.isoformat()
            said = [ev.span.text for ev in fact.evidence if ev.article_id == article.id]
            assert [part["text"] for part in appearance.get("hasPart", [])] == said


def test_the_first_appearance_is_the_earliest_publication(dossier):
    f1 = _graph(dossier)[0]
    assert f1["datePublished"] == "2025-04-01"
    assert f1["firstAppearance"] == f1["appearance"][0]  # the earliest, first in order
    undated = dataclasses.replace(
        dossier,
        articles=tuple(dataclasses.replace(a, published=None) for a in dossier.articles),
    )
    f1 = _graph(undated)[0]
    assert "datePublished" not in f1 and "firstAppearance" not in f1
    assert len(f1["appearance"]) == 4


def test_the_author_is_the_source_the_articles_credit(dossier):
    graph = {c["identifier"]: c for c in _graph(dossier)}
    assert graph["f1"]["author"] == [
        {"@type": "Organization", "name": "la direction"},
        {"@type": "Organization", "name": "l'union SUT"},
    ]
    # a source that is a story entity is named as the entity
    assert graph["f3"]["author"] == [{"@type": "Person", "name": "Yannick Le Goff"}]
    # stated by the outlet on its own account
    assert graph["f6"]["author"] == [{"@type": "Organization", "name": "Le Courrier de Montvallon"}]


def test_the_event_day_and_the_entities_taking_part(dossier):
    graph = {c["identifier"]: c for c in _graph(dossier)}
    assert graph["f1"]["temporalCoverage"] == "2025-03-31"
    assert "temporalCoverage" not in graph["f4"]
    assert [(t["@type"], t["identifier"]) for t in graph["f1"]["about"]] == [
        ("Organization", "e1"),
        ("Organization", "e2"),
    ]
    assert graph["f3"]["about"][0] == {
        "@type": "Person",
        "name": "Yannick Le Goff",
        "identifier": "e4",
    }
