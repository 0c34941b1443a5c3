"""Entity names: find the name inside a descriptive phrase and normalise it to a key.

News copy wraps names in titles and roles: "le président brésilien Luiz Lula",
"La porte-parole de l'Élysée Anne Durand", "M. Lemaire",
"le président de la Colombie, Gustavo Petro". ``name_bounds`` finds where the name
itself lies in such a phrase; ``normalise_key`` folds that name to the key mentions
are grouped by ("vladimir poutine", "karoline leavitt", "zelensky"). Titles, roles,
determiners and the seats of institutions come from the ``titles`` and ``seats``
resources of the language; this module holds no word of any language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from recoupe.resources import load

from .lexicon import APOSTROPHES, compile_phrases, fold

__all__ = [
    "is_not_name",
    "is_portfolio",
    "name_bounds",
    "normalise_key",
    "role_before",
    "seat_key",
    "title_regex",
]

# A word (hyphens and a final elision apostrophe kept) or one punctuation mark.
_WORD = re.compile(rf"\w+(?:[-‐‑]\w+)*[{APOSTROPHES}]?|[^\w\s]")
_TRAILING_KEEP = frozenset(")]")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    determiners: re.Pattern[str]
    titles: re.Pattern[str]  # honorifics and roles
    portfolios: re.Pattern[str]  # "des Affaires étrangères": part of a role, no entity
    bodies: re.Pattern[str]  # bodies and seats a role belongs to: "de l'ONU", "de Matignon"
    determiner_words: frozenset[str]
    particles: frozenset[str]
    seat_keys: frozenset[str]
    not_names: frozenset[str]


@cache
def _lexicon(lang: str) -> _Lexicon:
    titles = load(lang, "titles")
    seats = list(load(lang, "seats")["seats"])
    return _Lexicon(
        determiners=compile_phrases(titles["determiners"]),
        titles=compile_phrases([*titles["honorifics"], *titles["roles"]], plural=True),
        portfolios=compile_phrases(titles["portfolios"]),
        bodies=compile_phrases([*titles["bodies"], *seats]),
        determiner_words=frozenset(fold(w) for w in titles["determiners"]) - {""},
        particles=frozenset(w.rstrip(APOSTROPHES).lower() for w in titles["particles"]),
        seat_keys=frozenset(fold(s) for s in seats),
        not_names=frozenset(fold(w) for w in titles["not_names"]),
    )


@cache
def title_regex(lang: str = "fr") -> re.Pattern[str]:
    """The compiled pattern of honorifics and roles of ``lang`` (case and accent blind)."""
    return _lexicon(lang).titles


def seat_key(key: str, lang: str = "fr") -> bool:
    """Whether ``key`` (a normalised key) names an institution by its seat ("maison blanche")."""
    return key in _lexicon(lang).seat_keys


def role_before(text: str, start: int, lang: str = "fr") -> bool:
    """Whether a role and a preposition end just before ``start`` ("ministre des |Transports")."""
    return _role_tail(lang).search(text, max(0, start - 60), start) is not None


def is_portfolio(text: str, lang: str = "fr") -> bool:
    """Whether ``text`` is a role's portfolio as a whole ("Transports", "Affaires étrangères")."""
    m = _lexicon(lang).portfolios.fullmatch(text.strip())
    return m is not None


@cache
def _role_tail(lang: str) -> re.Pattern[str]:
    lex = _lexicon(lang)
    # a role, up to two adjectives, then "de", "du", "des", "de la", "de l'", "d'"
    preposition = r"(?:d[eu]s?|de\s+la|de\s+l['’]|d['’])"
    return re.compile(
        rf"{lex.titles.pattern}(?:\s+[^\W\d_]+){{0,2}}?\s+{preposition}\s*$", re.IGNORECASE
    )


def is_not_name(key: str, lang: str = "fr") -> bool:
    """Whether ``key`` is a word the NER takes for a name but is not (page furniture, titles)."""
    return key in _lexicon(lang).not_names


@lru_cache(maxsize=16384)
def normalise_key(text: str, lang: str = "fr") -> str:
    """The grouping key of the name in ``text``: titles stripped, accents folded, lowercase.

    "M. Lemaire" -> "lemaire", "le Quai d'Orsay" -> "quai d orsay",
    "Le président brésilien Luiz Lula" -> "luiz lula". Empty when ``text``
    holds no name (only titles, roles and determiners).
    """
    start, end = name_bounds(text, lang)
    return fold(text[start:end])


@lru_cache(maxsize=16384)
def name_bounds(text: str, lang: str = "fr") -> tuple[int, int]:
    """Character bounds ``(start, end)`` of the name inside ``text``; ``(0, 0)`` when none.

    Of comma-separated parts ("le conseiller de X, Y"), the first part that is not a
    title phrase wins; else the name found after the last title.
    """
    lex = _lexicon(lang)
    titled_pick: tuple[int, int] | None = None
    fallback: tuple[int, int] | None = None
    a = 0
    for b in [*(m.start() for m in re.finditer(",", text)), len(text)]:
        start, end, titled, seat = _strip_segment(text, a, b, lex)
        if end > start:
            if not titled:
                return start, end
            titled_pick = (start, end)
        elif seat is not None:
            fallback = seat
        a = b + 1
    return titled_pick or fallback or (0, 0)


def _strip_segment(
    text: str, a: int, b: int, lex: _Lexicon
) -> tuple[int, int, bool, tuple[int, int] | None]:
    """Strip the lead of ``text[a:b]``: (name start, name end, titled, last body or seat)."""
    pos, titled, seat = a, False, None
    while True:
        while pos < b and text[pos].isspace():
            pos += 1
        if pos >= b:
            return pos, pos, titled, seat
        if (m := lex.determiners.match(text, pos, b)) and _strippable(text, m, b, lex):
            pos = m.end()
            continue
        if m := lex.titles.match(text, pos, b):
            pos, titled = m.end(), True
            continue
        if titled and (m := lex.bodies.match(text, pos, b)):
            pos, seat = m.end(), (m.start(), m.end())
            continue
        if titled and (m := lex.portfolios.match(text, pos, b)):
            pos = m.end()
            continue
        word = _WORD.match(text, pos, b)
        if titled and word and (word.group()[0].islower() or not word.group()[0].isalnum()):
            # adjectives, prepositions and punctuation inside a title phrase
            pos = word.end()
            continue
        break
    end = _name_end(text, pos, b, titled, lex)
    return pos, end, titled, seat


def _strippable(text: str, m: re.Match[str], b: int, lex: _Lexicon) -> bool:
    """Whether a leading determiner is an article, not part of a name ("Le Pen", "La Haye").

    Lowercase and elided determiners always are; a capitalised one is when a lowercase
    word, a title or a seat follows it ("Le Quai d'Orsay", "Le président X").
    """
    word = m.group()
    if word[0].islower() or word[-1] in APOSTROPHES:
        return True
    rest = m.end()
    while rest < b and text[rest].isspace():
        rest += 1
    nxt = _WORD.match(text, rest, b)
    if nxt is None:
        return True
    return (
        nxt.group()[0].islower()
        or lex.titles.match(text, rest, b) is not None
        or lex.bodies.match(text, rest, b) is not None
    )


def _name_end(text: str, start: int, b: int, titled: bool, lex: _Lexicon) -> int:
    """End of the name that starts at ``start``: trailing function words and commas dropped.

    After a title, the name stops at the first lowercase word that is not a particle
    followed by a capitalised word ("le président Lula du Brésil" -> "Lula").
    """
    words = list(_WORD.finditer(text, start, b))
    if titled:
        for i, w in enumerate(words):
            token = w.group()
            if not token[0].islower():
                continue
            if _particle_run(words, i, lex):
                continue
            words = words[:i]
            break
    while words:
        token = words[-1].group()
        if (token[0].isalnum() and fold(token) not in lex.determiner_words | {""}) or (
            token in _TRAILING_KEEP and _balanced_end(words)
        ):
            break
        words.pop()
    return words[-1].end() if words else start


def _particle_run(words: list[re.Match[str]], i: int, lex: _Lexicon) -> bool:
    """Whether ``words[i]`` opens name particles before a capitalised word ("von der Leyen")."""
    for w in words[i:]:
        token = w.group()
        if token[0].isupper():
            return True
        if token.rstrip(APOSTROPHES).lower() not in lex.particles:
            return False
    return False


def _balanced_end(words: list[re.Match[str]]) -> bool:
    """Whether a closing bracket ends a name because it closes one: "(OTAN)"."""
    opening = "(" if words[-1].group() == ")" else "["
    return any(w.group() == opening for w in words)
