"""Crash-safe file writing: a report is either wholly written or not replaced at all.

``write_all_atomic`` writes a set of files (a dossier and its side reports) so that an
interruption (Ctrl-C, a full disk) while they are written leaves no temporary file and
none of them replaced: each is written to a hidden temporary file beside its target
and synced, and only when all are written are they renamed over their targets.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from recoupe.errors import OutputError


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a synced temporary file and a rename."""
    write_all_atomic([(path, text)])


def write_all_atomic(files: Sequence[tuple[str | Path, str]]) -> None:
    """Write every ``(path, text)`` pair, all or none: temporary files first, renames last."""
    written: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            written.append((_temporary(Path(path), text), Path(path)))
        for tmp, path in written:
            try:
                os.replace(tmp, path)
            except OSError as e:
                raise OutputError(f"cannot write {path}: {e.strerror}") from e
    except BaseException:
        for tmp, _path in written:
            Path(tmp).unlink(missing_ok=True)
        raise


def _temporary(path: Path, text: str) -> str:
    """``text`` written and synced to a new hidden file beside ``path``; its name."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror}") from e
    try:
        # mkstemp creates 0600; a report is an ordinary file, readable as the umask allows
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise OutputError(f"cannot write {path}: {e.strerror}") from e
        raise
    return tmp
