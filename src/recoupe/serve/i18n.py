"""The web view's two languages: its words (``locales/*.toml``) and choosing one.

The language is the one a ``lang`` query parameter asks for (the switch on every page,
remembered in a cookie), else the cookie's, else the first of the browser's
Accept-Language that the view speaks, else English. Only the interface is translated:
article text, fact statements and the rules' reasons are shown as they are.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from recoupe.report.view import KIND_GLOSS

LANGUAGES = ("en", "fr")
DEFAULT = "en"
COOKIE = "recoupe_lang"


@cache
def messages(lang: str) -> dict[str, dict[str, str]]:
    """The tables of ``locales/LANG.toml`` (sections of key -> words)."""
    text = resources.files("recoupe.serve").joinpath("locales", f"{lang}.toml").read_text("utf-8")
    tables: dict[str, Any] = tomllib.loads(text)
    if lang == "en":
        tables["kinds"] = dict(KIND_GLOSS)
    return tables


def negotiate(asked: str | None, cookie: str | None, accept: str | None) -> str:
    """The language to answer in (see the module's docstring)."""
    for choice in (asked, cookie):
        if choice in LANGUAGES:
            return choice
    for lang in _accepted(accept or ""):
        if lang in LANGUAGES:
            return lang
    return DEFAULT


def _accepted(header: str) -> list[str]:
    """The primary language tags of an Accept-Language header, by preference."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag:
            ranked.append((-weight, i, tag.split("-")[0].lower()))
    return [tag for weight, _, tag in sorted(ranked) if weight < 0]


class Translator:
    """``t("key", n=3)``: the words of ``key`` in one language, with its fields filled."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._tables = messages(lang)

    def __call__(self, key: str, section: str = "ui", **fields: object) -> str:
        words = self._tables.get(section, {}).get(key)
        if words is None:
            words = messages(DEFAULT).get(section, {}).get(key, key)
        return words.format(**fields) if fields else words
