"""Turn word lists from resource files into case- and accent-insensitive regexes.

Resource files list phrases as a reader writes them ("secrétaire d'État",
"Maison-Blanche"); news copy spells them with or without accents, with a typographic
or a straight apostrophe, with a hyphen or a space. ``phrase_pattern`` turns one
phrase into a pattern that accepts all those spellings, and ``alternation`` joins
many, longest first, into one compiled regex that scans a text in a single pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

# Each base letter accepts its accented forms (case is handled by re.IGNORECASE).
_VARIANTS = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿ",
}
APOSTROPHES = "'’ʼ"
_ELISION = re.compile(rf"\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu)[{APOSTROPHES}]", re.IGNORECASE)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII form of ``text``: accents folded, elisions dropped, punctuation to spaces."""
    text = _ELISION.sub(" ", unicodedata.normalize("NFC", text))
    # transliteration marks a soft sign with an apostrophe ("Zelens'kiy"): drop it
    text = anyascii(text).lower().replace("'", "")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def phrase_pattern(phrase: str, *, plural: bool = False) -> str:
    """A regex source matching ``phrase`` whatever its accents, case, apostrophes and hyphens.

    With ``plural``, the first word may take a plural ``s`` or ``x`` ("chefs d'État").
    """
    parts: list[str] = []
    first_word_done = False
    for char in phrase.strip():
        base = anyascii(char).lower() if char.isalpha() else char
        if char.isspace() or char in "-‐‑":
            if plural and not first_word_done:
                parts.append("[sx]?")
            first_word_done = True
            parts.append(r"[\s\-‐‑]+")
        elif char in APOSTROPHES:
            if plural and not first_word_done:
                first_word_done = True
            parts.append(rf"[{APOSTROPHES}]\s*")
        elif len(base) == 1 and base in _VARIANTS:
            parts.append(f"[{_VARIANTS[base]}]")
        elif char.isalnum():
            parts.append(re.escape(char))
        else:
            parts.append(re.escape(char))
    if plural and not first_word_done:
        parts.append("[sx]?")
    source = "".join(parts)
    # whole words only: no letter may touch the phrase, except after an elision or a dot
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return head + source + tail


def alternation(phrases: Iterable[str], *, plural: bool = False) -> str:
    """One regex source matching any of ``phrases``, longest first so the longest wins."""
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_pattern(p, plural=plural) for p in unique) + ")"


def compile_phrases(phrases: Iterable[str], *, plural: bool = False) -> re.Pattern[str]:
    """``alternation`` compiled, case-insensitive."""
    return re.compile(alternation(phrases, plural=plural), re.IGNORECASE)


_LAST_WORD = re.compile(r"(\S+)\s*$")


def word_before(text: str, pos: int) -> str:
    """The folded word just before ``pos`` in ``text`` ("" at the start)."""
    match = _LAST_WORD.search(text, max(0, pos - 40), pos)
    return fold(match.group(1)) if match else ""
