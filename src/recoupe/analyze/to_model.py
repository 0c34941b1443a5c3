"""Turn an analysed spaCy Doc into a ``model.Analysis``; Docs never leave ``analyze/``."""

from __future__ import annotations

from spacy.tokens import Doc

from recoupe.model import Analysis, TextSpan

from .doc import trimmed


def to_analysis(doc: Doc, *, article_id: str, pipeline: str) -> Analysis:
    """Collect the records the components left on ``doc`` into one ``Analysis``."""
    sentences = sentence_spans(doc)
    return Analysis(
        article_id=article_id,
        pipeline=pipeline,
        sentences=tuple(sentences),
        lemmas=tuple(sentence_lemmas(doc, span) for span in sentences),
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


def sentence_lemmas(doc: Doc, span: TextSpan) -> str:
    """Lowercased lemmas of the content words (no stop words, punctuation, numbers) in ``span``."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None:
        return ""
    return " ".join(
        t.lemma_.lower()
        for t in words
        if t.is_alpha and not t.is_stop and t.pos_ not in ("DET", "ADP", "PRON", "AUX", "CCONJ")
    )


def _sorted(records: list | None) -> tuple:
    return tuple(sorted(records or (), key=lambda r: (r.span.start, r.span.end)))
