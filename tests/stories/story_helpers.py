"""Hand-written articles for the story tests (invented people and places)."""

from __future__ import annotations

import datetime as dt
import hashlib

from recoupe.model import Article, TextSpan
from recoupe.stories import StorySettings


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


# Words alone decide, so that tests of placement read plainly.
WORDS = StorySettings(
    join=0.01,  # few threads: the stories are cut inside them
    merge=0.5,
    converge=2.0,
    cut=0.5,
    attach=1.0,  # strays stay alone
    lexical=1.0,
    semantic=0.0,
    names=0.0,
    years=0.0,
    days=0.0,
    gap=0.0,
)
