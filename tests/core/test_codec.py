"""The codec round-trips every analysis record."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from recoupe import codec
from recoupe.model import (
    Analysis,
    Article,
    Claim,
    DateRef,
    Mention,
    Note,
    Quantity,
    Quote,
    Source,
    TextSpan,
)

spans = st.builds(
    TextSpan, start=st.integers(0, 10_000), end=st.integers(0, 10_000), text=st.text(max_size=20)
)
sources = st.builds(
    Source,
    kind=st.sampled_from(["person", "institution", "self", "unknown"]),
    name=st.none() | st.text(max_size=10),
    key=st.none() | st.text(max_size=10),
    span=st.none() | spans,
    channel=st.none() | st.text(max_size=5),
)
dates = st.builds(
    DateRef,
    span=spans,
    kind=st.sampled_from(["date", "duration"]),
    iso=st.none() | st.dates().map(dt.date.isoformat),
    days=st.none() | st.floats(0, 1000),
)
quantities = st.builds(
    Quantity, span=spans, value=st.floats(-1e9, 1e9), kind=st.just("count"), unit=st.none()
)
claims = st.builds(
    Claim,
    span=spans,
    sentence=spans,
    predicate=spans,
    lemma=st.text(max_size=8),
    category=st.sampled_from(["AGREE", "CONSULT"]),
    attribution=sources,
    dates=st.lists(dates, max_size=2).map(tuple),
    quantities=st.lists(quantities, max_size=2).map(tuple),
    actors=st.lists(st.text(max_size=6), max_size=3).map(tuple),
)
analyses = st.builds(
    Analysis,
    article_id=st.text(max_size=16),
    pipeline=st.text(max_size=16),
    sentences=st.lists(spans, max_size=3).map(tuple),
    mentions=st.lists(
        st.builds(Mention, span=spans, label=st.sampled_from(["PER", "ORG"]), key=st.text()),
        max_size=3,
    ).map(tuple),
    quotes=st.lists(
        st.builds(Quote, span=spans, content=spans, kind=st.just("direct"), speaker=sources),
        max_size=2,
    ).map(tuple),
    claims=st.lists(claims, max_size=2).map(tuple),
    notes=st.lists(st.builds(Note, code=st.text(max_size=5)), max_size=2).map(tuple),
)


@given(analyses)
def test_analysis_round_trips(analysis):
    assert codec.loads(Analysis, codec.dumps(analysis)) == analysis


@given(st.dates(), st.text(max_size=50))
def test_article_round_trips(published, text):
    article = Article(
        id="abc",
        source="a.txt",
        origin="/tmp/a.txt",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        published=published,
        authors=("Anne Martin",),
    )
    assert codec.loads(Article, codec.dumps(article)) == article
