"""An ingest killed with SIGKILL at any point, then run again, stores every article once.

The ingest runs in a subprocess with a cheap fake analysis (no spaCy model), in batches
of three; it is killed a little after it has stored something new, several times, then
left to finish. The store must then equal that of one uninterrupted run: the same
articles once each, one complete analysis each, the same stories.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import fake_ingest

SCRIPT = Path(__file__).with_name("fake_ingest.py")

TOPICS = [
    ("dockers", "port", "grève", "salaires", "Marseille"),
    ("élection", "mairie", "scrutin", "bulletins", "Lyon"),
    ("inondation", "rivière", "pluies", "évacuation", "Nîmes"),
    ("incendie", "forêt", "pompiers", "hectares", "Var"),
]


def corpus(path: Path, n: int = 36) -> list[dict]:
    rng = random.Random(7)
    rows = []
    for i in range(n):
        a, b, c, d, place = TOPICS[i % len(TOPICS)]
        words = [a, b, c, d] * 3 + rng.sample(["hier", "selon", "encore", "après", "face"], 3)
        rng.shuffle(words)
        text = f"À {place}, {' '.join(words)} (dépêche {i})."
        rows.append({"id": f"r{i:03d}", "text": text, "published": "2025-03-19"})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return rows


def articles_in(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet, or locked for a moment
        return 0


def ingest(db: Path, inputs: Path, *, output: bool = False) -> subprocess.Popen:
    pipe = subprocess.PIPE if output else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), f"sqlite:///{db}", str(inputs)],
        stdout=pipe,
        stderr=pipe,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def snapshot(db: Path) -> dict:
    """Every row of every table, sorted."""
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute("select name from sqlite_master where type = 'table'")
            if name != "migrations"
        ]
        return {
            name: sorted(conn.execute(f"select * from {name}").fetchall(), key=repr)
            for name in tables
        }


def test_sigkill_at_any_point_then_rerun_stores_everything_once(tmp_path):
    inputs = tmp_path / "feed.jsonl"
    rows = corpus(inputs)
    clean = tmp_path / "clean.db"
    report = fake_ingest.run(f"sqlite:///{clean}", [str(inputs)])
    assert len(report.added) == len(rows)

    killed = tmp_path / "killed.db"
    rng = random.Random(3)
    kills = 0
    while kills < 3 and articles_in(killed) < len(rows):
        before = articles_in(killed)
        proc = ingest(killed, inputs)
        deadline = time.monotonic() + 120
        while articles_in(killed) == before and proc.poll() is None:
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.15))  # land anywhere in the next batches
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        kills += proc.returncode == -signal.SIGKILL
    assert kills >= 2, "the ingest finished before it could be killed twice"

    again = ingest(killed, inputs, output=True)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    added, skipped = map(int, out.split())
    assert added + skipped == len(rows) and skipped > 0

    got, want = snapshot(killed), snapshot(clean)
    assert len(got["articles"]) == len(rows)
    assert {row[0] for row in got["analyses"]} == {row[0] for row in got["articles"]}
    assert got == want
