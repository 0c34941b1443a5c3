"""``align``: from the analysed articles of one story to its ``Dossier``."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence

import numpy as np

from recoupe.model import AnalyzedArticle, Article, Divergence, Dossier, Duplicate

from .attribution import role_resolver
from .commitments import find_commitments
from .dated_clauses import dated_clauses
from .dates import inferred_published
from .divergences import find_divergences
from .embeddings import repeated_similarity
from .entities import EntityIndex, resolve_entities
from .facts import build_facts, group_units, story_dates
from .origins import article_origins, primary_origins
from .profiles import build_profiles
from .quotes import resolve_quotes, source_resolver, with_role_holders
from .settings import AlignSettings
from .similarity import unit_similarity
from .summary import summarize
from .timeline import build_timeline
from .units import build_units
from .wording import find_wording

__all__ = ["align"]


def align(
    analyzed: Sequence[AnalyzedArticle],
    *,
    duplicates: Sequence[Duplicate] = (),
    settings: AlignSettings | None = None,
    vectors: Mapping[str, np.ndarray] | None = None,
) -> Dossier:
    """Cross-check the analysed articles of one story and return its dossier.

    ``vectors`` are sentence embeddings already made (a store's, by
    ``embeddings.text_key``); the sentences without one are encoded now.
    """
    settings = settings or AlignSettings()
    items = story_order(analyzed)
    entities = resolve_entities(items)
    index = EntityIndex(entities)
    quotes = resolve_quotes(items, index)
    units = build_units(items, index, max_chars=settings.max_evidence_chars)
    sim, own = unit_similarity(
        units, index, context_weight=settings.context_weight, count_ratio=settings.toll_ratio
    )
    confirm = (
        repeated_similarity([u.sentence.text for u in units], vectors)
        if settings.use_embeddings
        else None
    )
    copies = article_origins(items, units, duplicates, shared_wording=settings.shared_wording)
    origin_of = copies.origin_of
    # a role alone ("le ministre") counts as the one person the story gives it
    resolve = role_resolver(units, source_resolver(index))
    quotes = with_role_holders(quotes, resolve)
    origins = copies.origins + primary_origins(
        units, start=len(copies.origins) + 1, resolve=resolve
    )
    groups = group_units(
        units,
        sim,
        threshold=settings.fact_similarity,
        mutual_threshold=settings.mutual_similarity,
        own=own,
        confirm=confirm,
        weak_threshold=settings.weak_similarity,
        hybrid_threshold=settings.hybrid_similarity,
        vouch_threshold=settings.vouch_similarity,
        toll_ratio=settings.toll_ratio,
    )
    article_ids = [item.article.id for item in items]
    facts = build_facts(
        groups,
        units,
        sim,
        article_ids=article_ids,
        index=index,
        copies=copies,
        resolve=resolve,
    )
    divergences: tuple[Divergence, ...] = ()
    if len(items) > 1:  # one account is compared with nothing, whatever it says of itself
        divergences = find_divergences(
            items,
            facts,
            groups,
            units,
            sim,
            omission_share=settings.omission_share,
            threshold=settings.fact_similarity,
            story_date=story_dates(groups, units, len(items))[0],
            resolve=resolve,
            origin_of=origin_of,
            quotes=quotes,
            index=index,
            copies=copies.pairs,
        )
    commitments = find_commitments(facts, groups, units, index)
    told = facts  # the facts as aligned, each told once
    facts = dated_clauses(
        facts, groups, units, threshold=settings.fact_similarity, copies=copies, resolve=resolve
    )
    return Dossier(
        id=dossier_id(items),
        articles=with_inferred_dates(items),
        analyses=tuple(item.analysis for item in items),
        entities=entities,
        quotes=quotes,
        facts=facts,
        divergences=divergences,
        wording=find_wording(items),
        commitments=commitments,
        timeline=build_timeline(facts),
        summary=summarize(told, size=settings.summary_sentences),
        profiles=build_profiles(items, told, origin_of),
        origins=tuple(origins),
        duplicates=tuple(sorted(duplicates, key=_duplicate_order)),
    )


def with_inferred_dates(items: Sequence[AnalyzedArticle]) -> tuple[Article, ...]:
    """The articles, an undated one given the day its story gives it, marked ``inferred``."""
    inferred = inferred_published(items)
    return tuple(
        dataclasses.replace(
            item.article, published=inferred[item.article.id], published_from="inferred"
        )
        if item.article.id in inferred
        else item.article
        for item in items
    )


def story_order(analyzed: Sequence[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """The articles in a stable order (source name, then id), whatever order they came in."""
    return sorted(analyzed, key=_article_order)


def _article_order(item: AnalyzedArticle) -> tuple[str, str]:
    return (item.article.source, item.article.id)


def _duplicate_order(dup: Duplicate) -> tuple[str, str]:
    return (dup.article_id, dup.of_id)


def dossier_id(items: Sequence[AnalyzedArticle]) -> str:
    """A content id for the dossier: a hash of its sorted article ids."""
    digest = hashlib.sha256("\n".join(sorted(i.article.id for i in items)).encode("utf-8"))
    return "dossier-" + digest.hexdigest()[:16]
