"""Contrasts: one outlet describes a place as calm, another as the scene of clashes.

Much of what accounts of one event disagree on is not a figure but a description: the
provinces "relatively calm" in one report, "violence spread to many cities" in another;
a city where protesters "dispersed calmly" against one where "clashes broke out". Such
sentences rarely share enough words to be aligned as one fact. So the story is read per
place: the sentences that name one place (an entity of kind LOC,
or an area named by common words, "en province", "le reste du pays": ``[areas]``)
on one day (a sentence naming none goes with each) and in one part of it (a sentence
naming no hour tells of the whole day) are sorted by the opposite characterisations of
``resources/fr/contrasts.toml`` ("calme" / "heurts", "sous contrôle" / "débordés",
"léger" / "lourd"); a place that both receives from two articles that do not copy each
other is a ``contrast``. A negated word ("pas calme") is not counted; a sentence that
uses both counts for the one a "mais" asserts ("le cortège a défilé dans le calme, mais
des échauffourées ont suivi"), else for neither. A place is the one named near the
description, else the sentence's fronted frame ("En province, ..."). Each side shows at
most ``MAX_EVIDENCE`` sentences. A description changes with the hour: the confidence is low,
and the reader compares the times the sentences give.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from recoupe import resources

from .entities import EntityIndex
from .moments import moment_of
from .names import fold, function_words
from .negation import polarity_of
from .sides import Found, side
from .units import Unit

__all__ = ["CONFIDENCE", "MAX_EVIDENCE", "contrasts"]

# Where and when a description holds: place, part of the day (``_part_of_day``), day.
_When = tuple[str, int | None, str | None]
# Hours at which the afternoon and the evening begin (parts of the day compared).
PART_STARTS = (12, 18)
# Marks an area named by common words among the places (entity ids never start so).
AREA = "area:"
# Characters between a description and the place it is about.
NEAR = 60
# The longest fronted phrase read as the frame of a sentence ("En province, ...").
FRAME = 40
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
    if one and other:
        return _after_but(text, one, other)
    if not one and not other:
        return None
    return (0, one[0]) if one else (1, other[0])


@cache
def _but() -> re.Pattern[str]:
    words = resources.load("fr", "contrasts").get("but", [])
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(re.escape(fold(w)) for w in words) + r")\b")


def _after_but(text: str, one: list[int], other: list[int]) -> tuple[int, int] | None:
    """For a sentence that uses both: the one a "mais" asserts after all uses of the other
    ("défilé dans le calme, mais des échauffourées ont suivi"), or None ("calme le matin, tendue
    ensuite" tells two moments)."""
    for m in _but().finditer(text):
        at = m.start()
        for kind, before, after in ((1, one, other), (0, other, one)):
            if max(before) < at < min(after):
                return (kind, min(after))
    return None


@cache
def _areas() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """Each area, the pattern of its phrases, and whether it must stand bare. A
    ``bare_areas`` phrase names the area only when no qualifying word follows it ("la
    capitale", "la capitale, où", not "la capitale belge"): punctuation, the end of the
    sentence or a function word follows. Bare phrases are read on the text as written
    (punctuation kept), the others on folded text."""
    data = resources.load("fr", "contrasts")
    bare = frozenset(data.get("bare_areas", ()))
    stop = "|".join(re.escape(w) for w in sorted(function_words(), key=len, reverse=True))
    after = rf"(?=\s*(?:[^\w\s]|$)|\s+(?:{stop})\b)"
    found = []
    for area, phrases in sorted(data.get("areas", {}).items()):
        if not phrases:
            continue
        if area in bare:
            listed = "|".join(re.escape(p) for p in phrases)
            found.append((area, re.compile(rf"\b(?:{listed}){after}", re.IGNORECASE), True))
        else:
            listed = "|".join(re.escape(fold(p)) for p in phrases)
            found.append((area, re.compile(rf"\b(?:{listed})\b"), False))
    return tuple(found)


def _places_near(u: Unit, index: EntityIndex, at: int, reach: int = NEAR) -> set[str]:
    """The places the sentence names within ``reach`` characters of offset ``at`` (in the
    sentence): the place the description is about, not another one it lists. An area
    named by common words (``_areas``) is ``AREA`` and its name."""
    start = u.sentence.start + at
    low, high = max(u.sentence.start, start - reach), min(u.sentence.end, start + reach)
    found = {e for e in index.overlapping(u.article_id, low, high) if index.label(e) == "LOC"}
    raw = u.sentence.text[low - u.sentence.start : high - u.sentence.start]
    window = fold(raw)
    # a bare phrase is read on to the sentence's end, to see what follows it
    rest = u.sentence.text[low - u.sentence.start :]
    found.update(
        AREA + area
        for area, pattern, bare in _areas()
        if (
            any(m.start() < len(raw) for m in pattern.finditer(rest))
            if bare
            else pattern.search(window)
        )
    )
    return found


def _framed_place(u: Unit, index: EntityIndex) -> set[str]:
    """The places of a sentence's fronted frame: a phrase before its first comma
    ("En province, ...", "À Lyon, ...") sets where all of it happens."""
    comma = u.sentence.text.find(",")
    if comma < 0 or comma > FRAME:
        return set()
    return _places_near(u, index, 0, reach=comma)


def _place_name(place: str, index: EntityIndex) -> str:
    return place.removeprefix(AREA) if place.startswith(AREA) else index.name(place)


def contrasts(
    units: Sequence[Unit], index: EntityIndex, copies: Collection[frozenset[str]] = ()
) -> list[Found]:
    """Places two accounts describe in opposite ways at one time.

    ``copies`` are the pairs of articles that print one another's wording (copies of one
    dispatch, ``origins.article_origins``): a contrast needs two articles that are not,
    each on one side only.
    """
    found: list[Found] = []
    for pair in _pairs():
        sides: dict[_When, tuple[list[Unit], list[Unit]]] = defaultdict(lambda: ([], []))
        for u in units:
            tone = _tone(u, pair)
            if tone is None:
                continue
            kind, at = tone
            part = _part_of_day(u)
            for place in _places_near(u, index, at) or _framed_place(u, index):
                sides[(place, part, u.day)][kind].append(u)
        for place, ones, others in _by_day(sides):
            if not _two_accounts(ones, others, copies):
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


def _part_of_day(u: Unit) -> int | None:
    """The part of the day the sentence tells of (0 morning, 1 afternoon, 2 evening), or
    None when it names no hour: a whole day. An evening "sous contrôle" is no contrast
    to a day of chaos, nor a calm morning to a violent afternoon."""
    moment = moment_of(u)
    if moment is None or moment.minutes is None:
        return None
    return sum(moment.minutes >= hour * 60 for hour in PART_STARTS)


def _two_accounts(
    ones: Sequence[Unit], others: Sequence[Unit], copies: Collection[frozenset[str]]
) -> bool:
    """Whether an article on one side only and one on the other only do not copy each
    other. An article on both sides (it tells both, at two moments or of two parts of the
    place) is no account against itself."""
    one = {u.article_id for u in ones}
    other = {u.article_id for u in others}
    return any(frozenset((a, b)) not in copies for a in one - other for b in other - one)


def _by_day(
    sides: Mapping[_When, tuple[list[Unit], list[Unit]]],
) -> list[tuple[str, list[Unit], list[Unit]]]:
    """Per place, part of the day and day, the sentences of each characterisation; a
    sentence that names no day joins each day of its place and part (or stands alone when
    no sentence names one)."""
    out = []
    for (place, part, day), (ones, others) in sorted(sides.items(), key=_order):
        undated = sides.get((place, part, None), ([], []))
        if day is not None:
            out.append((place, ones + undated[0], others + undated[1]))
        elif not any(key[:2] == (place, part) and key[2] is not None for key in sides):
            out.append((place, ones, others))
    return out


def _order(item: tuple[_When, object]) -> tuple[str, int, str]:
    (place, part, day), _ = item
    return (place, -1 if part is None else part, day or "")
