"""Independent origins: which articles are one voice, and which statements one primary source.

Two articles are one origin when ingest found one a copy of the other, or when
several of their sentences share most of their wording (word 5-grams): a reprint
or a rewrite of the same wire copy. An article that runs two dispatches joins one
of them; its sentences that print the other keep that one's origin. Separately,
statements credited to the same primary source (the same readout, post or
spokesperson) are one origin however many outlets relay them, so "five outlets say
X" can read "two independent sources, relayed by five outlets".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from recoupe.model import AnalyzedArticle, Duplicate, Evidence, Origin, Source

from .names import fold
from .similarity import shared_counts
from .units import Unit

__all__ = [
    "Copies",
    "article_origins",
    "evidence_origin",
    "independent_origins",
    "primary_origins",
]

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


@dataclass(frozen=True, slots=True)
class Copies:
    """What the articles of a story print of one another.

    ``origins`` and ``origin_of`` group the articles that copy one another; ``pairs``
    are the pairs of articles that print the same text themselves; ``relayed`` gives,
    for an article that runs two dispatches, the sentences (start, end, origin id)
    that print the wording of an origin other than its own.
    """

    origins: list[Origin]
    origin_of: dict[str, str]
    pairs: frozenset[frozenset[str]] = frozenset()
    relayed: Mapping[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)

    def of(self, ev: Evidence) -> str:
        """The origin of one piece of evidence: its sentence's when it prints another
        origin's wording, else its article's."""
        for start, end, origin in self.relayed.get(ev.article_id, ()):
            if start <= ev.span.start < end:
                return origin
        return self.origin_of.get(ev.article_id, ev.article_id)


def article_origins(
    analyzed: Sequence[AnalyzedArticle],
    units: Sequence[Unit],
    duplicates: Sequence[Duplicate],
    *,
    shared_wording: float,
) -> Copies:
    """Article-level origins (o1, o2 ...), the origin id of every article, the pairs of
    articles that copy one another (a duplicate, or sharing wording) and the sentences
    of blended articles that print another origin.

    An origin joins the articles that copy one another. An article that blends two
    dispatches (it prints the text of two articles that print nothing of each other)
    joins the origin it shares most with, and does not join the two: its other
    sentences keep the origin of the dispatch they print (``Copies.relayed``).
    """
    ids = [item.article.id for item in analyzed]
    order = {a: i for i, a in enumerate(ids)}
    why: dict[frozenset[str], tuple[str, str, list[Evidence]]] = {}
    # how strongly each pair of articles copies one another: a duplicate above any count
    strength: dict[frozenset[str], float] = {}
    for dup in duplicates:
        if dup.article_id in order and dup.of_id in order and dup.article_id != dup.of_id:
            pair = frozenset((dup.article_id, dup.of_id))
            strength[pair] = float("inf")
            why[pair] = ("duplicate", f"{dup.kind} copy (similarity {dup.similarity:.2f})", [])
    wording, matches = _wording_pairs(units, order, shared_wording)
    for pair, (count, _shared) in wording.items():
        strength[pair] = max(strength.get(pair, 0.0), float(count))
    uf, joined, blends = _join(ids, strength, order)
    # an origin shows the links that joined it, not every pair of its articles
    for pair in joined:
        if pair in wording:
            why.setdefault(pair, _shared_why(*wording[pair]))
    groups: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        groups[uf.find(a)].append(a)
    origins: list[Origin] = []
    origin_of: dict[str, str] = {}
    for members in sorted(groups.values(), key=_first_index(order)):
        oid = f"o{len(origins) + 1}"
        for a in members:
            origin_of[a] = oid
        origins.append(_origin(oid, members, why))
    spans = _relayed(units, matches, blends, strength, origin_of)
    return Copies(
        origins=[_with_relayed(o, spans, origin_of) for o in origins],
        origin_of=origin_of,
        pairs=frozenset(strength),
        relayed=spans,
    )


def _relayed(
    units: Sequence[Unit],
    matches: tuple[np.ndarray, np.ndarray],
    blends: Collection[str],
    pairs: Collection[frozenset[str]],
    origin_of: Mapping[str, str],
) -> dict[str, tuple[tuple[int, int, str], ...]]:
    """The sentences of each blend (start, end, origin) that print a partner of another
    origin than its own."""
    first, second = matches
    if not blends or not len(first):
        return {}
    found: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
    blended = np.asarray([u.article_id in blends for u in units], dtype=bool)
    named = {o: n for n, o in enumerate(sorted(set(origin_of.values())))}
    origin = np.asarray([named[origin_of[u.article_id]] for u in units], dtype=np.int64)
    # array-wise first: a blend's sentence and one of another origin
    keep = (blended[first] | blended[second]) & (origin[first] != origin[second])
    for x, y in zip(first[keep].tolist(), second[keep].tolist(), strict=True):
        for mine, theirs in ((units[x], units[y]), (units[y], units[x])):
            if (
                mine.article_id in blends
                and frozenset((mine.article_id, theirs.article_id)) in pairs
            ):
                other = origin_of[theirs.article_id]
                found[mine.article_id].add((mine.sentence.start, mine.sentence.end, other))
    return {a: tuple(sorted(spans)) for a, spans in found.items()}


def _with_relayed(
    origin: Origin,
    relayed: Mapping[str, tuple[tuple[int, int, str], ...]],
    origin_of: Mapping[str, str],
) -> Origin:
    """The origin, its reason saying which other origins its blended articles print and
    which print it."""
    prints = Counter(o for a in origin.articles for _s, _e, o in relayed.get(a, ()))
    printed = Counter(
        origin_of[a] for a, spans in relayed.items() for _s, _e, o in spans if o == origin.id
    )
    said = [] if origin.kind == "single" and printed else [origin.reason]
    said += [
        f"an article of it also prints {_sentences(n)} of {o}" for o, n in sorted(prints.items())
    ]
    said += [f"an article of {o} prints {_sentences(n)} of it" for o, n in sorted(printed.items())]
    return replace(origin, reason="; ".join(said))


def _sentences(n: int) -> str:
    return f"{n} sentence" if n == 1 else f"{n} sentences"


def _wording_pairs(
    units: Sequence[Unit], order: dict[str, int], shared_wording: float
) -> tuple[
    dict[frozenset[str], tuple[int, list[tuple[Unit, Unit]]]], tuple[np.ndarray, np.ndarray]
]:
    """The pairs of articles that share the wording of several sentences, each with how
    many and the first of them; and every pair of sentences that shares it
    (``_shared_sentences``)."""
    sizes: dict[str, int] = defaultdict(int)
    for u in units:
        sizes[u.article_id] += 1
    copied, matches = _shared_sentences(units, order, shared_wording)
    wording = {}
    for (a, b), (count, shared) in copied.items():
        smaller = min(sizes[a], sizes[b]) or 1
        if count >= MIN_SHARED_SENTENCES or (count / smaller >= MIN_SHARED_SHARE and smaller > 1):
            wording[frozenset((a, b))] = (count, shared)
    return wording, matches


def _shared_why(count: int, shared: list[tuple[Unit, Unit]]) -> tuple[str, str, list[Evidence]]:
    """Why two articles are one origin: the sentences whose wording they share."""
    evidence = [
        Evidence(article_id=u.article_id, span=u.span)
        for two in shared[:EVIDENCE_PAIRS]
        for u in two
    ]
    return ("shared_wording", f"{count} sentences share most of their wording", evidence)


def _join(
    ids: Sequence[str], strength: Mapping[frozenset[str], float], order: dict[str, int]
) -> tuple[_UnionFind, list[frozenset[str]], set[str]]:
    """Articles joined into origins, the pairs that joined them and the blends: every pair that
    copies one another, except that an article printing two articles that print nothing
    of each other (a blend of two dispatches) joins only its strongest partner."""
    partners: dict[str, set[str]] = defaultdict(set)
    for pair in strength:
        a, b = pair
        partners[a].add(b)
        partners[b].add(a)
    # a blend has two partners that are not partners: set by set, not pair by pair
    blends = {a for a, found in partners.items() if any(found - partners[p] - {p} for p in found)}

    def rank(pair: frozenset[str]) -> tuple[bool, int, int]:
        """Duplicates first, then in story order."""
        x, y = sorted(order[a] for a in pair)
        return (strength[pair] != float("inf"), x, y)

    links = [pair for pair in strength if not pair & blends or pair <= blends]
    for a in sorted(blends, key=order.__getitem__):
        plain = [p for p in partners[a] if p not in blends]
        if plain:
            best = max(plain, key=lambda p: (strength[frozenset((a, p))], -order[p]))
            links.append(frozenset((a, best)))
    uf = _UnionFind(ids)
    joined = []
    for pair in sorted(set(links), key=rank):
        a, b = pair
        if uf.find(a) != uf.find(b):
            uf.union(a, b)
            joined.append(pair)
    return uf, joined, blends


def _origin(
    oid: str, members: Sequence[str], why: Mapping[frozenset[str], tuple[str, str, list[Evidence]]]
) -> Origin:
    if len(members) == 1:
        return Origin(
            id=oid,
            articles=tuple(members),
            kind="single",
            reason="no other article shares its wording",
        )
    found = [why[k] for k in why if k <= set(members)]
    kind = "duplicate" if any(f[0] == "duplicate" for f in found) else "shared_wording"
    return Origin(
        id=oid,
        articles=tuple(members),
        kind=kind,
        reason="; ".join(sorted({f[1] for f in found})),
        evidence=tuple(e for f in found for e in f[2]),
    )


def _first_index(order: dict[str, int]):
    def first(members: list[str]) -> int:
        return min(order[a] for a in members)

    return first


def _shared_sentences(
    units: Sequence[Unit], order: dict[str, int], threshold: float
) -> tuple[
    dict[tuple[str, str], tuple[int, list[tuple[Unit, Unit]]]], tuple[np.ndarray, np.ndarray]
]:
    """For each pair of articles (the earlier first), how many sentences of the earlier one
    find a sentence of the later one that shares most of its 5-grams, and the first
    ``EVIDENCE_PAIRS`` of them (each with the first such sentence of the later one); and
    every such match, as unit indices.

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
    return found, (i, j)


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


def evidence_origin(ev: Evidence, copies: Copies, resolve: Resolver | None = None) -> str:
    """The independent origin of one piece of evidence: its primary source, else the
    dispatch its sentence prints (``Copies.of``)."""
    return source_key(ev.attribution, resolve) or copies.of(ev)


def independent_origins(
    evidence: Iterable[Evidence], copies: Copies, resolve: Resolver | None = None
) -> int:
    """How many independent origins the evidence of a fact has (``evidence_origin``)."""
    return len({evidence_origin(ev, copies, resolve) for ev in evidence})


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
    """Whether the articles of different sides are independent accounts.

    Two articles of different origins are, unless they are a pair of ``copies`` (an
    article that runs two dispatches joined the origin of one, and copies the other).
    With the ``copies`` pairs, two articles on two sides (each on one side only) that do
    not print one another's text are too, though they are of one origin: two articles
    whose sentences were drawn from several others are joined through them.
    """
    pairs = copies or ()

    def apart(a: str, b: str) -> bool:
        return a != b and frozenset((a, b)) not in pairs

    def across(only: bool) -> Iterator[tuple[str, str]]:
        """The pairs of articles on two sides; with ``only``, each on its side only."""
        for i, one in enumerate(sides):
            for other in sides[i + 1 :]:
                mine, theirs = set(one), set(other)
                if only:
                    mine, theirs = mine - theirs, theirs - mine
                yield from ((a, b) for a in mine for b in theirs)

    if len({origin_of.get(a, a) for side in sides for a in side}) > 1 and any(
        origin_of.get(a, a) != origin_of.get(b, b) and apart(a, b) for a, b in across(False)
    ):
        return True
    return copies is not None and any(apart(a, b) for a, b in across(True))
