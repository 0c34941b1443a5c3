"""Coordinated parts of one toll added up: "40 manifestants et 6 policiers ont été blessés".

Such a sentence gives one toll in parts: 46 injured, of whom 6 police. Compared part
by part, its first figure (40) would contradict another account's total (46), and the
toll it states would never meet the others'. A figure of what happened to people
(injured, dead, arrests ...) whose noun phrase is followed right away by a coordination
word ("et", ``resources/fr/counted.toml``) and a figure of people of some kind
(police, soldiers, or the same count again) is read as their sum, spanning both. The
part of another kind keeps its own figure, compared with the same kind elsewhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache

from recoupe.model import Quantity, TextSpan
from recoupe.resources import load

from .names import fold
from .units import Unit

__all__ = ["with_totals"]

# Counts of what happened to people: their coordinated parts add up to one toll.
EVENTS = frozenset({"injured", "dead", "arrests", "custody", "victims"})
# Counts that only say who was counted: a part of a toll when coordinated after it.
WHO = frozenset({"people", "participants", "police", "military", "rescuers"})


@cache
def _coordination() -> frozenset[str]:
    return frozenset(fold(w) for w in load("fr", "counted").get("coordination", ()))


def with_totals(unit: Unit) -> tuple[Quantity, ...]:
    """The unit's figures, with each toll given in coordinated parts read as their sum."""
    figures = sorted(unit.quantities, key=lambda q: q.span.start)
    out: list[Quantity] = []
    n = 0
    while n < len(figures):
        parts = _parts(unit, figures, n)
        if len(parts) == 1:
            out.append(figures[n])
        else:
            out.append(_sum(unit, parts))
            out += [p for p in parts[1:] if p.counts != parts[0].counts]
        n += len(parts)
    return tuple(out)


def _parts(unit: Unit, figures: Sequence[Quantity], n: int) -> list[Quantity]:
    """The figure at ``n`` and the parts coordinated after it (just itself if none)."""
    first = figures[n]
    parts = [first]
    if not (first.counts in EVENTS and _plain(first)):
        return parts
    for following in figures[n + 1 :]:
        if not (
            _plain(following)
            and (following.counts in WHO or following.counts == first.counts)
            and _coordinated(unit, parts[-1], following)
        ):
            break
        parts.append(following)
    return parts


def _plain(q: Quantity) -> bool:
    """A count of one value (no range, no ratio) that says what it quantifies."""
    return q.kind == "count" and q.value2 is None and q.context is not None


def _coordinated(unit: Unit, before: Quantity, after: Quantity) -> bool:
    """Whether only a coordination word lies between ``before``'s noun phrase and ``after``."""
    if before.context is None:
        return False
    start = unit.sentence.start
    between = unit.sentence.text[before.context.end - start : after.span.start - start]
    return between[:1].isspace() and between[-1:].isspace() and fold(between) in _coordination()


def _sum(unit: Unit, parts: Sequence[Quantity]) -> Quantity:
    start, end = parts[0].span.start, parts[-1].span.end
    qualifiers = {p.qualifier for p in parts}
    base = unit.sentence.start
    return dataclasses.replace(
        parts[0],
        span=TextSpan(start=start, end=end, text=unit.sentence.text[start - base : end - base]),
        value=sum(p.value for p in parts),
        qualifier=qualifiers.pop() if len(qualifiers) == 1 else None,
        context=None,
    )
