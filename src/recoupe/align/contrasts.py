"""Contrasts: one outlet describes a place as calm, another as the scene of clashes.

Much of what accounts of one event disagree on is not a figure but a description: the
provinces "relatively calm" in one report, "violence spread to many cities" in another;
a city where protesters "dispersed calmly" against one where "clashes broke out". Such
sentences rarely share enough words to be aligned as one fact. So the story is read per
place: the sentences of different origins that name one place (an entity of kind LOC,
or an area named by common words, "en province", "le reste du pays": ``[areas]``)
on one day (a sentence naming none goes with each) are sorted by the opposite
characterisations of ``resources/fr/contrasts.toml``
("calme" / "heurts", "sous contrôle" / "débordés", "léger" / "lourd"); a place that
both receives is a ``contrast``. A negated word ("pas calme") is not counted. Each
side shows at most ``MAX_EVIDENCE`` sentences. A description changes with the hour:
the confidence is low, and the reader compares the times the sentences give.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from recoupe import resources

from .entities import EntityIndex
from .names import fold
from .negation import polarity_of
from .sides import Found, side
from .units import Unit

__all__ = ["CONFIDENCE", "MAX_EVIDENCE", "contrasts"]

# Marks an area named by common words among the places (entity ids never start so).
AREA = "area:"
# Characters between a description and the place it is about.
NEAR = 60
# Sentences shown on each side of a contrast.
MAX_EVIDENCE = 4
# A description is often of another hour or part of the place: a contrast is a lead for
# the reader, less certain than a differing figure.
CONFIDENCE = 0.4


# "ne/n' ... pas|jamais|plus|guère|point" and at most two words before the word
_NEGATED_BEFORE = re.compile(
    r"\b(?:ne|n)\s+(?:\w+\s+){0,2}(?:pas|jamais|plus|guere|point)\s+(?:\w+\s+){0,2}$"
)


@dataclass(frozen=True, slots=True)
class _Pair:
    name: str
    one: re.Pattern[str]
    other: re.Pattern[str]


def _pattern(stems: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted((fold(s) for s in stems), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in ordered) + r")\w*")


@cache
def _pairs() -> tuple[_Pair, ...]:
    data = resources.load("fr", "contrasts").get("pairs", [])
    return tuple(
        _Pair(p["name"], _pattern(p.get("one", [])), _pattern(p.get("other", []))) for p in data
    )


def _uses(pattern: re.Pattern[str], text: str, negated: frozenset[str]) -> list[int]:
    """Where ``text`` (folded) uses a word of ``pattern`` that is not negated: neither a
    negated verb ("n'a pas dégénéré") nor the complement of one ("n'est pas restée
    calme")."""
    return [
        m.start()
        for m in pattern.finditer(text)
        if m.group()[:5] not in negated and not _NEGATED_BEFORE.search(text[: m.start()])
    ]


def _tone(u: Unit, pair: _Pair) -> tuple[int, int] | None:
    """(0 for the pair's first characterisation, 1 for the other; where in the sentence),
    or None when the sentence uses neither, or both ("calme le matin, tendue ensuite")."""
    text = fold(u.sentence.text)
    negated = polarity_of(u.sentence.text).negated
    one, other = _uses(pair.one, text, negated), _uses(pair.other, text, negated)
    if bool(one) == bool(other):
        return None
    return (0, one[0]) if one else (1, other[0])


@cache
def _areas() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = resources.load("fr", "contrasts").get("areas", {})
    return tuple(
        (area, re.compile(r"\b(?:" + "|".join(re.escape(fold(p)) for p in phrases) + r")\b"))
        for area, phrases in sorted(data.items())
        if phrases
    )


def _places_near(u: Unit, index: EntityIndex, at: int) -> set[str]:
    """The places the sentence names within ``NEAR`` characters of offset ``at`` (in the
    sentence): the place the description is about, not another one it lists. An area
    named by common words (``_areas``) is ``AREA`` and its name."""
    start = u.sentence.start + at
    low, high = max(u.sentence.start, start - NEAR), min(u.sentence.end, start + NEAR)
    found = {e for e in index.overlapping(u.article_id, low, high) if index.label(e) == "LOC"}
    window = fold(u.sentence.text[low - u.sentence.start : high - u.sentence.start])
    found.update(AREA + area for area, pattern in _areas() if pattern.search(window))
    return found


def _place_name(place: str, index: EntityIndex) -> str:
    return place.removeprefix(AREA) if place.startswith(AREA) else index.name(place)


def contrasts(
    units: Sequence[Unit], index: EntityIndex, origin_of: Mapping[str, str] | None = None
) -> list[Found]:
    """Places two origins describe in opposite ways on one day."""
    origin_of = origin_of or {}
    found: list[Found] = []
    for pair in _pairs():
        sides: dict[tuple[str, str | None], tuple[list[Unit], list[Unit]]] = defaultdict(
            lambda: ([], [])
        )
        for u in units:
            tone = _tone(u, pair)
            if tone is None:
                continue
            kind, at = tone
            for place in _places_near(u, index, at):
                sides[(place, u.day)][kind].append(u)
        for place, ones, others in _by_day(sides):
            origins_one = {origin_of.get(u.article_id, u.article_id) for u in ones}
            origins_other = {origin_of.get(u.article_id, u.article_id) for u in others}
            if not origins_one or not origins_other or origins_one == origins_other:
                continue
            name = _place_name(place, index)
            found.append(
                Found(
                    "contrast",
                    f"the accounts describe {name} in opposite ways ({pair.name})",
                    (),
                    (
                        side(pair.name.split(" or ")[0], ones[:MAX_EVIDENCE]),
                        side(pair.name.split(" or ")[-1], others[:MAX_EVIDENCE]),
                    ),
                    CONFIDENCE,
                    about=f"{pair.name}|{place}",
                )
            )
    return found


def _by_day(
    sides: Mapping[tuple[str, str | None], tuple[list[Unit], list[Unit]]],
) -> list[tuple[str, list[Unit], list[Unit]]]:
    """Per place and day, the sentences of each characterisation; a sentence that names no
    day joins each day of its place (or stands alone when no sentence names one)."""
    out = []
    for (place, day), (ones, others) in sorted(sides.items(), key=_order):
        undated = sides.get((place, None), ([], []))
        if day is not None:
            out.append((place, ones + undated[0], others + undated[1]))
        elif not any(key[0] == place and key[1] is not None for key in sides):
            out.append((place, ones, others))
    return out


def _order(item: tuple[tuple[str, str | None], object]) -> tuple[str, str]:
    (place, day), _ = item
    return (place, day or "")
