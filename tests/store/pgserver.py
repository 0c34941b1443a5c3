"""A throwaway PostgreSQL server on loopback: for the store tests and the placement benchmark.

    with throwaway_server() as url:   # postgresql+psycopg://recoupe@127.0.0.1:PORT/postgres
        ...

The server is initialised in a temporary folder and listens on 127.0.0.1 only, on a free
port, with trust authentication; it is stopped and its folder removed on exit, errors and
Ctrl-C included. initdb refuses to run as root, so under root it runs as the ``postgres``
user (Debian's package creates it) or ``nobody``. No pytest here: the conftest imports it
(``tests/store`` is on ``sys.path`` under pytest), and ``bench/placement.py`` too.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (``apt-get install postgresql``)."""


def pg_binary(name: str) -> str | None:
    """The path of a PostgreSQL program, on PATH or where Debian keeps the server's."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_user() -> str | None:
    """The user to run the server as: None unless root, then ``postgres`` or ``nobody``."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no postgres or nobody user to run PostgreSQL as")


@contextmanager
def throwaway_server(*, fsync: bool = False) -> Iterator[str]:
    """Start a server, yield its URL (database ``postgres``), then stop it and remove it.

    ``fsync=False`` (tests) trades durability for speed; a benchmark keeps it on, as a
    real server would.
    """
    initdb, pg_ctl = pg_binary("initdb"), pg_binary("pg_ctl")
    if not (initdb and pg_ctl):
        raise ServerUnavailable("PostgreSQL server binaries not found (apt-get install postgresql)")
    user = server_user()
    prefix = ["runuser", "-u", user, "--"] if user else []
    base = Path(tempfile.mkdtemp(prefix="recoupe-pg-"))
    data, log, port = base / "data", base / "log", free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{Path(args[0]).name} failed ({done.returncode}):"
                f" {done.stderr.strip() or done.stdout.strip()}\n{tail}"
            )

    try:
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(base, entry.pw_uid, entry.pw_gid)
        run(initdb, "-D", str(data), "-U", "recoupe", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-k {base} -p {port} -h 127.0.0.1" + ("" if fsync else " -F")
        run(pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        yield f"postgresql+psycopg://recoupe@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)
