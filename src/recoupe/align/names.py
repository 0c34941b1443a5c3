"""Name normalisation and comparison: folded keys, phonetic keys, compatible first names.

Transliterations and misspellings of one name differ in regular ways (``ou``/``u``,
``y``/``i``, ``w``/``v``, doubled letters, a final ``e``, ``kh``/``h``, ``c``/``k``); a
phonetic key that erases those differences lets "Gorbatchev" meet "Gorbachev" without a
table of exonyms. The rule (DEPENDENCIES.md §3.8): same type; surname Jaro-Winkler
≥ 0.90 or equal phonetic key; first names compatible (equal, an initial, or missing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

from recoupe import resources

__all__ = [
    "compact",
    "first_names_compatible",
    "fold",
    "folded_pattern",
    "function_words",
    "name_key",
    "phonetic",
    "split_name",
    "surnames_match",
    "word_count",
]

_NON_WORD = re.compile(r"[^a-z0-9]+")
# Ordered rewrites erasing transliteration and spelling differences (applied to folded text).
_REWRITES = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("ph", "f"),
    ("kh", "h"),
    ("ck", "k"),
    ("qu", "k"),
    ("q", "k"),
    ("ou", "u"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ie", "i"),
    ("ei", "i"),
    ("ea", "e"),
    ("ae", "e"),
    ("c", "k"),
    ("x", "ks"),
    ("z", "s"),
)
SURNAME_JW = 0.90


@lru_cache(maxsize=1 << 16)  # the same sentences and names are folded again and again
def fold(text: str) -> str:
    """Lowercase ASCII letters and digits separated by single spaces (accents, marks dropped)."""
    return " ".join(_NON_WORD.sub(" ", anyascii(text).lower()).split())


def folded_pattern(
    words: Iterable[str], *, before: str = r"\b", after: str = r"\b"
) -> re.Pattern[str]:
    """A pattern for folded text matching any of ``words`` (folded, longest first)
    between ``before`` and ``after``; one that never matches when there are none."""
    listed = sorted({fold(w) for w in words} - {""}, key=len, reverse=True)
    if not listed:
        return re.compile(r"(?!x)x")
    return re.compile(before + "(?:" + "|".join(re.escape(w) for w in listed) + ")" + after)


@cache
def function_words() -> frozenset[str]:
    """The French function words (``resources/fr/stopwords.toml``), as written."""
    return frozenset(resources.load("fr", "stopwords").get("words", ()))


@cache
def _strip_leading() -> frozenset[str]:
    return frozenset(resources.load("fr", "entities").get("strip_leading", ()))


@cache
def _particles() -> frozenset[str]:
    return frozenset(resources.load("fr", "entities").get("particles", ()))


def name_key(text: str) -> str:
    """The comparison key of a name: folded, leading determiners and civilities dropped."""
    words = fold(text).split()
    strip = _strip_leading()
    while len(words) > 1 and words[0] in strip:
        words = words[1:]
    return " ".join(words)


def word_count(text: str) -> int:
    """Words of a name as printed, hyphenated compounds counting as one ("Morel-Vasseur")."""
    words = [fold(w) for w in anyascii(text).replace("'", " ").split()]
    words = [w for w in words if w]
    strip = _strip_leading()
    while len(words) > 1 and words[0] in strip:
        words = words[1:]
    return len(words)


def compact(key: str) -> str:
    """A key without its spaces: hyphenated and spaced spellings of a name compare equal."""
    return key.replace(" ", "")


def split_name(key: str) -> tuple[tuple[str, ...], str]:
    """Split a person's key into (first names, surname); particles stay with the surname."""
    words = key.split()
    if not words:
        return (), ""
    i = len(words) - 1
    particles = _particles()
    while i > 0 and words[i - 1] in particles:
        i -= 1
    return tuple(words[:i]), " ".join(words[i:])


@cache
def phonetic(word: str) -> str:
    """A key that equal transliterations share: rewrites, no final ``e``, no doubled letters."""
    s = fold(word).replace(" ", "")
    for old, new in _REWRITES:
        s = s.replace(old, new)
    if len(s) > 3 and s.endswith("e"):
        s = s[:-1]
    if len(s) > 1:
        # a silent h after a consonant or between vowels ("Dhaka", "Khan")
        s = s[0] + s[1:].replace("h", "")
    return re.sub(r"(.)\1+", r"\1", s)


def _skeleton(word: str) -> str:
    """The phonetic key without its inner vowels (the consonant frame of a name)."""
    p = phonetic(word)
    return p[:1] + re.sub(r"[aeiou]", "", p[1:])


def surnames_match(a: str, b: str) -> bool:
    """Whether two folded surnames are spellings of one name."""
    if not a or not b:
        return False
    if a == b or phonetic(a) == phonetic(b):
        return True
    if min(len(a), len(b)) < 4:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(long_) - len(short) > 1:
        # "Martin" / "Martinez": a longer name, not a spelling of the shorter one
        return False
    if JaroWinkler.similarity(a, b) >= SURNAME_JW:
        return True
    sa, sb = _skeleton(a), _skeleton(b)
    return len(sa) >= 3 and sa == sb and JaroWinkler.similarity(a, b) >= 0.8


def first_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two lists of first names may belong to one person (equal, initials or missing)."""
    if not a or not b:
        return True
    return _first_compatible(a[0], b[0])


def _first_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    # "Karoline"/"Caroline", "Volodymyr"/"Volodimir"; not "Marie"/"Mario"
    return phonetic(a) == phonetic(b)
