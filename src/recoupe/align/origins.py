"""Independent origins: which articles are one voice, and which statements one primary source.

Two articles are one origin when ingest found one a copy of the other, or when
several of their sentences share most of their wording (word 5-grams): a reprint
or a rewrite of the same wire copy. Separately, statements credited to the same
primary source (the same readout, post or spokesperson) are one origin however
many outlets relay them, so "five outlets say X" can read "two independent
sources, relayed by five outlets".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from recoupe.model import AnalyzedArticle, Duplicate, Evidence, Origin, Source

from .names import fold
from .similarity import shared_counts
from .units import Unit

__all__ = ["article_origins", "evidence_origin", "primary_origins"]

# Maps a source to the entity id it names, so "Macron" and "Emmanuel Macron" are one.
Resolver = Callable[[Source], str | None]
SHINGLE = 5
# A pair of articles shares wording when this many sentences of the shorter one
# (or this share of them) find most of their 5-grams in the other.
MIN_SHARED_SENTENCES = 2
MIN_SHARED_SHARE = 0.25
# Sentence pairs shown as the evidence that two articles share wording: enough to see
# it, and an origin of n articles shows n - 1 such links (those that joined it), so
# that 200 reprints of one dispatch do not print every pair of them.
EVIDENCE_PAIRS = 2
# Named sources (not the outlet itself) whose statements can be relayed.
PRIMARY_KINDS = frozenset({"person", "institution", "readout", "agency"})


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = fold(text).split()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class _UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            i = self.parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def article_origins(
    analyzed: Sequence[AnalyzedArticle],
    units: Sequence[Unit],
    duplicates: Sequence[Duplicate],
    *,
    shared_wording: float,
) -> tuple[list[Origin], dict[str, str], frozenset[frozenset[str]]]:
    """Article-level origins (o1, o2 ...), the origin id of every article, and the pairs
    of articles that copy one another (a duplicate, or sharing wording).

    An origin joins the articles that copy one another, step by step: an article that
    blends two dispatches joins their copies in one origin though they share nothing.
    The pairs say which two articles print the same text themselves.
    """
    ids = [item.article.id for item in analyzed]
    order = {a: i for i, a in enumerate(ids)}
    uf = _UnionFind(ids)
    why: dict[frozenset[str], tuple[str, str, list[Evidence]]] = {}
    pairs: set[frozenset[str]] = set()
    for dup in duplicates:
        if dup.article_id in order and dup.of_id in order:
            uf.union(dup.article_id, dup.of_id)
            pairs.add(frozenset((dup.article_id, dup.of_id)))
            why[frozenset((dup.article_id, dup.of_id))] = (
                "duplicate",
                f"{dup.kind} copy (similarity {dup.similarity:.2f})",
                [],
            )
    by_article: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_article[u.article_id].append(u)
    copied = _shared_sentences(units, order, shared_wording)
    for a, b in sorted(copied, key=lambda pair: (order[pair[0]], order[pair[1]])):
        count, shared = copied[(a, b)]
        smaller = min(len(by_article[a]), len(by_article[b])) or 1
        copies = count >= MIN_SHARED_SENTENCES or (
            count / smaller >= MIN_SHARED_SHARE and smaller > 1
        )
        if copies:
            pairs.add(frozenset((a, b)))
        if copies and uf.find(a) != uf.find(b):
            uf.union(a, b)
            evidence = [
                Evidence(article_id=u.article_id, span=u.span)
                for pair in shared[:EVIDENCE_PAIRS]
                for u in pair
            ]
            why.setdefault(
                frozenset((a, b)),
                (
                    "shared_wording",
                    f"{count} sentences share most of their wording",
                    evidence,
                ),
            )
    groups: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        groups[uf.find(a)].append(a)
    origins: list[Origin] = []
    origin_of: dict[str, str] = {}
    for members in sorted(groups.values(), key=_first_index(order)):
        oid = f"o{len(origins) + 1}"
        kind, reason, evidence = "single", "no other article shares its wording", []
        if len(members) > 1:
            found = [why[k] for k in why if k <= set(members)]
            kind = "duplicate" if any(f[0] == "duplicate" for f in found) else "shared_wording"
            reason = "; ".join(sorted({f[1] for f in found}))
            evidence = [e for f in found for e in f[2]]
        origins.append(
            Origin(
                id=oid, articles=tuple(members), kind=kind, reason=reason, evidence=tuple(evidence)
            )
        )
        for a in members:
            origin_of[a] = oid
    return origins, origin_of, frozenset(pairs)


def _first_index(order: dict[str, int]):
    def first(members: list[str]) -> int:
        return min(order[a] for a in members)

    return first


def _shared_sentences(
    units: Sequence[Unit], order: dict[str, int], threshold: float
) -> dict[tuple[str, str], tuple[int, list[tuple[Unit, Unit]]]]:
    """For each pair of articles (the earlier first), how many sentences of the earlier one
    find a sentence of the later one that shares most of its 5-grams, and the first
    ``EVIDENCE_PAIRS`` of them (each with the first such sentence of the later one).

    Shared 5-grams are counted for the pairs of sentences that have any, by one sparse
    product, and the matches sorted out over arrays: never by comparing every sentence
    of every pair of articles, nor one pair of sentences at a time.
    """
    shingles = [_shingles(u.sentence.text) for u in units]
    common = shared_counts(shingles).tocoo()
    sizes = np.asarray([len(found) for found in shingles], dtype=np.float64)
    # measured against the longer sentence: a formulaic run of titles and names
    # inside two different sentences is not a shared copy
    alike = common.data / np.maximum(sizes[common.row], sizes[common.col]) >= threshold
    i, j = common.row[alike], common.col[alike]
    ids = [u.article_id for u in units]
    place = np.asarray([order[a] for a in ids], dtype=np.int64)
    later = place[i] < place[j]
    i, j = i[later], j[later]
    # each sentence's first match in each later article (sentence by sentence, the later
    # articles by id)
    named = {a: n for n, a in enumerate(sorted(order))}
    b = np.asarray([named[a] for a in ids], dtype=np.int64)[j]
    by = np.lexsort((j, b, i))
    i, j, b = i[by], j[by], b[by]
    first = np.ones(len(i), dtype=bool)
    first[1:] = (i[1:] != i[:-1]) | (b[1:] != b[:-1])
    i, j = i[first], j[first]
    # the matches of each pair of articles, its sentences in order
    pair = place[i] * len(order) + place[j]
    by = np.argsort(pair, kind="stable")
    _, starts, counts = np.unique(pair[by], return_index=True, return_counts=True)
    x, y, by = i.tolist(), j.tolist(), by.tolist()
    found = {}
    for start, count in zip(starts.tolist(), counts.tolist(), strict=True):
        shown = by[start : start + min(count, EVIDENCE_PAIRS)]
        found[(ids[x[shown[0]]], ids[y[shown[0]]])] = (
            count,
            [(units[x[k]], units[y[k]]) for k in shown],
        )
    return found


def source_key(source: Source | None, resolve: Resolver | None = None) -> str | None:
    """The identity of a primary source: its entity (or key, or name) and channel; None for
    the outlet itself."""
    if source is None or source.kind not in PRIMARY_KINDS:
        return None
    who = (resolve(source) if resolve else None) or source.key
    who = who or (fold(source.name) if source.name else None)
    if not who:
        return None
    return f"{who}|{fold(source.channel)}" if source.channel else who


def evidence_origin(
    ev: Evidence, origin_of: dict[str, str], resolve: Resolver | None = None
) -> str:
    """The independent origin of one piece of evidence: its primary source, else its article's."""
    return source_key(ev.attribution, resolve) or origin_of.get(ev.article_id, ev.article_id)


def primary_origins(
    units: Sequence[Unit], start: int, resolve: Resolver | None = None
) -> list[Origin]:
    """Primary sources relayed by two or more articles, as origins numbered from ``start``."""
    by_source: dict[str, list[Unit]] = defaultdict(list)
    names: dict[str, str] = {}
    for u in units:
        key = source_key(u.attribution, resolve)
        if key and u.attribution is not None:
            by_source[key].append(u)
            names.setdefault(key, u.attribution.name or key)
    origins: list[Origin] = []
    for key in sorted(by_source, key=_first_unit(by_source)):
        relayed = by_source[key]
        articles = tuple(dict.fromkeys(u.article_id for u in relayed))
        if len(articles) < 2:
            continue
        origins.append(
            Origin(
                id=f"o{start + len(origins)}",
                articles=articles,
                kind="primary_source",
                reason=f"statements credited to {names[key]} relayed by {len(articles)} articles",
                evidence=tuple(
                    Evidence(article_id=u.article_id, span=u.span, attribution=u.attribution)
                    for u in relayed
                ),
            )
        )
    return origins


def _first_unit(by_source: dict[str, list[Unit]]):
    def first(key: str) -> tuple[int, int, str]:
        u = by_source[key][0]
        return (u.article, u.position, key)

    return first


def accounts_apart(
    sides: Sequence[Collection[str]],
    origin_of: Mapping[str, str],
    copies: Collection[frozenset[str]] | None = None,
) -> bool:
    """Whether the articles of different sides are independent accounts: of different
    origins, or (with the ``copies`` pairs) two articles on two sides that do not print
    one another's text, though an article running both their dispatches makes them one
    origin."""
    if len({origin_of.get(a, a) for side in sides for a in side}) > 1:
        return True
    if copies is None:
        return False
    return any(
        a != b and frozenset((a, b)) not in copies
        for i, one in enumerate(sides)
        for other in sides[i + 1 :]
        for a in set(one) - set(other)
        for b in set(other) - set(one)
    )
