"""Grouping: which sentences of different articles state one fact.

Steps over the story's sentences (units), at most one sentence per article among a
fact's members (an article that tells it twice adds its second telling as evidence,
step 5), and every two sentences of a fact alike in their own words at least
``NEAR_CLIQUE`` times the threshold (a fact is a near-clique, not a chain; the
context a pointing-back sentence borrows may propose a link, it cannot hold a fact
together on its own). Two linked sentences that share few words of their own still count
as alike when the mean of their own similarity and their embedding cosine reaches
``vouch_threshold`` (``vouched_links``): a paraphrase ("a démissionné" / "a quitté ses
fonctions") the encoder confirms, not a link the borrowed context alone made:

1. Links. Two sentences of different articles may state one fact when their
   similarity reaches the threshold, or when each is the other's best match in the
   other article and the match is close enough: lexically (``mutual_threshold``),
   or, with the optional sentence encoder, by the mean of the lexical and the
   embedding cosine (``hybrid_threshold``) when they share at least a few words
   (``weak_threshold``). A mutual best match is a paraphrase far more often than a
   chance hit; the embedding confirms paraphrases that share few words.
2. Facts, one per sentence. Single-linkage clustering over the links, best link
   first, where two clusters merge only if they share no article, stay a
   near-clique and are alike on average. Each sentence then belongs to one fact,
   so that two accounts competing for one article's place are settled once for
   the whole story, not once per seed.
3. Facts that share sentences. A sentence can state two facts that another article
   tells in two sentences ("40 prisonniers, ainsi que les dépouilles de 12
   marins" against one sentence for each). Every sentence grows its own
   near-clique along the links; such a group is kept when it adds a pair of
   sentences, unless it merely swaps a sentence of a fact already kept for another
   sentence of the same article that says much the same (their own words alike at
   ``alike`` or more): that is the same fact told with another sentence, and a
   second copy of it would pair sentences that do not state it.
4. Tolls. Outlets give a count (arrests, injured, turnout) with different figures,
   taken at different hours or from different sources, in sentences that share few
   words; the tally is still one fact whose figures diverge. For each thing counted
   (``Quantity.counts``, not the vague "people"), the sentences of different
   articles whose figures lie within ``toll_ratio`` of one another, one per article
   and of one day, form one more fact: the tally most articles give.
5. Restated facts. An article that tells one fact twice (in its lead and lower
   down, in a dispatch's words and in its own) may split it in two facts, each
   telling linked to other outlets' sentences. Two facts whose shared articles tell
   them in sentences alike in their own words (``RESTATED_ALIKE``) and that stay a
   near-clique across are joined; the second telling is kept as evidence
   (``FactGroup.restated``, ``restated.py``).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from recoupe.model import Quantity

from .candidates import best_in_article, pairs_at_least, scores_of
from .repeated import Repeated, Scores, pair_scores, sum_in_order
from .restated import join_restated
from .units import VAGUE_COUNTS, Unit, in_digits

__all__ = ["NEAR_CLIQUE", "FactGroup", "group_units", "toll_groups"]

# Share of the threshold that every two sentences of one fact must reach in their own
# words, unless they are a link the embedding vouches for (``vouched_links``). 0.6 was
# tuned on the seeds; 0.56 once figures counting different things lower the score
# (similarity.OTHER_COUNTS_PENALTY). Leave-one-out on the dev stories and the seeds:
# the other stories are best together from 0.54 to 0.59 with dev story 1 held out, at 0.57
# with dev story 2 or dev story 3 held out, and each held-out story gains there (pair F1
# dev story 1 0.616 -> 0.625, dev story 2 0.634 -> 0.642, dev story 3 0.719 -> 0.742, seeds
# unchanged). 0.57 is best on all four by one dev story 1 group and sits beside a drop (0.58:
# dev story 1 0.611); 0.56 holds every gain but that one. At 0.50 dev story 1's pair precision
# falls below 0.80.
NEAR_CLIQUE = 0.56
# Own-word similarity at which two sentences of one article tell one fact twice, so
# that the two facts they split are joined (``restated``). Leave-one-out on the dev
# stories and the seeds: the seeds' pair precision falls from 0.902 to 0.804 at 0.25
# (two things said of one call joined); from 0.30 up the seeds, dev story 2 and dev
# story 3 do not change and dev story 1 joins one split fact up to 0.43 (support
# 0.736 -> 0.743, pair F1 0.625 -> 0.632). So each held-out story is scored in the same
# flat range; 0.35 keeps away from the fall.
RESTATED_ALIKE = 0.35


@dataclass(frozen=True, slots=True)
class FactGroup:
    """The units that state one fact (story order) and the pairwise scores that joined them."""

    members: tuple[int, ...]  # one per article
    scores: tuple[float, ...]  # the similarity of each joined pair, in join order
    # other sentences of the members' articles that tell the fact again (``restated``)
    restated: tuple[int, ...] = ()


Edge = tuple[float, int, int]  # (similarity, unit, unit)
EdgeArrays = tuple[np.ndarray, np.ndarray, np.ndarray]  # the edges' scores, units, units


def group_units(
    units: Sequence[Unit],
    sim: Scores,
    *,
    threshold: float,
    mutual_threshold: float,
    own: Scores | None = None,
    confirm: Scores | None = None,
    weak_threshold: float = 0.0,
    hybrid_threshold: float = 1.0,
    vouch_threshold: float = math.inf,
    toll_ratio: float = 0.0,
) -> list[FactGroup]:
    """Group units of different articles into facts (see the module docstring).

    ``sim`` is the similarity the links are read from; ``own`` compares the units'
    own words (without the context a pointing-back sentence borrows) and tells
    whether two sentences of one article say the same; ``confirm`` is the
    sentence-embedding cosine, or None without the encoder; ``vouch_threshold`` the
    mean of own similarity and embedding cosine at which a link holds its two sentences
    together though their own words are not alike (``vouched_links``); ``toll_ratio`` is
    the widest ratio between two figures of one tally (step 4; below 1, no such step).
    """
    own = sim if own is None else own
    article = [u.article for u in units]
    low = threshold * NEAR_CLIQUE
    edges = _edge_arrays(
        article,
        sim,
        threshold=threshold,
        mutual_threshold=mutual_threshold,
        confirm=confirm,
        weak_threshold=weak_threshold,
        hybrid_threshold=hybrid_threshold,
    )
    vouched = vouched_links(edges, own, confirm, low=low, bar=vouch_threshold)
    primary = _exclusive_clusters(
        article,
        sim,
        own,
        _listed(edges),
        low=low,
        floor=min(threshold, mutual_threshold),
        vouched=vouched,
    )
    grown = _grown_cliques(article, own, edges, low=low, vouched=vouched)
    kept = _add_distinct(primary, grown, article, own, alike=mutual_threshold)
    kept = _add_tolls(kept, toll_groups(units, sim, ratio=toll_ratio))
    joined = join_restated(kept, article, own, sim, low=low, alike=RESTATED_ALIKE, vouched=vouched)
    in_fact = {m for members, _, again in joined for m in (*members, *again)}
    joined += [((u.index,), (), ()) for u in units if u.index not in in_fact]
    groups = [FactGroup(members=m, scores=s, restated=again) for m, s, again in joined]
    groups.sort(key=_group_order(units))
    return groups


def vouched_links(
    edges: EdgeArrays, own: Scores, confirm: Scores | None, *, low: float, bar: float
) -> dict[int, set[int]]:
    """The links whose two sentences are not alike in their own words (below ``low``) but
    whose mean of own similarity and embedding cosine reaches ``bar``: each unit's such
    partners. Such a pair may sit in one fact (see the module docstring); none without
    the encoder."""
    found: dict[int, set[int]] = {}
    _score, i, j = edges
    if confirm is None or not len(i):
        return found
    alike = scores_of(own, i, j)
    mean = (alike + scores_of(confirm, i, j)) / 2
    keep = (alike < low) & (mean >= bar)
    for a, b in zip(i[keep].tolist(), j[keep].tolist(), strict=True):
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found


def candidate_edges(
    article: Sequence[int],
    sim: Scores,
    *,
    threshold: float,
    mutual_threshold: float,
    confirm: Scores | None = None,
    weak_threshold: float = 0.0,
    hybrid_threshold: float = 1.0,
) -> list[Edge]:
    """Pairs of units of different articles that may state one fact, most similar first.

    Only pairs at or above the lowest threshold can be links (``candidates.py``): they
    are found at once, then tested together over numpy arrays, never one by one.
    """
    return _listed(
        _edge_arrays(
            article,
            sim,
            threshold=threshold,
            mutual_threshold=mutual_threshold,
            confirm=confirm,
            weak_threshold=weak_threshold,
            hybrid_threshold=hybrid_threshold,
        )
    )


def _listed(edges: EdgeArrays) -> list[Edge]:
    score, i, j = edges
    return list(zip(score.tolist(), i.tolist(), j.tolist(), strict=True))


def _edge_arrays(
    article: Sequence[int],
    sim: Scores,
    *,
    threshold: float,
    mutual_threshold: float,
    confirm: Scores | None = None,
    weak_threshold: float = 0.0,
    hybrid_threshold: float = 1.0,
) -> EdgeArrays:
    """``candidate_edges`` as arrays: scores, units, units."""
    arts = np.asarray(article, dtype=np.int64)
    floor = min(threshold, mutual_threshold if confirm is None else weak_threshold)
    i, j = pairs_at_least(sim, floor, ordered=False)  # sorted below, once they are links
    apart = arts[i] != arts[j]
    i, j = i[apart], j[apart]
    row = scores_of(sim, i, j)
    table, rows = best_in_article(arts, sim)
    column = np.searchsorted(np.unique(arts), arts)  # each unit's article, as a column
    keep = row >= threshold
    # below the threshold: each the other's best match in the other's article, and close
    mutual = (table[rows[i], column[j]] == j) & (table[rows[j], column[i]] == i)
    if confirm is None:
        close = row >= mutual_threshold
    else:
        hybrid = (row + scores_of(confirm, i, j)) / 2
        close = (row >= weak_threshold) & (hybrid >= hybrid_threshold)
    keep |= mutual & close
    i, j, row = i[keep], j[keep], row[keep]
    order = np.lexsort((j, i, -row))  # most similar first, then story order
    return row[order], i[order], j[order]


def _exclusive_clusters(
    article: Sequence[int],
    sim: Scores,
    own: Scores,
    edges: Sequence[Edge],
    *,
    low: float,
    floor: float,
    vouched: dict[int, set[int]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """Single-linkage clusters along ``edges``: each unit in one cluster (step 2); every
    two units of a cluster alike (``low``) or a vouched link (``vouched_links``)."""
    cluster_of = list(range(len(article)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(article))}
    scores: dict[int, list[float]] = {i: [] for i in range(len(article))}
    arts: dict[int, set[int]] = {i: {article[i]} for i in range(len(article))}
    # two clusters that could not merge cannot while neither changes: the copies of one
    # dispatch give many links between the same two clusters
    refused: set[tuple[int, int, int, int]] = set()
    grown = [0] * len(article)  # times each cluster has grown
    for score, i, j in edges:
        a, b = cluster_of[i], cluster_of[j]
        if a == b or not arts[a].isdisjoint(arts[b]):
            continue
        pair = (a, b, grown[a], grown[b]) if a < b else (b, a, grown[b], grown[a])
        if pair in refused:
            continue
        across = np.ix_(members[a], members[b])
        apart = _apart(own[across], members[a], members[b], low, vouched or {})
        if apart or float(sim[across].mean()) < floor:
            refused.add(pair)
            continue
        keep, drop = min(a, b), max(a, b)
        members[keep] = sorted(members[a] + members[b])
        scores[keep] = scores[a] + scores[b] + [score]
        arts[keep] = arts[a] | arts[b]
        grown[keep] += 1
        for m in members[drop]:
            cluster_of[m] = keep
        del members[drop], scores[drop], arts[drop]
    return [(tuple(group), tuple(scores[key])) for key, group in members.items() if len(group) > 1]


def _apart(
    block: np.ndarray,
    left: Sequence[int],
    right: Sequence[int],
    low: float,
    vouched: dict[int, set[int]],
) -> bool:
    """Whether some unit of ``left`` and some of ``right`` (``block`` their own similarity)
    are neither alike nor a vouched link."""
    rows, cols = np.nonzero(np.asarray(block) < low)
    return any(
        right[c] not in vouched.get(left[r], ())
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True)
    )


def _grown_cliques(
    article: Sequence[int],
    own: Scores,
    edges: EdgeArrays,
    *,
    low: float,
    shortcuts: bool = True,
    vouched: dict[int, set[int]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """Each unit's near-clique, grown along the links of its members, best link first.

    A clique grown from each seed in turn. The growth is the same function of its
    members from any seed (``_grow``), so two seeds that reach one set of members
    reach one clique: a seed is left out when the growth of an earlier one shows it
    would only find that clique again (``_copies_grow_alike``, and a set of members
    met before while growing), which it would add nothing to. ``shortcuts=False``
    grows every seed in full (the reference the tests compare with). Two units alike
    in their own words (``low``) or joined by a vouched link (``vouched_links``) may sit
    in one clique.
    """
    arts = np.asarray(article)
    # which statements are alike enough, read once per distinct statement (repeated.py)
    if isinstance(own, Repeated):
        values, rows = own.values, own.rows
    else:
        values, rows = np.asarray(own), np.arange(len(article))
    links = _links(edges, rows, arts)
    alike = values >= low
    kin = _kin(alike, rows, vouched or {})
    skip = _copies_grow_alike(arts, _kinds(values, rows, alike), edges) if shortcuts else set()
    met: _Met | None = _Met(len(article)) if shortcuts else None
    found: dict[frozenset[int], tuple[float, ...]] = {}
    for seed in range(len(article)):
        if seed in skip:
            continue
        grown = _grow(seed, arts, kin, links, met)
        if grown is not None and len(grown[0]) > 1:
            found.setdefault(frozenset(grown[0]), tuple(grown[1]))
    inside = _inside_another(found)
    return [(tuple(sorted(key)), scores) for key, scores in found.items() if key not in inside]


def _grow(
    seed: int,
    arts: np.ndarray,
    kin: Kin,
    links: dict[int, Links],
    met: _Met | None = None,
) -> tuple[list[int], list[float]] | None:
    """The near-clique of ``seed``: the best link of any member joins, if its article is
    not in yet and its sentence is alike enough to every member; None when its members
    become those an earlier growth had (``met``): it would end in that one's clique.

    ``kin`` tells which units may sit together: the statements alike, each unit's
    statement and each unit's vouched links. A unit j is open (it could still join)
    while its article is free and every member is alike to it: its statement ``rows[j]``
    alike to every member's (``fits``, one entry per distinct statement), or, for the
    few units with vouched links, each member not alike a vouched link (``excused``).
    All of these only shrink, so a link that cannot join now never can, and only links
    to open units wait in the heap, each looked at once. What joins next is thus the
    open unit with the best link from any member (the first of equals): a function of
    the members alone, whatever the seed and the order they joined in.
    """
    alike, rows, vouching, place = kin.alike, kin.rows, kin.vouching, kin.place
    members, scores = [seed], []
    fits = alike[rows[seed]].copy()
    # for each unit with vouched links, whether every member so far is alike to it or one
    # of its vouched links (``excused``), kept up as members join: one vector operation
    # per member instead of a look at every member for every such unit
    excused = np.ones(len(kin.their_statements), dtype=bool)
    any_vouched = bool(len(excused))

    def excuse(unit: int) -> None:
        keep = alike[rows[unit]][kin.their_statements]
        partners = kin.partners.get(unit)
        if partners is not None:
            keep[partners] = True
        np.logical_and(excused, keep, out=excused)

    free = np.ones(int(arts.max()) + 1, dtype=bool)
    frontier: list[tuple[float, int]] = []
    # the best link to each unit in the heap: a weaker one to the same unit would come
    # out after it, when that unit has joined or cannot
    waiting = np.full(len(arts), -math.inf)

    def admit(unit: int) -> None:
        free[arts[unit]] = False
        np.logical_and(fits, alike[rows[unit]], out=fits)
        if any_vouched:
            excuse(unit)
        targets, weights, their_rows, their_arts = links.get(unit, _NO_LINKS)
        fit = fits[their_rows]
        if any_vouched:
            open_by_link = ~fit & vouching[targets]
            fit[open_by_link] = excused[place[targets[open_by_link]]]
        better = fit & free[their_arts] & (weights > waiting[targets])
        targets, weights = targets[better], weights[better]
        waiting[targets] = weights
        for j, score in zip(targets.tolist(), weights.tolist(), strict=True):
            heapq.heappush(frontier, (-score, j))

    admit(seed)
    if met is not None:
        met.start(members, seed)
    while frontier:
        neg, j = heapq.heappop(frontier)
        if not (fits[rows[j]] or (vouching[j] and excused[place[j]])) or not free[arts[j]]:
            continue
        members.append(j)
        scores.append(-neg)
        if met is not None and met.before(j):
            return None
        admit(j)
    return members, scores


@dataclass(frozen=True, slots=True)
class Kin:
    """Which units may sit in one fact, read once for every seed's growth."""

    alike: np.ndarray  # the distinct statements alike (``low`` or more)
    rows: np.ndarray  # each unit's statement
    vouching: np.ndarray  # whether each unit has vouched links (``vouched_links``)
    place: np.ndarray  # each such unit's position among them, -1 for the others
    their_statements: np.ndarray  # the statement of each unit with vouched links
    partners: dict[int, np.ndarray]  # each unit's vouched partners, by their position


def _kin(alike: np.ndarray, rows: np.ndarray, vouched: dict[int, set[int]]) -> Kin:
    vouchers = np.array(sorted(vouched), dtype=np.int64)
    place = np.full(len(rows), -1, dtype=np.int64)
    place[vouchers] = np.arange(len(vouchers))
    return Kin(
        alike=alike,
        rows=rows,
        vouching=place >= 0,
        place=place,
        their_statements=rows[vouchers],
        partners={u: place[sorted(them)] for u, them in vouched.items()},
    )


# a unit's links: the units, the scores, and the units' statements and articles
Links = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
_NO_LINKS: Links = (
    np.zeros(0, dtype=np.int64),
    np.zeros(0),
    np.zeros(0, dtype=np.int64),
    np.zeros(0, dtype=np.int64),
)


class _Met:
    """The sets of members that growths went through, each known by the sum of a random
    key per member and checked member for member when a sum comes up again."""

    def __init__(self, n: int) -> None:
        self._keys = np.random.default_rng(0).integers(0, 2**62, size=n).tolist()
        self._sums: dict[int, tuple[list[int], int]] = {}  # sum -> (its growth, size)
        self._members: list[int] = []
        self._sum = 0

    def start(self, members: list[int], seed: int) -> None:
        """A growth begins: ``members`` (its list, appended to as it grows) holds the seed."""
        self._members, self._sum = members, self._keys[seed]

    def before(self, unit: int) -> bool:
        """Whether the members, ``unit`` just added, are those of an earlier growth."""
        self._sum += self._keys[unit]
        size = len(self._members)
        earlier = self._sums.get(self._sum)
        if earlier is None:
            self._sums[self._sum] = (self._members, size)
            return False
        grown, at = earlier
        return at == size and sorted(grown[:at]) == sorted(self._members)


def _links(edges: EdgeArrays, rows: np.ndarray, arts: np.ndarray) -> dict[int, Links]:
    """Each linked unit's links (``Links``), in the order of ``edges``."""
    score, i, j = edges
    if not len(i):
        return {}
    ends = np.concatenate([i, j])
    order = np.lexsort((np.tile(np.arange(len(i)), 2), ends))
    ends = ends[order]
    others = np.concatenate([j, i])[order].astype(np.int64)
    weights = np.concatenate([score, score])[order]
    cuts = np.flatnonzero(np.diff(ends)) + 1
    heads = ends[np.concatenate([[0], cuts])].tolist()
    found = zip(
        np.split(others, cuts),
        np.split(weights, cuts),
        np.split(rows[others], cuts),
        np.split(arts[others], cuts),
        strict=True,
    )
    return dict(zip(heads, found, strict=True))


def _copies_grow_alike(arts: np.ndarray, kinds: np.ndarray, edges: EdgeArrays) -> set[int]:
    """The seeds whose growth takes in the copies of their statement first and so grows
    the clique of the statement's first sentence.

    ``kinds`` numbers the units by statement, statements alike in every score read as
    one (``_kinds``). Take the first sentence of a statement in each article that prints
    it (its copies C). When every two of C are linked at one score s, and no link from C
    reaches another statement at s or more (nor another copy of the statement at more
    than s), a growth from any of C takes in all of C first, each at s, and goes on
    from the same members: every seed of C after the first grows the clique of the
    first, scores and all.
    """
    score, i, j = edges
    d = int(kinds.max()) + 1 if len(kinds) else 0
    first = np.zeros(len(arts), dtype=bool)
    first[np.unique(np.stack([kinds, arts]), axis=1, return_index=True)[1]] = True
    copies = np.bincount(kinds[first], minlength=d)
    inside = first[i] & first[j] & (kinds[i] == kinds[j])
    pairs = np.bincount(kinds[i][inside], minlength=d)
    low, high = np.full(d, math.inf), np.full(d, -math.inf)
    np.minimum.at(low, kinds[i][inside], score[inside])
    np.maximum.at(high, kinds[i][inside], score[inside])
    fine = (copies > 1) & (pairs == copies * (copies - 1) // 2) & (low == high)
    for x, y in ((i, j), (j, i)):
        k = kinds[x]
        other = kinds[y] != k
        crossing = np.where(other, score >= high[k], ~first[y] & (score > high[k]))
        fine[k[first[x] & crossing]] = False
    leader = np.full(d, -1)
    named, at = np.unique(kinds, return_index=True)
    leader[named] = at  # each statement's first sentence
    units = np.flatnonzero(first & fine[kinds])
    return set(units[units != leader[kinds[units]]].tolist())


def _kinds(values: np.ndarray, rows: np.ndarray, alike: np.ndarray) -> np.ndarray:
    """Each unit's statement, statements with equal scores against every statement (so
    as alike to each other as to themselves) read as one; a unit whose statement is not
    alike to itself is one alone (a growth takes no two copies of it)."""
    _, kind = np.unique(values, axis=0, return_inverse=True)
    kind = np.asarray(kind).ravel()[rows]
    return np.where(np.diagonal(alike)[rows], kind, len(values) + np.arange(len(rows)))


def _inside_another(found: Collection[frozenset[int]]) -> set[frozenset[int]]:
    """The groups of ``found`` that another one holds with more: only a group holding
    all of one's members can, so each group is checked against those holding its member
    found in the fewest groups."""
    holding: dict[int, list[frozenset[int]]] = {}
    for group in found:
        for member in group:
            holding.setdefault(member, []).append(group)
    inside = set()
    for group in found:
        rarest = min(group, key=lambda m: len(holding[m]))
        if any(group < other for other in holding[rarest] if len(other) > len(group)):
            inside.add(group)
    return inside


def _add_distinct(
    primary: Sequence[tuple[tuple[int, ...], tuple[float, ...]]],
    grown: Sequence[tuple[tuple[int, ...], tuple[float, ...]]],
    article: Sequence[int],
    own: Scores,
    *,
    alike: float,
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """The primary facts, then each grown group that is neither inside nor a variant of one."""
    kept = list(primary)
    for members, scores in sorted(grown, key=_quality(own)):
        group = set(members)
        if any(
            group <= set(other) or _variant(members, other, article, own, alike)
            for other, _ in kept
        ):
            continue
        kept.append((members, scores))
    # a primary fact that a grown group extends says nothing the larger one does not
    return [
        (members, scores)
        for members, scores in kept
        if not any(set(members) < set(other) for other, _ in kept)
    ]


def toll_groups(
    units: Sequence[Unit], sim: Scores, *, ratio: float
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """Per thing counted, the units of the tally most articles give (step 4).

    Among tallies of as many articles, the one whose sentences are most alike wins:
    the figure of another day or place an article gives in passing is told in other
    words than the tally.
    """
    if ratio <= 1:
        return []
    mentions: dict[str, list[tuple[int, float]]] = {}
    loose: list[tuple[int, float]] = []
    for u in units:
        for q in u.quantities:
            if not (q.counts and q.value > 0 and _shows(u, q)):
                continue
            if q.counts in VAGUE_COUNTS:
                loose.append((u.index, q.value))
            else:
                mentions.setdefault(q.counts, []).append((u.index, q.value))
    found = []
    for _counted, listed in sorted(mentions.items()):
        tallies = {_tally(anchor, listed + loose, units, math.log(ratio)) for anchor in listed}
        best = min(tallies, key=_tally_rank(sim))
        if len(best) > 1:
            scores = tuple(float(sim[a, b]) for a, b in pairwise(best))
            found.append((best, scores))
    return found


def _shows(unit: Unit, quantity: Quantity) -> bool:
    """Whether the unit's evidence is its whole sentence and the figure is in digits.

    A figure in words ("des centaines") is an order of size, not a tally; a sentence
    cut to the evidence size (or two sentences run together) may cut off what its
    figure counts.
    """
    whole = unit.span.start == unit.sentence.start and unit.span.end == unit.sentence.end
    return whole and in_digits(quantity)


def _tally(
    anchor: tuple[int, float],
    listed: Sequence[tuple[int, float]],
    units: Sequence[Unit],
    width: float,
) -> tuple[int, ...]:
    """Per article, the unit whose figure is nearest ``anchor`` within ``width`` (log ratio)."""
    day = units[anchor[0]].day
    nearest: dict[int, tuple[float, int]] = {}
    for index, value in listed:
        other = units[index].day
        gap = abs(math.log(value / anchor[1]))
        if gap > width or (day and other and other != day):
            continue
        art = units[index].article
        if art not in nearest or (gap, index) < nearest[art]:
            nearest[art] = (gap, index)
    return tuple(sorted(index for _, index in nearest.values()))


def _tally_rank(sim: Scores):
    """More articles first, then the more alike sentences, then story order."""

    def rank(tally: tuple[int, ...]) -> tuple[int, float, tuple[int, ...]]:
        pairs = [float(sim[a, b]) for i, a in enumerate(tally) for b in tally[i + 1 :]]
        return (-len(tally), -sum(pairs) / max(len(pairs), 1), tally)

    return rank


def _add_tolls(
    kept: list[tuple[tuple[int, ...], tuple[float, ...]]],
    tolls: Sequence[tuple[tuple[int, ...], tuple[float, ...]]],
) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
    """``kept`` with each tally no fact holds yet; a fact a tally extends gives way to it."""
    for members, scores in tolls:
        group = set(members)
        if any(group <= set(other) for other, _ in kept):
            continue
        kept = [(m, s) for m, s in kept if not set(m) < group]
        kept.append((members, scores))
    return kept


def _variant(
    members: Sequence[int],
    other: Sequence[int],
    article: Sequence[int],
    own: Scores,
    alike: float,
) -> bool:
    """Whether ``members`` share a unit with ``other`` and swap one of its units for a like one."""
    if not set(members) & set(other):
        return False
    in_other = {article[m]: m for m in other}
    return any(
        article[m] in in_other
        and in_other[article[m]] != m
        and own[m, in_other[article[m]]] >= alike
        for m in members
    )


def _quality(own: Scores):
    """Larger groups first, then the more alike, then story order."""

    def key(item: tuple[tuple[int, ...], tuple[float, ...]]) -> tuple[int, float, tuple[int, ...]]:
        members = item[0]
        pairs = pair_scores(own, members)
        return (-len(members), -sum_in_order(pairs) / len(pairs), members)

    return key


def _by_score(row: np.ndarray):
    def score(j: int) -> tuple[float, int]:
        return (float(row[j]), -j)

    return score


def _group_order(units: Sequence[Unit]):
    def order(group: FactGroup) -> tuple[int, int, tuple[int, ...]]:
        first = units[group.members[0]]
        return (first.article, first.position, group.members)

    return order
