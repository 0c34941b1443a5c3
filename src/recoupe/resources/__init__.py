"""Per-language resource files: reporting verbs, titles, date words, event triggers...

Language is data: each language has a folder (``fr/``) of TOML files, and code
asks for a resource by language and name. Adding a language is adding files.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

from recoupe.errors import ResourceError


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """Return the parsed ``<lang>/<name>.toml`` resource; raise ResourceError if absent or bad."""
    ref = importlib_resources.files(__package__).joinpath(lang, f"{name}.toml")
    try:
        text = ref.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ResourceError(f"no resource {name!r} for language {lang!r} ({ref})") from e
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ResourceError(f"resource {lang}/{name}.toml is not valid TOML: {e}") from e


def languages() -> list[str]:
    """The languages that have a resource folder."""
    root = importlib_resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
