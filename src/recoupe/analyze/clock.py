"""Clock times ("16 h GMT", "17H00 heure de Paris", "vers 18 h 30") as DateRefs of kind ``time``.

A figure in hours is read as a time of day when it carries minutes ("17H00", "16 h
15"), a zone ("16 h GMT") or a lead word before it ("vers 16 h", "à 20 heures"); "48
heures" alone stays a duration. A time whose zone is named is given in UTC, read on the
publication day so that summer time counts ("17H00 heure de Paris" on a December day is
"T16:00Z", like "16 h GMT"); a time without a zone, or in "heure locale", keeps its
clock reading ("T17:00"). The words live in ``resources/<lang>/dates.toml``. Comparing
"T16:00Z" with "T17:00" needs the place: alignment may take an unzoned time as the
time of the story's own place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from spacy.tokens import Doc

from recoupe.model import DateRef
from recoupe.resources import load

from .doc import doc_text, span_of
from .lexicon import alternation, fold

__all__ = ["find_times", "utc_clock"]

_LOCAL = "local"


@dataclass(frozen=True, slots=True)
class _ClockWords:
    pattern: re.Pattern[str]
    zones: dict[str, str]  # folded zone words -> IANA name or "local"


@cache
def _clock_words(lang: str) -> _ClockWords:
    data = load(lang, "dates")
    zones = data.get("time_zones", {})
    lead = alternation(data.get("clock_leads", ()))
    zone = alternation(zones) if zones else "(?!)"
    source = (
        rf"(?:(?P<lead>{lead})\s+)?"
        r"(?P<hour>(?<![\w.,])[012]?\d)\s?(?P<mark>h|H|heures?)(?:\s?(?P<minute>[0-5]\d))?(?!\w)"
        rf"(?:\s+(?P<zone>{zone}))?"
    )
    return _ClockWords(
        pattern=re.compile(source, re.IGNORECASE),
        zones={fold(word): name for word, name in zones.items()},
    )


def utc_clock(hour: int, minute: int, zone: str, day: dt.date | None) -> str | None:
    """``THH:MMZ`` for a time of ``zone`` on ``day`` (a fixed-offset zone needs no day)."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    moment = dt.datetime.combine(day or dt.date(2001, 1, 1), dt.time(hour, minute), tz)
    if day is None and moment.utcoffset() != moment.replace(month=7).utcoffset():
        return None  # summer time decides, and there is no day to say which
    utc = moment.astimezone(dt.UTC)
    return f"T{utc:%H:%M}Z"


def find_times(doc: Doc, published: dt.date | None, *, lang: str = "fr") -> list[DateRef]:
    """The clock times of ``doc``, in UTC when their zone is named and known."""
    words = _clock_words(lang)
    found = []
    for m in words.pattern.finditer(doc_text(doc)):
        hour = int(m.group("hour"))
        minute = int(m.group("minute") or 0)
        if hour > 24 or (hour == 24 and minute):
            continue
        if not (m.group("lead") or m.group("zone") or m.group("minute")):
            continue
        zone = words.zones.get(fold(m.group("zone") or ""), _LOCAL)
        iso = None if zone == _LOCAL else utc_clock(hour % 24, minute, zone, published)
        start = m.start("hour")
        found.append(
            DateRef(
                span=span_of(doc, start, m.end()),
                kind="time",
                iso=iso or f"T{hour % 24:02d}:{minute:02d}",
                granularity="minute",
            )
        )
    return found
