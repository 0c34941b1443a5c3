"""The PLOVER event records (JSON Lines), parsed back and checked against the dossier."""

from __future__ import annotations

import dataclasses
import json

from dossier_factory import span

from recoupe.export import events
from recoupe.export.plover import QUADS
from recoupe.model import Analysis, Claim


def _records(dossier) -> list[dict]:
    text = events(dossier)
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_one_record_per_account_of_each_event_and_commitment(dossier):
    records = _records(dossier)
    expected = sum(len(f.evidence) for f in dossier.facts) + sum(
        len(c.evidence) for c in dossier.commitments
    )
    assert len(records) == expected
    assert len({r["id"] for r in records}) == len(records)
    assert [r["kind"] for r in records].count("commitment") == sum(
        len(c.evidence) for c in dossier.commitments
    )


def test_each_record_carries_its_verbatim_evidence_and_article(dossier):
    articles = {a.id: a for a in dossier.articles}
    for record in _records(dossier):
        cite = record["cite_info"]
        article = articles[cite["citation"]]
        start, end = record["text_info"]["start"], record["text_info"]["end"]
        assert record["text"] == article.text[start:end]
        assert cite["url"] == article.url
        assert cite["publication"] == article.outlet


def test_an_event_record_of_a_fact(dossier):
    fact = dossier.facts[0]
    first = _records(dossier)[0]
    assert first["id"] == f"{dossier.id}-f1-1"
    assert first["link"] == "f1"
    assert first["event"] == [fact.category] == ["AGREE"]
    assert first["quad_code"] == QUADS["AGREE"] == 1
    assert first["mode"] == ["agreed"]
    assert (first["date"], first["date_kind"]) == ("2025-03-31", "event")
    # no claim of the analysis covers the span: the fact's actors are its source
    assert [a["entity"] for a in first["source"]] == list(fact.actors)
    assert first["recipient"] == []


def test_a_commitment_record_links_to_its_fact(dossier):
    records = [r for r in _records(dossier) if r["kind"] == "commitment"]
    c1 = dossier.commitments[0]
    first = records[0]
    assert first["commitment"] == "c1" and first["link"] == c1.fact == "f1"
    assert first["mode"] == [c1.modality]
    assert first["conditions"] == list(c1.conditions)
    assert first["duration"] == c1.duration and first["scope"] == c1.scope
    assert first["text"] == c1.evidence[0].span.text
    refused = records[-1]
    assert refused["commitment"] == "c2" and refused["polarity"] == "negative"


def test_facts_of_saying_are_no_events(dossier):
    facts = [dataclasses.replace(f, category="STATEMENT") for f in dossier.facts[:2]]
    said = dataclasses.replace(dossier, facts=(*facts, *dossier.facts[2:]), commitments=())
    links = {r["link"] for r in _records(said)}
    assert links == {f.id for f in dossier.facts[2:]}


def test_the_claim_in_the_span_names_source_and_recipient(dossier):
    courrier = dossier.articles[0]
    text = courrier.text
    evidence = dossier.facts[0].evidence[0]
    claim = Claim(
        span=evidence.span,
        sentence=evidence.span,
        predicate=span(text, "conclu"),
        lemma="conclure",
        category="AGREE",
        subject=span(text, "La direction des Transports de l'agglomération de Montvallon (TAM)"),
        object=span(text, "le Syndicat unitaire des transports (SUT)"),
        modality="agreed",
    )
    analyses = (Analysis(article_id=courrier.id, pipeline="test", claims=(claim,)),)
    first = _records(dataclasses.replace(dossier, analyses=analyses))[0]
    assert [(a["entity"], a["actor_text"]) for a in first["source"]] == [
        ("e1", "Transports de l'agglomération de Montvallon")
    ]
    assert [(a["entity"], a["actor_text"]) for a in first["recipient"]] == [
        ("e2", "Syndicat unitaire des transports")
    ]
    assert first["event_text"] == ["conclu"]


def test_a_record_without_an_event_day_takes_the_publication_day(dossier):
    records = [r for r in _records(dossier) if r["link"] == "f4"]
    assert records and all(
        (r["date"], r["date_kind"]) == ("2025-04-01", "publication") for r in records
    )
