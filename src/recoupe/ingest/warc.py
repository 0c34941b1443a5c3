"""WARC archives (plain or gzipped) read with warcio: each HTML response is an article.

``Article.source`` is ``<file name>#<record>``, the record's position in the archive
(from 1, all record types counted); the URL is the record's ``WARC-Target-URI``.
Responses that are not HTML, or not a success (2xx), are skipped.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed

from recoupe.ingest.draft import Draft
from recoupe.ingest.html import read_html
from recoupe.ingest.sniff import is_archive
from recoupe.model import Rejected

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What a damaged archive raises while it is read.
_BROKEN = (ArchiveLoadFailed, ChunkedDataException, zlib.error, EOFError, ValueError, OSError)


def read_warc(data: bytes, *, name: str, origin: str, max_bytes: int) -> Iterator[Draft | Rejected]:
    """One article per HTML response record."""
    if not is_archive(data):
        # warcio would take any text for an old ARC header; refuse what is not an archive.
        yield Rejected(source=origin, reason="malformed", detail="not a WARC archive")
        return
    records = pages = 0
    iterator = iter(ArchiveIterator(io.BytesIO(data)))
    while True:
        try:
            record = next(iterator, None)
        except _BROKEN as e:
            yield Rejected(
                source=origin if records == 0 else f"{origin}#{records + 1}",
                reason="malformed",
                detail=f"WARC archive broken after {records} records: {e}",
            )
            return
        if record is None:
            break
        records += 1
        if record.rec_type not in ("response", "resource"):
            continue
        headers = record.http_headers if record.rec_type == "response" else record.rec_headers
        if headers is None:
            continue
        status = headers.get_statuscode() if record.rec_type == "response" else "200"
        content_type = (headers.get_header("Content-Type") or "").lower()
        if not content_type.startswith(_HTML_TYPES) or not str(status).startswith("2"):
            continue
        where = f"{origin}#{records}"
        try:
            payload = record.content_stream().read(max_bytes + 1)
        except _BROKEN as e:
            yield Rejected(
                source=where, reason="malformed", detail=f"unreadable record payload: {e}"
            )
            return
        if len(payload) > max_bytes:
            yield Rejected(
                source=where, reason="too_large", detail=f"record payload over {max_bytes} bytes"
            )
            continue
        pages += 1
        yield read_html(
            payload,
            source=f"{name}#{records}",
            origin=where,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            charset=_charset(content_type),
        )
    if records == 0:
        yield Rejected(source=origin, reason="malformed", detail="no WARC record could be read")
    elif pages == 0:
        yield Rejected(
            source=origin, reason="no_text", detail=f"no HTML response among {records} records"
        )
    logger.debug("%s: %d records, %d HTML pages", origin, records, pages)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip()
    return None
