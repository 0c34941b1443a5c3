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


def test_a_sentence_with_no_end_is_cut_into_bounded_sentences():
    import spacy

    from recoupe.analyze.sentences import MAX_SENTENCE_TOKENS, SentenceSplitter

    clause = "le conseil de Valdorra a voté le budget des écoles, "
    words = "Hier " + clause * 300 + "dit la mairie."
    normal = "Selon la préfecture, " + "la route est fermée et " * 20 + "rouvrira lundi."
    nlp = spacy.blank("fr")
    doc = SentenceSplitter()(nlp.make_doc(f"{normal}\n{words}"))
    sentences = list(doc.sents)
    assert sentences[0].text == normal + "\n"
    assert max(len(s) for s in sentences) <= MAX_SENTENCE_TOKENS
    assert all(s.text.endswith(",") for s in sentences[1:-1])  # cut after a comma
    assert "".join(s.text_with_ws for s in sentences) == doc.text


def test_a_sentence_with_no_pause_is_cut_at_the_bound():
    import spacy

    from recoupe.analyze.sentences import MAX_SENTENCE_TOKENS, SentenceSplitter

    doc = SentenceSplitter()(spacy.blank("fr").make_doc("mot " * 1000))
    lengths = [len(s) for s in doc.sents]
    assert lengths == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 1000 - 2 * MAX_SENTENCE_TOKENS]


def test_the_extraction_librarys_log_lines_do_not_reach_the_terminal(tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "commentaire.html").write_text("<!-- rien -->", encoding="utf-8")
    (folder / "chevron.html").write_text("<", encoding="utf-8")
    (folder / "vide.html").write_text("<html></html>", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "recoupe.cli", "ingest", str(folder), "--db", str(tmp_path / "r")],
        capture_output=True,
        text=True,
    )
    assert run.stderr.splitlines() == [
        f"recoupe: rejected {folder / name}: no_text: no main text found in the HTML page"
        for name in ("chevron.html", "commentaire.html", "vide.html")
    ]
    assert run.stdout == "0 added, 0 skipped as already stored, 0 copies found, 3 rejected\n"
