"""What a sentence negates: the verbs inside "ne ... pas" (and its kin), read from the text.

A polarity divergence is only true when one account negates the very predicate another
asserts ("n'a pas accepté" / "a accepté"). Comparing a sentence-level "has a negation"
flag fires on any negation anywhere, usually about something else. So each sentence
gives the word stems it negates and the stems it states without negation, and two
accounts part when a stem is negated in one and stated in the other.

Words are folded (lower case, no accents) and compared by a short stem, so that
"accepté", "accepte" and "accepter" meet; clitics and auxiliaries inside the negation
("n'a pas accepté", "ne l'a jamais dit") are skipped for the verb that follows
(``resources/fr/modality.toml``, ``[negation]``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from recoupe import resources

from .names import fold

__all__ = ["Polarity", "polarity_of"]

# Letters a stem keeps: long enough to tell most verbs apart, short enough to join
# the forms of one verb ("accept-e", "accept-er", "accept-ait").
STEM = 5
_WORD = re.compile(r"[a-z]+")
# Words between a verb and the infinitive it governs ("suffi à calmer", "tenté de fuir").
_INFINITIVE_LINKS = frozenset({"a", "de", "d"})
_INFINITIVE_ENDINGS = ("er", "ir", "re")


@cache
def _cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = resources.load("fr", "modality").get("negation", {})

    def words_of(name: str) -> frozenset[str]:
        return frozenset(fold(w).rstrip("'") for w in data.get(name, ()))

    particles = words_of("particles") | {"n"}
    return particles, words_of("words"), words_of("carriers"), words_of("function_words")


class Polarity:
    """The stems a sentence negates and those it states."""

    __slots__ = ("negated", "stated")

    def __init__(self, negated: frozenset[str], stated: frozenset[str]) -> None:
        self.negated = negated
        self.stated = stated

    def contradicts(self, other: Polarity) -> frozenset[str]:
        """Stems this sentence negates that ``other`` states, and the reverse."""
        return (self.negated & other.stated) | (other.negated & self.stated)


def _stem(word: str) -> str:
    return word[:STEM]


def _infinitive_after(tokens: Sequence[str], at: int) -> list[int]:
    """The infinitive the negated verb governs ("n'a pas suffi à calmer", "n'a pas pu
    calmer"): negated with it."""
    j = at + 1
    if j < len(tokens) and tokens[j] in _INFINITIVE_LINKS:
        j += 1
    if j < len(tokens) and tokens[j].endswith(_INFINITIVE_ENDINGS):
        return [j]
    return []


@lru_cache(maxsize=65536)
def polarity_of(text: str) -> Polarity:
    """Read ``text``'s negations: "Il n'a pas accepté" negates ``accep``."""
    particles, words, carriers, function = _cues()
    tokens = _WORD.findall(fold(text))
    negated: set[str] = set()
    inside: set[int] = set()
    i = 0
    while i < len(tokens):
        if tokens[i] not in particles:
            i += 1
            continue
        # the negation word within the next few tokens closes the negation
        end = next((j for j in range(i + 1, min(i + 5, len(tokens))) if tokens[j] in words), None)
        if end is None:
            i += 1
            continue
        between = [j for j in range(i + 1, end) if tokens[j] not in carriers]
        after = end + 1 if end + 1 < len(tokens) and tokens[end + 1] not in function else None
        # the verb negated: a content word inside, else the one after the negation word,
        # else the auxiliary itself (the last word inside: "n'auront plus le droit")
        heads = between or ([after] if after is not None else []) or [end - 1]
        heads += _infinitive_after(tokens, max(heads[-1], end))
        negated.update(_stem(tokens[j]) for j in heads if len(tokens[j]) > 2)
        inside.update(range(i, end + 1), heads)
        i = end + 1
    stated = {
        _stem(t)
        for j, t in enumerate(tokens)
        if j not in inside and len(t) > 2 and t not in carriers and t not in function
    }
    return Polarity(frozenset(negated), frozenset(stated - negated))
