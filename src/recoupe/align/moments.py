"""When a sentence tells its figure: the day and hour, to order a toll's updates.

A toll told at 15:00 and again "dimanche matin" is one count updated, not two
accounts at odds. The moment of a sentence is the latest it names with an hour: a
clock time ("vers 19 h", read by the analysis), or a part of the day, after a date
("samedi en début d'après-midi", "dimanche matin") or on its own ("en soirée"), taken
at the hour ``resources/fr/dates.toml`` gives it (``day_part_hours``). A clock time or
part of the day without a date is on the sentence's own day (``Unit.day``), else on
the day its article was written (``Unit.base``). A date without an hour orders only
against other days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from recoupe.model import TextSpan
from recoupe.resources import load

from .names import fold
from .units import Unit

__all__ = ["Moment", "moment_of"]

# How much text after a date is read for its part of the day.
_AFTER_DATE = 40
_CLOCK = re.compile(r"(?:(\d{4}-\d{2}-\d{2}))?T(\d{2}):(\d{2})(Z?)")


@dataclass(frozen=True, slots=True)
class Moment:
    """A day (ISO, "" when unknown) and minutes after midnight (None: no hour given)."""

    day: str
    minutes: int | None = None
    utc: bool = False

    @property
    def key(self) -> tuple[str, int]:
        """For sorting: by day, then hour (a day without an hour first)."""
        return (self.day, -1 if self.minutes is None else self.minutes)

    def label(self, with_day: bool) -> str:
        """ "15:00", "15:00Z", or with its day "2031-05-14 15:00"."""
        hour = ""
        if self.minutes is not None:
            hour = f"{self.minutes // 60:02d}:{self.minutes % 60:02d}" + ("Z" if self.utc else "")
        if with_day and self.day:
            return f"{self.day} {hour}".strip()
        return hour or self.day


@dataclass(frozen=True, slots=True)
class _PartWords:
    after_date: re.Pattern[str]  # a part of the day right after a date, maybe after a lead
    anywhere: re.Pattern[str]  # a part of the day after a lead, anywhere
    hours: dict[str, int]


@cache
def _parts() -> _PartWords:
    data = load("fr", "dates")
    hours = {fold(part): int(hour) for part, hour in data.get("day_part_hours", {}).items()}
    leads = sorted({fold(w) for w in data.get("day_part_leads", ())}, key=len, reverse=True)
    if not hours or not leads:
        never = re.compile(r"(?!)")
        return _PartWords(never, never, hours)
    part = "(?P<part>" + "|".join(re.escape(p) for p in sorted(hours, key=len, reverse=True)) + ")"
    lead = "(?:" + "|".join(re.escape(w) for w in leads) + ")"
    return _PartWords(
        after_date=re.compile(rf"^(?:{lead} )?{part}\b"),
        anywhere=re.compile(rf"\b{lead} {part}\b"),
        hours=hours,
    )


def moment_of(unit: Unit, within: TextSpan | None = None) -> Moment | None:
    """The latest moment the sentence names (see the module docstring), or None; with
    ``within`` (a clause of it), the latest that clause names."""
    words = _parts()
    found: list[Moment] = []
    where = within or unit.sentence
    text, base = where.text, where.start
    for ref in unit.dates:
        if not where.start <= ref.span.start < where.end:
            continue
        if ref.kind == "time" and ref.iso and (clock := _CLOCK.fullmatch(ref.iso)):
            day = clock.group(1) or unit.day or unit.base or ""
            minutes = int(clock.group(2)) * 60 + int(clock.group(3))
            found.append(Moment(day, minutes, bool(clock.group(4))))
        elif ref.kind == "date" and ref.iso and len(ref.iso) == 10:
            found.append(
                Moment(ref.iso, _hour_after(words, ref.span.text, text, ref.span.end - base))
            )
    if not any(m.minutes is not None for m in found):
        part = words.anywhere.search(fold(text))
        if part is not None:
            found.append(Moment(unit.day or unit.base or "", words.hours[part.group("part")] * 60))
    timed = [m for m in found if m.minutes is not None]
    if timed:
        return max(timed, key=lambda m: m.key)
    days = sorted({m.day for m in found if m.day})
    return Moment(days[-1]) if days else None


def _hour_after(words: _PartWords, date: str, text: str, end: int) -> int | None:
    """The minutes of the part of the day a date carries ("dimanche matin") or that follows
    it ("samedi en début d'après-midi"), if any."""
    for where in (fold(date).split(" ", 1)[-1], fold(text[end : end + _AFTER_DATE])):
        part = words.after_date.match(where)
        if part is not None:
            return words.hours[part.group("part")] * 60
    return None
