"""Omissions: a fact most articles carry that one leaves out, or a sentence saying a
statement "did not mention" what the article just reported."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from recoupe.model import AnalyzedArticle, Fact, Side

from .facts import FactGroup
from .names import fold
from .sides import Found, side
from .units import Unit

__all__ = ["omissions", "silences"]

_NEGATION = re.compile(
    r"\b(?:ne|n)\s+(?:\w+\s+){0,3}?(?:pas|jamais|plus|aucun|aucune|rien|guere)\b"
)
# Verbs of reporting that, negated, say a statement left something out.
_SILENCE = re.compile(
    r"\b(?:mentionn|contenai|contient|contenu|evoqu|precis|cit|inclu|fai\w* etat|abord"
    r"|reprend|reprenai|signal)\w*"
)


def omissions(
    facts: Sequence[Fact],
    groups: Sequence[FactGroup],
    units: Sequence[Unit],
    sim: np.ndarray,
    *,
    analyzed: Sequence[AnalyzedArticle] = (),
    origin_of: Mapping[str, str] | None = None,
    n_articles: int,
    share: float,
    threshold: float,
) -> list[Found]:
    found: list[Found] = []
    need = max(2, math.ceil(share * n_articles))
    by_article: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_article[u.article_id].append(u)
    for fact, group in zip(facts, groups, strict=True):
        if len(fact.sources) < need or not fact.omitted_by:
            continue
        members = [units[m] for m in group.members]
        sides = [side("reported", members)]
        for article_id in fact.omitted_by:
            near = _nearest(group, by_article[article_id], sim, threshold / 2)
            sides.append(
                side("left out" + (" (closest account)" if near else ""), near, None)
                if near
                else Side(label="left out", sources=(article_id,))
            )
        found.append(
            Found(
                "omission",
                f"reported by {len(fact.sources)} of {n_articles} articles, left out by the others",
                (fact.id,),
                tuple(sides),
            )
        )
    return found


def _nearest(
    group: FactGroup, candidates: Sequence[Unit], sim: np.ndarray, floor: float
) -> list[Unit]:
    best, best_u = floor, None
    for u in candidates:
        score = max(float(sim[m, u.index]) for m in group.members)
        if score >= best:
            best, best_u = score, u
    return [best_u] if best_u is not None else []


def silences(
    facts: Sequence[Fact], groups: Sequence[FactGroup], units: Sequence[Unit]
) -> list[Found]:
    """Sentences saying a statement left out what the article just reported."""
    found: list[Found] = []
    previous: dict[int, Unit] = {}
    last: Unit | None = None
    for u in units:
        if last is not None and last.article == u.article:
            previous[u.index] = last
        last = u
    member_of: dict[int, list[int]] = defaultdict(list)
    for f_pos, group in enumerate(groups):
        for m in group.members:
            member_of[m].append(f_pos)
    for u in units:
        text = fold(u.sentence.text)
        if not (_NEGATION.search(text) and _SILENCE.search(text)) or u.index not in previous:
            continue
        before = previous[u.index]
        reported = [before]
        fact_ids = []
        for f_pos in member_of[before.index]:
            fact_ids.append(facts[f_pos].id)
            reported += [units[m] for m in groups[f_pos].members if units[m].index != before.index]
        fact_ids += [facts[f_pos].id for f_pos in member_of[u.index]]
        found.append(
            Found(
                "omission",
                "the article says a statement left out what it has just reported",
                tuple(dict.fromkeys(fact_ids)),
                (side("reported", list(dict.fromkeys(reported))), side("left out", [u])),
            )
        )
    return found
