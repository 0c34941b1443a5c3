"""Ingest: files, folders, JSON Lines, HTML pages, feeds and WARC archives into articles.

The one entry point is ``read_all(paths, max_bytes=..., on_progress=...)``, which
returns a ``model.IngestResult``: the articles (text, body spans, metadata read from the
format and from the text), the inputs it refused (``Rejected`` with a reason code:
missing, unreadable, empty, binary, encoding, malformed, too_large, no_text,
unsupported) and the exact and near duplicates it found. Nothing here raises on bad
content.
"""

from __future__ import annotations

from recoupe.ingest.read import read_all

__all__ = ["read_all"]
