"""Wording: words only some outlets use, loaded (``loaded``) or naming the events."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from recoupe import resources
from recoupe.model import AnalyzedArticle, Evidence, Side, TextSpan

from .names import fold
from .sides import Found

__all__ = ["loaded", "naming"]


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
            text = fold(sentence.text)
            for term, pattern in _term_patterns(section):
                if pattern.search(text):
                    uses[term][item.article.id].append(sentence)
    return uses


def loaded(analyzed: Sequence[AnalyzedArticle]) -> list[Found]:
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
    uses = _wording(analyzed, "naming")
    if len(uses) < 2:
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
