"""Builders of hand-made analysed articles for the alignment tests (no spaCy model needed).

``story_article`` takes French text and the records to find in it, given by their
text: a mention ``("Jeanne Morel", "PER")`` becomes a ``Mention`` at each place the
text occurs, a claim is given by its clause, and so on. Offsets are computed, so the
tests read as sentences and never as numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

import pytest

from recoupe.align.names import name_key
from recoupe.model import (
    Analysis,
    AnalyzedArticle,
    Article,
    Attribution,
    Claim,
    DateRef,
    Mention,
    Quantity,
    Quote,
    Source,
    TextSpan,
)


def at(text: str, needle: str, nth: int = 0) -> TextSpan:
    """The span of the ``nth`` occurrence of ``needle`` in ``text``."""
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    assert len(starts) > nth, f"{needle!r} not found {nth + 1} times"
    start = starts[nth]
    return TextSpan(start=start, end=start + len(needle), text=needle)


def sentences_of(text: str) -> tuple[TextSpan, ...]:
    """Sentence spans: split after . ! ? and at newlines."""
    spans = []
    for m in re.finditer(r"[^.!?\n]+[.!?]*", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(TextSpan(start=s, end=e, text=text[s:e]))
    return tuple(spans)


def lemmas_of(span: TextSpan) -> str:
    """Stand-in lemmas: folded words of four letters or more."""
    return " ".join(w for w in name_key(span.text).split() if len(w) >= 4)


def story_article(
    text: str,
    *,
    source: str,
    mentions: Iterable[tuple[str, str]] = (),
    quotes: Iterable[tuple[str, str | None]] = (),
    claims: Iterable[Claim] = (),
    quantities: Iterable[Quantity] = (),
    dates: Iterable[DateRef] = (),
    attributions: Iterable[Attribution] = (),
    published: str | None = "2031-05-14",
    outlet: str | None = None,
) -> AnalyzedArticle:
    """An analysed article: ``text`` with mentions, quotes and claims located by their text."""
    article_id = hashlib.sha256(text.encode()).hexdigest()[:12]
    found: list[Mention] = []
    for surface, label in mentions:
        for m in re.finditer(re.escape(surface), text):
            span = TextSpan(start=m.start(), end=m.end(), text=surface)
            if any(o.span.start <= span.start < o.span.end for o in found):
                continue
            found.append(Mention(span=span, label=label, key=name_key(surface)))
    quote_records = []
    for content, speaker in quotes:
        span = at(text, content)
        source_rec = (
            Source(kind="person", name=speaker, key=name_key(speaker))
            if speaker
            else Source(kind="unknown")
        )
        quote_records.append(Quote(span=span, content=span, kind="direct", speaker=source_rec))
    sents = sentences_of(text)
    article = Article(
        id=article_id,
        source=source,
        origin=source,
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        published=dt.date.fromisoformat(published) if published else None,
        language="fr",
        outlet=outlet,
    )
    analysis = Analysis(
        article_id=article_id,
        pipeline="test",
        sentences=sents,
        lemmas=tuple(lemmas_of(s) for s in sents),
        mentions=tuple(sorted(found, key=lambda m: m.span.start)),
        quotes=tuple(quote_records),
        attributions=tuple(attributions),
        quantities=tuple(quantities),
        dates=tuple(dates),
        claims=tuple(claims),
    )
    return AnalyzedArticle(article=article, analysis=analysis)


def claim(
    text: str,
    clause: str,
    *,
    trigger: str,
    lemma: str,
    category: str,
    actors: Sequence[str] = (),
    polarity: str = "positive",
    modality: str = "stated",
    mood: str = "factual",
    attribution: Source | None = None,
    dates: Sequence[DateRef] = (),
    quantities: Sequence[Quantity] = (),
    condition: str | None = None,
) -> Claim:
    """A claim on ``clause`` of ``text`` whose sentence is the one holding the clause."""
    span = at(text, clause)
    sentence = next(s for s in sentences_of(text) if s.start <= span.start < s.end)
    return Claim(
        span=span,
        sentence=sentence,
        predicate=at(text, trigger),
        lemma=lemma,
        category=category,
        actors=tuple(actors),
        polarity=polarity,
        modality=modality,
        mood=mood,
        attribution=attribution or Source(kind="self"),
        dates=tuple(dates),
        quantities=tuple(quantities),
        condition=at(text, condition) if condition else None,
    )


def date_ref(text: str, words: str, iso: str | None, *, kind: str = "date", days=None) -> DateRef:
    """A resolved date (or duration) expression of ``text``."""
    return DateRef(span=at(text, words), kind=kind, iso=iso, granularity="day", days=days)


def quantity(text: str, words: str, value: float, *, kind: str = "count", unit=None) -> Quantity:
    """A number of ``text`` with its unit."""
    return Quantity(span=at(text, words), value=value, kind=kind, unit=unit)


def attribution(
    text: str,
    sentence_part: str,
    *,
    kind: str,
    name: str,
    channel=None,
    named: bool = False,
    cue: str | None = None,
) -> Attribution:
    """The attribution of the sentence holding ``sentence_part``; with ``named``, the
    source's name is located in that sentence (``Source.span``); ``cue`` is the verb of
    saying, located in that sentence."""
    part = at(text, sentence_part)
    sentence = next(s for s in sentences_of(text) if s.start <= part.start < s.end)
    span = None
    if named:
        where = text.index(name, sentence.start)
        span = TextSpan(start=where, end=where + len(name), text=name)
    cue_span = None
    if cue is not None:
        where = text.index(cue, sentence.start)
        cue_span = TextSpan(start=where, end=where + len(cue), text=cue)
    return Attribution(
        span=sentence,
        source=Source(kind=kind, name=name, key=name_key(name), channel=channel, span=span),
        cue=cue_span,
    )


@pytest.fixture
def build():
    """The builders, as one namespace: ``build.article(...)``, ``build.claim(...)`` ..."""

    class Builders:
        article = staticmethod(story_article)
        claim = staticmethod(claim)
        date = staticmethod(date_ref)
        quantity = staticmethod(quantity)
        attribution = staticmethod(attribution)
        at = staticmethod(at)
        replace = staticmethod(replace)

    return Builders
