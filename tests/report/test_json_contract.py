"""The JSON report keeps the contract: required keys, ids that resolve, spans that slice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

import pytest
from dossier_factory import make_dossier

from recoupe import align, codec, report
from recoupe.errors import OutputError
from recoupe.model import (
    Analysis,
    AnalyzedArticle,
    Article,
    Dossier,
    Mention,
    Quote,
    Source,
    TextSpan,
)
from recoupe.report import json_contract

TEXTS = {
    "a.txt": "Le maire Aurelio Bastida a annoncé mardi la réouverture du port de Valdorra. "
    "« Le port rouvrira lundi », a déclaré M. Bastida.",
    "b.txt": "Aurelio Bastida a confirmé que le port de Valdorra rouvrirait lundi. "
    "Les dockers de Valdorra restent prudents.",
}


def _span(text: str, needle: str) -> TextSpan:
    start = text.index(needle)
    return TextSpan(start=start, end=start + len(needle), text=needle)


def _sentences(text: str) -> tuple[TextSpan, ...]:
    out, start = [], 0
    for part in text.split(". "):
        piece = part if part.endswith(".") else part + "."
        piece = piece if start + len(piece) <= len(text) else part
        out.append(
            TextSpan(start=start, end=start + len(piece), text=text[start : start + len(piece)])
        )
        start += len(part) + 2
    return tuple(out)


def _item(source: str) -> AnalyzedArticle:
    text = TEXTS[source]
    article_id = hashlib.sha256(text.encode()).hexdigest()[:12]
    mentions = [
        Mention(span=_span(text, "Aurelio Bastida"), label="PER", key="aurelio bastida"),
        Mention(span=_span(text, "Valdorra"), label="LOC", key="valdorra"),
    ]
    quotes = ()
    if "«" in text:
        surname_at = text.rindex("Bastida")
        mentions.append(
            Mention(
                span=TextSpan(start=surname_at, end=surname_at + 7, text="Bastida"),
                label="PER",
                key="bastida",
            )
        )
        speaker = Source(
            kind="person", name="M. Bastida", key="bastida", span=_span(text, "M. Bastida")
        )
        quotes = (
            Quote(
                span=_span(text, "« Le port rouvrira lundi »"),
                content=_span(text, "Le port rouvrira lundi"),
                kind="direct",
                speaker=speaker,
            ),
        )
    article = Article(
        id=article_id,
        source=source,
        origin=source,
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        published=dt.date(2031, 5, 14),
        language="fr",
        outlet="Gazette " + source[0].upper(),
    )
    analysis = Analysis(
        article_id=article_id,
        pipeline="test",
        sentences=_sentences(text),
        mentions=tuple(sorted(mentions, key=lambda m: m.span.start)),
        quotes=quotes,
    )
    return AnalyzedArticle(article=article, analysis=analysis)


@pytest.fixture
def dossier() -> Dossier:
    return align.align([_item("a.txt"), _item("b.txt")])


def _spans(value, path="$"):
    """Every {doc, start, end, text} object inside ``value``, with where it was found."""
    if isinstance(value, dict):
        if {"doc", "start", "end"} <= value.keys():
            yield path, value
        for k, v in value.items():
            yield from _spans(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _spans(v, f"{path}[{i}]")


def test_required_sections_and_keys(dossier: Dossier) -> None:
    data = json.loads(report.render(dossier, "json"))
    for key in ("documents", "entities", "quotes", "facts", "divergences"):
        assert isinstance(data[key], list)
    for doc in data["documents"]:
        assert {
            "id",
            "source",
            "outlet",
            "title",
            "url",
            "published",
            "language",
            "analysis",
        } <= doc.keys()
        assert {
            "sentences",
            "mentions",
            "quotes",
            "attributions",
            "quantities",
            "dates",
            "claims",
        } <= doc["analysis"].keys()
    for ent in data["entities"]:
        assert {"id", "name", "type", "mentions"} <= ent.keys()
    for quote in data["quotes"]:
        assert {"doc", "start", "end", "text", "speaker", "speaker_name", "kind"} <= quote.keys()


def test_every_span_slices_its_document_and_ids_resolve(dossier: Dossier) -> None:
    data = json.loads(report.render(dossier, "json"))
    texts = {a.id: a.text for a in dossier.articles}
    entity_ids = {e["id"] for e in data["entities"]}
    fact_ids = {f["id"] for f in data["facts"]}
    spans = list(_spans(data))
    assert spans
    # a text is written once: a span without its text is one that a fact gives with it
    given = {(e["doc"], e["start"], e["end"]) for f in data["facts"] for e in f["evidence"]}
    for where, s in spans:
        assert s["doc"] in texts, where
        if "text" in s:
            assert texts[s["doc"]][s["start"] : s["end"]] == s["text"], where
        else:
            assert (s["doc"], s["start"], s["end"]) in given, where
    for quote in data["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in entity_ids
    for div in data["divergences"]:
        assert set(div["facts"]) <= fact_ids


def test_quote_speaker_is_the_entity(dossier: Dossier) -> None:
    data = json.loads(report.render(dossier, "json"))
    (quote,) = data["quotes"]
    speaker = next(e for e in data["entities"] if e["id"] == quote["speaker"])
    assert speaker["name"] == "Aurelio Bastida"
    assert quote["text"] == "Le port rouvrira lundi"


def test_same_input_same_json(dossier: Dossier) -> None:
    again = align.align([_item("b.txt"), _item("a.txt")])
    assert report.render(dossier, "json") == report.render(again, "json")


def test_codec_round_trips_the_dossier(dossier: Dossier) -> None:
    assert codec.loads(Dossier, codec.dumps(dossier)) == dossier


def test_unknown_format_is_an_output_error(dossier: Dossier) -> None:
    with pytest.raises(OutputError, match="unknown report format"):
        report.render(dossier, "pdf")


def test_registered_renderer_is_used(dossier: Dossier) -> None:
    report.register("ids", _ids)
    assert report.render(dossier, "ids") == dossier.id
    assert "ids" in report.available_formats()


def _ids(dossier: Dossier) -> str:
    return dossier.id


def test_wording_is_its_own_list_with_every_divergence_field() -> None:
    made = make_dossier()
    data = json.loads(report.render(made, "json"))
    assert [w["id"] for w in data["wording"]] == [w.id for w in made.wording] == ["w1"]
    assert not {d["id"] for d in data["divergences"]} & {w["id"] for w in data["wording"]}
    (word,) = data["wording"]
    assert word.keys() == data["divergences"][0].keys()
    texts = {a.id: a.text for a in made.articles}
    for side in word["sides"]:
        for ev in side["evidence"]:
            assert ev["doc"] in texts and ev["start"] < ev["end"]
            if "text" in ev:  # left out when a fact already gives it
                assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]


def _offset_pairs(value):
    """Every {start, end} object without a document (spans nested in a record)."""
    if isinstance(value, dict):
        if {"start", "end"} <= value.keys() and "doc" not in value:
            yield value
        for v in value.values():
            yield from _offset_pairs(v)
    elif isinstance(value, list):
        for v in value:
            yield from _offset_pairs(v)


def test_analysis_spans_are_offsets_into_their_document(dossier: Dossier) -> None:
    data = json.loads(report.render(dossier, "json"))
    texts = {a.id: a.text for a in dossier.articles}
    for doc in data["documents"]:
        nested = list(_offset_pairs(doc["analysis"]))
        assert nested
        for pair in nested:
            assert "text" not in pair
            assert 0 <= pair["start"] <= pair["end"] <= len(texts[doc["id"]])


def test_one_line_per_record(dossier: Dossier) -> None:
    text = report.render(dossier, "json")
    data = json.loads(text)
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    # every fact is one line of its own that parses alone
    facts = [json.loads(line.strip().rstrip(",")) for line in lines if '"statement":' in line]
    assert facts == data["facts"]


def test_a_side_shared_by_many_copies_lists_every_source_and_bounded_evidence() -> None:
    made = make_dossier()
    div = made.divergences[0]
    side = div.sides[0]
    many = tuple(side.evidence[0] for _ in range(json_contract.SIDE_EVIDENCE + 5))
    wide = dataclasses.replace(
        made,
        divergences=(
            dataclasses.replace(
                div, sides=(dataclasses.replace(side, evidence=many), *div.sides[1:])
            ),
        ),
    )
    (written,) = json.loads(report.render(wide, "json"))["divergences"]
    first = written["sides"][0]
    assert first["sources"] == list(side.sources)
    assert len(first["evidence"]) == json_contract.SIDE_EVIDENCE
    assert first["evidence_total"] == json_contract.SIDE_EVIDENCE + 5
    assert "evidence_total" not in written["sides"][1]
