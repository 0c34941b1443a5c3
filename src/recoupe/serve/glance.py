"""What a story page shows first and groups: the glance, evolutions, quotes by speaker.

All of it is drawn from the report's view (``report.view.ReportView``), so the web page
and the reports say the same things; this module only picks and groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from recoupe.report.view import (
    DivergenceView,
    EvidenceView,
    FactView,
    QuoteGroupView,
    ReportView,
)

SHOWN = 5  # lines in each part of the glance: a few, each with its sources
_DISPUTING = frozenset({"differs", "contradicted"})
# Kinds the glance does not call disputes: a figure updated with the hour, a fact left
# out (its facts are among what only one side says, or agreed by the others).
_NOT_DISPUTES = frozenset({"evolution", "omission"})


@dataclass(frozen=True, slots=True)
class Glance:
    agreed: tuple[FactView, ...]  # facts two outlets or more report, none disputing
    disputed: tuple[DivergenceView, ...]  # the most certain divergences
    alone: tuple[FactView, ...]  # facts one source alone reports


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    speaker: str
    anchor: str | None  # the speaker's entity anchor in the report view, when resolved
    groups: tuple[QuoteGroupView, ...]


def glance(view: ReportView) -> Glance:
    """The story at a glance: what is agreed, what is disputed, what only one side says."""
    agreed = tuple(
        fv
        for fv in view.matrix
        if fv.outlets > 1 and not any(cell.state in _DISPUTING for cell in fv.cells)
    )
    disputed = tuple(
        dv for dv in view.certain_divergences if dv.divergence.kind not in _NOT_DISPUTES
    )
    alone = tuple(fv for fv in view.singles if fv.evidence)
    return Glance(agreed=agreed[:SHOWN], disputed=disputed[:SHOWN], alone=alone[:SHOWN])


def evolutions(view: ReportView) -> tuple[DivergenceView, ...]:
    """The figures that change with the hour each account gives (an updated toll)."""
    return tuple(dv for dv in view.divergences if dv.divergence.kind == "evolution")


def disputes(view: ReportView) -> tuple[DivergenceView, ...]:
    """The divergences proper, most certain first: evolutions are shown apart."""
    return tuple(dv for dv in view.divergences if dv.divergence.kind != "evolution")


def quotes_by_speaker(view: ReportView) -> tuple[SpeakerQuotes, ...]:
    """The quotes grouped by speaker, the most quoted first, unattributed ones last."""
    groups: dict[str, list[QuoteGroupView]] = {}
    anchors: dict[str, str | None] = {}
    for group in view.quote_groups:
        speaker = group.first.speaker
        groups.setdefault(speaker, []).append(group)
        anchors.setdefault(speaker, group.first.speaker_anchor)
    ordered = sorted(groups, key=_SpeakerOrder(groups, anchors))
    return tuple(SpeakerQuotes(s, anchors[s], tuple(groups[s])) for s in ordered)


def first_evidence(fv: FactView) -> dict[str, EvidenceView]:
    """Each outlet reporting a fact, with its first cited span (the glance's links)."""
    found: dict[str, EvidenceView] = {}
    for ev in fv.evidence:
        found.setdefault(ev.doc.name, ev)
    return found


class _SpeakerOrder:
    """Resolved speakers first, then the most quoted, then by name."""

    def __init__(
        self, groups: dict[str, list[QuoteGroupView]], anchors: dict[str, str | None]
    ) -> None:
        self._groups, self._anchors = groups, anchors

    def __call__(self, speaker: str) -> tuple[bool, int, str]:
        return (self._anchors[speaker] is None, -len(self._groups[speaker]), speaker)
