"""The dossier as the JSON contract of ``shared/eval/README.md``.

Every span is written as ``{"doc", "start", "end", "text"}`` where ``doc`` is a
document id listed in ``documents`` and ``text`` is exactly ``Article.text[start:end]``.
A text is written once: evidence that a fact already gives with its text is written
again (in a divergence, a commitment, the summary, an origin) by its offsets alone, and
a span nested inside a record (a source's name, a quotation's cue) is ``{"start",
"end"}`` in that record's document.
Document ids are the articles' content ids; ``source`` is the input's base name, by
which the scorer finds the file. ``wording`` holds the words only some outlets use
across the story (records shaped like divergences, ids w1, w2 ...), kept out of
``divergences``, which set accounts of one fact side by side. A quote's ``kind`` is one
of ``model.Quote.kind``: ``direct`` and ``partial`` are quotations, ``term`` quoted
words that are no speech.
Per-document analyses go through ``codec.to_plain`` so that there is no second schema,
with one difference: their spans are offsets alone (``{"start", "end"}``), since the
text they hold is the document's (``documents[].body``) and writing it out again for
every claim, attribution and mention made the file grow many times the input.
"""

from __future__ import annotations

import json
from typing import Any

from recoupe import __version__
from recoupe.codec import to_plain
from recoupe.model import (
    Analysis,
    Article,
    Commitment,
    Divergence,
    Dossier,
    DossierQuote,
    Entity,
    Evidence,
    Fact,
    Origin,
    Side,
    Source,
    SourceProfile,
    Story,
    SummarySentence,
    TextSpan,
    TimelineEntry,
)

__all__ = ["render_json", "to_contract"]

FORMAT_VERSION = 1
# Evidence spans written per side of a divergence: a side that hundreds of copies of one
# dispatch share would otherwise make the file grow with the square of the story.
SIDE_EVIDENCE = 25


def render_json(dossier: Dossier) -> str:
    """The dossier as JSON text, UTF-8 kept readable: one line per top-level field and
    one per record of a list (a fact, a divergence, a document), each record compact.

    Indenting every level doubled the file of a large story for no reader's gain:
    a record per line still reads, greps and diffs line by line.
    """
    fields = list(to_contract(dossier).items())
    lines = ["{"]
    for n, (key, value) in enumerate(fields):
        comma = "," if n < len(fields) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {_compact(key)}: [")
            last = len(value) - 1
            lines += [
                f"    {_compact(item)}{',' if i < last else ''}" for i, item in enumerate(value)
            ]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_contract(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain JSON-ready values, in the contract's layout."""
    analyses = {a.article_id: a for a in dossier.analyses}
    names = {e.id: e.name for e in dossier.entities}
    # the spans the facts give with their text: later records point at them by offsets
    given = frozenset(
        (e.article_id, e.span.start, e.span.end) for f in dossier.facts for e in f.evidence
    )
    return {
        "format": FORMAT_VERSION,
        "generator": f"recoupe {__version__}",
        "id": dossier.id,
        "documents": [_document(a, analyses.get(a.id)) for a in dossier.articles],
        "entities": [_entity(e) for e in dossier.entities],
        "quotes": [_quote(q, names) for q in dossier.quotes],
        "facts": [_fact(f) for f in dossier.facts],
        "divergences": [_divergence(d, given) for d in dossier.divergences],
        # words only some outlets use across the story: no two accounts of one fact
        "wording": [_divergence(d, given) for d in dossier.wording],
        "commitments": [_commitment(c, given) for c in dossier.commitments],
        "timeline": [_timeline(t) for t in dossier.timeline],
        "summary": [_summary(s, given) for s in dossier.summary],
        "profiles": [_profile(p) for p in dossier.profiles],
        "origins": [_origin(o, given) for o in dossier.origins],
        "duplicates": to_plain(dossier.duplicates),
        "notes": to_plain(dossier.notes),
        "stories": [_story(s) for s in dossier.stories],
    }


def span(doc: str, ts: TextSpan) -> dict[str, Any]:
    """A contract span: document id, offsets and the text they hold."""
    return {"doc": doc, "start": ts.start, "end": ts.end, "text": ts.text}


def _offsets(ts: TextSpan | None) -> dict[str, int] | None:
    """A span nested in a record (a source's name, a cue): its offsets in the record's document."""
    return None if ts is None else {"start": ts.start, "end": ts.end}


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "kind": source.kind,
        "name": source.name,
        "key": source.key,
        "channel": source.channel,
        "span": _offsets(source.span),
    }


Given = frozenset[tuple[str, int, int]]


def _evidence(ev: Evidence, given: Given = frozenset()) -> dict[str, Any]:
    """An evidence span, its text left out when a fact already gives it (``given``)."""
    out = span(ev.article_id, ev.span)
    if (ev.article_id, ev.span.start, ev.span.end) in given:
        del out["text"]
    out["attribution"] = _source(ev.attribution)
    return out


def _document(article: Article, analysis: Analysis | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "origin": article.origin,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "language": article.language,
        "authors": list(article.authors),
        "agency": article.agency,
        "dateline": to_plain(article.dateline),
        "body": to_plain(article.body),
        "notes": to_plain(article.notes),
        "analysis": _analysis(analysis),
    }


def _analysis(analysis: Analysis | None) -> dict[str, Any] | None:
    if analysis is None:
        return None
    plain = to_plain(analysis)
    plain.pop("article_id", None)
    return _offsets_only(plain)


_SPAN_KEYS = frozenset({"start", "end", "text"})


def _offsets_only(value: Any) -> Any:
    """``value`` with every text span (``{"start", "end", "text"}``) reduced to its offsets."""
    if isinstance(value, dict):
        if value.keys() == _SPAN_KEYS:
            return {"start": value["start"], "end": value["end"]}
        return {key: _offsets_only(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_offsets_only(item) for item in value]
    return value


def _entity(ent: Entity) -> dict[str, Any]:
    return {
        "id": ent.id,
        "name": ent.name,
        "type": ent.label,
        "key": ent.key,
        "aliases": list(ent.aliases),
        "mentions": [span(m.article_id, m.span) for m in ent.mentions],
    }


def _quote(dq: DossierQuote, names: dict[str, str]) -> dict[str, Any]:
    quote = dq.quote
    out = span(
        dq.article_id, quote.content if quote.content.end > quote.content.start else quote.span
    )
    out.update(
        {
            "speaker": dq.speaker_id,
            "speaker_name": names.get(dq.speaker_id or "") or quote.speaker.name,
            "kind": quote.kind,
            "printed": _offsets(quote.span),
            "cue": _offsets(quote.cue),
            "source": _source(quote.speaker),
            "resolved_by": quote.resolved_by,
        }
    )
    return out


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "statement": fact.statement,
        "category": fact.category,
        "modality": fact.modality,
        "polarity": fact.polarity,
        "date": fact.date,
        "sources": list(fact.sources),
        "omitted_by": list(fact.omitted_by),
        "origins": fact.origins,
        "actors": list(fact.actors),
        "reason": fact.reason,
        "part_of": fact.part_of,
        "evidence": [_evidence(e) for e in fact.evidence],
    }


def _side(side: Side, given: Given) -> dict[str, Any]:
    """A divergence's side: every source, and at most ``SIDE_EVIDENCE`` spans of evidence
    (``evidence_total`` says how many it has when some are left out)."""
    out: dict[str, Any] = {
        "label": side.label,
        "value": side.value,
        "sources": list(side.sources),
        "evidence": [_evidence(e, given) for e in side.evidence[:SIDE_EVIDENCE]],
    }
    if len(side.evidence) > SIDE_EVIDENCE:
        out["evidence_total"] = len(side.evidence)
    return out


def _divergence(div: Divergence, given: Given) -> dict[str, Any]:
    return {
        "id": div.id,
        "kind": div.kind,
        "reason": div.reason,
        "confidence": round(div.confidence, 2),
        "facts": list(div.facts),
        "sides": [_side(s, given) for s in div.sides],
    }


def _commitment(com: Commitment, given: Given) -> dict[str, Any]:
    out = to_plain(com)
    out["evidence"] = [_evidence(e, given) for e in com.evidence]
    return out


def _timeline(entry: TimelineEntry) -> dict[str, Any]:
    return to_plain(entry)


def _summary(sentence: SummarySentence, given: Given) -> dict[str, Any]:
    out = to_plain(sentence)
    out["evidence"] = [_evidence(e, given) for e in sentence.evidence]
    return out


def _profile(profile: SourceProfile) -> dict[str, Any]:
    out = to_plain(profile)
    out["notes"] = [
        {
            "code": n.code,
            "detail": n.detail,
            "span": span(profile.article_id, n.span) if n.span else None,
        }
        for n in profile.notes
    ]
    return out


def _origin(origin: Origin, given: Given) -> dict[str, Any]:
    out = to_plain(origin)
    out["evidence"] = [_evidence(e, given) for e in origin.evidence]
    return out


def _story(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "documents": list(story.articles),
        "title": story.title,
        "outlets": list(story.outlets),
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
        "merged": list(story.merged),
        # its own records in the lists above (every one of them when there is one story)
        "facts": list(story.facts),
        "divergences": list(story.divergences),
        "dossier": story.dossier,
    }
