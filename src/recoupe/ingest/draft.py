"""What a reader found in one document, before its layout is read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoupe.model import Note


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """One document's text and the metadata its format carried (HTML meta, feed, record).

    ``source`` and ``origin`` are as in ``model.Article``; ``published_from`` says where
    ``published`` came from (metadata, feed).
    """

    source: str
    origin: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    notes: tuple[Note, ...] = ()
