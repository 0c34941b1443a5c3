"""Facts: statements of different articles that say the same thing, grouped with their evidence.

Which sentences state one fact is decided in ``grouping``; a sentence may belong to
several facts when it states several things, and a fact holds one sentence per
article, with a second one as evidence where the article tells the fact twice.

Dates: a fact's date is the day its sentences name (the most frequent one);
otherwise the day of the article's lead event, unless that day, resolved from a
relative word against the page date, lies far from the story's own date. When the
sentences disagree, each independent account votes once (copies of one dispatch are
one account): a sentence that names a day for it, and at half weight a sentence that
names none for its article's lead day, so that one dispatch naming the day of a plan
it mentions does not date what three other outlets tell without a day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np

from recoupe.model import Evidence, Fact

from .entities import EntityIndex
from .grouping import FactGroup, group_units
from .origins import Copies, Resolver, independent_origins
from .repeated import Scores, pair_scores
from .units import Unit

__all__ = ["FactGroup", "build_facts", "group_units", "story_dates"]

# Days beyond which an article's own anchor date is taken as a page date, not the event's.
ANCHOR_TOLERANCE_DAYS = 3
# Vote of a sentence naming no day for its article's lead day, against 1 for a named day
# (below 1/3 it never decides; at 1 the lead day outvotes a day one account names).
UNDATED_VOTE = 0.5


def _central(group: FactGroup, sim: Scores, shared: frozenset[int] = frozenset()) -> int:
    """The member most similar to the others (the earliest on ties): the fact's statement.

    A member ``shared`` with another fact (one sentence stating two facts that another
    article tells apart) would give both facts the same statement; the most central of
    the members this fact has alone is taken instead, when there is one.
    """
    members = group.members
    if len(members) == 1:
        return members[0]
    candidates = [m for m in members if m not in shared] or list(members)
    block = np.array(sim[np.ix_(members, members)], dtype=np.float64)
    np.fill_diagonal(block, 0.0)  # a member with the others only
    # each row summed term after term, as ``sum`` over the other members would
    totals = dict(zip(members, np.cumsum(block, axis=1)[:, -1].tolist(), strict=True))
    return min((-totals[m], m) for m in candidates)[1]


def _own_date(group: FactGroup, units: Sequence[Unit]) -> str | None:
    days = [units[m].day for m in group.members if units[m].day]
    if not days:
        return None
    counts = Counter(days)
    best = max(counts.values())
    return next(d for d in days if counts[d] == best)


def _fact_date(
    group: FactGroup,
    units: Sequence[Unit],
    anchors: Sequence[str | None],
    origin_of: dict[str, str],
) -> str | None:
    """The day most independent accounts give the fact (see the module docstring).

    On a tie a day some sentence names wins over a lead day alone.
    """
    members = [units[m] for m in group.members]
    named = {u.day for u in members if u.day}
    if not named:
        return anchors[members[0].article]
    votes: dict[str, float] = {}
    said: set[tuple[str, str]] = set()
    order: list[str] = []
    for u in members:
        day = u.day or anchors[u.article]
        account = (origin_of.get(u.article_id, u.article_id), day or "")
        if day is None or account in said:
            continue
        said.add(account)
        order.append(day)
        votes[day] = votes.get(day, 0.0) + (1.0 if u.day else UNDATED_VOTE)
    best = max(votes.values())
    tied = [day for day in order if votes[day] == best]
    return next((day for day in tied if day in named), tied[0])


def _days_between(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


def story_dates(
    groups: Sequence[FactGroup], units: Sequence[Unit], n_articles: int
) -> tuple[str | None, list[str | None]]:
    """The story's date (the day most multi-source facts name) and each article's anchor day.

    An article's anchor is the date of the first of its sentences that belongs to a
    dated fact (its lead event); a single-source anchor far from the story's date is
    replaced by the story's date.
    """
    own = [_own_date(group, units) for group in groups]
    # the day of the most widely reported fact, then the day most articles name:
    # overlapping facts of one event (a figure and its detail) must not outvote it
    widest: Counter[str] = Counter()
    naming: dict[str, set[int]] = {}
    for group, day in zip(groups, own, strict=True):
        articles = {units[m].article for m in group.members}
        if day and len(articles) > 1:
            widest[day] = max(widest[day], len(articles))
            naming.setdefault(day, set()).update(articles)
    votes: Counter[str] = Counter(
        {day: widest[day] * (n_articles + 1) + len(naming[day]) for day in widest}
    )
    if not votes:
        votes.update(day for day in own if day)
    story = min(votes, key=_vote_rank(votes)) if votes else None
    dated_fact: dict[int, tuple[str, int]] = {}
    for group, day in zip(groups, own, strict=True):
        if not day:
            continue
        n_sources = len({units[m].article for m in group.members})
        for m in group.members:
            if m not in dated_fact or n_sources > dated_fact[m][1]:
                dated_fact[m] = (day, n_sources)
    anchors: list[str | None] = [None] * n_articles
    for u in sorted(units, key=_unit_order):
        if anchors[u.article] is None and u.index in dated_fact:
            day, n_sources = dated_fact[u.index]
            far = story and _days_between(day, story) > ANCHOR_TOLERANCE_DAYS
            anchors[u.article] = story if far and n_sources == 1 else day
    return story, [a or story for a in anchors]


def _vote_rank(votes: Counter[str]):
    def rank(day: str) -> tuple[int, str]:
        return (-votes[day], day)

    return rank


def _unit_order(u: Unit) -> tuple[int, int]:
    return (u.article, u.position)


def build_facts(
    groups: Sequence[FactGroup],
    units: Sequence[Unit],
    sim: Scores,
    *,
    article_ids: Sequence[str],
    index: EntityIndex,
    copies: Copies,
    resolve: Resolver | None = None,
) -> tuple[Fact, ...]:
    """Turn unit groups into ``Fact`` records with ids f1, f2 ... in story order."""
    _story, anchors = story_dates(groups, units, len(article_ids))
    membership = Counter(m for group in groups for m in group.members)
    shared = frozenset(m for m, count in membership.items() if count > 1)
    facts = []
    for n, group in enumerate(groups, start=1):
        members = [units[m] for m in group.members]
        head = units[_central(group, sim, shared)]
        claim = head.claim
        sources = tuple(dict.fromkeys(u.article_id for u in members))
        date = _fact_date(group, units, anchors, copies.origin_of)
        actors = _actors(members, index)
        told = sorted([*members, *(units[m] for m in group.restated)], key=_unit_order)
        evidence = tuple(
            Evidence(article_id=u.article_id, span=u.span, attribution=u.attribution) for u in told
        )
        facts.append(
            Fact(
                id=f"f{n}",
                statement=head.span.text,
                category=claim.category if claim else None,
                modality=claim.modality if claim else None,
                polarity=claim.polarity if claim else None,
                date=date,
                evidence=evidence,
                sources=sources,
                omitted_by=tuple(a for a in article_ids if a not in sources),
                origins=independent_origins(evidence, copies, resolve),
                actors=actors,
                reason=_reason(group, units, sim),
            )
        )
    return tuple(facts)


def _actors(members: Sequence[Unit], index: EntityIndex) -> tuple[str, ...]:
    """Entities named by the claims' actors, else by most of the fact's sentences."""
    keyed: list[str] = []
    for u in members:
        claim = u.claim
        for key in claim.actors if claim else ():
            ent = index.key_of(key)
            if ent and ent not in keyed:
                keyed.append(ent)
    if keyed:
        return tuple(keyed)
    counts = Counter(e for u in members for e in set(u.entities))
    need = max(1, (len(members) + 1) // 2)
    ordered = [e for u in members for e in u.entities]
    return tuple(dict.fromkeys(e for e in ordered if counts[e] >= need))


def _reason(group: FactGroup, units: Sequence[Unit], sim: Scores) -> str:
    if len(group.members) == 1:
        return "reported by one article only"
    pairs = pair_scores(sim, group.members)
    low, high = float(pairs.min()), float(pairs.max())
    told = len(group.members) + len(group.restated)
    again = f" ({len(group.restated)} told again by its article)" if group.restated else ""
    return (
        f"{told} sentences of {len(group.members)} articles{again} aligned by "
        f"lexical similarity (TF-IDF on the story, shared numbers, the context of sentences "
        f"that point back; close mutual matches confirmed by sentence embeddings): "
        f"{low:.2f} to {high:.2f}"
    )
