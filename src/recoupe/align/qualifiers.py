"""One figure, qualified differently: "plus de 1 000" against "quelque 1 000".

Two accounts that give the same number for one count may still not claim the same
thing: "plus de 1 000" says the true figure is above it, "quelque 1 000" that it lies
around it, perhaps below. The value rule (``values``) sees no contradiction, rightly:
the numbers agree. This rule reads each qualified figure literally, as the range it
allows (a bare figure: itself; "environ": within ``figures.ABOUT``; "au moins": it and
above; "plus de": strictly above ...), and shows a ``qualifier`` divergence when
neither account's range lies within the other's. One account narrowing the other
("1 000" against "au moins 1 000", "1 000" against "environ 1 000") is a more precise
telling of one claim, not a difference.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from .figures import ABOUT, figure_key
from .sides import Found, side
from .units import Unit

__all__ = ["qualifier_divergences"]

# How sure the rule is that two literal readings which neither contains the other are a
# difference a reader cares about; one value for the whole rule, not tuned on a corpus.
CONFIDENCE = 0.6
# Just above a figure, for "plus de" (strictly above) against a bare figure.
_STRICT = 1e-9
_WORDS = {
    None: "exact",
    "about": "approximate",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "less_than": "less than",
}


def qualifier_divergences(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """The same figure of one count given with different qualifiers in different articles."""
    told: dict[tuple[str, float, float | None], dict[str | None, list[Unit]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for u in members:
        for q in u.quantities:
            key = figure_key(q)
            if key and q.kind != "ratio" and q.value > 0 and q.qualifier in _WORDS:
                ways = told[(key, q.value, q.value2)][q.qualifier]
                if u not in ways:
                    ways.append(u)
    found = []
    for (key, value, end), readings in sorted(told.items(), key=_told_order):
        if not _apart(readings, value, end):
            continue
        order = sorted(readings, key=lambda how: how or "")
        sides = tuple(
            side(f"{_WORDS[how]}: {_figure(value, end)} {key}", readings[how], _WORDS[how])
            for how in order
        )
        reason = f"the same figure for '{key}' is given as " + " / ".join(
            _WORDS[how] for how in order
        )
        found.append(Found("qualifier", reason, ids, sides, CONFIDENCE, about=key))
    return found


def _apart(ways: dict[str | None, list[Unit]], value: float, end: float | None) -> bool:
    """Whether two articles read the figure so that neither range holds the other."""
    read = [(_range(q, value, end), {u.article_id for u in us}) for q, us in ways.items()]
    return any(
        not (_within(a, b) or _within(b, a)) and len(in_a | in_b) > 1
        for n, (a, in_a) in enumerate(read)
        for b, in_b in read[n + 1 :]
    )


def _range(qualifier: str | None, value: float, end: float | None) -> tuple[float, float]:
    """The values a figure allows, read literally."""
    low, high = (value, value) if end is None else sorted((value, end))
    if qualifier == "about":
        return low * (1 - ABOUT), high * (1 + ABOUT)
    if qualifier == "at_least":
        return low, math.inf
    if qualifier == "more_than":
        return high * (1 + _STRICT), math.inf
    if qualifier == "at_most":
        return 0.0, high
    if qualifier == "less_than":
        return 0.0, low * (1 - _STRICT)
    return low, high


def _within(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _figure(value: float, end: float | None) -> str:
    return f"{value:g}" if end is None else f"{value:g}-{end:g}"


def _told_order(item: tuple[tuple[str, float, float | None], object]) -> tuple[str, float, float]:
    (key, value, end), _ = item
    return (key, value, end if end is not None else -1.0)
