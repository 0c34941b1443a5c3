"""The story's timeline: its dated facts in date order."""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.model import Fact, TimelineEntry

__all__ = ["build_timeline"]


def build_timeline(facts: Sequence[Fact]) -> tuple[TimelineEntry, ...]:
    """One entry per dated fact, by date then story order."""
    dated = [(f.date, n, f) for n, f in enumerate(facts) if f.date]
    dated.sort(key=_entry_order)
    return tuple(
        TimelineEntry(date=date, fact=f.id, statement=f.statement, sources=f.sources)
        for date, _n, f in dated
    )


def _entry_order(item: tuple[str, int, Fact]) -> tuple[str, int]:
    return (item[0], item[1])
