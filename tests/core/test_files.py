"""Atomic writes: the old file survives a failed write, no temporary file is left."""

from __future__ import annotations

import os

import pytest

from recoupe.errors import OutputError
from recoupe.files import write_atomic


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "out" / "dossier.json"
    write_atomic(target, "first")
    write_atomic(target, "second « é »")
    assert target.read_text(encoding="utf-8") == "second « é »"
    assert [p.name for p in target.parent.iterdir()] == ["dossier.json"]


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "dossier.json"
    write_atomic(target, "complete")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("recoupe.files.os.replace", broken_replace)
    with pytest.raises(OutputError, match=r"cannot write .*dossier\.json: No space left"):
        write_atomic(target, "half")
    assert target.read_text(encoding="utf-8") == "complete"
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.json"]


def test_unwritable_place_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError):
        write_atomic(blocker / "dossier.json", "text")


def test_written_file_follows_the_umask(tmp_path):
    import os

    target = tmp_path / "dossier.json"
    old = os.umask(0o022)
    try:
        write_atomic(target, "x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_an_interruption_while_a_set_is_written_leaves_the_previous_set(tmp_path, monkeypatch):
    from recoupe.files import write_all_atomic

    files = [tmp_path / "d.json", tmp_path / "d.md", tmp_path / "d.html"]
    write_all_atomic([(path, "old") for path in files])
    real_fsync = os.fsync
    calls = []

    def interrupted(fd):
        calls.append(fd)
        if len(calls) == 2:  # Ctrl-C while the second report is written
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr("recoupe.files.os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_all_atomic([(path, "new") for path in files])
    assert [p.read_text(encoding="utf-8") for p in files] == ["old", "old", "old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.html", "d.json", "d.md"]


# A child writes a new set of reports and stops while the second one is being synced,
# then tells the parent, which kills it with SIGKILL: no cleanup code can run.
_CHILD = """
import os, sys, time
import recoupe.files as files

real, calls = os.fsync, []

def slow(fd):
    calls.append(fd)
    if len(calls) == 2:
        print("writing", flush=True)
        time.sleep(60)
    real(fd)

files.os.fsync = slow
paths = sys.argv[1:]
files.write_all_atomic([(path, "new " * 250_000) for path in paths])
"""


def test_a_sigkill_while_reports_are_written_leaves_the_previous_set(tmp_path):
    import signal
    import subprocess
    import sys

    from recoupe.files import write_all_atomic

    files = [tmp_path / "d.json", tmp_path / "d.md", tmp_path / "d.html"]
    write_all_atomic([(path, f"old {path.suffix}") for path in files])
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, *map(str, files)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert [p.read_text(encoding="utf-8") for p in files] == ["old .json", "old .md", "old .html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.html", "d.json", "d.md"]


@pytest.mark.parametrize("without", ["link", "unnamed-files"])
def test_where_unnamed_files_cannot_be_used_named_ones_are(tmp_path, monkeypatch, without):
    import errno

    from recoupe import files

    def refuse(*args, **kwargs):
        raise OSError(errno.EXDEV if without == "link" else errno.EOPNOTSUPP, "refused")

    if without == "link":
        monkeypatch.setattr(files, "_link", refuse)
    else:
        real_open = os.open
        monkeypatch.setattr(
            files.os,
            "open",
            lambda path, flags, *a: (
                refuse() if flags & os.O_TMPFILE else real_open(path, flags, *a)
            ),
        )
    target = tmp_path / "d.json"
    files.write_all_atomic([(target, "old"), (target.with_suffix(".md"), "old")])
    files.write_all_atomic([(target, "new « é »"), (target.with_suffix(".md"), "new")])
    assert target.read_text(encoding="utf-8") == "new « é »"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "d.md"]
