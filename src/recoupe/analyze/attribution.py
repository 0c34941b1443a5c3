"""``recoupe_attribution``: for every sentence, the source the article gives for it.

One ``model.Attribution`` per non-blank sentence (whitespace-only sentences are masked
page debris and are skipped), in text order:

- a sentence that holds or belongs to a quotation (direct, partial, indirect or
  "selon") is credited to that quotation's speaker, the outermost one with a known
  speaker when several overlap ("il a été rapporté que X a déclaré que ..." goes to X);
- a sentence after a "Selon X :" heading in the same paragraph inherits X;
- an incise with no quote marks ("..., a rapporté la porte-parole X sur le réseau Y")
  is credited to the inverted subject of its verb of saying;
- a sentence whose only quotation has no speaker is ``unknown``; any other sentence is
  the outlet's own statement, ``Source(kind="self")``.

``cue`` is the verb of saying or the "selon" phrase. This component reads the quotes
that ``recoupe_quotes`` left on the Doc and must run after it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from recoupe.model import Attribution, Quote, Source, TextSpan

from .doc import outputs, span_of, trimmed
from .quote_context import DocContext, Heard
from .reporting import CueMatchers, lexicon
from .speakers import SpeakerResolver

SELF = Source(kind="self")
NOBODY = ("unknown", "self")


@Language.factory(
    "recoupe_attribution",
    default_config={"lang": "fr"},
    requires=["doc._.recoupe_quotes", "token.dep", "doc.sents"],
    assigns=["doc._.recoupe_attributions"],
)
def make_attribution(nlp: Language, name: str, lang: str) -> Attributor:
    """Create the ``recoupe_attribution`` component for resource language ``lang``."""
    return Attributor(nlp, lang=lang)


class Attributor:
    """Fill ``doc._.recoupe_attributions`` with one ``Attribution`` per sentence."""

    def __init__(self, nlp: Language, *, lang: str = "fr") -> None:
        self.lex = lexicon(lang)
        self.matchers = CueMatchers(nlp.vocab, self.lex, nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        ctx = DocContext(doc, self.lex)
        quotes = sorted(doc._.recoupe_quotes or (), key=lambda q: (q.span.start, -q.span.end))
        ctx.quoted = [(q.span.start, q.span.end) for q in quotes if q.kind in ("direct", "partial")]
        ctx.heard = [
            Heard(pos=q.span.start, paragraph=ctx.paragraph(q.span.start), source=q.speaker)
            for q in quotes
            if q.speaker.kind not in NOBODY
        ]
        resolver = SpeakerResolver(ctx)
        passages = _passages(ctx, quotes)
        verbs = self.matchers.saying_verbs(doc)
        out = outputs(doc, "recoupe_attributions")
        for sent in ctx.sents:
            span = trimmed(doc, sent.start_char, sent.end_char)
            if span is None or ctx.visible[span.start : span.end].isspace():
                continue
            source, cue = _credit(ctx, resolver, sent, quotes, passages, verbs)
            out.append(Attribution(span=span, source=source, cue=cue))
        return doc


def _passages(ctx: DocContext, quotes: list[Quote]) -> list[tuple[int, int, Quote]]:
    # "Selon X : ..." credits the rest of its paragraph to X
    found = []
    for q in quotes:
        if q.kind != "according_to" or q.speaker.kind in NOBODY or q.cue is None:
            continue
        between = ctx.text[q.cue.end : q.span.start]
        if ":" in between:
            para = ctx.paras[ctx.paragraph(q.span.start)]
            found.append((q.span.end, para[1], q))
    return found


def _credit(
    ctx: DocContext,
    resolver: SpeakerResolver,
    sent: Span,
    quotes: list[Quote],
    passages: list[tuple[int, int, Quote]],
    verbs: list[Token],
) -> tuple[Source, TextSpan | None]:
    a, b = sent.start_char, sent.end_char
    inside = [q for q in quotes if q.span.start < b and q.span.end > a]
    known = [q for q in inside if q.speaker.kind not in NOBODY]
    if known:
        cued = [q for q in known if q.cue is not None and a <= q.cue.start < b]
        pick = min(cued or known, key=lambda q: (q.span.start, -q.span.end))
        return pick.speaker, pick.cue
    for start, end, q in reversed(passages):
        if start <= a < end:
            return q.speaker, q.cue
    for verb in verbs:
        if not (a <= verb.idx < b) or ctx.in_quote(verb.idx) or not resolver.incise(verb):
            continue
        if resolver.after_np(verb) is not None:
            source, _ = resolver.of_verb(verb, inverted=True)
            if source.kind not in NOBODY:
                return source, span_of(ctx.doc, verb.idx, verb.idx + len(verb))
    cued = [q for q in inside if q.cue is not None]
    if cued:
        return cued[0].speaker, cued[0].cue
    return SELF, None
