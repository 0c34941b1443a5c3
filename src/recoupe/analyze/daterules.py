"""Date rules for ``recoupe_dates``: dateparser behind a cache, weekdays, years.

dateparser reads French date expressions well once they are found, but it is slow
on first calls (~0.4 ms warm) and its ``search_dates`` finds dates in "mer" (mer
Noire), "Je" and "sa"; so recoupe finds candidates itself and hands dateparser one
short, normalised expression at a time, cached per (expression, base). Weekday
resolution and the choice of year for a date printed without one are recoupe's own
rules, documented in the functions below; nothing here reads the machine clock.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import dateparser

__all__ = ["iso_of", "month_date", "parse", "pick_year", "weekday_date"]

# A date printed without a year is taken in the publication year unless the clause's
# tense contradicts it by more than this ("le 20 décembre" in a past-tense clause of
# an article published on 5 January is the previous December).
YEAR_TOLERANCE = dt.timedelta(days=30)
# Stands in for the publication date when there is none, for expressions that carry
# their own year: dateparser must never fall back to the machine clock.
NEUTRAL_BASE = dt.datetime(2000, 1, 1, 12)


@lru_cache(maxsize=4096)
def parse(
    expression: str, base: dt.date | None, lang: str = "fr", require: tuple[str, ...] = ()
) -> dt.date | None:
    """``dateparser.parse`` of ``expression`` against ``base`` at noon; None if unreadable.

    ``require`` lists the parts the expression must carry ("day", "month", "year").
    Callers only pass expressions that are relative when ``base`` is given.
    """
    anchor = dt.datetime.combine(base, dt.time(12)) if base is not None else NEUTRAL_BASE
    settings = {
        "RELATIVE_BASE": anchor,
        # the year of a date without one is chosen by pick_year, from the clause's tense
        "PREFER_DATES_FROM": "current_period",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": list(require),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    result = dateparser.parse(expression, languages=[lang], settings=settings)
    return result.date() if result is not None else None


def weekday_date(
    weekday: int, published: dt.date, *, tense: str | None, direction: str | None
) -> dt.date:
    """The date of a weekday (0 = Monday) named in an article published on ``published``.

    ``direction`` "last"/"next" ("mardi dernier", "jeudi prochain") means strictly before
    or after publication. Otherwise the clause's tense decides: past means the most
    recent such day on or before publication (the same weekday is the publication
    day), future the next one on or after it, and a present or unknown tense the
    nearest of the two (news headlines use the present for yesterday's events and for
    tomorrow's meetings alike).
    """
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if direction == "last":
        return published - dt.timedelta(days=back or 7)
    if direction == "next":
        return published + dt.timedelta(days=ahead or 7)
    if tense == "past" or (tense != "future" and back <= ahead):
        return published - dt.timedelta(days=back)
    return published + dt.timedelta(days=ahead)


def pick_year(month: int, day: int, published: dt.date, *, tense: str | None) -> dt.date | None:
    """The date of ``day``/``month`` printed without a year, in an article of ``published``.

    The publication year, unless the tense contradicts it by more than YEAR_TOLERANCE:
    a past-tense clause takes the previous year, a future-tense one the next year. With
    no tense to go by, the nearest of the three candidate years wins.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year
    if not candidates:
        return None
    by_year = {d.year: d for d in candidates}
    same = by_year.get(published.year)
    if same is not None and tense == "past":
        return by_year.get(published.year - 1, same) if same > published + YEAR_TOLERANCE else same
    if same is not None and tense == "future":
        return by_year.get(published.year + 1, same) if same < published - YEAR_TOLERANCE else same
    return min(candidates, key=lambda d: (abs((d - published).days), d))


def month_date(
    month: int, published: dt.date, *, tense: str | None, direction: str | None
) -> dt.date | None:
    """A day in ``month`` (1-12) named without a year ("en mars", "en décembre dernier").

    "dernier" means the latest such month strictly before the publication month,
    "prochain" the first strictly after it; otherwise ``pick_year`` decides.
    """
    if direction == "last":
        return dt.date(published.year - (month >= published.month), month, 15)
    if direction == "next":
        return dt.date(published.year + (month <= published.month), month, 15)
    return pick_year(month, 15, published, tense=tense)


def iso_of(date: dt.date, granularity: str) -> str:
    """ISO 8601 text of ``date`` at ``granularity``: 2025-03-18, 2025-W12, 2025-03 or 2025."""
    if granularity == "year":
        return f"{date.year:04d}"
    if granularity == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return date.isoformat()
