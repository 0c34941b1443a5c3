"""A draft and the layout of its text made into one ``Article``, with its content id."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from recoupe.ingest.body import clean_body
from recoupe.ingest.dates import FIRST_YEAR, date_from_url, make_date, plausible
from recoupe.ingest.draft import Draft
from recoupe.ingest.metadata import Layout, read_layout
from recoupe.model import Article, Note, Rejected, TextSpan

# A body with fewer letters than this is not an article ("<<<>>>", "----", "12").
_MIN_LETTERS = 3
_LETTER = re.compile(r"[^\W\d_]")


def build_article(draft: Draft) -> Article | Rejected:
    """The article of ``draft``, or Rejected (no_text) when no body is left once debris is out."""
    layout, body_notes = clean_body(draft.text, read_layout(draft.text, title=draft.title))
    if not _has_letters(layout.body):
        return Rejected(
            source=draft.origin,
            reason="no_text",
            detail="no article text left once page debris, bylines and dates are set aside",
        )
    published, published_from, notes = _published(draft, layout)
    return Article(
        id=article_id(layout.body),
        source=draft.source,
        origin=draft.origin,
        text=draft.text,
        body=layout.body,
        title=draft.title or layout.title,
        outlet=draft.outlet,
        url=draft.url,
        published=published,
        published_from=published_from,
        language=draft.language,
        authors=tuple(dict.fromkeys([*draft.authors, *layout.authors])),
        agency=layout.agency,
        dateline=layout.dateline,
        removed=layout.removed,
        notes=(*draft.notes, *notes, *body_notes),
    )


def _has_letters(body: Iterable[TextSpan]) -> bool:
    count = 0
    for span in body:
        for _ in _LETTER.finditer(span.text):
            count += 1
            if count >= _MIN_LETTERS:
                return True
    return False


def normalise(text: str) -> str:
    """Text as compared for identity: NFC, case-folded, whitespace collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def article_id(body: Iterable[TextSpan]) -> str:
    """First 16 hex digits of the SHA-256 of the normalised body text."""
    text = normalise("\n".join(span.text for span in body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _published(draft: Draft, layout: Layout) -> tuple[dt.date | None, str | None, list[Note]]:
    """The best publication date: metadata, then a date line, then the dateline, then the URL."""
    notes: list[Note] = []
    url_date = _sane(date_from_url(draft.url), "the URL", notes)
    published, source = draft.published, draft.published_from
    published = _sane(published, source or "metadata", notes)
    layout = dataclasses.replace(
        layout, published=_sane(layout.published, layout.published_from or "the text", notes)
    )
    if published is not None and layout.published is not None and layout.published != published:
        notes.append(
            Note(
                code="published_conflict",
                detail=f"{source or 'metadata'} gives {published.isoformat()}, "
                f"the {layout.published_from} {layout.published.isoformat()}",
            )
        )
    if published is None and layout.published is not None:
        published, source = layout.published, layout.published_from
    if published is None and layout.partial_date is not None:
        month, day = layout.partial_date
        year = url_date.year if url_date else None
        published = _sane(make_date(year, month, day), "the dateline", notes)
        if published is not None:
            source = "dateline"
        else:
            notes.append(
                Note(
                    code="published_without_year",
                    detail=f"the dateline gives day {day} of month {month} but no year, "
                    "and no other metadata carries one",
                    span=layout.dateline,
                )
            )
    if published is None and url_date is not None:
        published, source = url_date, "url"
    return published, source if published else None, notes


def _sane(day: dt.date | None, where: str, notes: list[Note]) -> dt.date | None:
    """``day`` if a newspaper could carry it; else None, with a note."""
    if day is None or plausible(day):
        return day
    notes.append(
        Note(
            code="bad_date",
            detail=f"{where} gives {day.isoformat()}, before {FIRST_YEAR} or after next year:"
            " ignored",
        )
    )
    return None
