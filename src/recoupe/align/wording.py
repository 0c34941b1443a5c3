"""Wording: words only some outlets use, loaded (``loaded``) or naming the events.

Loaded words take a side: the outlets that use them frame the story differently from
those that do not, a divergence of the story (``find_divergences`` lists it, for no one
fact). The names an article gives one armed confrontation ("guerre", "conflit") are no
divergence of any account: ``find_wording`` numbers them w1, w2 ... for
``Dossier.wording``. Only the outlet's own words count: a term between quotation marks
(someone's words, a title), in a capitalised name ("la Première Guerre mondiale"), in
the title of a law after "loi de ..." or in a fixed phrase where it is the neutral term
("attentat terroriste", "conflit social") is not the outlet's choice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache

from anyascii import anyascii

from recoupe import resources
from recoupe.model import AnalyzedArticle, Divergence, Evidence, Side, TextSpan

from .names import fold, folded_pattern
from .sides import Found, numbered

__all__ = ["find_wording", "loaded", "naming", "own_words"]

# What stands in for words that are not the outlet's: a token no term contains, so that
# no term matches across the gap either.
_GAP = " 0 "
# A passage between quotation marks (after anyascii: « » become << >>, “ ” become ").
_QUOTED = re.compile(r'<<[^<>]*>>|"[^"]*"')
_WORD = re.compile(r"[A-Za-z0-9]+")


def find_wording(analyzed: Sequence[AnalyzedArticle]) -> tuple[Divergence, ...]:
    """The names the articles give the events, when their choices differ, with ids w1 ..."""
    return numbered(naming(analyzed), "w")


@cache
def _title_pattern() -> re.Pattern[str]:
    """ "loi de ...", "décret relatif à ...": a head and an opener, to the next punctuation."""
    titles = resources.load("fr", "loaded").get("titles", {})
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in titles.get("heads", ()))
    openers = "|".join(re.escape(o) for o in titles.get("openers", ()))
    return re.compile(rf"\b(?:{heads})\s+(?:{openers})\b[^,.;:()<>\"]*", re.IGNORECASE)


def own_words(text: str) -> str:
    """``text`` folded, with what is not the outlet's own wording left out.

    Left out: passages between quotation marks, the title of a law after its head
    ("loi de lutte contre ..."), capitalised words after the first (names) and the
    fixed phrases where a listed word is the neutral term ("attentat terroriste").
    """
    plain = _QUOTED.sub(_GAP, anyascii(text))
    plain = _title_pattern().sub(_GAP, plain)
    first = _WORD.search(plain)
    head = first.end() if first else 0

    def unnamed(match: re.Match[str]) -> str:
        word = match.group()
        if word[0].isupper() and not word.isupper():
            return _GAP
        return word

    return _neutral_pattern().sub(_GAP, fold(plain[:head] + _WORD.sub(unnamed, plain[head:])))


@cache
def _neutral_pattern() -> re.Pattern[str]:
    return folded_pattern(resources.load("fr", "loaded").get("neutral", {}).get("phrases", ()))


@cache
def _term_patterns(section: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    terms = resources.load("fr", "loaded").get(section, {}).get("terms", ())
    out = []
    for term in terms:
        body = re.escape(term.rstrip("*")).replace(r"\ ", " ")
        tail = r"\w*" if term.endswith("*") else ""
        out.append((term.rstrip("*"), re.compile(rf"\b{body}{tail}\b")))
    return tuple(out)


def _wording(
    analyzed: Sequence[AnalyzedArticle], section: str
) -> dict[str, dict[str, list[TextSpan]]]:
    """For each term of ``section``, the sentences of each article that use it."""
    uses: dict[str, dict[str, list[TextSpan]]] = defaultdict(lambda: defaultdict(list))
    for item in analyzed:
        for sentence in item.analysis.sentences:
            for term in _terms_used(sentence.text, section):
                uses[term][item.article.id].append(sentence)
    return uses


@lru_cache(maxsize=1 << 14)  # copies of one dispatch repeat the same sentences
def _terms_used(sentence: str, section: str) -> tuple[str, ...]:
    """The terms of ``section`` that the sentence's own words use, in the section's order."""
    text = _own_words(sentence)
    return tuple(term for term, pattern in _term_patterns(section) if pattern.search(text))


@lru_cache(maxsize=1 << 14)
def _own_words(sentence: str) -> str:
    return own_words(sentence)


def loaded(analyzed: Sequence[AnalyzedArticle]) -> list[Found]:
    """The loaded words each article uses, when some articles of the story use none."""
    ids = [item.article.id for item in analyzed]
    uses = _wording(analyzed, "loaded")
    by_article: dict[str, list[tuple[str, TextSpan]]] = defaultdict(list)
    for term, per_article in uses.items():
        for article_id, spans in per_article.items():
            by_article[article_id] += [(term, s) for s in spans]
    if not by_article or len(by_article) == len(ids):
        return []
    sides = []
    for article_id in ids:
        if article_id not in by_article:
            continue
        terms = sorted({t for t, _ in by_article[article_id]})
        spans = sorted({s for _, s in by_article[article_id]})
        sides.append(
            Side(
                label="uses " + ", ".join(f"'{t}'" for t in terms),
                value=", ".join(terms),
                sources=(article_id,),
                evidence=tuple(Evidence(article_id=article_id, span=s) for s in spans),
            )
        )
    plain = tuple(a for a in ids if a not in by_article)
    sides.append(Side(label="none of these words", sources=plain))
    return [
        Found(
            "loaded_language",
            f"{len(by_article)} of {len(ids)} articles use loaded or partisan words",
            (),
            tuple(sides),
        )
    ]


def naming(analyzed: Sequence[AnalyzedArticle]) -> list[Found]:
    """The words each article names the events with, when the articles' choices differ."""
    uses = _wording(analyzed, "naming")
    chosen: dict[str, set[str]] = defaultdict(set)
    for term, users in uses.items():
        for article_id in users:
            chosen[article_id].add(term)
    # every article that names the events with the same words: no choice between them;
    # fewer than two names of a war: no armed confrontation named two ways
    names = set(resources.load("fr", "loaded").get("naming", {}).get("names", ()))
    if len(names & uses.keys()) < 2 or len({frozenset(t) for t in chosen.values()}) < 2:
        return []
    sides = []
    for term in (t for t, _ in _term_patterns("naming")):
        per_article = uses.get(term)
        if not per_article:
            continue
        evidence = tuple(Evidence(article_id=a, span=spans[0]) for a, spans in per_article.items())
        sides.append(
            Side(label=f"'{term}'", value=term, sources=tuple(per_article), evidence=evidence)
        )
    return [Found("naming", "the articles name the events with different words", (), tuple(sides))]
