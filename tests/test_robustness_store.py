"""The store under real use, through the command: failed analyses, read-only stores, a full
disk. Messages are asserted word for word. The analysis is a fake (no model is loaded)."""

from __future__ import annotations

import json

import pytest

from recoupe.cli import main
from recoupe.model import Analysis, Article, Note, TextSpan
from recoupe.stories import extract_features

GOOD = "À Lyon, le conseil municipal a voté le budget des écoles mardi soir, dit la mairie."
ODD = "À Brest, la grève des dockers entre dans sa troisième semaine, selon le syndicat."


def fake_batch(articles, *, model, encoder, failing=("grève",)):
    """Analyses made of the body paragraphs; an article naming a ``failing`` word fails."""
    mapped = []
    for article in articles:
        if any(word in article.text for word in failing):
            note = Note(code="analysis_failed", detail="KeyError: 'grève'")
            analysis = Analysis(article_id=article.id, pipeline="fake-1", notes=(note,))
        else:
            spans = tuple(TextSpan(start=s.start, end=s.end, text=s.text) for s in article.body)
            analysis = Analysis(article_id=article.id, pipeline="fake-1", sentences=spans)
        mapped.append((analysis, extract_features(article)))
    return mapped


@pytest.fixture
def fake_analysis(monkeypatch):
    monkeypatch.setenv("RECOUPE_STORIES_ENCODER", "false")  # stories by words alone
    monkeypatch.setattr("recoupe.scale.analyze_batch", fake_batch)
    monkeypatch.setattr("recoupe.scale.pipeline_of", lambda model: "fake-1")


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": GOOD, "outlet": "Le Courrier"},
        {"id": "b", "text": ODD, "outlet": "La Vigie"},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


HINT = "kept as failed, `recoupe ingest PATH... --retry-failed` tries again"


def test_a_failed_analysis_is_said_kept_and_retried_on_demand(
    fake_analysis, feed, tmp_path, capsys, monkeypatch
):
    db = str(tmp_path / "r.db")
    assert main(["ingest", str(feed), "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("  added La Vigie: opened story s")
    assert out[1].endswith("; analysis failed: KeyError: 'grève'")
    assert out[-1] == (
        f"2 added, 0 skipped as already stored, 0 copies found, 0 rejected;"
        f" analysis failed for 1 article: {HINT}"
    )

    assert main(["ingest", str(feed), "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "  skipped Le Courrier: already in the store",
        "  skipped La Vigie: already in the store (analysis failed: KeyError: 'grève')",
    ]
    assert out[-1] == "0 added, 2 skipped as already stored, 0 copies found, 0 rejected"

    assert main(["stories", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"analysis failed for 1 article: {HINT}"
    assert main(["info", "--db", db]) == 0
    info = capsys.readouterr().out.splitlines()
    assert "analyses by fake-1: 2 (1 failed)" in info
    assert info[-1] == "articles whose analysis failed: 1"

    monkeypatch.setattr(
        "recoupe.scale.analyze_batch",
        lambda articles, **options: fake_batch(articles, **options, failing=()),
    )
    assert main(["ingest", str(feed), "--db", db, "--retry-failed"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "  skipped Le Courrier: already in the store",
        "  retried La Vigie: analysed",
        "0 added, 1 skipped as already stored, 0 copies found, 0 rejected, 1 retried",
    ]
    assert main(["info", "--db", db]) == 0
    info = capsys.readouterr().out.splitlines()
    assert "analyses by fake-1: 2" in info
    assert info[-1] == "articles whose analysis failed: 0"


def one_article(text: str, source: str) -> Article:
    body = (TextSpan(start=0, end=len(text), text=text),)
    return Article(id=source, source=source, origin=source, text=text, body=body, language="fr")


@pytest.mark.model
def test_an_article_whose_features_fail_costs_only_itself(nlp, monkeypatch):
    from recoupe import scale
    from recoupe.stories import extract_features as real

    def fragile(article, analysis=None, *, encoder=None):
        if "grève" in article.text and analysis is not None:
            raise ValueError("odd features\nsecond line")
        return real(article, analysis, encoder=encoder)

    monkeypatch.setattr(scale, "_pipeline", lambda model: nlp)
    monkeypatch.setattr(scale, "extract_features", fragile)
    articles = [one_article(GOOD, "a.txt"), one_article(ODD, "b.txt")]
    mapped = scale.analyze_batch(articles, model="any", encoder=False)
    assert [analysis.article_id for analysis, _features in mapped] == [a.id for a in articles]
    assert mapped[0][0].sentences and mapped[1][0].sentences == ()
    assert mapped[1][0].notes == (Note(code="analysis_failed", detail="ValueError: odd features"),)
    assert mapped[1][1].article_id == articles[1].id and mapped[1][1].terms


def _as_nobody() -> list[str] | None:
    """The command prefix that runs a program as user nobody, when this test runs as root
    (root may write any file: a read-only store is only read-only to another user)."""
    import os
    import shutil

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_read_only_store_can_be_read(fake_analysis, feed, capsys):
    """Run as user nobody on a store and folder only root may write: SQLite can neither
    write the file nor create its journal's index beside it."""
    import hashlib
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("needs root and setpriv to run a command as another user")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "r.db"
        assert main(["ingest", str(feed), "--db", str(db), "-q"]) == 0
        capsys.readouterr()
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        db.chmod(0o444)
        folder.chmod(0o555)
        try:
            out = {}
            for command in ("stories", "info"):
                run = subprocess.run(
                    [*prefix, sys.executable, "-m", "recoupe.cli", command, "--db", str(db)],
                    capture_output=True,
                    text=True,
                    env={**os.environ, "RECOUPE_ANALYZE_MODEL": "fr_core_news_md"},
                )
                assert (run.returncode, run.stderr) == (0, "")
                out[command] = run.stdout.splitlines()
            assert out["stories"][-1] == f"analysis failed for 1 article: {HINT}"
            assert "analyses by fake-1: 2 (1 failed)" in out["info"]
            assert sorted(p.name for p in folder.iterdir()) == ["r.db"]
            assert hashlib.sha256(db.read_bytes()).hexdigest() == before
        finally:
            folder.chmod(0o755)


def test_a_read_only_store_makes_dossiers_and_refuses_ingest(
    fake_analysis, feed, tmp_path, capsys, monkeypatch
):
    db = tmp_path / "r.db"
    assert main(["ingest", str(feed), "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", str(db)]) == 0
    story = capsys.readouterr().out.splitlines()[1].split()[0]
    before = db.read_bytes()
    # opened as a file this process may not write: SQLite's mode=ro refuses every write
    monkeypatch.setattr("recoupe.store.open._writable", lambda path: False)
    monkeypatch.setattr("recoupe.scale.pipeline_of", lambda model: "fake-2")  # analyses anew
    target = tmp_path / "d.json"
    assert main(["dossier", story, "--db", str(db), "-o", str(target)]) == 0
    assert capsys.readouterr().out.endswith(f"divergences: {target}\n")
    assert main(["ingest", str(feed), "--db", str(db)]) == 1
    assert capsys.readouterr().err == (
        f"recoupe: E500: the store {db} is read-only: nothing can be added to it\n"
    )
    assert db.read_bytes() == before


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a 200 KB file system of its own (mounting needs root: else skipped)."""
    import subprocess

    folder = tmp_path / "small"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)]
    if subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_during_ingest_is_one_line_and_nothing_half_written(
    fake_analysis, small_disk, tmp_path, capsys
):
    import sqlite3

    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"a{n}", "text": f"Dépêche {n} : {GOOD * 25}"} for n in range(120)]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    db = small_disk / "r.db"
    assert main(["ingest", str(feed), "--db", str(db), "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"recoupe: E500: cannot write to the store sqlite:///{db}: database or disk is full\n"
    )
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        articles, analyses, placed = (
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "analyses", "story_members")
        )
    finally:
        conn.close()
    # whole batches only: each stored article has its analysis and its place in a story
    assert articles == analyses == placed < len(rows)
