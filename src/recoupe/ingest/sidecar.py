"""Metadata given beside plain files: ``NAME.meta.json`` sidecars and folder manifests.

A folder of ``.txt`` files carries no outlet, URL, date or language. The user can give
them without converting anything to JSON Lines:

- a sidecar ``NAME.meta.json`` (or ``NAME.txt.meta.json``) beside ``NAME.txt``: one JSON
  object, e.g. ``{"outlet": "...", "url": "...", "published": "2024-06-03",
  "language": "fr", "title": "..."}``;
- a manifest ``manifest.json`` or ``manifest.csv`` in a folder, one entry per file:
  a JSON list of objects with a ``file`` key, a JSON object ``{"NAME.txt": {...}}``,
  or a CSV file (comma, semicolon or tab) with a ``file`` column. An entry's ``file`` is
  a path relative to the manifest's folder; a ``folder`` key, if present, is put before
  it. An entry also matches a file whose path ends with it, so a manifest of a whole
  corpus ("story/01.txt") still serves when copied into one story's folder.

Keys (aliases in ``_KEYS``): outlet, url, published (ISO 8601 "2024-06-03", or day first
"03/06/2024"), language, title, authors; others are ignored. A manifest describes the
files of its folder and of the folders under it, when that folder (or one above it) is
given; a sidecar wins over a manifest key by key.
Sidecars and manifests are never read as articles. A metadata file that cannot be read
is one ``Rejected`` naming it, and the articles are read without it; a value that cannot
be read (a date, a language) is a note on the article.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoupe.ingest.dates import make_date, parse_date
from recoupe.ingest.decode import decode
from recoupe.ingest.draft import Draft
from recoupe.ingest.fields import authors_of, language_of, string_of
from recoupe.model import Note, Rejected

logger = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"
MANIFEST_NAMES = ("manifest.json", "manifest.csv")
# Each field and the keys (case-insensitive) that may carry it; the first is documented.
_KEYS = {
    "outlet": ("outlet", "publisher", "site_name", "media"),
    "url": ("url", "link"),
    "published": ("published", "publication_date", "date", "date_published", "pubdate"),
    "language": ("language", "lang"),
    "title": ("title", "headline"),
    "authors": ("authors", "author"),
}
_FILE_KEYS = ("file", "filename", "path")
_FOLDER_KEYS = ("folder", "directory", "dir")
_SEPARATORS = ",;\t"
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


@dataclass(frozen=True, slots=True, kw_only=True)
class FileMeta:
    """What a sidecar or a manifest entry says about one file; None where it says nothing."""

    origin: str  # the sidecar or "manifest#entry" it was read from
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


def is_metadata_file(name: str) -> bool:
    """True for a sidecar or manifest name: such a file is metadata, never an article."""
    lower = name.lower()
    return lower.endswith(SIDECAR_SUFFIX) or lower in MANIFEST_NAMES


def apply_meta(draft: Draft, meta: FileMeta, *, fill_only: bool = False) -> Draft:
    """``draft`` with the user's metadata, which wins over what the format carried.

    With ``fill_only`` (one record of many in a JSON Lines file, a feed or an archive,
    which carry their own), it only fills the fields the record left empty.
    """
    changes: dict[str, Any] = {
        name: value
        for name in ("title", "outlet", "url", "language")
        if (value := getattr(meta, name)) is not None
        and not (fill_only and getattr(draft, name) is not None)
    }
    if meta.authors and not (fill_only and draft.authors):
        changes["authors"] = meta.authors
    if meta.published is not None and not (fill_only and draft.published is not None):
        changes["published"] = meta.published
        changes["published_from"] = "metadata"
    if meta.notes:
        changes["notes"] = (*draft.notes, *meta.notes)
    return dataclasses.replace(draft, **changes)


def merge(first: FileMeta | None, second: FileMeta | None) -> FileMeta | None:
    """One file's metadata from two places: ``first`` wins field by field."""
    if first is None or second is None:
        return first or second
    return FileMeta(
        origin=first.origin,
        title=first.title or second.title,
        outlet=first.outlet or second.outlet,
        url=first.url or second.url,
        published=first.published if first.published is not None else second.published,
        language=first.language or second.language,
        authors=first.authors or second.authors,
        notes=(*first.notes, *second.notes),
    )


# ---------------------------------------------------------------- sidecars


def sidecar_paths(path: Path) -> tuple[Path, Path]:
    """Where the sidecar of ``path`` may be: ``NAME.meta.json``, ``NAME.txt.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path, *, max_bytes: int) -> FileMeta | Rejected:
    """The metadata of one sidecar file, or why it cannot be read."""
    origin = str(path)
    loaded = _load(path, max_bytes)
    if isinstance(loaded, Rejected):
        return loaded
    try:
        value = json.loads(loaded)
    except (ValueError, RecursionError) as e:
        return _bad(origin, f"not JSON ({_reason(e)})")
    if not isinstance(value, dict):
        return _bad(origin, "a sidecar must hold one JSON object")
    meta = _entry(value, origin=origin)
    unknown = sorted(k for k in value if not _known_key(k))
    if unknown:
        note = Note(
            code="metadata_key_unknown",
            detail=f"{path.name}: key(s) {', '.join(map(repr, unknown))} ignored; "
            f"known keys: {', '.join(k[0] for k in _KEYS.values())}",
        )
        meta = dataclasses.replace(meta, notes=(*meta.notes, note))
    return meta


# ---------------------------------------------------------------- manifests


@dataclass(frozen=True, slots=True)
class Manifest:
    """The entries of one manifest, by path (a tuple of names) relative to its folder."""

    folder: Path
    entries: Mapping[tuple[str, ...], FileMeta]

    def lookup(self, path: Path) -> FileMeta | None:
        """The entry of ``path``: its relative path, else the longest entry its path ends with."""
        parts = tuple(path.absolute().parts)
        folder = tuple(self.folder.absolute().parts)
        if parts[: len(folder)] != folder:
            return None
        if (exact := self.entries.get(parts[len(folder) :])) is not None:
            return exact
        found = [
            (len(key), meta)
            for key, meta in self.entries.items()
            if len(key) <= len(parts) and parts[-len(key) :] == key and len(key) > 1
        ]
        return max(found, key=_key_length)[1] if found else None


def manifest_paths(folder: Path) -> Iterator[Path]:
    """The manifest files of ``folder``, in a fixed order."""
    for name in MANIFEST_NAMES:
        if (folder / name).is_file():
            yield folder / name


def read_manifest(path: Path, *, max_bytes: int) -> tuple[Manifest, list[Rejected]]:
    """The entries of a manifest and the entries (or the whole file) that cannot be read."""
    empty = Manifest(folder=path.parent, entries={})
    loaded = _load(path, max_bytes)
    if isinstance(loaded, Rejected):
        return empty, [loaded]
    is_csv = path.name.lower().endswith(".csv")
    records = _csv_records(loaded) if is_csv else _json_records(loaded)
    if isinstance(records, str):
        return empty, [_bad(str(path), records)]
    entries: dict[tuple[str, ...], FileMeta] = {}
    rejected = []
    for number, record in records:
        origin = f"{path}#{number}"
        if not isinstance(record, dict):
            rejected.append(_bad(origin, "a manifest entry must be an object"))
            continue
        key = _entry_path(record)
        if key is None:
            rejected.append(_bad(origin, 'the entry has no "file" naming the file it describes'))
            continue
        entries.setdefault(key, _entry(record, origin=origin))
    return Manifest(folder=path.parent, entries=entries), rejected


def _json_records(text: str) -> list[tuple[str, Any]] | str:
    """(position, record) of a JSON manifest, or why it is not one."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as e:
        return f"not JSON ({_reason(e)})"
    if isinstance(value, dict) and isinstance(value.get("files"), (list, dict)):
        value = value["files"]
    if isinstance(value, list):
        return [(str(i), record) for i, record in enumerate(value, start=1)]
    if isinstance(value, dict):
        return [
            (name, {"file": name, **record} if isinstance(record, dict) else record)
            for name, record in value.items()
        ]
    return "a manifest must hold a list of entries or an object {file: entry}"


def _csv_records(text: str) -> list[tuple[str, Any]] | str:
    """(line, record) of a CSV manifest with a header row, or why it is not one."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(_SEPARATORS, key=header.count)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    fields = [f.strip().casefold() for f in reader.fieldnames or []]
    if not any(f in _FILE_KEYS for f in fields):
        return 'the CSV manifest has no "file" column in its header row'
    try:
        rows = list(reader)
    except csv.Error as e:
        return f"not CSV ({e})"
    return [
        (str(reader_line), {k.strip(): v for k, v in row.items() if k is not None and v})
        for reader_line, row in enumerate(rows, start=2)
    ]


def _entry_path(record: Mapping[str, Any]) -> tuple[str, ...] | None:
    name = string_of(_get(record, _FILE_KEYS))
    if name is None:
        return None
    folder = string_of(_get(record, _FOLDER_KEYS))
    parts = [*Path(folder).parts, *Path(name).parts] if folder else list(Path(name).parts)
    parts = [p for p in parts if p not in ("", ".")]
    return tuple(parts) or None


# ---------------------------------------------------------------- one entry


def _entry(record: Mapping[str, Any], *, origin: str) -> FileMeta:
    """The fields of one sidecar or manifest entry; unreadable values become notes."""
    notes: list[Note] = []
    where = Path(origin).name
    raw_date = _get(record, _KEYS["published"])
    published = parse_date(raw_date) or _day_first(raw_date)
    if raw_date not in (None, "") and published is None:
        notes.append(
            Note(
                code="bad_date",
                detail=f"{where}: unreadable published value {str(raw_date)[:40]!r}",
            )
        )
    raw_language = _get(record, _KEYS["language"])
    language = language_of(raw_language)
    if raw_language not in (None, "") and language is None:
        notes.append(
            Note(
                code="bad_language",
                detail=f"{where}: unreadable language {str(raw_language)[:20]!r} "
                "(give an ISO 639 code such as fr)",
            )
        )
    return FileMeta(
        origin=origin,
        title=string_of(_get(record, _KEYS["title"])),
        outlet=string_of(_get(record, _KEYS["outlet"])),
        url=string_of(_get(record, _KEYS["url"])),
        published=published,
        language=language,
        authors=authors_of(_get(record, _KEYS["authors"])),
        notes=tuple(notes),
    )


def _day_first(value: Any) -> dt.date | None:
    """A date as a French spreadsheet writes it, day first: "03/06/2024", "3.6.2024"."""
    match = _DAY_FIRST.fullmatch(value.strip()) if isinstance(value, str) else None
    return make_date(int(match[3]), int(match[2]), int(match[1])) if match else None


def _get(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    folded = {str(k).strip().casefold(): v for k, v in record.items()}
    for key in keys:
        if folded.get(key) not in (None, ""):
            return folded[key]
    return None


def _known_key(key: str) -> bool:
    folded = key.strip().casefold()
    return any(folded in keys for keys in _KEYS.values()) or folded in _FILE_KEYS


def _load(path: Path, max_bytes: int) -> str | Rejected:
    """The decoded text of a metadata file, or why it cannot be read."""
    origin = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        return _bad(origin, f"cannot read it ({e.strerror or e})", reason="unreadable")
    if len(data) > max_bytes:
        return _bad(origin, f"over the limit of {max_bytes} bytes", reason="too_large")
    decoded = decode(data, source=origin)
    if isinstance(decoded, Rejected):
        return _bad(origin, decoded.detail, reason=decoded.reason)
    return decoded.text


def _bad(origin: str, why: str, *, reason: str = "malformed") -> Rejected:
    """A metadata file (or manifest entry) set aside; what it describes is still read."""
    name = Path(origin.split("#")[0]).name.lower()
    kind = "manifest" if name in MANIFEST_NAMES else "sidecar"
    what = "manifest entry not used" if "#" in origin else f"metadata {kind} not used"
    return Rejected(
        source=origin,
        reason=reason,
        detail=f"{what}: {why}; the files it describes are read without it",
    )


def _reason(error: Exception) -> str:
    return error.msg if isinstance(error, json.JSONDecodeError) else type(error).__name__


def _key_length(item: tuple[int, FileMeta]) -> int:
    return item[0]
