"""Value divergences: figures of one count that cannot both be true (``figures``).

Each account's headline figure of a count (its largest) is compared with the other
accounts'; figures more than ``figures.MAX_RATIO`` apart count two things. When the
accounts state their hours, a growing toll is an ``evolution`` and a later, lower
figure a divergence. Sentences the analysis read no quantity in are compared by the
word after their numbers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise

from recoupe.model import Quantity

from .figures import agree, comparable, figure_key, figure_label, upper
from .names import fold
from .sides import Found, side
from .totals import with_totals
from .units import Unit

__all__ = ["DURATION", "value_divergences"]

DURATION = re.compile(
    r"\b(\d+(?:[.,]\d+)?)\s+(jours?|semaines?|mois|ans|annees?|heures?|minutes?)\b", re.IGNORECASE
)
# a number and the word after it, in a sentence the analysis read no quantity in
_VALUE = re.compile(r"\b(\d+(?:[.,]\d+)?)\s+([a-zA-Zàâçéèêëîïôûùüÿœ]{3,})")


def value_divergences(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """Figures of one count that cannot both be true, from different articles."""
    by_key: dict[str, dict[int, list[Quantity]]] = defaultdict(dict)
    for u in members:
        for q in with_totals(u):
            key = figure_key(q)
            if key:
                by_key[key].setdefault(u.index, []).append(q)
    units = {u.index: u for u in members}
    found: list[Found] = []
    for key, figures in sorted(by_key.items()):
        parted = _parted(figures, units)
        if not parted:
            continue
        found.append(_figure_sides(ids, key, {i: figures[i] for i in parted}, units))
    found += _unread_values(ids, [u for u in members if not u.quantities])
    return found


def _parted(figures: dict[int, list[Quantity]], units: Mapping[int, Unit]) -> set[int]:
    """The units whose headline figure (their largest of this count) cannot be true with
    another article's: "52 000, dont 4 000 à Brélia" parts from "47 000, dont 4 000"
    although the parts agree, and "23 000, dont 3 000" agrees with "23 000" alone.
    Figures orders of size apart count two things ("23 000 policiers mobilisés", "dont
    17 policiers" blessés), not one thing two ways."""
    parted: set[int] = set()
    headline = {i: max(qs, key=upper) for i, qs in figures.items()}
    ordered = sorted(figures)
    for n, a in enumerate(ordered):
        for b in ordered[n + 1 :]:
            if units[a].article_id == units[b].article_id:
                continue
            if not agree(headline[a], headline[b]) and comparable(headline[a], headline[b]):
                parted.update((a, b))
    return parted


def _figure_sides(
    ids: tuple[str, ...],
    key: str,
    figures: dict[int, list[Quantity]],
    units: Mapping[int, Unit],
) -> Found:
    """One value divergence, or an ``evolution`` when the accounts state their hours.

    A toll told at two hours (40 injured at 15:00, 75 at 20:00) is an evolution when
    it grows with time; a later account with a lower figure is a real divergence.
    """
    times = {i: _clock(units[i]) for i in figures}
    timed = len({t for t in times.values() if t}) > 1
    by_label: dict[str, list[Unit]] = defaultdict(list)
    for i in sorted(figures, key=lambda i: (times[i] is None, times[i] or "", i)):
        label = ", ".join(sorted({figure_label(q) for q in figures[i]}))
        if timed:
            label = f"{label} at {times[i]}" if times[i] else f"{label}, no time given"
        by_label[label].append(units[i])
    sides = tuple(side(f"{label} {key}", us, label) for label, us in by_label.items())
    if not timed:
        return Found("value", f"different figures for '{key}'", ids, sides, 0.7, about=key)
    ordered = [
        max(q.value for q in figures[i])
        for i in sorted((i for i in figures if times[i]), key=lambda i: times[i] or "")
    ]
    if all(a <= b for a, b in pairwise(ordered)):
        reason = f"the figure for '{key}' grows with the hour each account gives"
        return Found("evolution", reason, ids, sides, 0.45, about=key)
    reason = f"a later account gives a lower figure for '{key}' than an earlier one"
    return Found("value", reason, ids, sides, 0.75, about=key)


def _clock(u: Unit) -> str | None:
    """The clock time a sentence states for its figure ("16 h GMT"), as ``HH:MM[Z]``."""
    for d in u.dates:
        if d.kind == "time" and d.iso:
            return d.iso.split("T", 1)[-1]
    return None


def _unread_values(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """Sentences the analysis read no quantity in: numbers by the word after them."""
    values: dict[str, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for u in members:
        for unit_word, nums in _values(u).items():
            values[unit_word][",".join(sorted(nums))].append(u)
    found = []
    for unit_word, by_number in sorted(values.items()):
        if len(by_number) > 1:
            sides = tuple(side(f"{n} {unit_word}", us, n) for n, us in by_number.items())
            found.append(Found("value", f"different figures for '{unit_word}'", ids, sides, 0.5))
    return found


def _values(u: Unit) -> dict[str, set[str]]:
    """Numbers of a sentence the analysis read no quantity in, by the word after them:
    "12 navires" -> {"navire": {"12"}}; dates and durations left out."""
    by_unit: dict[str, set[str]] = defaultdict(set)
    dates = [(d.span.start, d.span.end) for d in u.dates]
    for m in _VALUE.finditer(u.sentence.text):
        at = u.sentence.start + m.start()
        if any(s <= at < e for s, e in dates) or DURATION.match(m.group()):
            continue
        by_unit[fold(m.group(2)).rstrip("s")].add(m.group(1))
    return by_unit
