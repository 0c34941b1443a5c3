"""WARC archives (plain or gzipped) read with warcio: each HTML response is an article.

``Article.source`` is ``<file name>#<record>``, the record's position in the archive
(from 1, all record types counted); the URL is the record's ``WARC-Target-URI``.
Responses that are not HTML, or not a success (2xx), are skipped.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from recoupe.ingest.draft import Draft
from recoupe.ingest.html import read_html
from recoupe.ingest.sniff import is_archive
from recoupe.model import Rejected

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Where a record may start: a gzip member (each record is one in a .warc.gz), or a line
# "WARC/1.0"; a candidate is checked before reading resumes there.
_GZIP_MEMBER = re.compile(rb"\x1f\x8b\x08")
_RECORD_LINE = re.compile(rb"(?:^|(?<=\n))WARC/\d")


def read_warc(data: bytes, *, name: str, origin: str, max_bytes: int) -> Iterator[Draft | Rejected]:
    """One article per HTML response record; a broken record is rejected alone."""
    # gzipped by its bytes, or by its name when the first member's header is damaged
    zipped = data.startswith(b"\x1f\x8b") or (
        name.lower().endswith(".gz") and not data[:64].lstrip().startswith(b"WARC/")
    )
    if not is_archive(data) and _next_start(data, 1, zipped=zipped) is None:
        # warcio would take any text for an old ARC header; refuse what is not an archive
        # (one whose first record is damaged is one if a later record starts well)
        yield Rejected(source=origin, reason="malformed", detail="not a WARC archive")
        return
    read = records = pages = 0
    # A first record that cannot be read is held back: if nothing follows it, the
    # archive is at fault as a whole and is rejected as such.
    held: Rejected | None = None
    arc = name.lower().endswith((".arc", ".arc.gz"))
    for start, item in _scan(data, zipped=zipped, arc=arc, max_bytes=max_bytes):
        if held is not None:
            yield held
            held = None
        records += 1
        where = f"{origin}#{records}"
        if isinstance(item, Exception):
            why = _diagnosis(data, start, item, zipped=zipped)
            detail = f"record {records} at byte {start}: {why}"
            logger.debug("%s: %s", where, detail, exc_info=item)
            rejected = Rejected(source=where, reason="malformed", detail=detail)
            if records == 1:
                held = rejected
            else:
                yield rejected
            continue
        read += 1
        if item is None:
            continue
        if len(item.payload) > max_bytes:
            yield Rejected(
                source=where, reason="too_large", detail=f"record payload over {max_bytes} bytes"
            )
            continue
        pages += 1
        yield read_html(
            item.payload,
            source=f"{name}#{records}",
            origin=where,
            url=item.url,
            charset=_charset(item.content_type),
        )
    if held is not None:
        yield Rejected(source=origin, reason="malformed", detail=held.detail)
    elif records == 0:
        yield Rejected(source=origin, reason="malformed", detail="no WARC record could be read")
    elif pages == 0 and read:
        yield Rejected(
            source=origin, reason="no_text", detail=f"no HTML response among {records} records"
        )
    logger.debug("%s: %d records, %d HTML pages", origin, records, pages)


@dataclass(frozen=True, slots=True)
class _Page:
    """What an HTML response record holds: its payload (up to one byte over the limit)."""

    payload: bytes
    url: str | None
    content_type: str


def _page(record: ArcWarcRecord, *, max_bytes: int) -> _Page | None:
    """The HTML page of a successful response record, or None for any other record."""
    length = record.rec_headers.get_header("Content-Length")
    if length is not None and not length.strip().isdigit():
        # warcio reads a record whose length is not a number as empty, and the rest of
        # it as garbage before the next: the record is broken, say so
        raise ValueError("Content-Length is not a number")
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return None
    status = headers.get_statuscode() if record.rec_type == "response" else "200"
    content_type = (headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES) or not str(status).startswith("2"):
        return None
    return _Page(
        payload=record.content_stream().read(max_bytes + 1),
        url=record.rec_headers.get_header("WARC-Target-URI"),
        content_type=content_type,
    )


def _scan(
    data: bytes, *, zipped: bool, arc: bool, max_bytes: int
) -> Iterator[tuple[int, _Page | Exception | None]]:
    """(byte offset, page) for each record in turn, or (offset, error) for a record that
    cannot be read; reading then resumes at the next record that starts after it.

    Outside an ARC file (``arc``), a record warcio read as an old ARC header is damage:
    warcio falls back to ARC on a gzip member it cannot inflate, and would take the
    garbage up to the end of the archive (the next records with it) for one record.
    """
    stream = io.BytesIO(data)
    position: int | None = 0
    last = -1  # where the last record read starts
    failed: set[int] = set()
    while position is not None:
        began = position
        stream.seek(position)
        archive = ArchiveIterator(stream)
        records = iter(archive)
        position = None
        while True:
            # warcio raises whatever its parsers meet in a broken record (AttributeError
            # for a response without a target URI, OverflowError for a huge length): any
            # error costs that record, and the archive is read on from the next one.
            try:
                with contextlib.redirect_stderr(io.StringIO()) as noise:
                    # warcio prints its doubts about a record to stderr: into the log
                    record = next(records, None)
                start = archive.offset
                if record is not None and record.format != "warc" and not arc:
                    raise ValueError("not a WARC record")
                if record is not None and record.format == "warc" and not _has_length(record):
                    # without one, warcio reads on to the end: every later record with it
                    raise ValueError("no Content-Length")
                page = None if record is None else _page(record, max_bytes=max_bytes)
            except Exception as e:
                start = archive.offset
                if start > last and start not in failed:
                    failed.add(start)
                    yield start, e
                # on from the first record after the last one read (or after where this
                # pass began): a damaged gzip member can leave warcio inside the next one
                position = _next_start(data, max(last, began) + 1, zipped=zipped)
                break
            finally:
                if noise.getvalue():
                    logger.debug("warcio: %s", " ".join(noise.getvalue().split()))
            if record is None:
                break
            last = start
            yield start, page


def _has_length(record: ArcWarcRecord) -> bool:
    """Whether a WARC record says how long its block is, as the format requires."""
    length = record.rec_headers.get_header("Content-Length")
    return length is not None and length.strip().isdigit()


def _next_start(data: bytes, after: int, *, zipped: bool) -> int | None:
    """The offset of the first record that starts at ``after`` or later, or None."""
    marker = _GZIP_MEMBER if zipped else _RECORD_LINE
    for match in marker.finditer(data, after):
        head = data[match.start() : match.start() + 4096]
        if not zipped or is_archive(head):
            return match.start()
    return None


def _diagnosis(data: bytes, start: int, error: Exception, *, zipped: bool) -> str:
    """Why the record at ``start`` cannot be read, from its WARC headers where they say."""
    head = _gunzip(data[start : start + 65536]) if zipped else data[start : start + 65536]
    if zipped and not head:
        return "a gzip member that cannot be inflated"
    fields = {}
    for line in head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].splitlines()[1:]:
        key, _, value = line.decode("latin-1").partition(":")
        fields[key.strip().lower()] = value.strip()
    length = fields.get("content-length", "")
    if not length.isdigit():
        return f"its Content-Length {length[:24]!r} is not a number"
    if len(length) > 15 or (not zipped and int(length) > len(data) - start):
        return f"its Content-Length {length[:24]} is more than the archive holds"
    if fields.get("warc-type") in ("response", "request", "revisit") and not fields.get(
        "warc-target-uri"
    ):
        return "a response record without WARC-Target-URI"
    message = (str(error).splitlines() or [""])[0][:160]
    return f"unreadable record ({type(error).__name__}: {message})"


def _gunzip(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(data, 65536)
    except zlib.error:
        return b""


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip()
    return None
