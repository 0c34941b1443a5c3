"""How a figure is read when it is no plain quantity: an age, a clock time, a year, an
ordinal adjective or part of a name.

``recoupe_quantities`` finds a figure with its unit ("52 ans", "20 h", "une seconde",
"1793"); ``read`` says whether it is an age ("Marie, 52 ans", "un homme de 25 ans"), a
clock time ("16 h GMT", "le journal de 20 h"), a year ("en 1793", "le budget 2019"), the
adjective "seconde" ("une seconde vidéo") or part of a name ("COP 24"). The words come
from the ``units`` resource (section ``exclude``) and, for years, from ``dates``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from recoupe.resources import load

from .doc import doc_text, token_starts
from .lexicon import alternation, fold, word_before
from .numbers import Unit, number_lexicon

__all__ = ["Figure", "ReadingWords", "read", "reading_words", "token_at", "token_before"]

_NOUNS = ("NOUN", "PROPN")
_MAX_AGE = 130
_HOURS_IN_DAY = 24
_YEARS = (1000, 2100)
_RECENT = (1900, 2100)  # years read after a bare noun ("le budget 2019")


@dataclass(frozen=True, slots=True)
class Figure:
    """What the quantity regex read, before any reading of it."""

    start: int  # with the qualifier
    end: int  # with the scale and the unit
    first_start: int  # the first figure alone ("12" of "au moins 12 jours")
    first_end: int
    first_text: str
    value: float
    value2: float | None
    unit: Unit | None
    key: str | None  # folded unit form
    unit_end: int | None = None
    qualified: bool = False
    scaled: bool = False
    about: bool = False  # "une centaine", "une quinzaine": approximate by its words
    at_least: bool = False  # "des dizaines": two of them at least


@dataclass(frozen=True, slots=True)
class ReadingWords:
    """Compiled ``exclude`` words of one language."""

    time_leads: frozenset[str]
    time_before: frozenset[str]
    time_after: re.Pattern[str]  # matched at the end of the figure
    short_hour_times: re.Pattern[str]  # searched in the text before the figure
    age_before: re.Pattern[str]
    year_leads: re.Pattern[str]
    year_before: re.Pattern[str]
    of: re.Pattern[str]  # "de" ending the text before a figure ("un homme de 25 ans")
    span_nouns: frozenset[str]  # folded lemmas


def _ending(phrases: list[str]) -> re.Pattern[str]:
    """One of ``phrases`` right before a position (search with endpos); not after "y"
    ("il y a 3 ans" is no age)."""
    return re.compile(rf"(?<![yY]\s)(?<!\w)(?:{alternation(phrases)})\s*$", re.IGNORECASE)


@cache
def reading_words(lang: str = "fr") -> ReadingWords:
    """The words ``read`` needs for ``lang``, compiled once."""
    exclude = number_lexicon(lang).raw["exclude"]
    return ReadingWords(
        time_leads=frozenset(fold(w) for w in exclude["time_leads"]),
        time_before=frozenset(fold(w) for w in exclude["time_before"]),
        time_after=re.compile(rf"\s*(?:{alternation(exclude['time_after'])})", re.IGNORECASE),
        short_hour_times=_ending(exclude["short_hour_times"]),
        age_before=_ending(exclude["age_before"]),
        year_leads=_ending(load(lang, "dates")["year_leads"]),
        year_before=_ending(exclude["year_before"]),
        of=_ending(number_lexicon(lang).raw["numbers"]["of"]),
        span_nouns=frozenset(fold(w) for w in exclude["span_nouns"]),
    )


def read(doc: Doc, figure: Figure, words: ReadingWords) -> str | None:
    """ "age", "time", "year", "adjective" or "name"; None for a plain quantity."""
    unit = figure.unit
    whole = figure.value.is_integer() and figure.value2 is None
    if unit is not None and unit.name == "heure" and whole:
        return "time" if _is_time(doc_text(doc), figure, words) else None
    if unit is not None and unit.name == "an" and whole and 0 < figure.value < _MAX_AGE:
        return "age" if _is_age(doc, figure, words) else None
    if unit is not None and unit.name == "seconde" and figure.value == 1:
        return "adjective" if _is_adjective(doc, figure.unit_end or figure.end) else None
    if _is_year(doc, figure, words):
        return "year"
    if _in_name(doc, figure.first_start, figure.first_end):
        return "name"
    return None


def _is_time(text: str, figure: Figure, words: ReadingWords) -> bool:
    """ "à 14 heures", "au 20 heures", "16 h GMT", "depuis 9 h": a time of day."""
    before = word_before(text, figure.first_start)
    if before in words.time_leads:
        return True
    if figure.value > _HOURS_IN_DAY:
        return False
    if before in words.time_before or words.time_after.match(text, figure.end):
        return True
    return (
        figure.key == "h"
        and not figure.qualified
        and words.short_hour_times.search(text, 0, figure.start) is not None
    )


def _is_age(doc: Doc, figure: Figure, words: ReadingWords) -> bool:
    """ "âgé de 30 ans", "Marie, 52 ans,", "un homme de 25 ans", "il a 40 ans"."""
    text, start = doc_text(doc), figure.start
    if words.age_before.search(text, 0, start):
        return True
    before = text[:start].rstrip()
    after = text[figure.end :].lstrip()
    if before.endswith((",", "(")) and after[:1] in (",", ")", ".", ";"):
        return True
    of = words.of.search(before)
    if of is None:
        return False
    # "NOUN de N ans" unless the noun lasts ("une peine de 5 ans")
    owner = token_before(doc, of.start() - 1)
    return (
        owner is not None
        and owner.pos_ in ("NOUN", "PROPN", "ADJ")
        and fold(owner.lemma_) not in words.span_nouns
        and fold(owner.text) not in words.span_nouns
    )


def _is_year(doc: Doc, figure: Figure, words: ReadingWords) -> bool:
    """ "en 1793", "depuis 2015", "le budget 2019": a year the dates component did not
    take. A figure with a noun after it counts ("en 2000 endroits")."""
    if (
        figure.unit is not None
        or figure.key is not None
        or figure.value2 is not None
        or figure.scaled
        or (figure.qualified and not words.year_before.search(doc_text(doc), 0, figure.first_start))
        or re.fullmatch(r"\d{4}", figure.first_text) is None
        or not _YEARS[0] <= figure.value <= _YEARS[1]
        or _noun_after(doc, figure.end)
    ):
        return False
    text = doc_text(doc)
    if words.year_leads.search(text, 0, figure.first_start) is not None:
        return True
    if words.year_before.search(text, 0, figure.first_start) is not None:
        return True
    # right after a noun ("le budget 2019", "la saison 2018"), in this century's range
    before = token_before(doc, figure.start - 1)
    return (
        before is not None
        and before.pos_ == "NOUN"
        and before.idx + len(before.text) + 1 == figure.start
        and _RECENT[0] <= figure.value <= _RECENT[1]
    )


def _is_adjective(doc: Doc, end: int) -> bool:
    """Whether "seconde" ending at ``end`` is the adjective ("une seconde vidéo")."""
    token = token_at(doc, end - 1)
    if token is None:
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ")


def _noun_after(doc: Doc, end: int) -> bool:
    token = token_at(doc, end - 1)
    after = doc[token.i + 1] if token is not None and token.i + 1 < len(doc) else None
    return after is not None and after.pos_ in _NOUNS


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the figure is part of a name ("Mouvement Cinq Étoiles", "COP 24")."""
    if any(ent.start_char < start and end <= ent.end_char for ent in doc.ents):
        return True
    before = token_before(doc, start - 1)
    return (
        before is not None
        and before.idx + len(before) == start - 1
        and len(before.text) >= 2
        and before.text.isalpha()
        and before.text.isupper()
    )


def token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character ``char``, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def token_before(doc: Doc, char: int) -> Token | None:
    """The last token starting at or before ``char`` that is no punctuation or quote mark."""
    at = bisect_right(token_starts(doc), char) - 1
    while at >= 0 and (doc[at].is_punct or doc[at].is_space or doc[at].is_quote):
        at -= 1
    return doc[at] if at >= 0 else None
