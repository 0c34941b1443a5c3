"""What every divergence rule returns: its kind, reason and the sides it puts together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from recoupe.model import Divergence, Evidence, Side

from .units import Unit

__all__ = ["Found", "evidence", "numbered", "side", "split"]


@dataclass(frozen=True, slots=True)
class Found:
    """One divergence before it is numbered: ``confidence`` in [0, 1] orders the report."""

    kind: str
    reason: str
    facts: tuple[str, ...]
    sides: tuple[Side, ...]
    confidence: float = 0.5
    # what the sides disagree on, when rules of two kinds may find one disagreement
    # (the count a value divergence compares: "arrests"); "" when the reason says it
    about: str = ""


def evidence(u: Unit) -> Evidence:
    """The evidence of one unit: its span and the source the article credits."""
    return Evidence(article_id=u.article_id, span=u.span, attribution=u.attribution)


def side(label: str, members: Sequence[Unit], value: str | None = None) -> Side:
    """A side made of ``members``' evidence, its sources in order of first appearance."""
    return Side(
        label=label,
        value=value,
        sources=tuple(dict.fromkeys(u.article_id for u in members)),
        evidence=tuple(evidence(u) for u in members),
    )


def split(
    members: Sequence[Unit], slot: Callable[[Unit], str | None]
) -> dict[str | None, list[Unit]]:
    """The members grouped by the value ``slot`` reads from each."""
    by_value: dict[str | None, list[Unit]] = defaultdict(list)
    for u in members:
        by_value[slot(u)].append(u)
    return by_value


def numbered(found: Sequence[Found], prefix: str) -> tuple[Divergence, ...]:
    """The findings as records with ids ``{prefix}1``, ``{prefix}2`` ... in their order."""
    return tuple(
        Divergence(
            id=f"{prefix}{n}",
            kind=f.kind,
            reason=f.reason,
            facts=f.facts,
            sides=f.sides,
            confidence=f.confidence,
        )
        for n, f in enumerate(found, start=1)
    )
