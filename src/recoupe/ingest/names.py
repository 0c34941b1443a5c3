"""Person names in bylines: is a short string a name, and which names does a byline list."""

from __future__ import annotations

from recoupe.ingest.patterns import Patterns

_NAME_CHARS = frozenset("-.'’")
_MAX_NAME_CHARS = 60


def is_name(text: str, pats: Patterns, *, max_words: int = 4) -> bool:
    """True if ``text`` looks like one person's name: 2 to ``max_words`` capitalised words.

    Particles ("de", "von der") may sit inside; heading words ("Maison", "Guerre") and
    determiners may not, so a rubric or an institution is not taken for a person.
    """
    tokens = text.split()
    if not 2 <= len(tokens) <= max_words or len(text) > _MAX_NAME_CHARS:
        return False
    capitalised = 0
    for i, token in enumerate(tokens):
        folded = token.casefold()
        if i > 0 and folded in pats.name_particles:
            continue
        if folded in pats.not_name_words or folded.rstrip(".") in pats.not_name_words:
            return False
        if not all(c.isalpha() or c in _NAME_CHARS for c in token):
            return False
        # "d'Estaing", "O'Neill": the capital comes after the apostrophe
        core = token.replace("’", "'").rsplit("'", 1)[-1] or token
        if not core[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 2


def split_names(text: str, pats: Patterns, *, max_words: int = 4) -> tuple[str, ...]:
    """The names a byline lists ("Jean Dupont et Marie Martin"); () if one is not a name."""
    parts = pats.name_joiners.split(f" {text} ")
    names = []
    for part in parts:
        part = " ".join(part.strip(" .").split())
        if not part:
            continue
        if not is_name(part, pats, max_words=max_words):
            return ()
        names.append(part)
    return tuple(names)


def surname(name: str) -> str:
    """The last word of a name, the one an article repeats ("Dupont")."""
    return name.split()[-1]
