"""The per-Doc indexes the quote and attribution components share.

``DocContext`` is built once per component call: sentences (whitespace-only ones,
masked page debris, left out), paragraphs, token offsets and heads read with
``Doc.to_array``, the entity mentions (``doc._.recoupe_mentions``, or the model's
entities while no mention component ran), the quoted regions and the speakers
resolved so far (``heard``), which pronouns and bare document nouns look back to.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.attrs import HEAD, IDX, IS_SPACE, LENGTH, SPACY
from spacy.tokens import Doc, Span, Token

from recoupe.model import Mention, Source

from . import mentions as _mentions
from .doc import source_text, span_of
from .quotemarks import paragraphs
from .reporting import Lexicon, fold

_NOT_NEWLINE = re.compile(r"[^\n]")


def entity_key(text: str, lang: str) -> str:
    """The entity key of ``text``: the mentions component's normaliser when it is there."""
    normalise = getattr(_mentions, "normalise_key", None)
    if normalise is not None:
        return normalise(text, lang)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


@dataclass(frozen=True, slots=True)
class Heard:
    """A speaker already resolved, at a character offset: pronouns and readouts look back."""

    pos: int
    paragraph: int
    source: Source
    end: int | None = None  # the end of the words reported: names inside are not speakers


class DocContext:
    """Per-Doc indexes shared by the resolvers, built once per component call."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.lang = lex.lang
        self.text = source_text(doc)
        arr = doc.to_array([HEAD, IDX, IS_SPACE, LENGTH, SPACY]).astype(np.int64)
        arr = arr.reshape(len(doc), 5)
        self.heads = arr[:, 0] + np.arange(len(doc))  # absolute index of each token's head
        self.tok_starts: list[int] = arr[:, 1].tolist()
        # Doc.text joins every token in Python: rebuild the blanked text from the article
        masked = doc._.recoupe_text is not None
        self.visible = _visible(self.text, arr) if masked else self.text
        self.sents: list[Span] = [
            s for s in doc.sents if not self.visible[s.start_char : s.end_char].isspace()
        ]
        self.sent_starts = [s.start_char for s in self.sents]
        self.paras = paragraphs(self.visible)
        self.para_starts = [p[0] for p in self.paras]
        self.mentions = sorted(_doc_mentions(doc, lex.lang), key=_mention_order)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.quoted: list[tuple[int, int]] = []
        self.heard: list[Heard] = []
        self._folded: str | None = None

    def folded(self) -> str:
        """The article text lower-cased with apostrophes folded, offsets unchanged (page
        debris included: a label repeated in a link line or a tag is still a label)."""
        if self._folded is None:
            folded = fold(self.text)
            if len(folded) != len(self.text):  # a letter whose lower case is longer
                folded = "".join(c if len(fold(c)) != 1 else fold(c) for c in self.text)
            self._folded = folded
        return self._folded

    def sentence(self, pos: int) -> Span | None:
        """The sentence holding character ``pos`` (or the last one starting before it)."""
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sents[i] if i >= 0 else None

    def sentence_index(self, pos: int) -> int:
        """The index in ``sents`` of the sentence holding ``pos`` (-1 before the first)."""
        return bisect_right(self.sent_starts, pos) - 1

    def paragraph(self, pos: int) -> int:
        """The index of the paragraph holding ``pos`` (-1 before the first)."""
        return bisect_right(self.para_starts, pos) - 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying within ``[start, end)``, in text order."""
        lo = bisect_left(self.mention_starts, start)
        hi = bisect_left(self.mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.span.end <= end]

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quoted passage (quote marks included)."""
        return any(a <= pos < b for a, b in self.quoted)

    def token_at(self, pos: int) -> Token | None:
        """The first token at or after character ``pos``, skipping whitespace."""
        text = self.visible
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return None
        i = bisect_right(self.tok_starts, pos) - 1
        return self.doc[max(i, 0)]

    def tokens(self, start: int, end: int) -> Span:
        """The tokens overlapping characters ``[start, end)`` (a possibly empty Span)."""
        doc = self.doc
        i = max(bisect_right(self.tok_starts, start) - 1, 0)
        if i < len(doc) and doc[i].idx + len(doc[i]) <= start:
            i += 1
        return doc[i : max(bisect_left(self.tok_starts, end), i)]

    def sent_of(self, token: Token) -> Span:
        """The sentence of ``token`` (``Token.sent`` walks the whole Doc each time)."""
        i = bisect_right(self.sent_starts, token.idx) - 1
        if i >= 0 and self.sents[i].start <= token.i < self.sents[i].end:
            return self.sents[i]
        return token.sent


def _visible(text: str, arr: np.ndarray) -> str:
    # the Doc text is the article with debris blanked; blanks fall in whitespace tokens
    # (and the trailing space of the token before one): blank those spans here too
    parts, pos = [], 0
    for i in np.flatnonzero(arr[:, 2]).tolist():
        start, end = int(arr[i, 1]), int(arr[i, 1] + arr[i, 3])
        if i > 0 and arr[i - 1, 4]:
            start -= 1
        chunk = text[start:end]
        if chunk.isspace() or start < pos:
            continue
        parts += [text[pos:start], _NOT_NEWLINE.sub(" ", chunk)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _doc_mentions(doc: Doc, lang: str) -> list[Mention]:
    found = doc._.recoupe_mentions
    if found:
        return list(found)
    # Fallback while no mention component ran: the model's entities, trimmed.
    out = []
    for ent in doc.ents:
        text = ent.text.rstrip()
        if text:
            span = span_of(doc, ent.start_char, ent.start_char + len(text))
            out.append(Mention(span=span, label=ent.label_, key=entity_key(span.text, lang)))
    return out


def _mention_order(m: Mention) -> tuple[int, int]:
    return (m.span.start, m.span.end)
