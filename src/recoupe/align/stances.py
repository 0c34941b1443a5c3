"""Stance divergences: one person's reaction told as two different acts.

Accounts of one fact often agree on who reacted and not on how: in one outlet the
union leader "a appelé les grutiers à reprendre le travail", in another she and a
colleague "ont accusé la direction" of stalling the talks. Both may be true (the
outlets chose different words of hers to report), but a reader of either outlet alone
learns a different stance: the reader compares them.

Two sentences of a fact, from articles that do not copy each other, whose claims name
one person in their subjects are compared on the claims' stance categories (a demand,
an accusation, support, a refusal, a threat: ``STANCES``). Different categories, each
told by one article and not by the other, are a divergence. Only people count (an
institution speaks through many voices); only claims told in the positive ("n'a pas
dénoncé" is a polarity matter).
"""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.model import Claim

from .actors import subject_entities
from .entities import EntityIndex
from .sides import Found, side
from .units import Unit

__all__ = ["CONFIDENCE", "STANCES", "stance_divergences"]

# The PLOVER categories that say how a speaker stands towards others.
STANCES = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN"})
# Two reactions of one person, each reported by some outlets only: a lead for the
# reader, less certain than a contradiction (both may have been said).
CONFIDENCE = 0.4


def stance_divergences(
    ids: tuple[str, ...], members: Sequence[Unit], index: EntityIndex
) -> list[Found]:
    """For each person two articles of the fact show reacting, the stances each reports,
    when the articles report different ones."""
    told: dict[str, dict[str, list[tuple[Unit, Claim]]]] = {}
    for u in members:
        for claim in u.claims:
            if claim.category not in STANCES or claim.polarity != "positive":
                continue
            for person in _people(u, claim, index):
                told.setdefault(person, {}).setdefault(claim.category, []).append((u, claim))
    found = []
    for person, by_stance in sorted(told.items()):
        articles = {c: {u.article_id for u, _ in said} for c, said in by_stance.items()}
        apart = [c for c in by_stance if any(articles[c] - articles[o] for o in articles if o != c)]
        if len(apart) < 2 or len(set().union(*(articles[c] for c in apart))) < 2:
            continue
        name = index.name(person)
        sides = tuple(
            side(
                f"{name}: " + ", ".join(dict.fromkeys(c.lemma for _, c in by_stance[category])),
                [u for u, _ in by_stance[category]],
                category.lower(),
            )
            for category in sorted(apart, key=lambda c: by_stance[c][0][0].index)
        )
        reason = f"the accounts report different reactions of {name}"
        found.append(Found("stance", reason, ids, sides, CONFIDENCE, about=f"stance|{person}"))
    return found


def _people(u: Unit, claim: Claim, index: EntityIndex) -> frozenset[str]:
    """The people the claim's subject names."""
    return frozenset(e for e in subject_entities(u, claim, index) if index.label(e) == "PER")
