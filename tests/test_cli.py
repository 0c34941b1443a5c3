"""The ``recoupe`` command: outputs, messages (word for word) and exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recoupe.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def fast_nlp(monkeypatch, nlp):
    """Reuse the session pipeline instead of loading the model for every command."""
    monkeypatch.setattr("recoupe.analyze.build_nlp", lambda *args, **kwargs: nlp)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "greve-port", folder)
    return folder


def test_help_answers_without_loading_spacy():
    code = (
        "import sys; from recoupe.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def test_analyze_writes_the_three_reports(fast_nlp, corpus, tmp_path, capsys):
    target = tmp_path / "out" / "dossier.json"
    assert main(["analyze", str(corpus), "--format", "json", "-o", str(target)]) == 0
    dossier = json.loads(target.read_text(encoding="utf-8"))
    assert len(dossier["documents"]) == 5
    assert {"documents", "entities", "quotes", "facts", "divergences"} <= dossier.keys()
    assert target.with_suffix(".md").read_text(encoding="utf-8").startswith("#")
    assert "<html" in target.with_suffix(".html").read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "5 articles read"
    # the example's manifest names the outlets of its plain-text files
    assert "duplicate: Ouest Matin is a near copy of Agence Presse Ouest" in out
    assert ".txt" not in out


def test_the_summary_names_outlets_from_a_manifest(fast_nlp, corpus, tmp_path, capsys):
    first, *rest = sorted(p.name for p in corpus.glob("*.txt"))
    manifest = {first: {"outlet": "La Gazette du Quai", "published": "2025-03-04"}}
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["analyze", str(corpus), "-o", str(tmp_path / "d.json")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "5 articles read"
    assert lines[1].startswith("  La Gazette du Quai")
    assert "2025-03-04" in lines[1]
    assert all(first not in line for line in lines[1:])
    assert any(line.startswith(f"  unknown outlet ({rest[0]})") for line in lines), lines


def test_rejected_inputs_are_named_and_the_run_goes_on(fast_nlp, corpus, tmp_path, capsys):
    (corpus / "vide.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    target = tmp_path / "dossier.json"
    assert main(["analyze", str(corpus), "-o", str(target)]) == 0
    err = capsys.readouterr().err.splitlines()
    rejected = sorted(line for line in err if line.startswith("recoupe: rejected "))
    assert len(rejected) == 2
    assert rejected[0].startswith(f"recoupe: rejected {corpus / 'image.txt'}: binary: ")
    assert rejected[1].startswith(f"recoupe: rejected {corpus / 'vide.txt'}: empty: ")
    assert len(json.loads(target.read_text(encoding="utf-8"))["documents"]) == 5


def test_strict_exit_code_says_something_was_rejected(fast_nlp, corpus, tmp_path):
    (corpus / "vide.txt").write_bytes(b"   \n")
    assert main(["analyze", str(corpus), "--strict", "-q", "-o", str(tmp_path / "d.json")]) == 3


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["analyze"], 2),  # a missing argument: usage
        (["analyze", "x.txt", "--no-such-option"], 2),
        (["no-such-command"], 2),
    ],
)
def test_usage_errors_exit_2(argv, code, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == code
    assert capsys.readouterr().err.startswith("usage: recoupe")


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_path_that_does_not_exist_is_said_before_the_model_loads(
    command, monkeypatch, tmp_path, capsys
):
    _no_analysis(monkeypatch)
    monkeypatch.setattr("recoupe.analyze.build_nlp", _refuse)
    missing = tmp_path / "nulle-part"
    argv = [command, str(missing), "-q"]
    if command == "ingest":
        argv += ["--db", str(tmp_path / "r.db")]
    assert main(argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"recoupe: rejected {missing}: missing: no such file or folder",
        "recoupe: no readable article in the given paths",
    ]
    assert not (tmp_path / "r.db").exists()


def test_verbose_works_after_the_command(fast_nlp, corpus, tmp_path, capsys):
    import logging

    assert main(["analyze", str(corpus), "-q", "-v", "-o", str(tmp_path / "d.json")]) == 0
    assert logging.getLogger("recoupe").level == logging.DEBUG
    assert logging.getLogger().level == logging.WARNING  # no library's debug lines
    assert main(["analyze", str(corpus), "-q", "-o", str(tmp_path / "d.json")]) == 0
    assert logging.getLogger("recoupe").level == logging.WARNING


def _refuse(*args, **kwargs):
    raise AssertionError("the model was loaded")


def test_nothing_readable_is_an_error(fast_nlp, tmp_path, capsys):
    (tmp_path / "vide.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path), "-q"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "recoupe: no readable article in the given paths"
    )


def test_bad_configuration_is_one_line(fast_nlp, corpus, tmp_path, capsys):
    config = tmp_path / "conf.toml"
    config.write_text("[analyze]\nmodle = 'x'\n", encoding="utf-8")
    assert main(["analyze", str(corpus), "--config", str(config)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"recoupe: E100: unknown key analyze.modle ({config}); "
        "known: batch_size, max_chars, model, processes"
    )


def test_missing_model_says_how_to_install_it(tmp_path, capsys, corpus):
    assert main(["analyze", str(corpus), "--model", "xx_no_such_model", "-q"]) == 1
    assert capsys.readouterr().err.strip() == (
        "recoupe: E200: spaCy model 'xx_no_such_model' is not installed; install it from PyPI "
        "(pip install xx-no-such-model) or run 'make install'"
    )


def test_json_to_stdout(fast_nlp, corpus, capsys):
    assert main(["analyze", str(corpus / "01_agence_presse_ouest.txt"), "-q", "-o", "-"]) == 0
    dossier = json.loads(capsys.readouterr().out)
    assert [d["source"] for d in dossier["documents"]] == ["01_agence_presse_ouest.txt"]


def test_ingest_twice_stores_each_article_once(fast_nlp, corpus, tmp_path, capsys):
    db = tmp_path / "recoupe.db"
    assert main(["ingest", str(corpus), "--db", str(db), "-q"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "5 added, 0 skipped as already stored, 1 copies found, 0 rejected"
    )
    assert main(["ingest", str(corpus), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "0 added, 5 skipped as already stored, 1 copies found, 0 rejected"
    skipped = [line for line in out if line.startswith("  skipped ")]
    assert len(skipped) == 5
    # named by outlet, or by file as an unknown outlet: never by a bare file name
    assert all(
        line.startswith("  skipped unknown outlet (") or ".txt" not in line for line in skipped
    )


def test_stories_info_and_dossier_read_the_store(fast_nlp, corpus, tmp_path, capsys):
    db = tmp_path / "recoupe.db"
    assert main(["ingest", str(corpus), "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", str(db)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["story", "size", "first", "last", "outlets", "/", "title"]
    story_id = rows[1].split()[0]
    assert main(["info", "--db", str(db)]) == 0
    info = capsys.readouterr().out
    assert f"store: sqlite:///{db} (sqlite)" in info
    assert "pipeline: recoupe-" in info and "migrations:" in info and "schema:" in info
    target = tmp_path / "story.json"
    assert main(["dossier", story_id, "--db", str(db), "-o", str(target)]) == 0
    dossier = json.loads(target.read_text(encoding="utf-8"))
    assert dossier["documents"] and dossier["facts"]


def test_a_stored_storys_dossier_is_the_one_analyze_writes(fast_nlp, corpus, tmp_path, capsys):
    """ingest then dossier gives analyze's dossier: the story's entry and the copies
    found among its articles included (the store keeps articles, not their copies)."""
    analysed, stored, db = tmp_path / "a.json", tmp_path / "d.json", tmp_path / "r.db"
    assert main(["analyze", str(corpus), "-o", str(analysed), "-q"]) == 0
    whole = json.loads(analysed.read_text(encoding="utf-8"))
    assert whole["duplicates"] and len(whole["stories"]) == 1
    assert main(["ingest", str(corpus), "--db", str(db), "-q"]) == 0
    story = whole["stories"][0]["id"]
    assert main(["dossier", story, "--db", str(db), "-o", str(stored)]) == 0
    capsys.readouterr()
    assert json.loads(stored.read_text(encoding="utf-8")) == whole


def test_unknown_story_is_one_line(fast_nlp, tmp_path, capsys):
    from recoupe.store import open_store

    db = tmp_path / "recoupe.db"
    open_store(str(db)).close()
    assert main(["dossier", "s000000000000", "--db", str(db)]) == 1
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("no story 's000000000000' in the store; `recoupe stories` lists them")
    )


def test_a_reader_that_goes_away_ends_the_listing_quietly():
    # `recoupe stories | head -1`: the pipe closes while recoupe is still writing.
    script = (
        "import sys, recoupe.cli as cli\n"
        "def endless(args):\n"
        "    while True:\n"
        "        print('s0123456789ab    3  2025-03-18  2025-03-19  Le Courrier')\n"
        "cli._stories = endless\n"
        "sys.exit(cli.main(['stories']))\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(100)
        child.stdout.close()
        assert child.wait(timeout=60) == 0
        assert child.stderr.read() == b""


def test_the_summary_counts_quotations_not_quoted_terms(fast_nlp, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(
        "Les manifestants de « Printemps Vert » ont défilé samedi à Lorient. « Nous resterons "
        "jusqu'au bout », a déclaré leur porte-parole, Jeanne Le Bihan, devant la mairie.\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "d.json")]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert " 1 quotes," in line, line


@pytest.fixture
def two_stories(tmp_path):
    """Both example folders: two invented events three weeks apart."""
    for name in ("greve-port", "eboulement-col"):
        shutil.copytree(EXAMPLES / name, tmp_path / "in" / name)
    return tmp_path / "in"


def test_several_stories_are_cross_checked_one_by_one(fast_nlp, two_stories, tmp_path, capsys):
    target = tmp_path / "d.json"
    assert main(["analyze", str(two_stories), "-o", str(target)]) == 0
    dossier = json.loads(target.read_text(encoding="utf-8"))
    stories = dossier["stories"]
    assert sorted(len(s["documents"]) for s in stories) == [3, 5]
    story_of = {doc: s["id"] for s in stories for doc in s["documents"]}
    for fact in dossier["facts"]:
        assert len({story_of[e["doc"]] for e in fact["evidence"]}) == 1, fact["id"]
    assert sorted(f for s in stories for f in s["facts"]) == sorted(
        f["id"] for f in dossier["facts"]
    )
    out = capsys.readouterr().out
    assert "2 stories, each cross-checked on its own:" in out
    # largest story first: the JSON, the ids and the reports follow one order
    assert [len(s["documents"]) for s in stories] == [5, 3]
    assert stories[0]["facts"][0] == "f1"
    assert all(s["first"] and s["last"] for s in stories)
    # each story has its own section in the reports, after the list of stories
    markdown = target.with_suffix(".md").read_text(encoding="utf-8")
    assert all(f"(#{s['id']})" in markdown for s in stories)


def test_story_writes_one_storys_report(fast_nlp, two_stories, tmp_path, capsys):
    whole = tmp_path / "d.json"
    assert main(["analyze", str(two_stories), "-q", "-o", str(whole)]) == 0
    story = min(json.loads(whole.read_text(encoding="utf-8"))["stories"], key=_size)
    one = tmp_path / "one.json"
    assert main(["analyze", str(two_stories), "-q", "--story", story["id"], "-o", str(one)]) == 0
    dossier = json.loads(one.read_text(encoding="utf-8"))
    assert [s["id"] for s in dossier["stories"]] == [story["id"]]
    assert {d["id"] for d in dossier["documents"]} == set(story["documents"])
    assert [f["id"] for f in dossier["facts"]] == story["facts"]


def test_an_unknown_story_names_the_known_ones(fast_nlp, two_stories, tmp_path, capsys):
    code = main(["analyze", str(two_stories), "-q", "--story", "snope", "-o", "-"])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("recoupe: E400: no story 'snope' in this input; its stories: s")


def test_as_one_story_skips_the_grouping(fast_nlp, two_stories, tmp_path, capsys):
    target = tmp_path / "d.json"
    assert main(["analyze", str(two_stories), "-q", "--as-one-story", "-o", str(target)]) == 0
    dossier = json.loads(target.read_text(encoding="utf-8"))
    (story,) = dossier["stories"]
    assert len(story["documents"]) == 8
    assert story["facts"] == [f["id"] for f in dossier["facts"]]


def _size(story: dict) -> int:
    return len(story["documents"])


def _no_analysis(monkeypatch) -> None:
    """Any analysis is a failure: the command must have stopped before it."""

    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("recoupe.run.run", refuse)


def test_the_format_follows_the_extension_of_o(fast_nlp, corpus, tmp_path, capsys):
    target = tmp_path / "report.html"
    assert main(["analyze", str(corpus), "-o", str(target)]) == 0
    assert "<html" in target.read_text(encoding="utf-8")
    assert target.with_suffix(".md").read_text(encoding="utf-8").startswith("#")
    # the side files are said, and the main file is not overwritten by a side file
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"wrote {target}, {target.with_suffix('.md')}"


def test_a_format_the_file_name_contradicts_is_refused_before_any_work(
    monkeypatch, corpus, tmp_path, capsys
):
    _no_analysis(monkeypatch)
    target = tmp_path / "report.md"
    assert main(["analyze", str(corpus), "--format", "html", "-o", str(target)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"recoupe: E400: --format html but {target} is named as md: "
        "drop --format or rename the file"
    )
    assert not target.exists()


def test_o_onto_a_folder_is_refused_before_any_work(monkeypatch, corpus, tmp_path, capsys):
    _no_analysis(monkeypatch)
    assert main(["analyze", str(corpus), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"recoupe: E400: cannot write the dossier to {tmp_path}: it is a folder"
    )


def test_without_o_the_dossier_goes_to_a_pipe(fast_nlp, corpus, capsys):
    # capsys is no terminal: the JSON goes to standard output, the summary to stderr
    assert main(["analyze", str(corpus / "01_agence_presse_ouest.txt")]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["documents"]
    assert "1 articles read" in captured.err


def test_without_o_on_a_terminal_the_dossier_is_written_and_named(
    fast_nlp, corpus, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["analyze", str(corpus / "01_agence_presse_ouest.txt")]) == 0
    assert json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))["documents"]
    assert (tmp_path / "dossier.md").is_file() and (tmp_path / "dossier.html").is_file()
    assert capsys.readouterr().out.splitlines()[-1] == (
        "wrote dossier.json, dossier.md, dossier.html"
    )


def test_the_pipeline_version_is_read_without_loading_the_model(nlp) -> None:
    from recoupe import analyze, scale

    assert scale.pipeline_of(analyze.DEFAULT_MODEL) == analyze.pipeline_version(nlp)


def test_info_and_dossier_read_the_model_from_the_configuration(monkeypatch, tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text('[analyze]\nmodel = "fr_modele_maison"\n', encoding="utf-8")
    from recoupe.store import open_store

    open_store(str(tmp_path / "r.db")).close()
    monkeypatch.setattr("recoupe.scale.pipeline_of", lambda model: f"seen {model}")
    assert main(["info", "--db", str(tmp_path / "r.db"), "--config", str(config)]) == 0
    assert "pipeline: seen fr_modele_maison" in capsys.readouterr().out
    monkeypatch.setenv("RECOUPE_ANALYZE_MODEL", "fr_autre_modele")
    assert main(["info", "--db", str(tmp_path / "r.db")]) == 0
    assert "pipeline: seen fr_autre_modele" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["stories"], ["info"], ["dossier", "s000000000000"]])
def test_reading_a_store_that_does_not_exist_creates_none(command, tmp_path, capsys):
    db = tmp_path / "recoupe.db"
    assert main([*command, "--db", str(db)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"recoupe: E500: no store at {db}: `recoupe ingest PATH... --db {db}` creates one"
    )
    assert not db.exists()


def test_a_file_that_is_not_a_store_is_one_line(tmp_path, capsys):
    db = tmp_path / "notes.db"
    db.write_bytes(b"this is not a database, only some words written by hand" * 40)
    assert main(["stories", "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"recoupe: E500: sqlite:///{db} is not a recoupe store, or it is damaged")
    assert "\n" not in err and "Traceback" not in err


def test_an_article_in_a_language_not_analysed_is_said(fast_nlp, tmp_path, capsys):
    (tmp_path / "en.txt").write_text(
        "The council of Springfield approved a new budget on Monday, the mayor said.\n",
        encoding="utf-8",
    )
    target = tmp_path / "d.json"
    assert main(["analyze", str(tmp_path / "en.txt"), "-o", str(target)]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    said = "[en, undated]  read and grouped into stories, not analysed: no en pipeline"
    assert line.endswith(said)
    markdown = target.with_suffix(".md").read_text(encoding="utf-8")
    assert "(not analysed: no en pipeline)" in markdown
    assert "not analysed: no en pipeline" in target.with_suffix(".html").read_text(encoding="utf-8")
