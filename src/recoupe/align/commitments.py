"""Commitments: who agreed, refused or proposed to do what, for how long, on which condition.

One commitment per fact whose accounts carry a decision claim (agree, concede,
retreat, cooperate, reject, request with a decision modality); the actors, scope,
duration, conditions and credited sources are gathered across all its accounts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from recoupe.model import Claim, Commitment, Evidence, Fact

from .entities import EntityIndex
from .facts import FactGroup
from .units import Unit

__all__ = ["find_commitments"]

DECISIONS = frozenset({"AGREE", "CONCEDE", "RETREAT", "COOPERATE", "REJECT", "REQUEST", "AID"})
DECISION_MODALITIES = frozenset({"agreed", "refused", "proposed", "requested"})


def _decision(u: Unit) -> Claim | None:
    for claim in u.claims:
        if claim.category in DECISIONS and claim.modality in DECISION_MODALITIES:
            return claim
    return None


def _duration(claims: Sequence[Claim], units: Sequence[Unit]) -> str | None:
    for claim in claims:
        for ref in claim.dates:
            if ref.kind == "duration":
                return ref.span.text
        for q in claim.quantities:
            if q.kind == "duration":
                return q.span.text
    for u in units:
        for ref in u.dates:
            if ref.kind == "duration":
                return ref.span.text
    return None


def find_commitments(
    facts: Sequence[Fact], groups: Sequence[FactGroup], units: Sequence[Unit], index: EntityIndex
) -> tuple[Commitment, ...]:
    """The commitments of the story, ids c1, c2 ... in fact order."""
    out: list[Commitment] = []
    seen: list[frozenset[int]] = []
    for fact, group in zip(facts, groups, strict=True):
        decisions = [(units[m], _decision(units[m])) for m in group.members]
        found = [(u, c) for u, c in decisions if c is not None]
        key = frozenset(u.index for u, _ in found)
        # overlapping facts carry the same decision sentences: one commitment for them
        if not found or any(key <= other for other in seen):
            continue
        seen.append(key)
        claims = [c for _, c in found]
        members = [u for u, _ in found]
        modality = Counter(c.modality for c in claims).most_common(1)[0][0]
        polarity = Counter(c.polarity for c in claims).most_common(1)[0][0]
        actors: list[str] = []
        for claim in claims:
            for actor in claim.actors[:2]:
                ent = index.key_of(actor)
                if ent and ent not in actors:
                    actors.append(ent)
        head = claims[0]
        according = [
            u.attribution.name
            for u in members
            if u.attribution is not None and u.attribution.kind != "self" and u.attribution.name
        ]
        out.append(
            Commitment(
                id=f"c{len(out) + 1}",
                actors=tuple(actors),
                actor_names=tuple(index.name(a) for a in actors),
                action=head.span.text,
                modality=modality,
                polarity=polarity,
                scope=head.object.text if head.object is not None else None,
                duration=_duration(claims, members),
                start=fact.date,
                conditions=tuple(dict.fromkeys(c.condition.text for c in claims if c.condition)),
                according_to=tuple(dict.fromkeys(according)),
                fact=fact.id,
                evidence=tuple(
                    Evidence(article_id=u.article_id, span=u.span, attribution=u.attribution)
                    for u in members
                ),
            )
        )
    return tuple(out)
