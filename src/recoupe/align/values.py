"""Value divergences: figures of one count that cannot both be true (``figures``).

Each account's headline figure of a count (its largest) is compared with the other
accounts'; figures more than ``figures.MAX_RATIO`` apart count two things. When the
accounts tell their moments (``moments``), a growing toll is an ``evolution`` and a
later, lower figure a divergence. One figure, the same everywhere, given at an hour of the day
by one account and with no hour by another is a ``detail``: a count taken during the day
told as the day's. Sentences the analysis read no quantity in are compared by the word
after their numbers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import pairwise

from recoupe import resources
from recoupe.model import Quantity

from .figures import agree, comparable, figure_key, figure_label, upper
from .moments import Moment, moment_of
from .names import fold, folded_pattern
from .sides import Found, side
from .totals import with_totals
from .units import Unit

__all__ = ["DURATION", "evolution", "value_divergences"]

DURATION = re.compile(
    r"\b(\d+(?:[.,]\d+)?)\s+(jours?|semaines?|mois|ans|annees?|heures?|minutes?)\b", re.IGNORECASE
)
# Relative gap under which two accounts give one figure ("environ 75 000", "75.000").
SAME_FIGURE = 0.02
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
            if (interim := _interim(ids, key, figures, units)) is not None:
                found.append(interim)
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
    """One value divergence, or an ``evolution`` when the accounts tell their moments.

    A toll told at two moments (40 injured at 15:00, 75 "dimanche matin") is an
    evolution when it grows with time; a later account with a lower figure is a real
    divergence. Moments come from ``moments.moment_of``; a sentence with no moment is
    "no time given".
    """
    moments = _moments(figures, units)
    timed = len(set(moments.values())) > 1
    with_day = len({m.day for m in moments.values()}) > 1
    by_label: dict[str, list[Unit]] = defaultdict(list)
    for i in sorted(figures, key=lambda i: (i not in moments, moments.get(i, _NO_MOMENT).key, i)):
        label = _label(figures[i], units[i])
        if timed and i in moments:
            label = f"{label} at {moments[i].label(with_day)}"
        elif timed:
            label = f"{label}, no time given"
        by_label[label].append(units[i])
    sides = tuple(side(f"{label} {key}", us, label) for label, us in by_label.items())
    if not timed:
        return Found("value", f"different figures for '{key}'", ids, sides, 0.7, about=key)
    ordered = [
        max(q.value for q in figures[i]) for i in sorted(moments, key=lambda i: moments[i].key)
    ]
    if all(a <= b for a, b in pairwise(ordered)):
        reason = f"the figure for '{key}' grows with the moment each account gives"
        return Found("evolution", reason, ids, sides, 0.45, about=key)
    reason = f"a later account gives a lower figure for '{key}' than an earlier one"
    return Found("value", reason, ids, sides, 0.75, about=key)


_NO_MOMENT = Moment("")


def _label(figures: Sequence[Quantity], unit: Unit | None = None) -> str:
    """The figures a side gives, as the reports show them ("80, at least 110"); with the
    sentence, a smaller figure after "dont" is a part of the toll, shown as one: "40
    (incl. 6)", not "40, 6"."""
    top = max((q.value for q in figures), default=0.0)
    parts = [q for q in figures if unit is not None and q.value < top and _is_part(q, unit)]
    whole = ", ".join(sorted({figure_label(q) for q in figures if q not in parts}))
    if not parts:
        return whole
    return f"{whole} (incl. {', '.join(sorted({figure_label(q) for q in parts}))})"


def _is_part(q: Quantity, unit: Unit) -> bool:
    """Whether the figure follows "dont" (or "parmi lesquels" ...) in its sentence."""
    before = unit.sentence.text[: max(0, q.span.start - unit.sentence.start)]
    return bool(_part_words().search(fold(before)))


@cache
def _part_words() -> re.Pattern[str]:
    return folded_pattern(resources.load("fr", "counted").get("ellipsis", ()), after=r"\s*$")


def _interim(
    ids: tuple[str, ...], key: str, figures: dict[int, list[Quantity]], units: Mapping[int, Unit]
) -> Found | None:
    """One figure of a count, the same in every account, told at an hour of the day by
    some ("75 000 vers 14 h", the hour in the figure's own clause) and with no hour at all
    by others of other articles: a count taken during the day that the others give as
    the day's (a ``detail`` divergence)."""
    values = {max(q.value for q in figures[i]) for i in figures}
    if max(values) > min(values) * (1 + SAME_FIGURE):
        return None
    hours = {i: m for i in figures if (m := _hour_of(units[i], figures[i])) is not None}
    timed_articles = {units[i].article for i in hours}
    bare = [
        i
        for i in figures
        if units[i].article not in timed_articles
        and ((m := moment_of(units[i])) is None or m.minutes is None)
    ]
    if not hours or not bare:
        return None
    with_day = len({m.day for m in hours.values()}) > 1
    by_label: dict[str, list[Unit]] = defaultdict(list)
    for i, moment in sorted(hours.items(), key=lambda item: (item[1].key, item[0])):
        by_label[f"{_label(figures[i], units[i])} at {moment.label(with_day)}"].append(units[i])
    untimed = _label([q for i in bare for q in figures[i]])
    by_label[f"{untimed}, no time given"] = [units[i] for i in bare]
    reason = (
        f"the figure for '{key}' is a count at an hour of the day in one account, "
        "given with no time in another"
    )
    sides = tuple(side(f"{label} {key}", us, label) for label, us in by_label.items())
    return Found("detail", reason, ids, sides, 0.5, about=key)


def _hour_of(unit: Unit, figures: Sequence[Quantity]) -> Moment | None:
    """The hour the clause of a figure gives it at, if any (not another clause's)."""
    for claim in unit.claims:
        if any(claim.span.start <= q.span.start < claim.span.end for q in figures):
            moment = moment_of(unit, claim.span)
            if moment is not None and moment.minutes is not None:
                return moment
    return None


def evolution(
    ids: tuple[str, ...], key: str, figures: dict[int, list[Quantity]], units: Mapping[int, Unit]
) -> Found | None:
    """The figures of one count as an ``evolution`` when they grow with the moments their
    sentences tell, else None (for rules that compare figures their own way)."""
    found = _figure_sides(ids, key, figures, units)
    return found if found.kind == "evolution" else None


def _moments(figures: dict[int, list[Quantity]], units: Mapping[int, Unit]) -> dict[int, Moment]:
    """The moment of each figure's sentence that can be ordered against the others.

    An hour whose day nothing tells (an undated article) is on the earliest day the
    others give; a day alone is ordered only against other days, not against an hour
    of that day.
    """
    found = {i: m for i in figures if (m := moment_of(units[i])) is not None}
    days = sorted({m.day for m in found.values() if m.day})
    if days:
        found = {i: m if m.day else Moment(days[0], m.minutes, m.utc) for i, m in found.items()}
    hour_days = {m.day for m in found.values() if m.minutes is not None}
    return {
        i: m
        for i, m in found.items()
        if m.minutes is not None or (m.day and m.day not in hour_days)
    }


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
