"""Plain-text files: the decoded file is the article text, unchanged.

``Article.text`` is exactly what ``open(path, encoding=...).read()`` returns (universal
newlines), so that every offset points into the file as any reader sees it; the
structure is described by spans, never by editing the text.
"""

from __future__ import annotations

from collections.abc import Iterator

from recoupe.ingest.decode import decode
from recoupe.ingest.draft import Draft
from recoupe.model import Rejected


def read_text(data: bytes, *, name: str, origin: str) -> Iterator[Draft | Rejected]:
    """The one article of a plain-text file."""
    decoded = decode(data, source=origin)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    yield Draft(source=name, origin=origin, text=decoded.text, notes=decoded.notes)
