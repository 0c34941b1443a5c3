"""An extractive summary: the statements most independent sources agree on.

Facts are ranked by independent origins, then by reporting articles, then story
order; a fact sharing a sentence with one already chosen is skipped, so the
summary does not repeat itself. The chosen statements are given in story order,
each with the evidence of every article that states it.
"""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.model import Fact, SummarySentence

__all__ = ["summarize"]


def summarize(facts: Sequence[Fact], *, size: int) -> tuple[SummarySentence, ...]:
    """Up to ``size`` summary sentences, each citing its sources."""
    ranked = sorted(range(len(facts)), key=_rank(facts))
    chosen: list[int] = []
    used: set[tuple[str, int]] = set()
    for n in ranked:
        if len(chosen) >= size:
            break
        spans = {(e.article_id, e.span.start) for e in facts[n].evidence}
        if spans & used:
            continue
        chosen.append(n)
        used |= spans
    return tuple(
        SummarySentence(
            text=facts[n].statement,
            fact=facts[n].id,
            sources=facts[n].sources,
            evidence=facts[n].evidence,
        )
        for n in sorted(chosen)
    )


def _rank(facts: Sequence[Fact]):
    def rank(n: int) -> tuple[int, int, int]:
        return (-facts[n].origins, -len(facts[n].sources), n)

    return rank
