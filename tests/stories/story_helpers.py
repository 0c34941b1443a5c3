"""Hand-written articles for the story tests (invented people and places)."""

from __future__ import annotations

import datetime as dt
import hashlib

from recoupe.model import Article, TextSpan


def news(
    text: str,
    *,
    published: str | None = "2025-03-19",
    outlet: str = "Le Courrier",
    language: str = "fr",
    title: str | None = None,
) -> Article:
    """An article whose whole text is body; its id is a hash of the text, as in ingest."""
    return Article(
        id=hashlib.sha1(text.encode()).hexdigest()[:16],
        source=outlet.lower().replace(" ", "-") + ".txt",
        origin="test",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        title=title,
        outlet=outlet,
        published=dt.date.fromisoformat(published) if published else None,
        language=language,
    )
