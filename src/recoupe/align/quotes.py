"""Quotations of every article, their speakers resolved to story entities."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from recoupe.model import AnalyzedArticle, DossierQuote, Quote, Source

from .entities import EntityIndex

__all__ = ["resolve_quotes", "resolve_source", "source_resolver", "with_role_holders"]


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
            # phrase is not who speaks, nor a word written in lower case ("le Premier
            # ministre français": a nationality, whatever the entity it was merged into)
            named = {
                e
                for s, _end, e in index.mentions_in(article_id, source.span.start, source.span.end)
                if source.span.text[s - source.span.start : s - source.span.start + 1].isupper()
            }
            found = [f for f in found if index.label(f) == "PER" and f in named]
        if found:
            # "le porte-parole de l'Élysée, X": the person, not the institution, speaks
            return found[-1] if len(found) > 1 and _is_person_tail(found, index) else found[0]
    return _by_name(source, index)


def _by_name(source: Source, index: EntityIndex) -> str | None:
    """The entity a source's key or name designates; a role phrase ("le Premier ministre
    français") only by a name it writes capitalised."""
    role = source.kind == "person" and not source.key
    for text in (source.key, source.name):
        found = index.lookup(text) if text else None
        if found and not (role and not _written_as_name(index.name(found), text or "")):
            return found
    return None


def _written_as_name(name: str, phrase: str) -> bool:
    """Whether a role phrase writes the entity as a name, capitalised: "le porte-parole de
    l'Élysée" does, "le Premier ministre français" does not write "Français"."""
    return any(word[:1].isupper() and word in phrase for word in name.split())


def source_resolver(index: EntityIndex):
    """A function naming the entity of a ``Source`` by its key or name (no article needed)."""

    def resolve(source: Source) -> str | None:
        return _by_name(source, index)

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


def with_role_holders(
    quotes: Sequence[DossierQuote], resolve: Callable[[Source], str | None]
) -> tuple[DossierQuote, ...]:
    """``quotes`` with a speaker given by a role alone ("le Premier ministre") named as
    the one person the story gives that role (``attribution.role_resolver``). A role of
    one word ("le président", "la ministre") is left as it is: the story's one "président
    du groupe" is not the president a quote names so."""
    return tuple(
        replace(q, speaker_id=found)
        if q.speaker_id is None
        and q.quote.speaker.kind == "person"
        and len(_role_words(q.quote.speaker.name or "")) > 1
        and (found := resolve(q.quote.speaker))
        else q
        for q in quotes
    )


def _role_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s'’]+", name) if len(w) > 3]


def _quote_order(quote: Quote) -> tuple[int, int]:
    return (quote.span.start, quote.span.end)
