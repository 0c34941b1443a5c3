"""Paths to inputs: files as given, folders walked in sorted order, ``-`` for stdin.

Hidden files and folders (a name starting with ".") are skipped inside folders, and
symbolic links to folders are not followed (no cycles). Sizes are checked before a
file is read, and again while reading, so a file over ``max_bytes`` is never loaded.
Sidecars and manifests (``sidecar.py``) are not inputs: each file carries the metadata
they give it; the manifests of a given folder, of the folders under it and of the folder
just above it apply, and a file given by name gets those of its own folder and the one
above.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from recoupe.ingest import sidecar
from recoupe.ingest.sidecar import FileMeta, Manifest
from recoupe.model import Rejected

logger = logging.getLogger(__name__)

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """The bytes of one input file, its path as found, its base name and user metadata."""

    origin: str
    name: str
    data: bytes
    meta: FileMeta | None = None


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int) -> Iterator[Input | Rejected]:
    """Every input file under ``paths``, read, or why it could not be."""
    finder = _MetaFinder(max_bytes)
    for path in paths:
        if str(path) == STDIN:
            yield _read_stdin(max_bytes)
            continue
        path = Path(path)
        # a corpus keeps one manifest at its root and a folder per story: the manifest of
        # the folder above a given folder applies too (only entries that name a file read)
        manifests: tuple[Manifest, ...] = ()
        if (above := _folder_above(path)) is not None:
            manifests = yield from finder.manifests(above)
        if path.is_file():  # a file given by name: the manifests of its own folder
            manifests = (*manifests, *(yield from finder.manifests(path.parent)))
        yield from _walk(path, str(path), max_bytes, manifests, finder)


def _folder_above(path: Path) -> Path | None:
    """The folder above a given folder (above a given file's folder), spelt like ``path``
    so that manifest entries match the paths walked; None at the top or for ".."."""
    folder = path.absolute() if path.is_dir() else path.absolute().parent
    if folder.name in ("", "..", "."):
        return None
    return folder.parent


class _MetaFinder:
    """Reads each manifest once per run and reports a bad one once."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._read: dict[Path, tuple[Manifest, ...]] = {}

    def manifests(self, folder: Path) -> Generator[Rejected, None, tuple[Manifest, ...]]:
        """Yield what cannot be read of the manifests of ``folder``; return those that can."""
        key = folder.absolute()
        if key not in self._read:
            found = []
            for path in sidecar.manifest_paths(folder):
                manifest, rejected = sidecar.read_manifest(path, max_bytes=self.max_bytes)
                yield from rejected
                found.append(manifest)
            self._read[key] = tuple(found)
        return self._read[key]

    def meta(
        self, path: Path, manifests: tuple[Manifest, ...]
    ) -> Generator[Rejected, None, FileMeta | None]:
        """Yield a bad sidecar of ``path``; return the file's merged metadata."""
        meta = None
        for candidate in sidecar.sidecar_paths(path):
            if candidate.is_file():
                read = sidecar.read_sidecar(candidate, max_bytes=self.max_bytes)
                if isinstance(read, Rejected):
                    yield read
                else:
                    meta = read
                break
        for manifest in reversed(manifests):  # the innermost folder's manifest first
            meta = sidecar.merge(meta, manifest.lookup(path))
        return meta


def _walk(
    path: Path,
    origin: str,
    max_bytes: int,
    manifests: tuple[Manifest, ...],
    finder: _MetaFinder,
) -> Iterator[Input | Rejected]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield Rejected(source=origin, reason="missing", detail="no such file or folder")
        return
    except OSError as e:
        yield Rejected(source=origin, reason="unreadable", detail=f"cannot open: {e.strerror or e}")
        return
    if stat.S_ISDIR(info.st_mode):
        manifests = (*manifests, *(yield from finder.manifests(path)))
        try:
            children = sorted(os.scandir(path), key=attrgetter("name"))
        except OSError as e:
            yield Rejected(
                source=origin,
                reason="unreadable",
                detail=f"cannot list the folder: {e.strerror or e}",
            )
            return
        for child in children:
            if child.name.startswith(".") or _linked_folder(child):
                continue
            yield from _walk(Path(child.path), child.path, max_bytes, manifests, finder)
    elif sidecar.is_metadata_file(path.name):
        logger.debug("%s: metadata for other files, not an article", origin)
    elif not stat.S_ISREG(info.st_mode):
        yield Rejected(source=origin, reason="unsupported", detail="not a regular file")
    elif info.st_size > max_bytes:
        yield _too_large(origin, info.st_size, max_bytes)
    else:
        meta = yield from finder.meta(path, manifests)
        yield _read_file(path, origin, max_bytes, meta)


def _linked_folder(entry: os.DirEntry[str]) -> bool:
    """True for a symbolic link to a folder (not followed: no cycles). A link that
    cannot be followed (a loop) is no folder: reading it is rejected as unreadable."""
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:
        return False


def _read_file(path: Path, origin: str, max_bytes: int, meta: FileMeta | None) -> Input | Rejected:
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        return Rejected(
            source=origin, reason="unreadable", detail=f"cannot read: {e.strerror or e}"
        )
    if len(data) > max_bytes:  # it grew after stat()
        return _too_large(origin, len(data), max_bytes)
    return Input(origin=origin, name=path.name, data=data, meta=meta)


def _read_stdin(max_bytes: int) -> Input | Rejected:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return Rejected(source=STDIN, reason="unreadable", detail="standard input is not available")
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as e:
        return Rejected(
            source=STDIN, reason="unreadable", detail=f"cannot read standard input: {e}"
        )
    if len(data) > max_bytes:
        return _too_large(STDIN, len(data), max_bytes)
    return Input(origin=STDIN, name="stdin", data=data)


def _too_large(origin: str, size: int, max_bytes: int) -> Rejected:
    return Rejected(
        source=origin,
        reason="too_large",
        detail=f"{size} bytes or more, over the limit of {max_bytes} (raise max_bytes to read it)",
    )
