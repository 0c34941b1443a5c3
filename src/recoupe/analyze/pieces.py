"""Articles longer than the model takes at once, analysed in pieces.

spaCy refuses a Doc over ``nlp.max_length`` characters (error E088) and its parser
needs about 1 GB of memory per 100,000 characters. A longer article is cut into
pieces at paragraph breaks (else after a sentence's end, else at a space), each piece
is analysed as a Doc of its own, and the records of the pieces are shifted back to
offsets into the whole ``Article.text`` and joined in text order. What spans a cut (a
quote opened in one piece and closed in the next, a pronoun whose name is in the piece
before) is read as in two articles: a rare loss on texts this long.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from recoupe.model import Analysis, Note, TextSpan

# Characters per piece at most: spaCy's guidance of 1 GB of parser memory per 100,000
# characters keeps a piece's peak memory near that of a long news article.
PIECE_CHARS = 100_000
# A sentence end: a full stop, question or exclamation mark or ellipsis, closing quotes
# or brackets, then white space.
_SENTENCE_END = re.compile(r"[.!?…]+['\"»”’)\]]*\s")


def cut(text: str, limit: int) -> list[tuple[int, int]]:
    """Half-open ``[start, end)`` pieces of ``text``, in order, none over ``limit``.

    Each cut falls in the second half of its window: after the last line break there,
    else after the last sentence end, else after the last space, else at the limit.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        low, high = start + limit // 2, start + limit
        end = text.rfind("\n", low, high) + 1
        if end == 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
            end = ends[-1] if ends else text.rfind(" ", low, high) + 1
        if end == 0:
            end = high
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def joined(parts: Sequence[tuple[int, Analysis]], *, article_id: str, pipeline: str) -> Analysis:
    """One analysis of the whole article from ``(offset, analysis)`` of its pieces."""
    shifted = [_shifted(analysis, offset) if offset else analysis for offset, analysis in parts]
    notes = list(dict.fromkeys(note for analysis in shifted for note in analysis.notes))
    notes.append(Note(code="pieces", detail=f"analysed in {len(parts)} pieces (a long text)"))

    def chain(name: str) -> tuple[Any, ...]:
        return tuple(item for analysis in shifted for item in getattr(analysis, name))

    return Analysis(
        article_id=article_id,
        pipeline=pipeline,
        sentences=chain("sentences"),
        lemmas=chain("lemmas"),
        mentions=chain("mentions"),
        quotes=chain("quotes"),
        attributions=chain("attributions"),
        quantities=chain("quantities"),
        dates=chain("dates"),
        claims=chain("claims"),
        notes=tuple(notes),
    )


def _shifted(value: Any, offset: int) -> Any:
    """``value`` with every ``TextSpan`` in it moved ``offset`` characters on."""
    if isinstance(value, TextSpan):
        return TextSpan(start=value.start + offset, end=value.end + offset, text=value.text)
    if isinstance(value, tuple):
        return tuple(_shifted(item, offset) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _shifted(getattr(value, f.name), offset) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value
