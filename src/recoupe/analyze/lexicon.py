"""Turn word lists from resource files into case- and accent-insensitive regexes.

Resource files list phrases as a reader writes them ("secrétaire d'État",
"Quai d'Orsay"); news copy spells them with or without accents, with a typographic
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
# Put first in a pattern that only matches from the start of a word: the regex engine
# then gives up at once inside words and between them, where most positions are.
WORD_START = r"(?<!\w)(?=\w)"


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
    return "".join(_atoms(phrase, plural=plural))


def alternation(phrases: Iterable[str], *, plural: bool = False) -> str:
    """One regex source matching any of ``phrases``, the longest where several match.

    The phrases are merged into a prefix tree, so the regex engine tests each shared
    prefix once per text position instead of once per phrase: a list of hundreds of
    phrases scans a text about as fast as a handful.
    """
    trie: dict = {}
    for phrase in {p.strip() for p in phrases if p.strip()}:
        node = trie
        for atom in _atoms(phrase, plural=plural):
            node = node.setdefault(atom, {})
        node[_END] = {}
    return _emit(trie) if trie else "(?!)"


_END = ""
_TAIL = r"(?!\w)"


def _atoms(phrase: str, *, plural: bool) -> list[str]:
    """``phrase`` as a list of regex pieces, one per character (or separator)."""
    phrase = phrase.strip()
    atoms: list[str] = [r"(?<!\w)"] if phrase[:1].isalnum() else []
    first_word_done = False
    for char in phrase:
        base = anyascii(char).lower() if char.isalpha() else char
        if char.isspace() or char in "-‐‑":
            if plural and not first_word_done:
                atoms.append("[sx]?")
            first_word_done = True
            atoms.append(r"[\s\-‐‑]+")
        elif char in APOSTROPHES:
            first_word_done = True
            atoms.append(rf"[{APOSTROPHES}]\s*")
        elif len(base) == 1 and base in _VARIANTS:
            atoms.append(f"[{_VARIANTS[base]}]")
        else:
            atoms.append(re.escape(char))
    if plural and not first_word_done:
        atoms.append("[sx]?")
    # whole words only: no letter may touch the phrase, except after an elision or a dot
    if phrase[-1:].isalnum():
        atoms.append(_TAIL)
    return atoms


def _emit(node: dict) -> str:
    """The regex of a prefix-tree node; phrase ends are tried last, so longer phrases win."""
    ordered = sorted(node.items(), key=_branch_order)
    branches = [atom + _emit(child) for atom, child in ordered if atom != _END]
    if _END in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    if branches[-1] == "":
        return "(?:" + "|".join(branches[:-1]) + ")?"
    return "(?:" + "|".join(branches) + ")"


def _branch_order(item: tuple[str, dict]) -> tuple[int, str]:
    atom = item[0]
    return (atom in (_END, _TAIL), atom)


def compile_phrases(phrases: Iterable[str], *, plural: bool = False) -> re.Pattern[str]:
    """``alternation`` compiled, case-insensitive."""
    return re.compile(alternation(phrases, plural=plural), re.IGNORECASE)


_LAST_WORD = re.compile(r"(\S+)\s*$")


def word_before(text: str, pos: int) -> str:
    """The folded word just before ``pos`` in ``text`` ("" at the start)."""
    match = _LAST_WORD.search(text, max(0, pos - 40), pos)
    return fold(match.group(1)) if match else ""
