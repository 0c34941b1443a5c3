"""A dossier of several stories: one cross-check per story, united, and taken apart again.

``align`` cross-checks the articles of one story. An input that holds several stories
is aligned story by story (``run.py``), and ``unite`` puts the dossiers together as one:
the top-level records are the union over stories, renumbered so that every id is unique
(the second story's facts follow the first's: f1 … f40, then f41 …), and each ``Story``
lists its own facts and divergences. ``story_part`` takes one story's dossier back out,
exactly as ``unite`` received it, for a report of one story or one section per story.

A single story is left as ``align`` made it: its ids do not move.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from recoupe.model import (
    Commitment,
    Divergence,
    Dossier,
    DossierQuote,
    Entity,
    Fact,
    SourceProfile,
    Story,
    SummarySentence,
)

__all__ = ["Part", "story_part", "unite"]

_ID = re.compile(r"([a-z]+)(\d+)")
# The id prefixes of the records a dossier numbers: facts, divergences, wording,
# entities, commitments and origins.
_PREFIXES = ("f", "v", "w", "e", "c", "o")


@dataclass(frozen=True, slots=True)
class Part:
    """One story and the dossier ``align`` made of its articles."""

    story: Story
    dossier: Dossier


def unite(parts: Sequence[Part], *, dossier_id: str) -> Dossier:
    """One dossier holding every part, ids unique across stories; ``stories`` lists each
    story with its own documents, facts and divergences, in the order given."""
    if not parts:
        return Dossier(id=dossier_id, articles=(), analyses=())
    offsets = dict.fromkeys(_PREFIXES, 0)
    renumbered: list[Dossier] = []
    stories: list[Story] = []
    for part in parts:
        dossier = _renumber(part.dossier, offsets) if len(parts) > 1 else part.dossier
        for prefix, used in _highest(dossier).items():
            offsets[prefix] = max(offsets[prefix], used)
        renumbered.append(dossier)
        # its dates as its dossier gives them: an undated article may have been given
        # the day its story tells (``published_from="inferred"``)
        days = [a.published for a in dossier.articles if a.published is not None]
        stories.append(
            dataclasses.replace(
                part.story,
                first=min(days, default=part.story.first),
                last=max(days, default=part.story.last),
                facts=tuple(f.id for f in dossier.facts),
                divergences=tuple(d.id for d in dossier.divergences),
                dossier=part.dossier.id,
            )
        )
    if len(parts) == 1:
        return dataclasses.replace(renumbered[0], stories=tuple(stories))

    def union(name: str) -> tuple:
        return tuple(x for d in renumbered for x in getattr(d, name))

    return Dossier(
        id=dossier_id,
        articles=union("articles"),
        analyses=union("analyses"),
        entities=union("entities"),
        quotes=union("quotes"),
        facts=union("facts"),
        divergences=union("divergences"),
        wording=union("wording"),
        commitments=union("commitments"),
        timeline=tuple(sorted(union("timeline"), key=lambda t: t.date)),
        summary=union("summary"),
        profiles=union("profiles"),
        origins=union("origins"),
        duplicates=union("duplicates"),
        notes=union("notes"),
        stories=tuple(stories),
    )


def story_part(dossier: Dossier, story_id: str) -> Dossier:
    """The dossier of one story of ``dossier``, as ``unite`` received it (ids as united).

    ``story_id`` may also be the id of a story merged into one of them. Raises
    ``KeyError`` when no story has that id.
    """
    story = next((s for s in dossier.stories if story_id == s.id or story_id in s.merged), None)
    if story is None:
        raise KeyError(story_id)
    if len(dossier.stories) == 1:
        return dossier
    docs = set(story.articles)
    facts = set(story.facts)
    divergences = set(story.divergences)
    commitments = tuple(c for c in dossier.commitments if _commitment_in(c, docs, facts))
    kept_facts = tuple(f for f in dossier.facts if f.id in facts)
    quotes = tuple(q for q in dossier.quotes if q.article_id in docs)
    named = _entities_named(kept_facts, quotes, commitments)
    return Dossier(
        id=story.dossier or dossier.id,
        articles=tuple(a for a in dossier.articles if a.id in docs),
        analyses=tuple(a for a in dossier.analyses if a.article_id in docs),
        entities=tuple(e for e in dossier.entities if _entity_in(e, docs, named)),
        quotes=quotes,
        facts=kept_facts,
        divergences=tuple(d for d in dossier.divergences if d.id in divergences),
        wording=tuple(w for w in dossier.wording if _sources(w) & docs),
        commitments=commitments,
        timeline=tuple(t for t in dossier.timeline if t.fact in facts),
        summary=tuple(s for s in dossier.summary if _summary_in(s, docs, facts)),
        profiles=tuple(p for p in dossier.profiles if p.article_id in docs),
        origins=tuple(o for o in dossier.origins if docs.issuperset(o.articles)),
        duplicates=tuple(d for d in dossier.duplicates if d.article_id in docs),
        stories=(story,),
    )


# ---------------------------------------------------------------- renumbering


def _highest(dossier: Dossier) -> dict[str, int]:
    """The highest number used under each prefix in ``dossier``."""
    ids = [
        *(f.id for f in dossier.facts),
        *(d.id for d in dossier.divergences),
        *(w.id for w in dossier.wording),
        *(e.id for e in dossier.entities),
        *(c.id for c in dossier.commitments),
        *(o.id for o in dossier.origins),
    ]
    out = dict.fromkeys(_PREFIXES, 0)
    for rid in ids:
        match = _ID.fullmatch(rid)
        if match and match.group(1) in out:
            out[match.group(1)] = max(out[match.group(1)], int(match.group(2)))
    return out


def _renumber(dossier: Dossier, offsets: Mapping[str, int]) -> Dossier:
    """``dossier`` with every numbered id (and every reference to one) moved up by the
    offset of its prefix."""

    def to(rid: str) -> str:
        match = _ID.fullmatch(rid)
        if not match or match.group(1) not in offsets:
            return rid
        return f"{match.group(1)}{int(match.group(2)) + offsets[match.group(1)]}"

    def many(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(to(i) for i in ids)

    def maybe(rid: str | None) -> str | None:
        return None if rid is None else to(rid)

    def divergence(d: Divergence) -> Divergence:
        return dataclasses.replace(d, id=to(d.id), facts=many(d.facts))

    def profile(p: SourceProfile) -> SourceProfile:
        return dataclasses.replace(
            p,
            facts_carried=many(p.facts_carried),
            facts_omitted=many(p.facts_omitted),
            unique_facts=many(p.unique_facts),
            origin=maybe(p.origin),
        )

    return dataclasses.replace(
        dossier,
        entities=tuple(dataclasses.replace(e, id=to(e.id)) for e in dossier.entities),
        quotes=tuple(
            dataclasses.replace(q, speaker_id=maybe(q.speaker_id)) for q in dossier.quotes
        ),
        facts=tuple(
            dataclasses.replace(f, id=to(f.id), actors=many(f.actors)) for f in dossier.facts
        ),
        divergences=tuple(divergence(d) for d in dossier.divergences),
        wording=tuple(divergence(w) for w in dossier.wording),
        commitments=tuple(
            dataclasses.replace(c, id=to(c.id), actors=many(c.actors), fact=maybe(c.fact))
            for c in dossier.commitments
        ),
        timeline=tuple(dataclasses.replace(t, fact=to(t.fact)) for t in dossier.timeline),
        summary=tuple(dataclasses.replace(s, fact=maybe(s.fact)) for s in dossier.summary),
        profiles=tuple(profile(p) for p in dossier.profiles),
        origins=tuple(dataclasses.replace(o, id=to(o.id)) for o in dossier.origins),
    )


# ---------------------------------------------------------------- membership


def _sources(div: Divergence) -> set[str]:
    docs = {a for side in div.sides for a in side.sources}
    return docs | {e.article_id for side in div.sides for e in side.evidence}


def _commitment_in(com: Commitment, docs: set[str], facts: set[str]) -> bool:
    if com.fact is not None:
        return com.fact in facts
    return any(e.article_id in docs for e in com.evidence)


def _summary_in(sentence: SummarySentence, docs: set[str], facts: set[str]) -> bool:
    if sentence.fact is not None:
        return sentence.fact in facts
    return bool(sentence.sources) and docs.issuperset(sentence.sources)


def _entities_named(
    facts: Iterable[Fact], quotes: Iterable[DossierQuote], commitments: Iterable[Commitment]
) -> set[str]:
    named = {a for f in facts for a in f.actors}
    named |= {q.speaker_id for q in quotes if q.speaker_id}
    named |= {a for c in commitments for a in c.actors}
    return named


def _entity_in(entity: Entity, docs: set[str], named: set[str]) -> bool:
    return entity.id in named or any(m.article_id in docs for m in entity.mentions)
