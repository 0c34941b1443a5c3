"""Bytes to text: the encoding a file is in, and whether it is text at all.

UTF-8 first (a byte-order mark is kept as U+FEFF, as Python's ``open(encoding="utf-8")``
keeps it, so that offsets match what a reader of the file sees); UTF-16 and UTF-32 by
their byte-order mark. A file that is UTF-8 but for a few bad bytes (fewer invalid
sequences than valid multi-byte characters) stays UTF-8, each bad sequence a U+FFFD,
with a note; only a file that is not UTF-8 is read as the charset it declares, else
CP1252, or Latin-1 where CP1252 leaves a byte undefined, with a note. Line ends become
``\\n`` as in Python's universal-newlines mode.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from recoupe.model import Note, Rejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters (Unicode category Cc) other than tab, line and page breaks.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Above this share of control characters, a decoding is not text.
_MAX_CONTROL_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used and notes about it."""

    text: str
    encoding: str
    notes: tuple[Note, ...] = ()


def decode(data: bytes, *, source: str, declared: str | None = None) -> Decoded | Rejected:
    """Decode ``data``; Rejected (binary, encoding, empty) when it is not readable text.

    ``declared`` is a charset the container names (an HTTP header, a ``<meta charset>``);
    it is tried for bytes that are not UTF-8 and trusted only if it decodes them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(
                data.decode(encoding, errors="replace"), encoding, source, fallback=False
            )
    if b"\x00" in data[:8192]:
        return Rejected(source=source, reason="binary", detail="holds NUL bytes: not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _damaged_utf8(data, source) or _legacy(data, source, declared)
    return _checked(text, "utf-8", source, fallback=False)


def _legacy(data: bytes, source: str, declared: str | None) -> Decoded | Rejected:
    """Bytes that are not UTF-8: the declared charset if it decodes them, else CP1252,
    else Latin-1."""
    candidates = ["cp1252", "latin-1"]
    named = _codec_name(declared) if declared else None
    if named and named not in candidates:
        candidates.insert(0, named)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeError, LookupError):  # LookupError: a declared codec that is not text
            continue
        return _checked(text, encoding, source, fallback=True)
    # Latin-1 decodes any bytes, so this is only reached if the candidates change.
    return Rejected(source=source, reason="encoding", detail="no encoding decodes it")


def _damaged_utf8(data: bytes, source: str) -> Decoded | Rejected | None:
    """UTF-8 with U+FFFD for its bad sequences, if it is UTF-8 but for a few bytes.

    A single-byte file (CP1252, Latin-1) makes an invalid sequence of nearly every
    accented letter and a valid multi-byte one only by chance; a damaged UTF-8 file
    is the other way round.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if bad >= multibyte:
        return None
    decoded = _checked(text, "utf-8", source, fallback=False)
    if isinstance(decoded, Rejected):
        return decoded
    note = Note(
        code="encoding",
        detail=f"decoded as utf-8, {bad} invalid byte sequence(s) replaced by U+FFFD",
    )
    return Decoded(text=decoded.text, encoding="utf-8", notes=(note,))


def _checked(text: str, encoding: str, source: str, *, fallback: bool) -> Decoded | Rejected:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip(" \t\n\f\v\ufeff\u200b"):
        return Rejected(source=source, reason="empty", detail="no text: the file is empty or blank")
    if len(_CONTROLS.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        if fallback:
            return Rejected(
                source=source,
                reason="encoding",
                detail="not valid UTF-8, and no single-byte encoding gives readable text",
            )
        return Rejected(
            source=source, reason="binary", detail="mostly control characters: not text"
        )
    notes = () if encoding == "utf-8" else (Note(code="encoding", detail=f"decoded as {encoding}"),)
    return Decoded(text=text, encoding=encoding, notes=notes)


def _codec_name(name: str) -> str | None:
    """The Python codec of a declared charset, or None if Python does not know it.

    ISO-8859-1 and ASCII labels mean CP1252, as in browsers (the WHATWG encoding standard).
    """
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if codec in ("iso8859-1", "ascii", "latin-1") else codec
