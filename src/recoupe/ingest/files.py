"""Paths to inputs: files as given, folders walked in sorted order, ``-`` for stdin.

Hidden files and folders (a name starting with ".") are skipped inside folders, and
symbolic links to folders are not followed (no cycles). Sizes are checked before a
file is read, and again while reading, so a file over ``max_bytes`` is never loaded.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from recoupe.model import Rejected

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """The bytes of one input file, its path as found and its base name."""

    origin: str
    name: str
    data: bytes


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int) -> Iterator[Input | Rejected]:
    """Every input file under ``paths``, read, or why it could not be."""
    for path in paths:
        if str(path) == STDIN:
            yield _read_stdin(max_bytes)
        else:
            yield from _walk(Path(path), str(path), max_bytes)


def _walk(path: Path, origin: str, max_bytes: int) -> Iterator[Input | Rejected]:
    try:
        info = path.stat()
    except FileNotFoundError:
        yield Rejected(source=origin, reason="missing", detail="no such file or folder")
        return
    except OSError as e:
        yield Rejected(source=origin, reason="unreadable", detail=f"cannot open: {e.strerror or e}")
        return
    if stat.S_ISDIR(info.st_mode):
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
            if child.name.startswith(".") or (child.is_symlink() and child.is_dir()):
                continue
            yield from _walk(Path(child.path), child.path, max_bytes)
    elif not stat.S_ISREG(info.st_mode):
        yield Rejected(source=origin, reason="unsupported", detail="not a regular file")
    elif info.st_size > max_bytes:
        yield _too_large(origin, info.st_size, max_bytes)
    else:
        yield _read_file(path, origin, max_bytes)


def _read_file(path: Path, origin: str, max_bytes: int) -> Input | Rejected:
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        return Rejected(
            source=origin, reason="unreadable", detail=f"cannot read: {e.strerror or e}"
        )
    if len(data) > max_bytes:  # it grew after stat()
        return _too_large(origin, len(data), max_bytes)
    return Input(origin=origin, name=path.name, data=data)


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
