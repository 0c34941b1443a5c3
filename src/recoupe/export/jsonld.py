"""The facts of a dossier as schema.org ``Claim`` records (JSON-LD), ready for a ClaimReview.

A fact-checker's ``ClaimReview`` reviews a ``Claim`` (https://schema.org/Claim); each
fact becomes one, with

- ``text``: the fact's statement (an extractive sentence of one of its articles);
- ``author``: whom the articles credit for it (``Evidence.attribution``: a person, an
  institution, an agency...), named as the story's entity when it is one; when every
  article states it on its own account, the outlets that state it;
- ``appearance``: the articles that report it (``NewsArticle`` with its URL, outlet as
  ``publisher``, date, title and the sentences that state it as ``hasPart``);
- ``datePublished`` and ``firstAppearance``: the earliest publication among them
  (left out when none of them is dated);
- ``temporalCoverage``: the day of the event when the dossier resolved it; ``about``:
  the entities taking part.

No ``reviewRating``: a rating is a person's verdict, not something recoupe computes.
A URL other than an http(s) address is left out (``report.view.safe_link``): a
consumer may turn it into a link.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from recoupe.model import Article, Dossier, Entity, Evidence, Fact, Source
from recoupe.report.view import safe_link

from .jsontext import dumps

__all__ = ["claims", "to_claims"]

SCHEMA = "https://schema.org"
# entity labels (model.Mention.label) as schema.org types
_ENTITY_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}


def claims(dossier: Dossier) -> str:
    """One ``Claim`` per fact of ``dossier``: a JSON-LD document (``@graph``), indented."""
    return dumps(to_claims(dossier), indent=2) + "\n"


def to_claims(dossier: Dossier) -> dict[str, Any]:
    """The JSON-LD document of ``claims`` as plain values."""
    articles = {a.id: a for a in dossier.articles}
    entities = {e.id: e for e in dossier.entities}
    by_key = {e.key: e for e in dossier.entities}
    graph = [_claim(dossier.id, f, articles, entities, by_key) for f in dossier.facts]
    return {"@context": SCHEMA, "@graph": graph}


def _claim(
    dossier_id: str,
    fact: Fact,
    articles: dict[str, Article],
    entities: dict[str, Entity],
    by_key: dict[str, Entity],
) -> dict[str, Any]:
    ids = dict.fromkeys([*fact.sources, *(ev.article_id for ev in fact.evidence)])
    reporting = [articles[a] for a in ids if a in articles]
    out: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"urn:recoupe:{quote(dossier_id, safe='')}:{quote(fact.id, safe='')}",
        "identifier": fact.id,
        "text": fact.statement,
    }
    authors = _authors(fact.evidence, by_key) or [
        _organization(a.outlet) for a in reporting if a.outlet
    ]
    if authors:
        out["author"] = list({a["name"]: a for a in authors}.values())
    appearances = [_appearance(a, fact.evidence) for a in reporting]
    dated = [(a.published, n) for n, a in enumerate(reporting) if a.published is not None]
    if dated:
        day, first = min(dated)
        out["datePublished"] = day.isoformat()
        out["firstAppearance"] = appearances[first]
    out["appearance"] = appearances
    if fact.date:
        out["temporalCoverage"] = fact.date
    about = [_thing(entities[e]) for e in fact.actors if e in entities]
    if about:
        out["about"] = about
    return out


def _authors(evidence: tuple[Evidence, ...], by_key: dict[str, Entity]) -> list[dict[str, Any]]:
    """Whom the articles credit, each once, in evidence order ("self" is no one)."""
    found: list[dict[str, Any]] = []
    for ev in evidence:
        source = ev.attribution
        if source is None or source.kind == "self":
            continue
        found.append(_author(source, by_key))
    return found


def _author(source: Source, by_key: dict[str, Entity]) -> dict[str, Any]:
    entity = by_key.get(source.key) if source.key else None
    name = entity.name if entity else (source.name or source.kind)
    kind = "Person" if source.kind == "person" else "Organization"
    out: dict[str, Any] = {"@type": kind, "name": name}
    if source.name and source.name != name:
        out["alternateName"] = source.name  # the words the article credits, titles kept
    return out


def _organization(name: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": name}


def _appearance(article: Article, evidence: tuple[Evidence, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "NewsArticle", "identifier": article.id}
    link = safe_link(article.url)
    if link:
        out["url"] = link
    if article.outlet:
        out["publisher"] = _organization(article.outlet)
    if article.title:
        out["headline"] = article.title
    if article.published:
        out["datePublished"] = article.published.isoformat()
    if article.language:
        out["inLanguage"] = article.language
    parts = [ev.span.text for ev in evidence if ev.article_id == article.id]
    if parts:
        out["hasPart"] = [{"@type": "CreativeWork", "text": text} for text in parts]
    return out


def _thing(entity: Entity) -> dict[str, Any]:
    return {
        "@type": _ENTITY_TYPES.get(entity.label, "Thing"),
        "name": entity.name,
        "identifier": entity.id,
    }
