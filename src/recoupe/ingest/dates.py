"""Publication dates from metadata strings, URLs and the date groups of ingest patterns."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping

from recoupe.ingest.patterns import Patterns

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


# The earliest year a publication date is believed: earlier ones are default values,
# typos or placeholders ("0001-01-01"), not news of the day.
FIRST_YEAR = 1900


def plausible(day: dt.date, *, today: dt.date | None = None) -> bool:
    """True for a publication date from 1900 to the end of next year (``today``'s)."""
    return FIRST_YEAR <= day.year <= (today or dt.date.today()).year + 1


def make_date(year: int | None, month: int, day: int) -> dt.date | None:
    """The date, or None when the parts do not make one (31 February, year 0)."""
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(value: object) -> dt.date | None:
    """The calendar date of a metadata value: ISO 8601, RFC 2822 or a date object.

    The date is the one written, in the writer's time zone: "2025-03-19T00:30+01:00"
    is 19 March, not 18 March in UTC.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    if match := _ISO_DAY.match(value):
        return make_date(*(int(g) for g in match.groups()))
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.date()


def date_from_url(url: str | None) -> dt.date | None:
    """A date written in a URL path ("/2025/03/19/", "/20250319/"), or None."""
    if not url:
        return None
    match = _URL_DAY.search(url)
    return make_date(*(int(g) for g in match.groups())) if match else None


def date_from_groups(
    groups: Mapping[str, str | None], pats: Patterns
) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from the named groups of a date pattern."""
    day = groups.get("day")
    month_name = groups.get("month")
    month_digits = groups.get("nmonth")
    if day is None:
        return None
    if month_name is not None:
        month = pats.months.get(month_name.casefold().rstrip("."))
    elif month_digits is not None:
        month = int(month_digits)
    else:
        return None
    if month is None or not 1 <= month <= 12 or not 1 <= int(day) <= 31:
        return None
    year_text = groups.get("year")
    year = int(year_text) if year_text else None
    if year is not None and year < 100:  # "23.04.25": two-digit years are this century's
        year += 2000
    return year, month, int(day)
