"""Hand-made records for the store tests."""

from __future__ import annotations

import datetime as dt

from recoupe.model import Analysis, Article, DateRef, Mention, TextSpan


def article(n: int, text: str | None = None, **fields) -> Article:
    """A small article numbered ``n``."""
    body = text or f"Article number {n} reports an event."
    values = {
        "id": f"a{n:04d}",
        "source": f"{n}.txt",
        "origin": f"/in/{n}.txt",
        "text": body,
        "body": (TextSpan(start=0, end=len(body), text=body),),
        "published": dt.date(2025, 3, 19),
        "language": "fr",
        "outlet": "Outlet",
    }
    values.update(fields)
    return Article(**values)


def analysis(article_id: str, pipeline: str = "p1") -> Analysis:
    """A small analysis with nested records, for round trips."""
    span = TextSpan(start=0, end=7, text="Article")
    return Analysis(
        article_id=article_id,
        pipeline=pipeline,
        sentences=(span,),
        lemmas=("article",),
        mentions=(Mention(span=span, label="MISC", key="article"),),
        dates=(DateRef(span=span, kind="date", iso="2025-03-19", granularity="day"),),
    )
