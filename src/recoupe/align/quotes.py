"""Quotations of every article, their speakers resolved to story entities."""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.model import AnalyzedArticle, DossierQuote, Quote, Source

from .entities import EntityIndex

__all__ = ["resolve_quotes", "resolve_source", "source_resolver"]


def resolve_source(source: Source | None, article_id: str, index: EntityIndex) -> str | None:
    """The entity a ``Source`` designates: by its span in the article, else by key or name."""
    if source is None or source.kind in ("self", "unknown"):
        return None
    if source.span is not None:
        found = index.overlapping(article_id, source.span.start, source.span.end)
        keyed = index.lookup(source.key) if source.key else None
        if keyed in found:
            # the analysis already knows which name in the phrase speaks
            # ("le conseiller de A, B": B; "deux sources proches de C": not C)
            return keyed
        if source.kind == "person" and not source.key:
            # "le chef du parti de la France X": a place or a body in a person's role
            # phrase is not who speaks
            found = [f for f in found if index.label(f) == "PER"]
        if found:
            # "le porte-parole de l'Élysée, X": the person, not the institution, speaks
            return found[-1] if len(found) > 1 and _is_person_tail(found, index) else found[0]
    for text in (source.key, source.name):
        if text:
            found_id = index.lookup(text)
            if found_id:
                return found_id
    return None


def source_resolver(index: EntityIndex):
    """A function naming the entity of a ``Source`` by its key or name (no article needed)."""

    def resolve(source: Source) -> str | None:
        for text in (source.key, source.name):
            found = index.lookup(text) if text else None
            if found:
                return found
        return None

    return resolve


def _is_person_tail(found: list[str], index: EntityIndex) -> bool:
    return index.label(found[-1]) == "PER" and index.label(found[0]) != "PER"


def resolve_quotes(
    analyzed: Sequence[AnalyzedArticle], index: EntityIndex
) -> tuple[DossierQuote, ...]:
    """Every quote of ``analyzed``, in story order, with its speaker's entity id when known."""
    out = []
    for item in analyzed:
        for quote in sorted(item.analysis.quotes, key=_quote_order):
            speaker = resolve_source(quote.speaker, item.article.id, index)
            out.append(DossierQuote(article_id=item.article.id, quote=quote, speaker_id=speaker))
    return tuple(out)


def _quote_order(quote: Quote) -> tuple[int, int]:
    return (quote.span.start, quote.span.end)
