"""Crash-safe file writing: a report is either wholly written or not replaced at all.

``write_all_atomic`` writes a set of files (a dossier and its side reports) so that an
interruption while they are written (Ctrl-C, a full disk, even SIGKILL) leaves no
temporary file and none of them replaced. Each is written and synced first to a file
with no name in its target's folder (Linux's ``O_TMPFILE``: the system deletes it with
the process that dies holding it), and only when all are written is each given a hidden
temporary name and renamed over its target, which takes microseconds. Where the file
system has no unnamed files, the temporary files are named from the start (an
interruption that can run code still removes them).
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from recoupe.errors import OutputError

# File systems or kernels without O_TMPFILE answer with one of these.
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT}
_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000  # <fcntl.h> on Linux


@dataclass(slots=True)
class _Pending:
    """One file written but not yet in place: an open unnamed file, or a named one."""

    path: Path
    fd: int | None = None
    name: str | None = None


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a synced temporary file and a rename."""
    write_all_atomic([(path, text)])


def write_all_atomic(files: Sequence[tuple[str | Path, str]]) -> None:
    """Write every ``(path, text)`` pair, all or none: temporary files first, renames last."""
    pending: list[_Pending] = []
    try:
        for path, text in files:
            pending.append(_temporary(Path(path), text))
        for item, (_path, text) in zip(pending, files, strict=True):
            _name(item, text)
        for item in pending:
            try:
                os.replace(str(item.name), item.path)
            except OSError as e:
                raise OutputError(f"cannot write {item.path}: {e.strerror}") from e
            item.name = None
    except BaseException:
        for item in pending:
            if item.name is not None:
                Path(item.name).unlink(missing_ok=True)
        raise
    finally:
        for item in pending:
            if item.fd is not None:
                os.close(item.fd)


def _temporary(path: Path, text: str, *, named: bool = False) -> _Pending:
    """``text`` written and synced to a new file with no name (or a hidden one) beside
    ``path``."""
    directory = path.parent if str(path.parent) else Path(".")
    umask = os.umask(0)
    os.umask(umask)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        item, fd = _open(path, directory, named=named)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror}") from e
    try:
        # a report is an ordinary file, readable as the umask allows (mkstemp makes 0600)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as e:
        os.close(fd)
        if item.name is not None:
            Path(item.name).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise OutputError(f"cannot write {path}: {e.strerror}") from e
        raise
    if item.fd is None:  # a named file: closed now; an unnamed one stays open until named
        os.close(fd)
    return item


def _open(path: Path, directory: Path, *, named: bool) -> tuple[_Pending, int]:
    """A new empty file in ``directory``, unnamed unless ``named`` or the file system
    cannot, and a descriptor to write it."""
    try:
        if not named:
            fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o600)
            return _Pending(path=path, fd=fd), fd
    except (AttributeError, OSError) as e:  # AttributeError: no O_TMPFILE on this system
        if isinstance(e, OSError) and e.errno not in _NO_TMPFILE:
            raise
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    return _Pending(path=path, name=name), fd


def _name(item: _Pending, text: str) -> None:
    """Give an unnamed file a hidden name beside its target; where the system cannot
    link an unnamed file, the text is written again to a named temporary file."""
    if item.fd is None:
        return
    directory = item.path.parent if str(item.path.parent) else Path(".")
    name = str(directory / f".{item.path.name}.{secrets.token_hex(6)}.tmp")
    try:
        _link(item.fd, name)
    except OSError:
        os.close(item.fd)
        item.fd = None
        item.name = _temporary(item.path, text, named=True).name
        return
    item.name = name
    os.close(item.fd)
    item.fd = None


def _link(fd: int, name: str) -> None:
    """Link the open unnamed file ``fd`` to ``name``: linkat(AT_EMPTY_PATH), which Linux
    allows its opener since 6.10 (and root before), else through /proc/self/fd (which
    some containers refuse with EXDEV). Python's os.link has no AT_EMPTY_PATH."""
    linkat = getattr(_libc(), "linkat", None)
    if linkat is not None and linkat(fd, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) == 0:
        return
    os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
