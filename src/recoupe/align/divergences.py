"""Divergences: where the accounts of one fact differ, and what some accounts leave out.

Rules on aligned facts (no French NLI model works offline, DEPENDENCIES.md §3.6):
the sentences of one fact are compared slot by slot (``compare``), facts most
articles carry are looked for in the others (``omissions``); loaded words only some
outlets use frame the whole story (``wording.loaded``). The names the articles give the
events are no divergence: ``wording.find_wording`` lists them apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence

from recoupe.model import AnalyzedArticle, Divergence, DossierQuote, Fact

from .attribution import quotations
from .compare import compare_fact
from .contrasts import contrasts
from .dates import article_bases
from .entities import EntityIndex
from .facts import FactGroup
from .negotiations import negotiation_divergences
from .omissions import omissions, silences
from .origins import Resolver
from .quote_variants import quote_variants
from .readouts import official_accounts
from .repeated import Scores
from .sides import Found, numbered, side
from .units import Unit
from .wording import loaded

__all__ = ["find_divergences"]


def _page_dates(
    analyzed: Sequence[AnalyzedArticle], units: Sequence[Unit], story_date: str | None
) -> list[Found]:
    """Articles dated far from the story: their "today" is the page's day, not the event's."""
    if story_date is None:
        return []
    bases = article_bases(analyzed)
    found: list[Found] = []
    for item in analyzed:
        article = item.article
        if article.published is None or bases.get(article.id) is not None:
            continue
        relative = [
            u
            for u in units
            if u.article_id == article.id and any(d.kind == "date" and d.relative for d in u.dates)
        ]
        dated: dict[str, Unit] = {}
        for u in units:
            if u.day == story_date and u.article_id != article.id:
                dated.setdefault(u.article_id, u)
        if not relative:
            continue
        found.append(
            Found(
                "date",
                f"the article is dated {article.published.isoformat()}, far from the story's "
                f"{story_date}: its relative dates read against that date contradict the others",
                (),
                (
                    side(f"page dated {article.published.isoformat()}", relative),
                    side(f"on {story_date}", list(dated.values()), story_date),
                ),
            )
        )
    return found


def _evidence_keys(found: Found) -> frozenset[tuple[str, int, int]]:
    return frozenset(
        (e.article_id, e.span.start, e.span.end) for s in found.sides for e in s.evidence
    )


def _same_topic(a: Found, b: Found) -> bool:
    """Two findings of one disagreement: one kind, and one count (or else one reason)."""
    if a.kind != b.kind:
        return False
    return a.about == b.about if a.about and b.about else a.reason == b.reason


# Kinds whose findings of one topic tell one story: the updates of one count (an
# evolution) found from two overlapping facts are one evolution, shown once.
_ONE_PER_TOPIC = frozenset({"evolution"})


def _inside(
    small: frozenset[tuple[str, int, int]], large: frozenset[tuple[str, int, int]], n: int, m: int
) -> bool:
    """Evidence ``small`` (finding n) lies within ``large`` (finding m); the earlier of
    two equal ones is kept."""
    return small <= large and (small < large or m < n)


def _mostly_inside(
    f: Found,
    g: Found,
    small: frozenset[tuple[str, int, int]],
    large: frozenset[tuple[str, int, int]],
    order: tuple[int, int],
) -> bool:
    """For an evolution ``f``: at least half of its evidence ``small`` lies in that of
    ``g``, the larger one (more moments told, then more evidence, then earlier)."""
    n, m = order
    if f.kind not in _ONE_PER_TOPIC:
        return False
    if (len(f.sides), len(small), -n) >= (len(g.sides), len(large), -m):
        return False
    return 2 * len(small & large) >= len(small)


def _told_over_time(
    f: Found,
    g: Found,
    small: frozenset[tuple[str, int, int]],
    large: frozenset[tuple[str, int, int]],
) -> bool:
    """``f`` is a value divergence of the count ``g`` shows growing with the moments its
    accounts tell, and half of ``f``'s evidence is in ``g``: figures of one count the hour
    explains (30 injured at noon, 52 by the evening), not a disagreement."""
    return (
        f.kind == "value"
        and g.kind == "evolution"
        and bool(f.about)
        and f.about == g.about
        and 2 * len(small & large) >= len(small)
    )


def merge_contained(found: Sequence[Found]) -> list[Found]:
    """One divergence per disagreement: one whose evidence lies within another's of the
    same kind and topic (two overlapping facts of one toll give it twice, or the fact's
    sentences and an article searched for it) gives way to the larger, which takes over
    its facts; an evolution gives way to a larger one of its count holding half of its
    evidence; a value divergence gives way to the evolution of its count that holds half
    of its evidence."""
    keys = [_evidence_keys(f) for f in found]
    kept: list[Found] = []
    for n, f in enumerate(found):
        wider = next(
            (
                m
                for m, g in enumerate(found)
                if m != n
                and (
                    (
                        _same_topic(f, g)
                        and (
                            _inside(keys[n], keys[m], n, m)
                            or _mostly_inside(f, g, keys[n], keys[m], (n, m))
                        )
                    )
                    or _told_over_time(f, g, keys[n], keys[m])
                )
            ),
            None,
        )
        if wider is None:
            facts = [f.facts] + [
                g.facts for m, g in enumerate(found) if _same_topic(f, g) and keys[m] <= keys[n]
            ]
            merged = tuple(dict.fromkeys(fid for ids in facts for fid in ids))
            kept.append(dataclasses.replace(f, facts=merged))
    return kept


def find_divergences(
    analyzed: Sequence[AnalyzedArticle],
    facts: Sequence[Fact],
    groups: Sequence[FactGroup],
    units: Sequence[Unit],
    sim: Scores,
    *,
    omission_share: float,
    threshold: float,
    story_date: str | None = None,
    resolve: Resolver | None = None,
    origin_of: Mapping[str, str] | None = None,
    quotes: Sequence[DossierQuote] = (),
    index: EntityIndex | None = None,
    copies: Collection[frozenset[str]] = (),
) -> tuple[Divergence, ...]:
    """Every divergence of the story, most certain first, with ids v1, v2 ...

    ``resolve`` names the entity behind a source, so that two names of one source agree;
    ``origin_of`` gives each article's origin (copies of one dispatch share one);
    ``copies`` the pairs of articles that print one another's text.
    """
    origin_of = origin_of or {}
    found: list[Found] = []
    for fact, group in zip(facts, groups, strict=True):
        found += compare_fact(
            fact,
            [units[m] for m in group.members],
            resolve,
            origin_of=origin_of,
            context=units,
            index=index,
            copies=copies,
        )
    found += omissions(
        facts,
        groups,
        units,
        sim,
        analyzed=analyzed,
        origin_of=origin_of,
        n_articles=len(analyzed),
        share=omission_share,
        threshold=threshold,
    )
    fact_of = {m: fact.id for fact, group in zip(facts, groups, strict=True) for m in group.members}
    found += negotiation_divergences(units, origin_of=origin_of, copies=copies, fact_of=fact_of)
    found += silences(facts, groups, units)
    found += _page_dates(analyzed, units, story_date)
    found += quote_variants(quotes, units, origin_of, copies)
    found += quotations(analyzed, resolve, origin_of=origin_of, copies=copies)
    found += loaded(analyzed)
    if index is not None:
        found += contrasts(units, index, copies)
        found += official_accounts(units, index, resolve, origin_of=origin_of, copies=copies)
    found = merge_contained(found)
    found.sort(key=lambda f: -f.confidence)  # stable: rules' order within one confidence
    return numbered(found, "v")
