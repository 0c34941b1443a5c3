"""JSON Lines (one article object a line) and JSON files (an article object or a list).

A record needs a ``text`` string; ``title``, ``url``, ``outlet``, ``published``, ``id``,
``language`` and ``authors`` (or ``author``) are optional. ``Article.source`` is the
record's ``id``, else ``<file name>#<line>`` (``#<position>`` in a JSON list, from 1).
A malformed line is rejected alone and the rest of the file is read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from recoupe.ingest.dates import parse_date
from recoupe.ingest.decode import decode
from recoupe.ingest.draft import Draft
from recoupe.ingest.fields import authors_of, language_of, string_of
from recoupe.model import Note, Rejected

# json.loads joins a valid pair of surrogate escapes into one character; what is left is
# an unpaired one ("\\ud800"), which no UTF-8 text (nor its id hash) can hold.
_WIDE_BOMS = (codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 LE's too
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def read_jsonl(data: bytes, *, name: str, origin: str) -> Iterator[Draft | Rejected]:
    """One article per non-blank line."""
    data, nul_lines = _without_nul_lines(data)
    decoded = decode(data, source=origin)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        where = f"{origin}#{number}"
        if number in nul_lines:
            yield Rejected(
                source=where, reason="malformed", detail=f"line {number} holds NUL bytes"
            )
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as e:
            yield Rejected(
                source=where, reason="malformed", detail=f"line {number} is not JSON: {_reason(e)}"
            )
            continue
        yield _record(record, source=f"{name}#{number}", origin=where, notes=decoded.notes)


def _without_nul_lines(data: bytes) -> tuple[bytes, frozenset[int]]:
    """``data`` with its lines that hold NUL bytes blanked, and their numbers (from 1).

    A NUL byte makes a whole file binary (``decode``), but in JSON Lines it is one
    record's fault. A file all of whose lines hold one, or in UTF-16 or UTF-32 (whose
    NULs are no fault), is left as it is.
    """
    if b"\x00" not in data or data.startswith(_WIDE_BOMS):
        return data, frozenset()
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    bad = frozenset(n for n, line in enumerate(lines, start=1) if b"\x00" in line)
    if all(n in bad for n, line in enumerate(lines, start=1) if line.strip()):
        return data, frozenset()
    kept = [b"" if n in bad else line for n, line in enumerate(lines, start=1)]
    return b"\n".join(kept), bad


def read_json(data: bytes, *, name: str, origin: str) -> Iterator[Draft | Rejected]:
    """A JSON file: one article object, or a list of them."""
    decoded = decode(data, source=origin)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data" and decoded.text.lstrip().startswith("{"):
            # JSON Lines saved under .json: one object a line
            yield from read_jsonl(data, name=name, origin=origin)
            return
        yield Rejected(source=origin, reason="malformed", detail=f"not JSON: {e.msg}")
        return
    except (ValueError, RecursionError) as e:
        yield Rejected(source=origin, reason="malformed", detail=f"not JSON: {_reason(e)}")
        return
    if isinstance(value, dict):
        yield _record(value, source=name, origin=origin, notes=decoded.notes)
    elif isinstance(value, list):
        for number, record in enumerate(value, start=1):
            yield _record(
                record, source=f"{name}#{number}", origin=f"{origin}#{number}", notes=decoded.notes
            )
    else:
        yield Rejected(
            source=origin,
            reason="unsupported",
            detail="a JSON file must hold an article object or a list of them",
        )


def _record(record: Any, *, source: str, origin: str, notes: tuple[Note, ...]) -> Draft | Rejected:
    if not isinstance(record, dict):
        return Rejected(source=origin, reason="malformed", detail="a record must be a JSON object")
    record, replaced = _without_surrogates(record)
    if replaced:
        notes = (
            *notes,
            Note(
                code="encoding",
                detail=f"{replaced} unpaired surrogate escape(s) replaced by U+FFFD",
            ),
        )
    text = record.get("text")
    if not isinstance(text, str):
        return Rejected(source=origin, reason="malformed", detail='the record has no "text" string')
    if not text.strip():
        return Rejected(source=origin, reason="empty", detail='the record\'s "text" is blank')
    record_id = record.get("id")
    if (
        isinstance(record_id, (str, int))
        and not isinstance(record_id, bool)
        and str(record_id).strip()
    ):
        source = str(record_id).strip()
    published = parse_date(record.get("published"))
    if record.get("published") is not None and published is None:
        notes = (
            *notes,
            Note(
                code="bad_date",
                detail=f"unreadable published value {str(record['published'])[:40]!r}",
            ),
        )
    return Draft(
        source=source,
        origin=origin,
        text=text,
        title=string_of(record.get("title")),
        outlet=string_of(record.get("outlet")),
        url=string_of(record.get("url")),
        published=published,
        published_from="metadata" if published else None,
        authors=authors_of(record.get("authors", record.get("author"))),
        language=language_of(record.get("language")),
        notes=notes,
    )


def _without_surrogates(record: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The record with U+FFFD for each unpaired surrogate in its strings and lists of
    strings (the values read), and how many there were."""
    count = 0

    def fix(value: Any) -> Any:
        nonlocal count
        if isinstance(value, str):
            fixed, n = _SURROGATE.subn("\ufffd", value)
            count += n
            return fixed
        if isinstance(value, list):
            return [fix(v) if isinstance(v, str) else v for v in value]
        return value

    return {key: fix(value) for key, value in record.items()}, count


def _reason(error: Exception) -> str:
    return error.msg if isinstance(error, json.JSONDecodeError) else type(error).__name__
