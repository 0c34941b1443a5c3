"""Never lose a run: settings that bound the analysis, checked once at the edge; input
strings escaped on the terminal."""

from __future__ import annotations

import json

import pytest

from recoupe.analyze.pipeline import DEFAULT_MAX_CHARS
from recoupe.config import load_settings
from recoupe.errors import ConfigError
from recoupe.run import run


def test_max_chars_default_is_documented_and_the_library_default():
    assert load_settings(environ={}).analyze.max_chars == DEFAULT_MAX_CHARS


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("analyze.batch_size", -5, "analyze.batch_size must be at least 1, got -5"),
        ("analyze.batch_size", 0, "analyze.batch_size must be at least 1, got 0"),
        ("analyze.max_chars", 0, "analyze.max_chars must be at least 1, got 0"),
        ("ingest.max_bytes", -1, "ingest.max_bytes must be at least 1, got -1"),
    ],
)
def test_sizes_below_one_are_refused(key, value, message):
    with pytest.raises(ConfigError) as error:
        load_settings(environ={}, overrides={key: value})
    assert str(error.value) == f"E100: {message}"


@pytest.mark.model
def test_run_passes_max_chars_to_the_analysis(nlp, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Le conseil municipal de Brest a voté lundi le budget de la ville, a déclaré la maire.",
        encoding="utf-8",
    )
    settings = load_settings(
        environ={}, overrides={"analyze.max_chars": 20, "stories.encoder": False}
    )
    dossier = run([path], settings=settings, nlp=nlp).dossier
    (analysis,) = dossier.analyses
    assert [n.code for n in analysis.notes] == ["too_long"]


# ---------------------------------------------------------------- terminal safety


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Le Courrier", "Le Courrier"),
        ("é « » – €", "é « » – €"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("ligne\nrecoupe: rejected x", "ligne\\nrecoupe: rejected x"),
        ("\r\t\x00\x7f\x9b", "\\r\\t\\x00\\x7f\\x9b"),
        ("abc\u202edcba", "abc\\u202edcba"),  # a right-to-left override reorders the line
        ("x\u2028y", "x\\u2028y"),
    ],
)
def test_shown_escapes_control_characters(text, shown):
    from recoupe.cli import shown as show

    assert show(text) == shown


@pytest.mark.model
def test_input_strings_reach_the_terminal_escaped(nlp, monkeypatch, tmp_path, capsys):
    from recoupe.cli import main

    monkeypatch.setattr("recoupe.analyze.build_nlp", lambda *args, **kwargs: nlp)
    record = {
        "id": "a1\x1b[2J\nrecoupe: rejected forged",
        "outlet": "Le Courrier\x1b]0;titre\x07",
        "title": "Budget\x1b[31m voté",
        "text": "Le conseil municipal de Brest a voté lundi le budget de la ville.",
    }
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "in" / "vide\x1b[2J.txt").write_bytes(b"")
    code = main(["analyze", str(tmp_path / "in"), "-o", str(tmp_path / "d.json")])
    assert code == 0
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "Le Courrier\\x1b]0;titre\\x07: Budget\\x1b[31m voté" in captured.out
    assert f"recoupe: rejected {tmp_path / 'in'}/vide\\x1b[2J.txt: empty:" in captured.err
    assert "\nrecoupe: rejected forged" not in captured.err + captured.out
