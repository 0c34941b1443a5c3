"""Work on the other core: the result the work gives here, whatever becomes of the child."""

from __future__ import annotations

import os

import pytest

from recoupe.forked import forked


def test_the_child_gives_what_the_work_returns():
    held = {"text": "é" * 100_000}  # larger than a pipe's buffer
    result = forked(lambda: (os.getpid(), held["text"] + "!"))
    pid, text = result()
    assert pid != os.getpid()
    assert text == "é" * 100_000 + "!"


def test_an_error_in_the_child_is_raised_here():
    def fail() -> str:
        raise ValueError("bad dossier")

    result = forked(fail)
    with pytest.raises(ValueError, match="bad dossier"):
        result()


def test_a_child_that_dies_leaves_the_work_done_here():
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before it answers
        return 42

    assert forked(work)() == 42


def test_without_fork_the_work_runs_here(monkeypatch):
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: ["spawn"])
    assert forked(os.getpid)() == os.getpid()
