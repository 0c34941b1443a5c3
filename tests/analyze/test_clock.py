"""Clock times, with their time zone understood: one moment in GMT and in Paris time is one."""

from __future__ import annotations

import datetime as dt

import pytest

from recoupe.analyze.clock import utc_clock


def times_of(analysis) -> list[tuple[str, str | None]]:
    return [(d.span.text, d.iso) for d in analysis.dates if d.kind == "time"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("On comptait 4 000 grévistes vers 16 h GMT.", "2031-12-06", [("16 h GMT", "T16:00Z")]),
        # winter and summer time in Paris
        (
            "Le bilan de 17H00 heure de Paris fait état de 12 blessés.",
            "2031-12-06",
            [("17H00 heure de Paris", "T16:00Z")],
        ),
        (
            "Le bilan de 17H00 heure de Paris fait état de 12 blessés.",
            "2031-07-05",
            [("17H00 heure de Paris", "T15:00Z")],
        ),
        # minutes, a lead word, no zone: the clock as read
        ("La séance a repris à 14 h 30.", "2031-12-06", [("14 h 30", "T14:30")]),
        ("Le cortège est parti vers 10h.", "2031-12-06", [("10h", "T10:00")]),
        ("Rendez-vous à 9h30 heure locale.", "2031-12-06", [("9h30 heure locale", "T09:30")]),
        # a fixed-offset zone needs no publication date
        ("Le vote s'est clos à 20 h HNE.", None, [("20 h HNE", "T01:00Z")]),
        # a duration is no clock time
        ("La grève a duré 48 heures.", "2031-12-06", []),
        ("Il a été retenu pendant 12 heures.", "2031-12-06", []),
    ],
)
def test_clock_times(analyze_text, text, published, expected):
    assert times_of(analyze_text(text, published=published)) == expected


def test_a_zone_with_summer_time_needs_a_day():
    assert utc_clock(17, 0, "Europe/Paris", None) is None
    assert utc_clock(17, 0, "Europe/Paris", dt.date(2031, 12, 6)) == "T16:00Z"
    assert utc_clock(16, 0, "UTC", None) == "T16:00Z"
    assert utc_clock(16, 0, "Nowhere/Atlantis", dt.date(2031, 12, 6)) is None
