"""Exact and near duplicates among articles: reprints, relays and truncated copies.

Exact copies share the content id (the hash of the normalised body): only the first
is kept. Near copies are found with MinHash over word 5-shingles: an LSH index finds
pairs whose Jaccard similarity is about ``JACCARD`` or more, and an LSH Ensemble finds
articles mostly contained in a longer one (a truncated copy, ``CONTAINMENT``). Each
candidate pair is then checked on the exact shingle sets, so the similarity reported
is exact and the result does not depend on hashing luck. Near copies stay in the
articles; each later article is reported once, against the earlier one it is closest to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from recoupe.ingest.article import normalise
from recoupe.model import Article, Duplicate

SHINGLE = 5
NUM_PERM = 128
JACCARD = 0.5
CONTAINMENT = 0.7
# Articles with fewer shingles are too short to call near copies of anything.
MIN_SHINGLES = 10
_WORD = re.compile(r"\w+")

if TYPE_CHECKING:
    from datasketch import MinHash


def find_duplicates(articles: Sequence[Article]) -> tuple[list[Article], list[Duplicate]]:
    """The articles without exact copies, and the duplicates found (exact first, then near)."""
    kept: list[Article] = []
    first: dict[str, Article] = {}
    duplicates: list[Duplicate] = []
    for article in articles:
        original = first.setdefault(article.id, article)
        if original is article:
            kept.append(article)
            continue
        duplicates.append(
            Duplicate(
                article_id=article.id,
                source=article.source,
                of_id=original.id,
                of_source=original.source,
                kind="exact",
                similarity=1.0,
            )
        )
    duplicates.extend(near_duplicates(kept))
    return kept, duplicates


def near_duplicates(articles: Sequence[Article]) -> list[Duplicate]:
    """Near copies among distinct articles: each later one against its closest earlier one."""

    @lru_cache(maxsize=256)  # a candidate pair needs both sets again; keep recent ones
    def shingles(i: int) -> frozenset[str]:
        return _shingles(articles[i])

    sizes = {i: len(shingles(i)) for i in range(len(articles))}
    candidates = [i for i, size in sizes.items() if size >= MIN_SHINGLES]
    if len(candidates) < 2:
        return []
    # datasketch pulls in scipy (half a second): import it only when there is work.
    from datasketch import MinHashLSH, MinHashLSHEnsemble

    hashes = {i: _minhash(shingles(i)) for i in candidates}
    similar = MinHashLSH(threshold=JACCARD, num_perm=NUM_PERM)
    contained = MinHashLSHEnsemble(threshold=CONTAINMENT, num_perm=NUM_PERM, num_part=8)
    for i in candidates:
        similar.insert(i, hashes[i])
    contained.index((i, hashes[i], sizes[i]) for i in candidates)

    best: dict[int, tuple[float, int]] = {}
    for j in candidates:
        pairs = set(similar.query(hashes[j])) | set(contained.query(hashes[j], sizes[j]))
        for i in sorted(pairs - {j}):
            score = _similarity(shingles(i), shingles(j))
            if score is None:
                continue
            later, earlier = max(i, j), min(i, j)
            if score > best.get(later, (0.0, -1))[0]:
                best[later] = (score, earlier)
    return [
        Duplicate(
            article_id=articles[later].id,
            source=articles[later].source,
            of_id=articles[earlier].id,
            of_source=articles[earlier].source,
            kind="near",
            similarity=round(score, 3),
        )
        for later, (score, earlier) in sorted(best.items())
    ]


def _similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Jaccard similarity if it is high enough, else containment of the smaller set, else None."""
    common = len(a & b)
    jaccard = common / len(a | b)
    if jaccard >= JACCARD:
        return jaccard
    containment = common / min(len(a), len(b))
    return containment if containment >= CONTAINMENT else None


def _shingles(article: Article) -> frozenset[str]:
    words = _WORD.findall(normalise(" ".join(span.text for span in article.body)))
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1))


def _minhash(shingles: frozenset[str]) -> MinHash:
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return minhash
