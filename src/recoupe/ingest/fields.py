"""Metadata values as users and feeds write them, read one way for every format.

A JSON Lines record and a sidecar or manifest entry give the same fields (title, outlet,
URL, authors, language); these readers turn what is written into clean values or None.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["authors_of", "language_of", "string_of"]

_LANGUAGE = re.compile(r"([a-z]{2,3})(?:[-_][A-Za-z0-9]+)*")


def string_of(value: Any) -> str | None:
    """A string with its white space folded; None for anything else or an empty one."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def authors_of(value: Any) -> tuple[str, ...]:
    """Names from a list or one string ("Jean Dupont; Marie Martin"), each once, in order."""
    if isinstance(value, str) and ";" in value:
        value = value.split(";")
    items = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(name for item in items if (name := string_of(item))))


def language_of(value: Any) -> str | None:
    """The language code of "fr", "fr-CA" or "fr_FR"; None when it is no such code."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE.fullmatch(value.strip().lower())
    return match.group(1) if match else None
