"""The Doc extensions recoupe's components read and write, and span helpers.

recoupe analyses one article as one spaCy ``Doc`` whose text has exactly the
length of ``Article.text``: page debris and the dateline are blanked with spaces
(newlines kept) and typographic apostrophes are folded to ``'``, both one character
for one character. So a token's ``idx`` *is* an offset into ``Article.text``, and
components build model records directly. ``span_of`` takes the text of a record
from the original article text (kept in ``doc._.recoupe_text``), never from the
normalised Doc text, so every reported span slices to exactly its text.

Extensions (all on ``Doc``):

- ``recoupe_text`` (str | None): the original article text; None when a component is
  used on a plain Doc outside recoupe, in which case the Doc text is used.
- ``recoupe_published`` (str | None): the publication date, ISO ``YYYY-MM-DD``.
- ``recoupe_lang`` (str): the resource language, ``fr`` by default.
- ``recoupe_mentions``, ``recoupe_quotes``, ``recoupe_attributions``,
  ``recoupe_quantities``, ``recoupe_dates``, ``recoupe_claims``, ``recoupe_notes``:
  lists of ``model`` records, in text order, filled by the components.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from recoupe.model import TextSpan

OUTPUTS = (
    "recoupe_mentions",
    "recoupe_quotes",
    "recoupe_attributions",
    "recoupe_quantities",
    "recoupe_dates",
    "recoupe_claims",
    "recoupe_notes",
)


def register_extensions() -> None:
    """Register recoupe's Doc extensions (idempotent)."""
    for name in ("recoupe_text", "recoupe_published"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("recoupe_lang"):
        Doc.set_extension("recoupe_lang", default="fr")
    for name in OUTPUTS:
        if not Doc.has_extension(name):
            # a getter-free default list would be shared between Docs: store per Doc
            Doc.set_extension(name, default=None)


register_extensions()


def outputs(doc: Doc, name: str) -> list:
    """The list behind output extension ``name`` on ``doc``, created on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


_TEXT_KEY = "recoupe.doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc: spaCy joins every token's text anew on each read,
    so components that read it per date or per figure made analysis grow with the square
    of an article's length. The text never changes once the Doc is made (splitting a
    token keeps its characters)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, in order (for bisection), made once per Doc
    and token count (a split token makes it anew)."""
    key = f"recoupe.token_starts.{len(doc)}"
    starts = doc.user_data.get(key)
    if starts is None:
        starts = [t.idx for t in doc]
        doc.user_data[key] = starts
    return starts


def source_text(doc: Doc) -> str:
    """The text offsets refer to: the original article text, else the Doc text."""
    return doc._.recoupe_text if doc._.recoupe_text is not None else doc_text(doc)


def span_of(doc: Doc, start: int, end: int) -> TextSpan:
    """A ``TextSpan`` for character offsets ``[start, end)``, text from the original article."""
    return TextSpan(start=start, end=end, text=source_text(doc)[start:end])


def span_from(doc: Doc, span: Span) -> TextSpan:
    """A ``TextSpan`` for a spaCy ``Span`` (trailing whitespace excluded)."""
    return span_of(doc, span.start_char, span.end_char)


def trimmed(doc: Doc, start: int, end: int) -> TextSpan | None:
    """``span_of`` with surrounding whitespace removed; None when nothing is left."""
    text = source_text(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return span_of(doc, start, end) if end > start else None
