"""Reported clauses: the "que" clause of a verb of saying and the clause a cue credits.

``find_indirect`` reads "X a déclaré que ..." (and "a déclaré être prêt", "a démenti
avoir reçu"): the span runs from "que" to the end of the clause. ``find_according_to``
reads "selon X, ...", "..., d'après X", "à en croire X, ..." and ``find_as_clause``
"Comme l'indique X, ...": the span is the part of the sentence the cue credits (the
whole sentence when the cue stands inside it). ``Draft`` is a quotation before its
speaker is resolved, shared with the marked passages of ``quotes``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .quote_context import DocContext
from .reporting import Lexicon, fold

TRAILING = ".,;:—–- \t\n\u00a0\u202f"
CLAUSE_POS = ("VERB", "AUX", "ADJ", "NOUN")
CLAUSE_DEPS = ("ccomp", "obj", "xcomp", "parataxis")


@dataclass(slots=True)
class Draft:
    """A quotation found, before its speaker is resolved."""

    start: int
    end: int
    c_start: int
    c_end: int
    kind: str
    closed: bool = True
    verb: Token | None = None  # the verb of saying that gives the speaker
    how: str | None = None  # where that verb stands: incise | governor | intro | sentence
    cue: tuple[int, int] | None = None  # token range of a "selon" cue
    head: Token | None = None  # head of the noun phrase after a "selon" cue
    passage_end: int | None = None  # "Selon X :" credits the rest of the paragraph


def negated(lex: Lexicon, verb: Token) -> bool:
    """Whether ``verb`` is denied ("ne mentionnait pas que"): it then reports nothing."""
    return any(c.lower_ in lex.negations for c in verb.children) and any(
        c.lower_ in lex.negation_particles for c in verb.children
    )


def find_indirect(ctx: DocContext, verb: Token) -> Draft | None:
    """The "que" clause of a verb of saying, as an ``indirect`` quote."""
    lex = ctx.lex
    if ctx.in_quote(verb.idx) or negated(lex, verb):
        return None
    doc = verb.doc
    sent = ctx.sent_of(verb)
    start = end = None
    clauses = [c for c in verb.rights if c.dep_ in CLAUSE_DEPS and c.pos_ in CLAUSE_POS]
    que = lex.complementisers
    for child in clauses:
        mark = next((c for c in child.lefts if c.dep_ == "mark" and c.lower_ in que), None)
        if mark is not None and mark.i > verb.i:
            start, end = mark.i, child.right_edge.i
            break
    light = lex.light_verbs.get(fold(verb.lemma_), ())
    for child in clauses if start is None else ():
        # "a déclaré être prêt à", not "a fait savoir" (one verb of saying in two words)
        between = verb.doc[verb.i + 1 : child.left_edge.i]
        close = child.dep_ == "xcomp" and all(t.pos_ == "ADV" for t in between)
        close = close and fold(child.lemma_) not in light
        if close and infinitive(child) and not any(c.dep_ == "mark" for c in child.children):
            start, end = child.left_edge.i, child.right_edge.i
            break
    if start is None:  # the parser missed the clause: "que" after the verb's circumstances
        for tok in doc[verb.i + 1 : min(verb.i + 14, sent.end)]:
            if tok.lower_ in lex.complementisers and tok.pos_ == "SCONJ":
                start, end = tok.i, sent.end - 1
                break
            if tok.pos_ in ("VERB", "PUNCT") and tok.text not in ("'", "-"):
                break
    if start is None or end is None:  # both are set together
        return None
    end = min(end, sent.end - 1)
    span = trim(ctx, doc[start].idx, doc[end].idx + len(doc[end]))
    if span is None:
        return None
    if doc[start].lower_ in lex.complementisers:
        if start + 1 > end:
            return None  # "que" and nothing after it
        c_start = doc[start + 1].idx
    else:
        c_start = span[0]
    if c_start >= span[1]:
        return None
    return Draft(span[0], span[1], c_start, span[1], "indirect", verb=verb, how="governor")


def infinitive(verb: Token | None) -> bool:
    """Whether ``verb`` is an infinitive: "être prêt", or "avoir reçu" (auxiliary first)."""
    if verb is None:
        return False
    if "Inf" in verb.morph.get("VerbForm", []):
        return True
    return any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm", []) for c in verb.lefts
    )


def find_according_to(ctx: DocContext, s: int, e: int) -> Draft | None:
    """The clause a "selon X" cue credits, as an ``according_to`` quote."""
    doc, lex = ctx.doc, ctx.lex
    if e >= len(doc) or ctx.in_quote(doc[s].idx):
        return None
    after = " ".join(t.lower_ for t in doc[e : e + 2])
    if any(after == w or after.startswith(w + " ") for w in lex.not_sources):
        return None
    head = doc[s].head if doc[s].head.i >= e else None
    if head is None or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        head = next((t for t in doc[e : e + 5] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None:
        return None
    return _credited(ctx, s, e, _source_end(ctx, e), head=head)


def _source_end(ctx: DocContext, e: int) -> int:
    """Where the source phrase after a cue ends: at the next comma, past an apposed name
    ("Selon le porte-parole, Jane Doe, ...") or a clause about the source ("Selon X, qui
    cite des sources, ...")."""
    doc, text = ctx.doc, ctx.text
    sent = ctx.sent_of(doc[e])
    commas = [t for t in doc[e : sent.end] if t.text in (",", ":", ";")]
    if not commas:
        return sent.end_char
    comma = commas[0]
    nxt = doc[comma.i + 1] if comma.i + 1 < sent.end else None
    about = nxt is not None and (
        nxt.lower_ in ctx.lex.relatives or "Part" in nxt.morph.get("VerbForm", [])
    )
    if about and len(commas) > 1 and commas[1].text == ",":
        return commas[1].idx
    for m in ctx.mentions_in(comma.idx, sent.end_char)[:1]:
        apposed = m.label == "PER" and not text[comma.idx + 1 : m.span.start].strip()
        if apposed and text[m.span.end : m.span.end + 1] == ",":
            return m.span.end
    return comma.idx


def find_as_clause(ctx: DocContext, verb: Token) -> Draft | None:
    """ "Comme l'indique X, ..." at the head of a sentence credits the rest of it to X."""
    mark = next(
        (c for c in verb.children if c.dep_ == "mark" and c.lower_ in ctx.lex.as_markers), None
    )
    if mark is None or ctx.in_quote(verb.idx):
        return None
    sent = ctx.sent_of(verb)
    doc = verb.doc
    if not ctx.text[sent.start_char : mark.idx].strip():  # "Comme l'indique X, ..."
        comma = next((t for t in doc[verb.i : sent.end] if t.text == ","), None)
        if comma is None:
            return None
        np_end = comma.idx
    elif verb.head.i == sent.root.i and not negated(
        ctx.lex, sent.root
    ):  # "..., comme l'indique X."
        last = doc[verb.right_edge.i]
        np_end = last.idx + len(last)
    else:
        return None  # a comparison inside a clause: "(ne ... pas) ... comme l'a suggéré X"
    draft = _credited(ctx, mark.i, verb.i + 1, np_end)
    if draft is not None:
        draft.verb, draft.how = verb, "incise"
    return draft


def _credited(
    ctx: DocContext, s: int, e: int, np_end: int, *, head: Token | None = None
) -> Draft | None:
    doc, text = ctx.doc, ctx.text
    sent = ctx.sent_of(doc[s])
    sent_span = trim(ctx, sent.start_char, sent.end_char)
    if sent_span is None:
        return None
    cue_start = doc[s].idx
    before = text[sent_span[0] : cue_start].strip(TRAILING)
    rest = text[np_end : sent_span[1]]
    passage = rest.lstrip(" \u00a0\u202f").startswith(":")
    if not before:
        span = trim(ctx, np_end, sent_span[1])
    elif not rest.strip(TRAILING):
        span = trim(ctx, sent_span[0], cue_start)
    else:
        span = sent_span
    if span is None:
        return None
    draft = Draft(span[0], span[1], span[0], span[1], "according_to", cue=(s, e), head=head)
    if passage:
        para = ctx.paras[ctx.paragraph(cue_start)]
        draft.passage_end = para[1]
    return draft


def trim(ctx: DocContext, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without the spaces and punctuation at its edges; None if empty."""
    text = ctx.text
    while start < end and text[start] in TRAILING:
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return (start, end) if end > start else None
