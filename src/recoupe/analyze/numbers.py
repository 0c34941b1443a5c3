"""Figures in text: one regex for a number in digits or in words, and its value.

Shared by ``recoupe_quantities`` and ``recoupe_dates`` (durations, "il y a trois
jours"). Number words, scales, units and qualifiers come from the ``units``
resource of the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from recoupe.resources import load

from .lexicon import alternation, fold

__all__ = ["Unit", "number_lexicon", "parse_number", "unit_key"]

# Digits with thousands separators and a decimal comma: "1 000", "1.000", "3,5", "12".
# Separators are a space, a no-break or thin space, a dot or (Swiss copy) an apostrophe
# ("31'700", "31’700"). A group joins only 1-3 leading digits to groups of exactly three,
# so a year never glues to the figure after it ("en 2018 15 blessés"). A dot before
# exactly three digits groups thousands; before other digits it is a decimal point.
_SEP = "[ \u00a0\u202f\u2009.'’]"
_GROUPED = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?:,\d+)?"
_PLAIN = r"\d+(?:[,.]\d+)?"
_BEFORE, _AFTER = r"(?<![\w.,\-/])", r"(?![\w/]|[.,]\d)"
DIGITS = f"{_BEFORE}{_GROUPED}{_AFTER}|{_BEFORE}{_PLAIN}{_AFTER}"
_FIGURE = re.compile(f"{_GROUPED}|{_PLAIN}")
_SEPARATORS = re.compile(rf"{_SEP}(?=\d{{3}}(?:\D|$))")


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit form's meaning: its kind, canonical name and, for durations, length in seconds."""

    kind: str
    name: str
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """Compiled number vocabulary of one language."""

    number: str  # regex source of one figure, digits or words, no groups
    words: str  # regex source of a run of number words
    weak: frozenset[str]  # folded words that count only before a unit
    scales: dict[str, float]  # folded scale word -> factor
    fractions: dict[str, int]  # folded fraction word -> denominator
    units: dict[str, Unit]  # folded unit form -> unit
    unit_forms: list[str]  # unit forms as written, for patterns
    qualifiers: dict[str, str]  # folded qualifier phrase -> code
    offset_after: re.Pattern[str]  # after a duration, makes it a lapse between two moments
    raw: dict

    def is_offset(self, text: str, end: int) -> bool:
        """Whether the duration ending at ``end`` places a moment ("un jour après", "deux
        semaines plus tard") rather than saying how long something lasts."""
        return self.offset_after.match(text, end) is not None


@cache
def number_lexicon(lang: str = "fr") -> NumberLexicon:
    """The number vocabulary of ``lang``, compiled once."""
    data = load(lang, "units")
    numbers = data["numbers"]
    word = alternation(numbers["words"])
    joined = rf"{word}(?:(?:[\s\-]+|\s+et\s+){word})*"
    units: dict[str, Unit] = {}
    for name, spec in data["duration"].items():
        for form in spec["forms"]:
            units[unit_key(form)] = Unit("duration", name, float(spec["seconds"]))
    for kind in ("money", "percent", "measure"):
        for name, forms in data[kind].items():
            for form in forms:
                units.setdefault(unit_key(form), Unit(kind, name))
    forms = [f for spec in data["duration"].values() for f in spec["forms"]]
    forms += [
        f for kind in ("money", "percent", "measure") for fs in data[kind].values() for f in fs
    ]
    return NumberLexicon(
        number=f"(?:{DIGITS}|{joined})",
        words=joined,
        weak=frozenset(fold(w) for w in numbers["weak"]),
        scales={fold(k): float(v) for k, v in numbers["scales"].items()},
        fractions={fold(k): int(v) for k, v in data["fractions"].items()},
        units=units,
        unit_forms=forms,
        qualifiers={fold(p): code for code, ps in data["qualifiers"].items() for p in ps},
        offset_after=re.compile(
            r"[\s,]*(?:" + alternation(data["exclude"]["offset_after"]) + r")(?!\w)", re.IGNORECASE
        ),
        raw=data,
    )


def unit_key(form: str) -> str:
    """The lookup key of a unit form as printed ("Dollars" -> "dollars", "%" -> "%")."""
    return fold(form) or form.strip()


def parse_number(text: str, lang: str = "fr") -> float | None:
    """The value of a figure in digits ("1 000", "3,5") or words ("cent soixante-quinze")."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        if _FIGURE.fullmatch(text) is None:
            return None  # not a figure as the patterns above read one ("12a")
        plain = _SEPARATORS.sub("", text).replace(",", ".")
        if plain.count(".") > 1:
            return None
        return float(plain)
    words = " ".join(text.lower().split())
    try:
        return float(text2num(words, lang))
    except ValueError:
        return None  # not a well-formed number ("deux trois")
