"""When two figures of one count agree: rounding, qualifiers and ranges.

"près de 52 000" agrees with "51 780", "plus de 640" with "672" and "au moins
23 000" with "23 000": a reader sees no contradiction there, so neither may the
value rule. Figures are compared by what they count (``Quantity.counts``: injured
with injured, arrests with arrests), else by their unit word.
"""

from __future__ import annotations

import math

from recoupe.model import Quantity

from .names import fold

__all__ = ["MAX_RATIO", "agree", "comparable", "figure_key", "figure_label", "upper"]

# A figure given without qualifier may still be rounded ("51 800" for 51 780).
ROUNDING = 0.02
# "environ", "près de", "quelque": the true figure lies within a tenth of it.
ABOUT = 0.10
# Widest ratio between two accounts' figures of one count: a toll told early and late in
# the day, or by two sources, differs by a few times at most; figures further apart count
# two things the analysis gave one name (police deployed and police injured).
MAX_RATIO = 10.0
# Quantity kinds that are no counts: durations and offsets are compared apart,
# ages and ranks not at all.
_NOT_COUNTS = frozenset({"duration", "offset", "age", "ordinal", "difference"})


def figure_key(q: Quantity) -> str | None:
    """What a figure counts, for comparing it with another account's; None: no count, or
    nothing says what it counts (a bare "23 000" is compared with nothing)."""
    if q.kind in _NOT_COUNTS or not (q.counts or q.unit):
        return None
    return q.counts or fold(q.unit or "").rstrip("s")


def figure_label(q: Quantity) -> str:
    """A figure as a side shows it, with its qualifier and range: "about 1000", "10-20"."""
    between = ":" if q.kind == "ratio" else "-"
    figure = f"{q.value:g}" if q.value2 is None else f"{q.value:g}{between}{q.value2:g}"
    return f"{q.qualifier.replace('_', ' ')} {figure}" if q.qualifier else figure


def _bounds(q: Quantity) -> tuple[float, float]:
    """The values a figure allows: a bare figure rounded (``ROUNDING``), an estimate
    within ``ABOUT``; a bound ("plus de", "au moins") and the ends of a range ("entre 10
    et 20", "des centaines") are the writer's own limits, kept as written."""
    low = min(q.value, q.value2) if q.value2 is not None else q.value
    high = max(q.value, q.value2) if q.value2 is not None else q.value
    if q.qualifier == "about":
        low, high = low * (1 - ABOUT), high * (1 + ABOUT)
    elif q.value2 is None and q.qualifier is None:
        low, high = low * (1 - ROUNDING), high * (1 + ROUNDING)
    if q.qualifier in ("at_least", "more_than"):
        high = math.inf
    elif q.qualifier in ("at_most", "less_than"):
        low = 0.0
    return low, high


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one count can both be true (a ratio only equals a ratio)."""
    if a.kind == "ratio" or b.kind == "ratio":
        return a.kind == b.kind and a.value == b.value and a.value2 == b.value2
    low_a, high_a = _bounds(a)
    low_b, high_b = _bounds(b)
    return low_a <= high_b and low_b <= high_a


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one count are close enough in size to tell one thing."""
    low, high = sorted((upper(a), upper(b)))
    return low > 0 and high / low <= MAX_RATIO


def upper(q: Quantity) -> float:
    """A figure's upper end (a range's end)."""
    return max(q.value, q.value2 if q.value2 is not None else q.value)
