"""Which reader a file goes to: by its extension, then by what its first bytes say.

Content wins over a weak extension: a ``.txt`` (or an unknown extension) that starts
with HTML markup goes to the HTML reader, one that starts with ``<rss`` to the feed
reader. Known binary formats are recognised by their magic numbers.
"""

from __future__ import annotations

import re
import zlib

TEXT = "text"
HTML = "html"
JSONL = "jsonl"
JSON = "json"
FEED = "feed"
WARC = "warc"

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV sound or AVI video)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"{\\rtf", "an RTF document"),
)
_EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".shtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".jsonlines": JSONL,
    ".json": JSON,
    ".rss": FEED,
    ".atom": FEED,
    ".xml": FEED,
    ".warc": WARC,
}
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HEAD = 4096
_LEADING = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->|<\?xml[^>]*>)*", re.S)
_FEED_TAG = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|div|p|h1|h2|meta|title|section|main|span|table)[\s>/]",
    re.I,
)


def binary_kind(name: str, data: bytes) -> str | None:
    """What binary format ``data`` is in ("a PDF document"), or None for text and WARC."""
    if data.startswith(b"\x1f\x8b") and (
        name.lower().endswith(_WARC_SUFFIXES) or _gunzip_head(data).startswith(b"WARC/")
    ):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def detect_format(name: str, data: bytes) -> str:
    """The reader for a file of this name and content: text, html, jsonl, json, feed or warc."""
    lower = name.lower()
    if lower.endswith(_WARC_SUFFIXES) or data.startswith(b"WARC/"):
        return WARC
    if data.startswith(b"\x1f\x8b") and _gunzip_head(data).startswith(b"WARC/"):
        return WARC
    suffix = lower[lower.rfind(".") :] if "." in lower else ""
    by_name = _EXTENSIONS.get(suffix)
    if by_name in (HTML, JSONL, JSON):
        return by_name
    head = data[:_HEAD]
    start = _LEADING.match(head)
    rest = head[start.end() if start else 0 :]
    if _FEED_TAG.match(rest):
        return FEED
    if rest.startswith(b"<") and _HTML_TAG.search(rest):
        return HTML
    if by_name is not None:
        return by_name
    stripped = rest.lstrip()
    if stripped.startswith(b"{"):
        return JSONL
    if stripped.startswith(b"["):
        return JSON
    return TEXT


def is_archive(data: bytes) -> bool:
    """True if ``data`` (plain or gzipped) starts like a WARC or ARC archive."""
    head = _gunzip_head(data) if data.startswith(b"\x1f\x8b") else data[:64]
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _gunzip_head(data: bytes) -> bytes:
    """The first bytes of a gzip stream, or b"" if they cannot be decompressed."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 16)
    except zlib.error:
        return b""
