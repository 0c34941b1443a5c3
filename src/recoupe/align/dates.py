"""Dates the analysis left unresolved, resolved against the story's date.

The analysis resolves "mardi" or "19 mars" against the article's publication date
and leaves them unresolved when an article has none. Within a story the other
articles tell the date: an undated article is taken as written on the day of its
dateline ("19 mars", with the story's year) or, failing that, on the earliest
publication date of the story; when no article has one, on the full date the
story's sentences name most often for their own events (or its embedded posts are
signed with, noted ``post_date`` by ingest). Weekdays are the most recent
such day (the same day counts), "hier"/"aujourd'hui"/"demain" are relative to that
base, and a day and month without a year take the base's year. Week-, month- and
vague references stay unresolved. The dossier shows such a base as the article's
publication date, marked ``inferred``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from recoupe import resources
from recoupe.model import AnalyzedArticle, DateRef

from .names import fold

__all__ = ["article_bases", "inferred_published", "resolve_day"]

# Days between an article's date and the story's median beyond which the article's
# date is a page date, not the day it reports.
OUTLIER_DAYS = 7
_RELATIVE_DAYS = {"aujourd hui": 0, "hier": -1, "avant hier": -2, "demain": 1, "apres demain": 2}


@cache
def _calendar() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = resources.load("fr", "dates")
    weekdays = tuple(fold(w) for w in data.get("weekdays", ()))
    months = tuple(fold(m) for m in data.get("months", ()))
    return weekdays, months


def _day_month(text: str, year: int) -> dt.date | None:
    _weekdays, months = _calendar()
    if not months:
        return None
    pattern = rf"\b(\d{{1,2}}|1er)\s+({'|'.join(months)})(?:\s+(\d{{4}}))?\b"
    match = re.search(pattern, fold(text).replace("1 er", "1er"))
    if not match:
        return None
    day = 1 if match.group(1) == "1er" else int(match.group(1))
    month = months.index(match.group(2)) + 1
    try:
        return dt.date(int(match.group(3) or year), month, day)
    except ValueError:
        return None


def article_bases(analyzed: Sequence[AnalyzedArticle]) -> dict[str, dt.date | None]:
    """The date each article's relative words are read against (see the module docstring).

    An article whose own date lies more than ``OUTLIER_DAYS`` from the story's median
    (a page header dated weeks later than the events) has no base: its "aujourd'hui"
    is the page's day, not the event's, and is left unresolved.
    """
    published = sorted(item.article.published for item in analyzed if item.article.published)
    story = published[0] if published else _named_day(analyzed)
    bases: dict[str, dt.date | None] = {}
    for item in analyzed:
        article = item.article
        base = article.published
        if base is None and article.dateline is not None and story is not None:
            base = _day_month(article.dateline.text, story.year)
        bases[article.id] = base or story
    known = sorted(b for b in bases.values() if b is not None)
    if len(known) >= 3:
        median = known[len(known) // 2]
        for article_id, base in bases.items():
            if base is not None and abs((base - median).days) > OUTLIER_DAYS:
                bases[article_id] = None
    return bases


def _named_day(analyzed: Sequence[AnalyzedArticle]) -> dt.date | None:
    """The day the story's sentences name most often in full ("le 3 mars 2024"), when no
    article carries a date: what its undated articles are read against. Only dates of a
    sentence's own event count (``DateRef.role``), the latest on ties."""
    counts: Counter[str] = Counter(
        ref.iso
        for item in analyzed
        for ref in item.analysis.dates
        if ref.kind == "date"
        and not ref.relative
        and ref.iso
        and len(ref.iso) == 10
        and ref.role in ("main", "clause", None)
    )
    # a post embedded in an article and signed with its day tells that day too (ingest
    # keeps the post out of the body and notes its day as "post_date")
    counts.update(
        note.detail for item in analyzed for note in item.article.notes if note.code == "post_date"
    )
    if not counts:
        return None
    return dt.date.fromisoformat(max(counts, key=_count_then_day(counts)))


def _count_then_day(counts: Counter[str]):
    def rank(day: str) -> tuple[int, str]:
        return (counts[day], day)

    return rank


def inferred_published(analyzed: Sequence[AnalyzedArticle]) -> dict[str, dt.date]:
    """For each article without a publication date, the day the story gives it, if any."""
    bases = article_bases(analyzed)
    return {
        item.article.id: base
        for item in analyzed
        if item.article.published is None and (base := bases[item.article.id]) is not None
    }


_WEEK = dt.timedelta(days=7)


def resolve_day(ref: DateRef, base: dt.date | None) -> str | None:
    """The ISO day of a date reference: its own when resolved, else read against ``base``."""
    if ref.kind != "date":
        return None
    if base is not None and not dt.date.min + _WEEK <= base <= dt.date.max - _WEEK:
        base = None  # a base at the ends of the calendar resolves nothing (no overflow)
    if base is None:
        return ref.iso if ref.iso and len(ref.iso) == 10 and not ref.relative else None
    if ref.iso:
        return ref.iso if len(ref.iso) == 10 else None
    text = fold(ref.span.text)
    if text in _RELATIVE_DAYS:
        return (base + dt.timedelta(days=_RELATIVE_DAYS[text])).isoformat()
    weekdays, _months = _calendar()
    words = text.split()
    if any(w in ("dernier", "derniere", "prochain", "prochaine", "semaine") for w in words):
        return None
    day = _day_month(ref.span.text, base.year)
    if day is not None:
        return day.isoformat()
    for word in words:
        if word in weekdays:
            back = (base.weekday() - weekdays.index(word)) % 7
            return (base - dt.timedelta(days=back)).isoformat()
    return None
