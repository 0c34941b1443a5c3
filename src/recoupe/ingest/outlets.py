"""Outlets named in an article's own text: a title suffix or a masthead line.

"Titre - Nom du journal", "Titre | Nom": the last segment of a title is an outlet's name
when it is shaped like one (a few capitalised words, or a site's domain) and is no page
label ("VIDÉO"). How sure that is depends on the form, so ``title_suffix`` returns a
strength and the caller decides:

- strong: a separator headlines hardly use ("|"), a domain ("exemple.fr"), a name
  opening with an article ("Le ...") or holding a press word ("Journal", "Matin");
- weak: any other capitalised name after a dash. It is an outlet only when several
  articles of one run end their titles with it (a one-off could be a place or a person).

The words come from ``resources/<lang>/ingest_outlets.toml``; no outlet is named.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from recoupe import resources
from recoupe.ingest.names import is_name
from recoupe.ingest.patterns import patterns
from recoupe.model import Article

STRONG = "strong"
WEAK = "weak"
_DOMAIN = re.compile(r"(?i:(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6})")
_NAME_CHARS = frozenset("-'’.&!")


@dataclass(frozen=True, slots=True)
class _Words:
    separator: re.Pattern[str]
    strong_separators: frozenset[str]
    max_words: int
    max_chars: int
    connectors: frozenset[str]
    articles: frozenset[str]
    press_words: frozenset[str]
    labels: frozenset[str]


@dataclass(frozen=True, slots=True)
class Suffix:
    """An outlet's name at the end of a title, the title without it, and how sure it is."""

    outlet: str
    title: str
    strength: str  # strong | weak


@cache
def _words(lang: str) -> _Words:
    data = resources.load(lang, "ingest_outlets")
    seps = sorted(data["title"]["separators"], key=len, reverse=True)
    name = data["name"]
    return _Words(
        # the last separator with a blank on each side: "Titre - Nom", not "Saint-Malo"
        separator=re.compile(r"\s+(" + "|".join(re.escape(s) for s in seps) + r")\s+(?=\S)"),
        strong_separators=frozenset(data["title"]["strong_separators"]),
        max_words=int(name["max_words"]),
        max_chars=int(name["max_chars"]),
        connectors=frozenset(w.casefold() for w in name["connectors"]),
        articles=frozenset(w.casefold() for w in name["articles"]),
        press_words=frozenset(w.casefold() for w in name["press_words"]),
        labels=frozenset(w.casefold() for w in name["labels"]),
    )


def title_suffix(title: str | None, *, lang: str = "fr") -> Suffix | None:
    """The outlet's name ending ``title`` ("Titre | Nom"), or None when it ends with none."""
    if not title:
        return None
    words = _words(lang)
    separators = list(words.separator.finditer(title))
    if not separators:
        return None
    last = separators[-1]
    head, name = title[: last.start()].strip(), title[last.end() :].strip()
    if len(head.split()) < 2 or (strength := name_strength(name, lang=lang)) is None:
        return None
    if strength == WEAK and last.group(1) in words.strong_separators:
        strength = STRONG
    return Suffix(outlet=name, title=head, strength=strength)


def name_strength(text: str, *, lang: str = "fr") -> str | None:
    """How surely ``text`` alone is an outlet's name: strong, weak, or None if it is not one."""
    words = _words(lang)
    text = text.strip()
    if not text or len(text) > words.max_chars or text.casefold() in words.labels:
        return None
    if _DOMAIN.fullmatch(text):
        return STRONG
    tokens = text.split()
    if len(tokens) > words.max_words or not _capitalised(tokens, words):
        return None
    folded = [t.casefold() for t in tokens]
    press = any(part in words.press_words for t in folded for part in re.split(r"[-'’]", t))
    if press or (len(tokens) >= 2 and folded[0] in words.articles):
        return STRONG
    if is_name(text, patterns(lang)):  # "Jean Dupont": a byline, not an outlet
        return None
    return WEAK


def _capitalised(tokens: list[str], words: _Words) -> bool:
    """Every word capitalised (or a figure), bar connectors inside: "Le Journal de Paris"."""
    for i, token in enumerate(tokens):
        if i > 0 and token.casefold() in words.connectors:
            continue
        if not all(c.isalnum() or c in _NAME_CHARS for c in token):
            return False
        core = token.replace("’", "'").rsplit("'", 1)[-1] or token
        if not (core[0].isupper() or core[0].isdigit()):
            return False
    return any(c.isalpha() for c in "".join(tokens))


def with_title_outlets(articles: list[Article], *, lang: str = "fr") -> list[Article]:
    """Articles without an outlet get the one their text or address names, if sure.

    In order: a masthead line; a title suffix (a strong one alone, a weak one when two or
    more titles of the run end with it); else the host of the article's URL
    ("exemple.fr"), which names the site if not its title. The title keeps its headline
    only. A title that ends with the outlet already known ("Titre - Nom" from a page whose
    metadata says "Nom" or whose address is "nom.fr") loses that suffix too.
    """
    found = {i: title_suffix(article.title, lang=lang) for i, article in enumerate(articles)}
    counts = Counter(s.outlet.casefold() for s in found.values() if s is not None)
    out = list(articles)
    for i, article in enumerate(articles):
        if article.outlet is None and (name := masthead(article, lang=lang)) is not None:
            out[i] = dataclasses.replace(article, outlet=name)
    for i, suffix in found.items():
        if suffix is None:
            continue
        article = out[i]
        if article.outlet is not None:
            if same_outlet(article.outlet, suffix.outlet):
                out[i] = dataclasses.replace(article, title=suffix.title)
        elif suffix.strength == STRONG or counts[suffix.outlet.casefold()] >= 2:
            out[i] = dataclasses.replace(article, outlet=suffix.outlet, title=suffix.title)
    for i, article in enumerate(out):
        if article.outlet is None and (host := url_host(article.url)) is not None:
            out[i] = dataclasses.replace(article, outlet=host)
    return out


def url_host(url: str | None) -> str | None:
    """The site of a web address, without "www." ("https://www.exemple.fr/a" -> "exemple.fr")."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def same_outlet(a: str, b: str) -> bool:
    """True when two names are one outlet's: "Le Nom" and "le nom", "Nom" and "nom.fr"."""
    fa, fb = _fold_name(a), _fold_name(b)
    return bool(fa) and (fa == fb or _site(a) == fb or _site(b) == fa)


def _site(name: str) -> str | None:
    """The first label of a domain name, folded ("www.nom.fr" -> "nom"); None for a name."""
    if not _DOMAIN.fullmatch(name):
        return None
    return _fold_name(name.casefold().removeprefix("www.").split(".")[0])


def _fold_name(text: str) -> str:
    """Letters and digits only, case-folded."""
    return "".join(c for c in text.casefold() if c.isalnum())


def masthead(article: Article, *, lang: str = "fr") -> str | None:
    """The outlet's name set aside above the body as a masthead line, or None."""
    if not article.removed or not article.body:
        return None
    first = min(article.removed)
    if first.start > article.body[0].start or article.text[: first.start].strip():
        return None
    return first.text if name_strength(first.text, lang=lang) == STRONG else None
