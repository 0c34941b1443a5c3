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
