"""Turn an analysed spaCy Doc into a ``model.Analysis``; Docs never leave ``analyze/``."""

from __future__ import annotations

from spacy.tokens import Doc

from recoupe.model import Analysis, TextSpan

from .doc import trimmed


def to_analysis(doc: Doc, *, article_id: str, pipeline: str) -> Analysis:
    """Collect the records the components left on ``doc`` into one ``Analysis``."""
    return Analysis(
        article_id=article_id,
        pipeline=pipeline,
        sentences=tuple(sentence_spans(doc)),
        mentions=_sorted(doc._.recoupe_mentions),
        quotes=_sorted(doc._.recoupe_quotes),
        attributions=_sorted(doc._.recoupe_attributions),
        quantities=_sorted(doc._.recoupe_quantities),
        dates=_sorted(doc._.recoupe_dates),
        claims=_sorted(doc._.recoupe_claims),
        notes=tuple(doc._.recoupe_notes or ()),
    )


def sentence_spans(doc: Doc) -> list[TextSpan]:
    """The Doc's sentences as spans, whitespace-only (blanked) ones left out."""
    spans = []
    for sent in doc.sents:
        span = trimmed(doc, sent.start_char, sent.end_char)
        if span is not None and doc.text[span.start : span.end].strip():
            spans.append(span)
    return spans


def _sorted(records: list | None) -> tuple:
    return tuple(sorted(records or (), key=lambda r: (r.span.start, r.span.end)))
