"""``recoupe_quotes``: quotations of an article and who said them.

Five kinds (``model.Quote.kind``):

- ``direct``: a passage between quote marks that is a whole sentence or more;
- ``partial``: a quoted fragment inside a larger sentence, someone's words;
- ``term``: quoted words that are no speech (scare quotes): a short fragment that is a
  name or a title (a capitalised word), a noun phrase the article writes again elsewhere
  (singular or plural, with or without marks), or a fragment under ``min_partial_words``
  that no verb governs closely. Its speaker is unknown;
- ``indirect``: the "que" clause of a verb of saying ("X a déclaré que ..."); the span
  runs from "que" to the end of the clause, the content leaves "que" out;
- ``according_to``: the clause a "selon X" / "d'après X" / "comme l'indique X" credits,
  or a "Pour X, ..." at the head of a sentence when X is a person or an organisation.

Spans of direct, partial and term quotes start and end at their quote marks. A passage
left open at the end of its paragraph is closed there (at its last non-space
character) and a ``Note(code="unclosed_quote")`` is added to ``doc._.recoupe_notes``.

The speaker of a quoted passage comes from, in order: an incise after it ("« ... », a
déclaré X", also with any verb whose subject is a person: "», soupire X"), a verb of
saying before a colon ("X a déclaré : « ... »"), an incise inside its marks, the verb of
saying that governs it (a short fragment: only a close one; the climb stops at a clause
with its own subject), a heading "X : « ... »", a "selon" cue, the subject of the verb
above it when a named or definite person ("X approuve une « ... »"), another verb of
saying of its sentence (not for a short fragment), the previous quote of the paragraph
(``continuation``; a partial quote only in the same or the next sentence; also a passage
left open at a paragraph's end and reopened at the next), a "Selon X :" heading earlier
in the paragraph, the verb of saying of the sentence before a quotation standing alone
(``previous``). Speakers themselves are read by ``speakers.SpeakerResolver``: people and
organisations only. Otherwise it is ``Source(kind="unknown")`` with ``resolved_by``
None. An indirect clause of an infinitive with no speaker ("il faut rappeler que") is
the outlet's own voice and is not reported.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from recoupe.model import Note, Quote, Source, TextSpan

from .doc import outputs, span_of
from .quote_clauses import (
    Draft,
    find_according_to,
    find_as_clause,
    find_indirect,
    infinitive,
    negated,
)
from .quote_context import DocContext, Heard
from .quotemarks import Marked, find_marked
from .reporting import CueMatchers, Lexicon, fold, lexicon
from .speakers import SpeakerResolver

# A sentence break inside quoted content: final punctuation, then a capital.
_SENTENCE_BREAK = re.compile(r"[.!?…][»”\"’]?\s+[«“\"]?(\w)")
_INCISE_SKIP = frozenset({",", "-", "—", "–"})


@Language.factory(
    "recoupe_quotes",
    default_config={"lang": "fr"},
    requires=["token.dep", "token.pos", "token.lemma", "doc.sents"],
    assigns=["doc._.recoupe_quotes"],
)
def make_quotes(nlp: Language, name: str, lang: str) -> QuoteFinder:
    """Create the ``recoupe_quotes`` component for resource language ``lang``."""
    return QuoteFinder(nlp, lang=lang)


class QuoteFinder:
    """Fill ``doc._.recoupe_quotes`` with ``model.Quote`` records, in text order."""

    def __init__(self, nlp: Language, *, lang: str = "fr") -> None:
        self.lex: Lexicon = lexicon(lang)
        self.matchers = CueMatchers(nlp.vocab, self.lex, nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        ctx = DocContext(doc, self.lex)
        resolver = SpeakerResolver(ctx)
        verbs = self.matchers.saying_verbs(doc)
        marked = find_marked(ctx.text, self.lex.mark_pairs, spans=ctx.paras, visible=ctx.visible)
        ctx.quoted = [(m.start, m.end) for m in marked]
        drafts = find_drafts(ctx, self.matchers, verbs, marked, resolver)
        resolved = resolve_all(ctx, resolver, drafts)
        outputs(doc, "recoupe_quotes").extend(q for _, q in resolved)
        notes = outputs(doc, "recoupe_notes")
        for d, q in resolved:
            if not d.closed:
                notes.append(
                    Note(code="unclosed_quote", detail="closed at paragraph end", span=q.span)
                )
        return doc


def find_drafts(
    ctx: DocContext,
    matchers: CueMatchers,
    verbs: list[Token],
    marked: list[Marked],
    resolver: SpeakerResolver,
) -> list[Draft]:
    """Every quotation of the Doc, marked, indirect and "selon", in text order."""
    according = [
        d for d in (find_according_to(ctx, s, e) for s, e in matchers.according_to(ctx.doc)) if d
    ]
    according += [d for d in (find_as_clause(ctx, v) for v in verbs) if d]
    for s, e in matchers.sentence_heads(ctx.doc):  # "Pour le ministre X, ..."
        draft = find_according_to(ctx, s, e)
        if draft is not None and draft.head is not None and _someone(resolver, draft.head):
            according.append(draft)
    drafts = [d for d in (_marked(ctx, m, verbs, according, resolver) for m in marked) if d]
    drafts += [d for d in (find_indirect(ctx, v) for v in verbs) if d]
    drafts += according
    drafts.sort(key=lambda d: (d.start, -d.end))
    return drafts


# ---------------------------------------------------------------- marked passages


def _marked(
    ctx: DocContext,
    m: Marked,
    verbs: list[Token],
    according: list[Draft],
    resolver: SpeakerResolver,
) -> Draft | None:
    lex = ctx.lex
    content = ctx.tokens(m.content_start, m.content_end)
    if not len(content) or not ctx.text[m.content_start : m.content_end].strip():
        return None
    para = ctx.paras[ctx.paragraph(m.start)]
    kind = "direct" if _whole(ctx, m, para) else "partial"
    draft = Draft(m.start, m.end, m.content_start, m.content_end, kind, closed=m.closed)
    if kind == "partial" and _term(ctx, m, content):
        draft.kind = "term"
        return draft
    _find_cue(ctx, draft, content, verbs, according, resolver)
    if kind == "partial":
        words = ctx.text[m.content_start : m.content_end].split()
        if len(words) < lex.min_partial_words:
            governed = draft.how in ("incise", "governor", "intro", "subject")
            has_verb = any(t.pos_ in ("VERB", "AUX") for t in content)
            if not (governed or has_verb):
                return Draft(m.start, m.end, m.content_start, m.content_end, "term", m.closed)
    return draft


def _term(ctx: DocContext, m: Marked, content: Span) -> bool:
    """Whether a short quoted fragment is a term, not speech: a name or a title (every
    word capitalised), or words the article also writes elsewhere, with or without
    marks ("les « lanceurs d'alerte »", a slogan used as a noun)."""
    text = ctx.text[m.content_start : m.content_end]
    words = text.split()
    if len(words) > ctx.lex.max_term_words:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in content):
        return False  # "« tourner la page »" quoted twice is words said, not a label
    if all(w[:1].isupper() for w in words) or any(w[:1].isupper() for w in words[1:]):
        return True  # a name or a title: "« Rafale »", "« opération Tempête »"
    # a label is a noun phrase: "« oui »", "« inacceptable »" or "« sans effet »" said
    # twice are still words (the second time in a post the article embeds, say)
    nominal = content[0].pos_ != "ADP" and any(t.pos_ in ("NOUN", "PROPN") for t in content)
    return nominal and _repeated(ctx, text, m.start, m.end)


def _repeated(ctx: DocContext, text: str, start: int, end: int) -> bool:
    # the same words elsewhere in the article (folded, whole words only)
    # a word may come back in the plural or the singular: "« bonnet vert »", "bonnets verts"
    words = (re.escape(w.rstrip("sx")) + "[sx]?" for w in fold(text).split())
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    folded = ctx.folded()
    return any(not start <= f.start() < end for f in re.finditer(pattern, folded))


def _whole(ctx: DocContext, m: Marked, para: tuple[int, int]) -> bool:
    text = ctx.text
    content = text[m.content_start : m.content_end]
    first = next((c for c in content if c.isalnum()), "")
    several = any(g.group(1).isupper() for g in _SENTENCE_BREAK.finditer(content))
    if not (first.isupper() or first.isdigit()):
        return several
    before = text[para[0] : m.start].rstrip()
    if before and before[-1] not in '.!?:;…»”"—–-)':
        return several
    after = text[m.end : para[1]].lstrip()
    ends = content.rstrip()[-1:] in (".", "!", "?", "…")  # "« ... fini. » Elle a quitté"
    return not after or after[0] in ',.!?;:…—–-)«“"' or several or ends


def _find_cue(
    ctx: DocContext,
    draft: Draft,
    content: Span,
    verbs: list[Token],
    according: list[Draft],
    resolver: SpeakerResolver,
) -> None:
    c0, c1 = content.start, content.end
    # 1. an incise right after the closing mark: "», a-t-il déclaré", "», selon X", or
    # any verb whose subject, a person, follows it ("», souffle cette enseignante")
    if draft.closed and _incise_after(ctx, draft, according, resolver):
        return
    # 1a. a verb of saying right before a colon: "X a déclaré : « ... »" (the parser may
    # hang the passage on an earlier verb of the sentence)
    intro = _colon_intro(ctx, draft, c0, verbs)
    if intro is not None:
        draft.verb, draft.how = intro, "intro"
        return
    # 1b. an incise inside the marks: "« Nous n'avons, a-t-il dit, pas le choix »"
    for verb in verbs:
        if c0 <= verb.i < c1 and _inner_incise(verb, c1):
            draft.verb, draft.how = verb, "incise"
            return
    # a short fragment is someone's words only close to their verb, not several
    # clauses down ("réclame un fichier ..., au lendemain d'une « phase IV »")
    short = len(ctx.text[draft.c_start : draft.c_end].split()) <= ctx.lex.max_term_words
    # 2. the verb of saying that governs the passage (nearest ancestor outside it)
    governor = _governor(ctx, draft, c0, c1, short, resolver)
    if draft.verb is not None:
        return
    # 3. an incise the parser hung on the passage, after it
    sent = ctx.sentence(max(draft.end - 1, draft.start))
    if sent is not None and c1 < sent.end:
        after = ctx.heads[c1 : sent.end]
        for j in (np.flatnonzero((after >= c0) & (after < c1)) + c1).tolist():
            tok = ctx.doc[j]
            if ctx.lex.is_saying(tok) and _finite(tok) and not ctx.in_quote(tok.idx):
                draft.verb, draft.how = tok, "incise"
                return
    _in_sentence(ctx, draft, c0, c1, verbs, according, resolver, governor, short)


def _incise_after(
    ctx: DocContext, draft: Draft, according: list[Draft], resolver: SpeakerResolver
) -> bool:
    doc, lex = ctx.doc, ctx.lex
    sent = ctx.sentence(max(draft.end - 1, draft.start))
    if sent is None:
        return False
    tok = ctx.token_at(draft.end)
    limit = sent.end
    if tok is not None and tok.i >= limit and tok.text in _INCISE_SKIP:
        limit = ctx.sent_of(tok).end  # "« ... ! » | , écrit X": a sentence cut at the mark
    while tok is not None and tok.i < limit:
        low = tok.lower_
        cue = next((d for d in according if d.cue and d.cue[0] == tok.i), None)
        if cue is not None:
            _credit(draft, cue)
            return True
        if "Part" in tok.morph.get("VerbForm", []) and "Pres" in tok.morph.get("Tense", []):
            return False  # "», dénonçant des annonces": the speaker is the clause's subject
        if lex.is_saying(tok) or (
            _verbal(ctx, tok) and resolver.subject_of(tok, inverted=True) is not None
        ):
            draft.verb, draft.how = tok, "incise"
            return True
        if not (
            tok.is_space
            or low in _INCISE_SKIP
            or low in lex.negation_particles
            or low.startswith("-")  # clitics: "-t", "-il", "-on"
            or fold(tok.lemma_) in lex.incise_modals
            or tok.pos_ in ("AUX", "ADV")
            or lex.pronoun(tok)
            or _clitic_object(lex, tok)  # "», s'inquiète X"
        ):
            return False
        tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return False


def _governor(
    ctx: DocContext, draft: Draft, c0: int, c1: int, short: bool, resolver: SpeakerResolver
) -> Token | None:
    """Set the verb of saying above the passage on ``draft``; return the first verb above
    it whatever it means (its subject may be the speaker, see ``_in_sentence``)."""
    doc, lex = ctx.doc, ctx.lex
    inner = ctx.heads[c0:c1]
    governor = None
    for i in np.flatnonzero((inner < c0) | (inner >= c1)).tolist():
        head = doc[int(inner[i])]
        # edges climbed, a conjunct's not counted: "« A » et des « B »": B as deep as A
        levels = int(doc[c0 + i].dep_ != "conj")
        for _ in range(6):
            if short and levels > 3:
                break
            saying = lex.is_saying(head, strict=True) and not negated(lex, head)
            if saying and not ctx.in_quote(head.idx):
                draft.verb, draft.how = head, "governor"
                return governor
            if governor is None and head.pos_ == "VERB" and not ctx.in_quote(head.idx):
                governor = head
                own = any(c.dep_ in ("nsubj", "nsubj:pass") for c in head.children)
                if own or resolver.subject_of(head) is not None:
                    break  # "et X pense avoir « ... »": X's words, not the first clause's
            if head.head.i == head.i:
                break
            levels += head.dep_ != "conj"
            head = head.head
    return governor


def _in_sentence(
    ctx: DocContext,
    draft: Draft,
    c0: int,
    c1: int,
    verbs: list[Token],
    according: list[Draft],
    resolver: SpeakerResolver,
    governor: Token | None,
    short: bool,
) -> None:
    doc, lex = ctx.doc, ctx.lex
    first = ctx.sentence(draft.start)
    if first is None:
        return
    before = [v for v in verbs if first.start <= v.i < c0 and not ctx.in_quote(v.idx)]
    # 4. introduced after a colon: "X a déclaré : « ... »", or a heading "X : « ... »"
    if ctx.text[first.start_char : draft.start].rstrip().endswith(":"):
        if before:
            draft.verb, draft.how = before[-1], "intro"
            return
        named = _heading(ctx, first.start, c0)
        if named is not None:
            draft.head, draft.how = named, "heading"
            return
    # 5. a "selon" cue or "comme l'indique" crediting the sentence
    for d in according:
        if d.cue is not None and doc[d.cue[0]].head.dep_ == "nmod":
            continue  # "une réponse, selon elle, ...": the cue credits a noun, not the clause
        if d.start <= draft.start < d.end or d.start < draft.end <= d.end:
            _credit(draft, d)
            return
    # 5b. the person the verb above the passage is about: "X approuve une « ... »"
    about = resolver.subject_of(governor) if governor is not None else None
    if about is not None and _definite(ctx, about[0]):
        draft.verb, draft.how = governor, "subject"
        return
    if short:
        return  # a short fragment is not credited to a verb that does not govern it
    # 6. another verb of saying of the sentence
    last = ctx.sentence(max(draft.end - 1, draft.start)) or first
    near = [
        v for v in verbs
        if first.start <= v.i < last.end and not (c0 <= v.i < c1) and not ctx.in_quote(v.idx)
        and not negated(lex, v) and lex.is_saying(v, strict=True)
    ]  # fmt: skip
    if near:
        draft.verb = min(near, key=lambda v: min(abs(v.i - c0), abs(v.i - c1)))
        draft.how = "sentence"


def _someone(resolver: SpeakerResolver, head: Token) -> bool:
    # a named person or organisation, or a role: "pour le ministre", not "pour la plupart"
    if not (head.pos_ == "PROPN" or resolver.lex.human(head)):
        return False
    found = resolver.of_phrase(head)
    return found is not None and found.kind in ("person", "institution") and bool(found.key)


def _finite(tok: Token) -> bool:
    # a verb that can open an incise: "a soutenu", "soutient"; not "soutenu par"
    return "Fin" in tok.morph.get("VerbForm", []) or any(
        c.dep_.startswith("aux") for c in tok.children
    )


def _clitic_object(lex: Lexicon, tok: Token) -> bool:
    # a clitic before its verb that is not its subject: "s'", "le", "lui"; not "qui"
    return (
        tok.pos_ == "PRON"
        and tok.head.i > tok.i
        and not tok.dep_.startswith("nsubj")
        and tok.lower_ not in lex.relatives
    )


def _colon_intro(ctx: DocContext, draft: Draft, c0: int, verbs: list[Token]) -> Token | None:
    # the verb of saying of the clause that ends with the colon before the passage
    first = ctx.sentence(draft.start)
    if first is None or not ctx.text[first.start_char : draft.start].rstrip().endswith(":"):
        return None
    colon = c0 - 1
    doc = ctx.doc
    while colon > first.start and doc[colon].text != ":":
        colon -= 1
    clause = [
        v for v in verbs if first.start <= v.i < colon and not ctx.in_quote(v.idx)
        and not any(t.text in (",", ";") for t in doc[v.i : colon])
    ]  # fmt: skip
    return clause[-1] if clause else None


def _verbal(ctx: DocContext, tok: Token) -> bool:
    # a verb of an incise, also one the tagger misread ("», soupire Jane Doe": a noun;
    # "», a également tweeté Jane Doe": a participle left without its auxiliary)
    if any(c.dep_.startswith("expl") for c in tok.children):
        return True
    if tok.pos_ == "VERB" and _finite(tok):
        return True
    doc = ctx.doc
    if not tok.is_alpha or not tok.is_lower or tok.is_stop or tok.i + 1 >= len(doc):
        return False
    i = tok.i - 1
    while i > 0 and (doc[i].pos_ in ("AUX", "ADV") or doc[i].is_space):
        i -= 1
    nxt = doc[tok.i + 1]
    named = ctx.mentions_in(nxt.idx, ctx.sent_of(tok).end_char)
    return (
        doc[i].text in (",", "»", "”", '"')
        and bool(named)
        and named[0].label == "PER"
        and named[0].span.start == nxt.idx
    )


def _definite(ctx: DocContext, source: Source) -> bool:
    # a named or a definite singular speaker ("le syndicat"), not "quelque 500 personnes",
    # "des élus" or "les experts" (a fragment they are said to use is not their words)
    if source.key or source.span is None:
        return bool(source.key)
    words = ctx.tokens(source.span.start, source.span.end)
    return not any(
        t.pos_ == "NUM"
        or "Ind" in t.morph.get("Definite", [])
        or "Plur" in t.morph.get("Number", [])
        for t in words
    )


def _inner_incise(verb: Token, end: int) -> bool:
    # a verb between commas inside the marks, its subject after it: ", a-t-il dit,"
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and (doc[i].pos_ in ("AUX", "ADV") or doc[i].lower_.startswith("-")):
        i -= 1
    if doc[i].text != ",":
        return False
    return any(t.text == "," for t in doc[verb.i + 1 : min(verb.i + 8, end)])


def _heading(ctx: DocContext, start: int, end: int) -> Token | None:
    # "X : « ... »" with no verb before the colon: X is the speaker (a title, a lead-in)
    doc = ctx.doc
    if any(t.pos_ in ("VERB", "AUX") for t in doc[start:end]):
        return None
    stop = doc[end - 1].idx if end > start else doc[start].idx
    for m in ctx.mentions_in(doc[start].idx, stop):
        if m.label in ("PER", "ORG"):
            return ctx.tokens(m.span.start, m.span.end).root
    return None


def _credit(draft: Draft, cue: Draft) -> None:
    draft.cue, draft.head, draft.verb = cue.cue, cue.head, cue.verb
    draft.how = "incise" if cue.verb is not None else "according_to"


# ---------------------------------------------------------------- speakers


def resolve_all(
    ctx: DocContext, resolver: SpeakerResolver, drafts: list[Draft]
) -> list[tuple[Draft, Quote]]:
    """Give every draft its speaker, in text order, so that pronouns can look back."""
    doc = ctx.doc
    quotes: list[Quote] = []
    kept: list[Draft] = []
    credited: dict[int, tuple[Source, str | None]] = {}
    passages: list[tuple[int, int, Source, TextSpan | None]] = []
    for d in drafts:
        if d.kind == "term":
            source, how, cue = Source(kind="unknown"), None, None
        else:
            spoken = [q for q in quotes if q.kind != "term"]
            source, how, cue = _speaker(ctx, resolver, d, spoken, credited, passages)
        if d.kind == "indirect" and source.kind == "unknown" and infinitive(d.verb):
            continue  # "il faut rappeler que": the outlet's own voice, not reported speech
        q = Quote(
            span=span_of(doc, d.start, d.end),
            content=span_of(doc, d.c_start, d.c_end),
            kind=d.kind,
            speaker=source,
            cue=cue,
            resolved_by=how,
        )
        quotes.append(q)
        kept.append(d)
        if d.passage_end is not None and source.kind != "unknown":
            passages.append((d.end, d.passage_end, source, cue))
        if source.kind not in ("unknown", "self"):
            heard = Heard(pos=d.start, paragraph=ctx.paragraph(d.start), source=source, end=d.end)
            ctx.heard.append(heard)
    _run_on(ctx, kept, quotes)
    return list(zip(kept, quotes, strict=True))


def _run_on(ctx: DocContext, drafts: list[Draft], quotes: list[Quote]) -> None:
    # a quotation over several paragraphs reopens its marks at each one and gives its
    # speaker at the end: an open passage takes the speaker of the one opening the next
    for k in range(len(drafts) - 2, -1, -1):
        d, nxt = drafts[k], drafts[k + 1]
        if d.closed or quotes[k].speaker.kind != "unknown" or nxt.kind not in ("direct", "partial"):
            continue
        para = ctx.paragraph(nxt.start)
        opens = not ctx.visible[ctx.paras[para][0] : nxt.start].strip()
        heard = quotes[k + 1].speaker
        if para == ctx.paragraph(d.start) + 1 and opens and heard.kind != "unknown":
            quotes[k] = replace(quotes[k], speaker=heard, resolved_by="continuation")


def _speaker(
    ctx: DocContext,
    resolver: SpeakerResolver,
    d: Draft,
    quotes: list[Quote],
    credited: dict[int, tuple[Source, str | None]],
    passages: list[tuple[int, int, Source, TextSpan | None]],
) -> tuple[Source, str | None, TextSpan | None]:
    doc = ctx.doc
    if d.cue is not None and d.verb is None:
        if d.cue[0] not in credited:
            head = d.head
            found = resolver.of_phrase(head, lo=d.cue[1]) if head is not None else None
            route = "pronoun" if head is not None and ctx.lex.pronoun(head) else "according_to"
            credited[d.cue[0]] = (found or Source(kind="unknown"), route if found else None)
        source, how = credited[d.cue[0]]
        a, b = doc[d.cue[0]], doc[d.cue[1] - 1]
        return source, how, span_of(doc, a.idx, b.idx + len(b))
    if d.verb is not None:
        source, how = resolver.of_verb(d.verb, inverted=d.how == "incise")
        cue = span_of(doc, d.verb.idx, d.verb.idx + len(d.verb))
        if d.cue is not None:  # "comme l'indique X": the cue runs from "comme" to the verb
            cue = span_of(doc, doc[d.cue[0]].idx, d.verb.idx + len(d.verb))
        return source, how, cue
    if d.how == "heading" and d.head is not None:
        found = resolver.of_phrase(d.head)
        if found is not None and found.kind != "unknown":
            return found, "heading", None
    para = ctx.paragraph(d.start)
    intro = _introduced(ctx, resolver, d) if d.kind == "direct" else None
    if intro is not None and (not quotes or quotes[-1].span.end <= intro.idx):
        # a sentence of saying stands between the last quote and this one
        source, _ = resolver.of_verb(intro)
        return source, "previous", span_of(doc, intro.idx, intro.idx + len(intro))
    if quotes and d.kind in ("direct", "partial"):
        prev = quotes[-1]
        # a partial quote continues the last speaker in its sentence or in the next one
        # ("«...», assure X. La mesure serait « ... »"), not further away
        gap = ctx.sentence_index(d.start) - ctx.sentence_index(prev.span.end - 1)
        near = ctx.paragraph(prev.span.start) == para and (d.kind == "direct" or gap <= 1)
        if near and prev.speaker.kind != "unknown":
            return prev.speaker, "continuation", None
    for start, end, source, passage_cue in reversed(passages):
        if start <= d.start < end:
            return source, "according_to", passage_cue
    if intro is not None:
        source, _ = resolver.of_verb(intro)
        return source, "previous", span_of(doc, intro.idx, intro.idx + len(intro))
    return Source(kind="unknown"), None, None


def _introduced(ctx: DocContext, resolver: SpeakerResolver, d: Draft) -> Token | None:
    """The verb of saying of the sentence before a quotation that opens its own sentence
    ("Jane Doe, 48 ans, raconte sa journée. « ... »"), when a person is its subject."""
    s_idx = ctx.sentence_index(d.start)
    if s_idx <= 0:
        return None
    sent = ctx.sents[s_idx]
    if ctx.visible[sent.start_char : d.start].strip():
        return None  # words before the marks: the sentence is not the quotation alone
    prev = ctx.sents[s_idx - 1]
    if ctx.paragraph(prev.start_char) < ctx.paragraph(d.start) - 1 or ctx.in_quote(prev.start_char):
        return None
    lex = ctx.lex
    said = [
        t for t in prev
        if lex.is_saying(t) and not negated(lex, t) and not ctx.in_quote(t.idx)
    ]  # fmt: skip
    for verb in reversed(said):
        if resolver.subject_of(verb) is not None:
            return verb
    return None
