"""RSS and Atom feeds, parsed from bytes with feedparser (never given a URL).

Each entry is an article: its full content (``content:encoded``, Atom ``content``) or
else its summary, stripped of HTML; its title, link, date and authors; the feed's
title is the outlet. ``Article.source`` is ``<file name>#<entry>`` (from 1).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from recoupe.ingest.dates import parse_date
from recoupe.ingest.draft import Draft
from recoupe.ingest.html import fragment_to_text
from recoupe.model import Rejected

logger = logging.getLogger(__name__)

# feedparser turns a character reference into chr(n) and raises (and loses the whole
# feed) on one that is no character: a surrogate (&#xD800;) or past U+10FFFF.
_CHAR_REF = re.compile(rb"&#(x[0-9a-f]+|[0-9]+);", re.IGNORECASE)
_REPLACEMENT_REF = b"&#xFFFD;"
# The XML declaration's encoding attribute when its value is not an encoding name.
_BAD_ENCODING_NAME = re.compile(
    rb"\A(\s*<\?xml[^>]*?)\sencoding\s*=\s*(['\"])(?![A-Za-z][\w.:-]*\2)[^'\">]*\2?"
)


def _sound_ref(match: re.Match[bytes]) -> bytes:
    """A character reference as it is, or U+FFFD's for one that names no character."""
    ref = match.group(1).lower()
    hexadecimal = ref.startswith(b"x")
    digits = (ref[1:] if hexadecimal else ref).lstrip(b"0")
    if len(digits) > 8:  # past U+10FFFF whatever they say (int() refuses 4,300 digits)
        return _REPLACEMENT_REF
    code = int(digits or b"0", 16 if hexadecimal else 10)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return _REPLACEMENT_REF
    return match.group()


def _xml_safe(data: bytes) -> bytes:
    """The feed's bytes without what makes feedparser raise and lose the whole feed:
    an encoding name that is no ASCII word (dropped: the encoding is then read from the
    bytes), a reference to no character (U+FFFD instead)."""
    data = _BAD_ENCODING_NAME.sub(rb"\1", data, count=1)
    return _CHAR_REF.sub(_sound_ref, data)


def read_feed(data: bytes, *, name: str, origin: str) -> Iterator[Draft | Rejected]:
    """One article per feed entry; Rejected (malformed) for a broken feed without entries."""
    parsed = feedparser.parse(_xml_safe(data))
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield Rejected(
                source=origin,
                reason="malformed",
                detail=f"not a readable RSS or Atom feed ({problem or 'parse error'})",
            )
        else:
            yield Rejected(source=origin, reason="no_text", detail="the feed has no entries")
        return
    outlet = _clean(parsed.feed.get("title")) if parsed.get("feed") else None
    results = [
        _guarded(entry, number=number, name=name, origin=origin, outlet=outlet)
        for number, entry in enumerate(parsed.entries, start=1)
    ]
    if parsed.get("bozo") and not any(isinstance(r, Draft) for r in results):
        # A broken feed whose entries are all empty: the feed is at fault, not the entries.
        problem = parsed.get("bozo_exception")
        yield Rejected(
            source=origin, reason="malformed", detail=f"broken RSS or Atom feed ({problem})"
        )
        return
    yield from results


def _guarded(
    entry: Any, *, number: int, name: str, origin: str, outlet: str | None
) -> Draft | Rejected:
    """``_entry``, or Rejected for that entry alone when reading it fails."""
    try:
        return _entry(entry, number=number, name=name, origin=origin, outlet=outlet)
    except Exception as e:  # lxml and feedparser on untrusted markup: one entry lost, not all
        logger.debug("%s#%d: traceback", origin, number, exc_info=True)
        return Rejected(
            source=f"{origin}#{number}",
            reason="malformed",
            detail=f"feed entry {number} could not be read ({type(e).__name__}: {str(e)[:160]})",
        )


def _entry(
    entry: Any, *, number: int, name: str, origin: str, outlet: str | None
) -> Draft | Rejected:
    where = f"{origin}#{number}"
    text = fragment_to_text(_body(entry))
    if not text.strip():
        return Rejected(source=where, reason="no_text", detail=f"feed entry {number} has no text")
    published = _entry_date(entry)
    return Draft(
        source=f"{name}#{number}",
        origin=where,
        text=text,
        title=_title(entry),
        outlet=outlet,
        url=_clean(entry.get("link")),
        published=published,
        published_from="feed" if published else None,
        authors=_authors(entry),
    )


def _title(entry: Any) -> str | None:
    title = entry.get("title")
    return _clean(fragment_to_text(title)) if isinstance(title, str) else None


def _body(entry: Any) -> str:
    """The longest full content of an entry, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    contents = [c for c in contents if isinstance(c, str) and c.strip()]
    if contents:
        return max(contents, key=len)
    summary = entry.get("summary", "")
    return summary if isinstance(summary, str) else ""


def _entry_date(entry: Any) -> dt.date | None:
    """The entry's date as written (its own time zone), else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        if day := parse_date(entry.get(key)):
            return day
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _authors(entry: Any) -> tuple[str, ...]:
    names = [_clean(a.get("name")) for a in entry.get("authors", []) if isinstance(a, dict)]
    if not any(names):
        names = [_clean(entry.get("author"))]
    return tuple(dict.fromkeys(n for n in names if n))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
