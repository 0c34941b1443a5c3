"""Actor divergences: one action of a fact credited to different actors.

Accounts of one fact often agree on what was done and not on who did it: a truce
"proposée par l'Ostrie" in one outlet, proposed by "les délégués de l'Ostrie et de la
Sorenza" in another; "plusieurs élus, dont A et B, ont dénoncé ..." against "des élus,
dont A, ont dénoncé ...". The analysis gives each claim its predicate
(lemma) and its subject, the agent of a passive ("proposée par X") included. Two
sentences of a fact whose claims share a predicate are compared on the named actors of
their subjects: the people when a subject names any, else the organisations and places
(a country acting). Different sets, neither empty, are a divergence, whether one names
more actors than the other or others altogether, unless each account names the other's
actors somewhere in its clause: "A et B ont convenu" and "A a convenu avec B" agree.

Only event predicates count (``WEAK_CATEGORIES`` aside: "dire", "être"), told in the
positive: "n'a pas proposé" is a polarity matter. A subject that names nobody ("la
grille a été arrachée", "il a proposé") gives no side: an actor left unnamed is no
disagreement on its own, and a pronoun the analysis did not resolve is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from recoupe.model import Claim

from .entities import EntityIndex
from .sides import Found, side
from .units import WEAK_CATEGORIES, Unit

__all__ = ["CONFIDENCE", "actor_divergences", "subject_entities"]

# A named actor more or less, or another one: a real difference of the accounts, as
# likely as not a consequential one (an ally named or left out, a joint move told as one
# side's).
CONFIDENCE = 0.5
_PEOPLE = "PER"
_BODIES = frozenset({"ORG", "LOC"})


def actor_divergences(
    ids: tuple[str, ...], members: Sequence[Unit], index: EntityIndex
) -> list[Found]:
    """For each predicate two articles of the fact share, the actors each credits with it,
    when they differ."""
    by_predicate: dict[str, dict[frozenset[str], list[Told]]] = {}
    for u in members:
        for claim in u.claims:
            actors = _actors(u, claim, index)
            if actors:
                crediting = by_predicate.setdefault(claim.lemma, {}).setdefault(actors, [])
                if all(t.unit is not u for t in crediting):
                    crediting.append(Told(u, _participants(u, claim, index)))
    found = []
    for lemma, groups in sorted(by_predicate.items()):
        apart = {actors for actors in groups if _disputed(actors, groups)}
        if not apart:
            continue
        sides = tuple(
            side("by " + ", ".join(sorted(index.name(e) for e in actors)), [t.unit for t in told])
            for actors, told in sorted(groups.items(), key=lambda item: item[1][0].unit.index)
            if actors in apart
        )
        reason = f"the accounts name different actors for '{lemma}'"
        found.append(Found("actors", reason, ids, sides, CONFIDENCE, about=lemma))
    return found


@dataclass(frozen=True, slots=True)
class Told:
    """A sentence crediting a claim to actors, and every actor its clause names."""

    unit: Unit
    participants: frozenset[str]


def _disputed(actors: frozenset[str], groups: dict[frozenset[str], list[Told]]) -> bool:
    """Whether another article credits the claim to other actors, not merely naming ours
    elsewhere in its clause: "A et B ont convenu" and "A a convenu avec B" agree."""
    mine = groups[actors]
    for others, theirs in groups.items():
        if others == actors:
            continue
        for a in mine:
            for b in theirs:
                if a.unit.article_id == b.unit.article_id:
                    continue
                if not (actors <= b.participants and others <= a.participants):
                    return True
    return False


def _participants(u: Unit, claim: Claim, index: EntityIndex) -> frozenset[str]:
    """The actors the claim's clause names anywhere: its subject, objects and companions."""
    named = index.overlapping(u.article_id, claim.span.start, claim.span.end)
    return frozenset(e for e in named if index.label(e) == _PEOPLE or index.label(e) in _BODIES)


def _actors(u: Unit, claim: Claim, index: EntityIndex) -> frozenset[str]:
    """The named actors of a claim's subject: its people, else its organisations and
    places; none for a weak or negated claim."""
    if claim.category in WEAK_CATEGORIES or claim.polarity != "positive":
        return frozenset()
    named = subject_entities(u, claim, index)
    people = frozenset(e for e in named if index.label(e) == _PEOPLE)
    return people or frozenset(e for e in named if index.label(e) in _BODIES)


def subject_entities(u: Unit, claim: Claim, index: EntityIndex) -> list[str]:
    """The entities the claim's subject names (its agent, for a passive)."""
    if claim.subject is None:
        return []
    return index.overlapping(u.article_id, claim.subject.start, claim.subject.end)
