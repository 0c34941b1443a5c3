"""Dated clauses: a clause of a fact that the accounts put on another day than the fact.

A fact is a set of sentences, one per article, and a sentence often tells more than one
event: "Samedi, la direction du port a cédé aux dockers, qui réclament une prime" and "Cet
accord devrait satisfaire les dockers, qui avaient réclamé jeudi une prime de risque" are
one fact (the concession, on Saturday) holding an earlier one (the demand, on Thursday).
The fact takes the day of its main event; the demand loses its own, and the timeline
lacks it.

So the sentences of each fact reported by two independent origins are cut into clauses
at their commas, semicolons, colons and dashes (a piece shorter than ``MIN_CHARS`` joins
the next), and only clauses that carry an event (a predicate other than a verb of
saying) or a figure are kept. Clauses of different articles are aligned as facts are
(TF-IDF over the story's clauses, at the fact threshold, one clause per article, every two
alike at ``NEAR_CLIQUE`` of it). A group of clauses from two origins or more, dated by its
own date words to a day (or a month) other than the fact's, becomes a fact of its own:
id ``<fact>.<n>``, ``part_of`` the fact, listed just before it, evidence the clauses.
Nothing else changes: divergences and omissions stay with the fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from recoupe.model import Evidence, Fact, TextSpan

from .dates import resolve_day
from .grouping import NEAR_CLIQUE, FactGroup
from .origins import Copies, Resolver, independent_origins
from .similarity import block_similarities
from .units import Unit, in_digits

__all__ = ["MIN_CHARS", "dated_clauses"]

# A piece of a sentence shorter than this joins the next one: "Le Premier ministre," is
# no clause of its own. Dev stories and seeds: 20, 30 and 45 give the same dated clauses.
MIN_CHARS = 30
_CUT = re.compile(r"[,;:]\s+|\s+[-–—]\s+")
_TRIM = " ,;:.-–—"
# Claims whose predicate is a verb of saying tell no event of their own.
_SAYING = "STATEMENT"
# Roles of a date that dates its clause's own event ("noun" names a thing in passing).
_OWN_ROLES = ("main", "clause", None)


@dataclass(frozen=True, slots=True)
class _Clause:
    fact: int  # position of the fact
    unit: Unit
    span: TextSpan  # offsets in the article


def dated_clauses(
    facts: Sequence[Fact],
    groups: Sequence[FactGroup],
    units: Sequence[Unit],
    *,
    threshold: float,
    copies: Copies,
    resolve: Resolver | None = None,
) -> tuple[Fact, ...]:
    """``facts`` with, before each, the clauses of it that its accounts date otherwise."""
    origin_of = copies.origin_of
    clauses = [
        c
        for pos, (fact, group) in enumerate(zip(facts, groups, strict=True))
        if len({origin_of.get(a, a) for a in fact.sources}) > 1
        for m in group.members
        for c in _clauses_of(pos, units[m])
    ]
    if len(clauses) < 2:
        return tuple(facts)
    by_fact: dict[int, list[int]] = {}
    for k, c in enumerate(clauses):
        by_fact.setdefault(c.fact, []).append(k)
    blocks = list(by_fact.values())
    sims = dict(
        zip(by_fact, block_similarities([c.span.text for c in clauses], blocks), strict=True)
    )
    out: list[Fact] = []
    for pos, fact in enumerate(facts):
        parts: list[Fact] = []
        if pos not in by_fact:
            out.append(fact)
            continue
        mine = [clauses[k] for k in by_fact[pos]]
        for group in _aligned(mine, sims[pos], threshold):
            told = [mine[k] for k in group]
            if len({origin_of.get(c.unit.article_id, c.unit.article_id) for c in told}) < 2:
                continue
            day = _day(told)
            if day is not None and day != fact.date:
                parts.append(_part(fact, len(parts) + 1, told, day, copies, resolve))
        out += parts
        out.append(fact)
    return tuple(out)


def _clauses_of(pos: int, u: Unit) -> list[_Clause]:
    """The sentence's clauses that carry an event or a figure."""
    text, start = u.sentence.text, u.sentence.start
    cuts = [0, *(m.end() for m in _CUT.finditer(text)), len(text)]
    pieces: list[tuple[int, int]] = []
    for a, b in pairwise(cuts):
        if b <= a:
            continue
        if pieces and pieces[-1][1] - pieces[-1][0] < MIN_CHARS:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    if len(pieces) > 1 and pieces[-1][1] - pieces[-1][0] < MIN_CHARS:
        last = pieces.pop()
        pieces[-1] = (pieces[-1][0], last[1])
    if len(pieces) < 2:
        return []  # one clause: the fact itself
    found = []
    for a, b in pieces:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        end = a + len(piece.rstrip(_TRIM))
        span = TextSpan(start=start + a + lead, end=start + end, text=text[a + lead : end])
        if span.end > span.start and _eventful(u, span):
            found.append(_Clause(pos, u, span))
    return found


def _eventful(u: Unit, span: TextSpan) -> bool:
    return any(c.category != _SAYING and _inside(c.predicate, span) for c in u.claims) or any(
        in_digits(q) and _inside(q.span, span) for q in u.quantities
    )


def _aligned(clauses: Sequence[_Clause], sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of clauses of different articles, best pair first, every two alike."""
    ks = range(len(clauses))
    articles = np.array([c.unit.article for c in clauses])
    close = np.triu(sim >= threshold, 1) & (articles[:, None] != articles[None, :])
    links = sorted(
        ((float(sim[i, j]), int(i), int(j)) for i, j in np.argwhere(close)),
        key=lambda link: (-link[0], link[1], link[2]),
    )
    group_of = {k: frozenset([k]) for k in ks}
    for _score, i, j in links:
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        if {clauses[k].unit.article_id for k in a} & {clauses[k].unit.article_id for k in b}:
            continue
        if min(float(sim[x, y]) for x in a for y in b) < NEAR_CLIQUE * threshold:
            continue
        merged = a | b
        for k in merged:
            group_of[k] = merged
    return [sorted(g) for g in dict.fromkeys(group_of.values()) if len(g) > 1]


def _day(told: Sequence[_Clause]) -> str | None:
    """The day (or month) the clauses date their own events to, the most named; None if
    none. A date of a verb of saying ("a annoncé dimanche") dates the announcement, not
    the event announced."""
    days: Counter[str] = Counter()
    for c in told:
        base = dt.date.fromisoformat(c.unit.base) if c.unit.base else None
        for claim in c.unit.claims:
            if claim.category == _SAYING or not _inside(claim.predicate, c.span):
                continue
            for ref in claim.dates:
                if ref.kind != "date" or ref.role not in _OWN_ROLES:
                    continue
                if not _inside(ref.span, c.span):
                    continue
                day = resolve_day(ref, base)
                if day is None and ref.iso and len(ref.iso) == 7:
                    day = ref.iso  # a month: "en juin dernier"
                if day:
                    days[day] += 1
    if not days:
        return None
    best = max(days.values())
    return next(d for d in days if days[d] == best)


def _names_day(c: _Clause) -> bool:
    return any(ref.kind == "date" and _inside(ref.span, c.span) for ref in c.unit.dates)


def _inside(span: TextSpan, clause: TextSpan) -> bool:
    return clause.start <= span.start and span.end <= clause.end


def _part(
    fact: Fact,
    n: int,
    told: Sequence[_Clause],
    day: str,
    copies: Copies,
    resolve: Resolver | None,
) -> Fact:
    told = sorted(told, key=lambda c: (c.unit.article, c.span.start))
    evidence = tuple(
        Evidence(article_id=c.unit.article_id, span=c.span, attribution=c.unit.attribution)
        for c in told
    )
    sources = tuple(dict.fromkeys(e.article_id for e in evidence))
    # the statement: the clause that names the day, the longest of those that do
    head = max(told, key=lambda c: (_names_day(c), c.span.end - c.span.start))
    claim = next(
        (
            cl
            for c in (head, *told)
            for cl in c.unit.claims
            if cl.category != _SAYING and _inside(cl.predicate, c.span)
        ),
        None,
    )
    return Fact(
        id=f"{fact.id}.{n}",
        statement=head.span.text,
        category=claim.category if claim else None,
        modality=claim.modality if claim else None,
        polarity=claim.polarity if claim else None,
        date=day,
        evidence=evidence,
        sources=sources,
        omitted_by=tuple(a for a in (*fact.sources, *fact.omitted_by) if a not in sources),
        origins=independent_origins(evidence, copies, resolve),
        actors=fact.actors,
        reason=f"a clause of {fact.id} that {len(sources)} accounts date to {day}; "
        + (f"the fact is dated {fact.date}" if fact.date else "the fact has no day"),
        part_of=fact.id,
    )
