"""Events and commitments as PLOVER event records, one JSON line per account.

PLOVER (the Open Event Data Alliance's event ontology and data interchange
specification, https://github.com/openeventdata/PLOVER) codes who did what to whom:
one record per coded text, with ``source`` (PLOVER's name for the actors: a list of
actor objects), ``recipient``, ``event`` (categories), ``mode``, ``date``, the
``text`` coded and where it comes from (``text_info``, ``cite_info``); ``link``
gathers records of one event. Records are JSON Lines, as the specification suggests.

recoupe writes one record per account (evidence span) of

- each fact whose category is a PLOVER event category (``kind: "event"``; facts of
  saying or with no event trigger, ``STATEMENT`` and ``OTHER``, are not events);
- each commitment (``kind: "commitment"``), with its scope, duration, start and
  conditions as extra fields (PLOVER welcomes named fields beyond its own).

The records of one fact share its id as ``link``; a commitment links to its fact. The
actors come from the article's own claim in that span: the entities named in its
subject are the ``source``, those in its object the ``recipient``; where no claim of
the analysis covers the span, the fact's actors are all listed as ``source``. ``mode``
is the claim's modality (agreed, refused, proposed ...), with ``polarity`` and
``mood`` beside it; no ``context`` (recoupe does not classify topics). ``date`` is
the event's day when the dossier resolved it, else the article's publication day
(``date_kind`` says which).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from recoupe import __version__
from recoupe.model import Article, Claim, Commitment, Dossier, Entity, Evidence, TextSpan
from recoupe.report.view import safe_link, source_name

from .jsontext import dumps

__all__ = ["NOT_EVENTS", "QUADS", "events", "iter_events"]

# PLOVER quad categories (the manual's table): 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict. REQUEST is PLOVER's DEMAND in
# its POLECAT revision, ACCUSE its DISAPPROVE.
QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(
        ("REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION"), 3
    ),
    **dict.fromkeys(("PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}
# recoupe's own categories (resources/fr/events.toml): no PLOVER event
NOT_EVENTS = frozenset({"STATEMENT", "OTHER"})

_Mention = tuple[int, int, str, Entity]  # start, end, surface text, entity
T = TypeVar("T")


def events(dossier: Dossier) -> str:
    """The PLOVER records of ``dossier``'s events and commitments, one JSON line each."""
    return "".join(dumps(record) + "\n" for record in iter_events(dossier))


def iter_events(dossier: Dossier) -> Iterator[dict[str, Any]]:
    """The records of ``events`` as plain values, facts first, then commitments."""
    story = _Story.of(dossier)
    facts = {f.id: f for f in dossier.facts}
    for fact in dossier.facts:
        if not fact.category or fact.category in NOT_EVENTS:
            continue
        for n, ev in enumerate(fact.evidence, start=1):
            claim = story.claim(ev, category=fact.category)
            record = story.record(ev, fact.category, fact.actors, date=fact.date, claim=claim)
            record.update(
                id=f"{dossier.id}-{fact.id}-{n}",
                kind="event",
                link=fact.id,
                mode=[fact.modality] if fact.modality else [],
                polarity=fact.polarity,
            )
            yield _ordered(record)
    for com in dossier.commitments:
        decided = facts.get(com.fact or "")
        date = decided.date if decided else None
        fallback = decided.category if decided else None
        for n, ev in enumerate(com.evidence, start=1):
            # the decision's own claim (its modality) names the event, else the fact
            claim = story.claim(ev, modality=com.modality)
            category = claim.category if claim and claim.category not in NOT_EVENTS else fallback
            record = story.record(ev, category, com.actors, date=date, claim=claim)
            record.update(_commitment_fields(com))
            record.update(id=f"{dossier.id}-{com.id}-{n}", link=com.fact or com.id)
            yield _ordered(record)


def _commitment_fields(com: Commitment) -> dict[str, Any]:
    return {
        "kind": "commitment",
        "commitment": com.id,
        "mode": [com.modality],
        "polarity": com.polarity,
        "action": com.action,
        "scope": com.scope,
        "duration": com.duration,
        "start": com.start,
        "conditions": list(com.conditions),
        "according_to": list(com.according_to),
    }


_FIRST = ("id", "kind", "date", "date_kind", "source", "recipient", "event", "quad_code", "mode")


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    """PLOVER's core fields first, in its table's order, then the rest as built."""
    head = {k: record[k] for k in _FIRST if k in record}
    return {**head, **{k: v for k, v in record.items() if k not in head}}


@dataclass(frozen=True, slots=True)
class _Story:
    """What a record needs of the dossier: articles, their claims and entity mentions,
    each article's claims and mentions in text order (``_Sorted.inside`` finds a span's)."""

    articles: dict[str, Article]
    claims: dict[str, _Sorted[Claim]]
    mentions: dict[str, _Sorted[_Mention]]
    entities: dict[str, Entity]

    @classmethod
    def of(cls, dossier: Dossier) -> _Story:
        mentions: dict[str, list[_Mention]] = defaultdict(list)
        for ent in dossier.entities:
            for m in ent.mentions:
                mentions[m.article_id].append((m.span.start, m.span.end, m.span.text, ent))
        return cls(
            articles={a.id: a for a in dossier.articles},
            claims={
                a.article_id: _Sorted.of(a.claims, [c.span.start for c in a.claims])
                for a in dossier.analyses
            },
            mentions={
                article_id: _Sorted.of(found, [m[0] for m in found])
                for article_id, found in mentions.items()
            },
            entities={e.id: e for e in dossier.entities},
        )

    def record(
        self,
        ev: Evidence,
        category: str | None,
        actors: tuple[str, ...],
        *,
        date: str | None,
        claim: Claim | None,
    ) -> dict[str, Any]:
        """The fields of one account: actors, event, date, text and its article."""
        article = self.articles.get(ev.article_id)
        published = article.published.isoformat() if article and article.published else None
        out: dict[str, Any] = {
            "date": date or published,
            "date_kind": "event" if date else ("publication" if published else None),
        }
        if claim is not None and claim.subject is not None:
            source = self._actors(ev.article_id, claim.subject)
            recipient = self._actors(ev.article_id, claim.object) if claim.object else []
            named = {a.get("entity") for a in source}
            out["source"] = source or [{"actor_text": claim.subject.text}]
            out["recipient"] = [a for a in recipient if a.get("entity") not in named]
        else:
            out["source"] = [self._entity(e) for e in actors if e in self.entities]
            out["recipient"] = []
        out["event"] = [category] if category else []
        if category in QUADS:
            out["quad_code"] = QUADS[category]
        if claim is not None:
            out["event_text"] = [claim.predicate.text]
            out["mood"] = claim.mood
        out["attribution"] = source_name(ev.attribution)
        out["text"] = ev.span.text
        out["text_info"] = {"start": ev.span.start, "end": ev.span.end}
        out["cite_info"] = _cite(ev.article_id, article)
        out["coder"] = f"recoupe {__version__}"
        return out

    def claim(
        self, ev: Evidence, *, category: str | None = None, modality: str | None = None
    ) -> Claim | None:
        """The article's claim inside the evidence span: one of ``category`` (or of
        ``modality``) if there is one, else the first; None when the analysis has none."""
        claims = self.claims.get(ev.article_id)
        inside = [c for c in claims.inside(ev.span) if c.span.end <= ev.span.end] if claims else []
        wanted = [c for c in inside if c.category == category or c.modality == modality]
        return next(iter(wanted or inside), None)

    def _actors(self, article_id: str, span: TextSpan) -> list[dict[str, Any]]:
        """One actor object per entity named inside ``span``, in text order."""
        found: dict[str, dict[str, Any]] = {}
        mentions = self.mentions.get(article_id)
        for _, end, text, ent in mentions.inside(span) if mentions else ():
            if end <= span.end and ent.id not in found:
                found[ent.id] = {**self._entity(ent.id), "actor_text": text}
        return list(found.values())

    def _entity(self, entity_id: str) -> dict[str, Any]:
        ent = self.entities[entity_id]
        return {
            "actor_text": ent.name,
            "identifier_text": ent.name,
            "entity": ent.id,
            "type": ent.label,
        }


@dataclass(frozen=True, slots=True)
class _Sorted(Generic[T]):
    """Items of one article in order of their start offsets, found by a span's bounds."""

    starts: list[int]
    items: list[T]

    @classmethod
    def of(cls, items: Sequence[T], starts: Sequence[int]) -> _Sorted[T]:
        order = sorted(range(len(items)), key=starts.__getitem__)
        return cls(starts=[starts[i] for i in order], items=[items[i] for i in order])

    def inside(self, span: TextSpan) -> list[T]:
        """The items that start inside ``span`` (their ends are the caller's to check)."""
        low = bisect.bisect_left(self.starts, span.start)
        high = bisect.bisect_left(self.starts, span.end, lo=low)
        return self.items[low:high]


def _cite(article_id: str, article: Article | None) -> dict[str, Any]:
    """PLOVER's citation object: the article's id (``citation``), URL, title, outlet."""
    if article is None:
        return {"citation": article_id}
    return {
        "citation": article_id,
        "url": safe_link(article.url),
        "title": article.title,
        "publication": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
    }
