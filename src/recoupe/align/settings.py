"""The alignment's tunable thresholds, with the reason for each default."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AlignSettings"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignSettings:
    """Thresholds of the cross-check; the defaults were tuned on the seed story."""

    # TF-IDF cosine (lemmas, fitted per story) above which two statements of different
    # articles may state one fact; agreement on numbers, dates and entities adds to it.
    fact_similarity: float = 0.30
    # Share of a sentence's word 5-grams found in another article's sentence for the
    # two articles to count as one origin (a reprint or a rewrite of one wire copy).
    shared_wording: float = 0.5
    # Longest evidence span reported, in characters (the contract counts a span up to
    # 450 characters as one sentence).
    max_evidence_chars: int = 450
    # Sentences in the extractive summary.
    summary_sentences: int = 5
    # A fact carried by at least this share of the articles is "expected"; an article
    # that covers the story but leaves it out is an omission worth a divergence.
    omission_share: float = 0.6
