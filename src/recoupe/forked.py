"""One piece of work in a forked child while this process does another: the second core.

``forked(work)`` forks a child that runs ``work()`` on what this process holds at that
moment (nothing is pickled on the way in: the child is a copy) and returns a function
that waits for its result. When the child cannot be forked, dies or raises, that
function runs ``work()`` here instead, so the result is the same and an error is raised
where it would have been without the child.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

__all__ = ["forked"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def forked(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` in a forked child; return a function that waits for its result."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return work
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(work, theirs), daemon=True)
    child.start()
    theirs.close()

    def result() -> T:
        try:
            done, value = ours.recv()
        except (EOFError, OSError):
            done, value = False, "the child stopped"
        finally:
            ours.close()
            child.join()
        if done:
            return value
        log.info("forked work failed (%s): running it here", value)
        return work()

    return result


def _run(work: Callable[[], Any], conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        value = work()
    except BaseException as error:  # told to the parent, which runs it again
        conn.send((False, repr(error)))
    else:
        conn.send((True, value))
    finally:
        conn.close()
