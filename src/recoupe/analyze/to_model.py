"""Turn an analysed spaCy Doc into a ``model.Analysis``; Docs never leave ``analyze/``."""

from __future__ import annotations

from spacy.tokens import Doc

from recoupe.model import Analysis, TextSpan

from .doc import doc_text, trimmed


def to_analysis(doc: Doc, *, article_id: str, pipeline: str) -> Analysis:
    """Collect the records the components left on ``doc`` into one ``Analysis``."""
    sentences, lemmas = sentences_and_lemmas(doc)
    return Analysis(
        article_id=article_id,
        pipeline=pipeline,
        sentences=tuple(sentences),
        lemmas=tuple(lemmas),
        mentions=_sorted(doc._.recoupe_mentions),
        quotes=_sorted(doc._.recoupe_quotes),
        attributions=_sorted(doc._.recoupe_attributions),
        quantities=_sorted(doc._.recoupe_quantities),
        dates=_sorted(doc._.recoupe_dates),
        claims=_sorted(doc._.recoupe_claims),
        notes=tuple(doc._.recoupe_notes or ()),
    )


def sentences_and_lemmas(doc: Doc) -> tuple[list[TextSpan], list[str]]:
    """The Doc's sentences as spans (blanked ones left out) and each one's content lemmas.

    Lemmas are lowercased, of content words only (no stop words, punctuation, numbers,
    determiners, prepositions, pronouns, auxiliaries or conjunctions).
    """
    masked = doc_text(doc)
    spans, lemmas = [], []
    for sent in doc.sents:
        # a sentence keeps the whitespace after it, and blanked debris (a photo credit,
        # a "Lire aussi" line) is whitespace in the Doc's text: end before it
        end = sent.end_char
        while end > sent.start_char and masked[end - 1].isspace():
            end -= 1
        span = trimmed(doc, sent.start_char, end)
        if span is None or not masked[span.start : span.end].strip():
            continue
        spans.append(span)
        lemmas.append(
            " ".join(
                t.lemma_.lower()
                for t in sent
                if t.is_alpha and not t.is_stop and t.pos_ not in _FUNCTION_POS
            )
        )
    return spans, lemmas


_FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ"})


def _sorted(records: list | None) -> tuple:
    return tuple(sorted(records or (), key=lambda r: (r.span.start, r.span.end)))
