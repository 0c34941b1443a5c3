"""``--format csv|claims|events`` of ``recoupe analyze`` and ``recoupe dossier``, and the
exports of a real analysis parsed back against its dossier.

The example corpus is analysed once for the module (``example_run``); the commands
reuse that result instead of analysing again, so these tests are about where and how
the exports are written: messages word for word, files, refusals before any work.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from export_helpers import EXAMPLES, as_dicts, read_csv

from recoupe.cli import main
from recoupe.export import claims, csv_tables, events, selectors

TABLE_FILES = ("d.facts.csv", "d.divergences.csv", "d.quotes.csv", "d.stories.csv")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "greve-port", folder)
    return folder


@pytest.fixture
def analysed(monkeypatch, example_run):
    """``recoupe analyze`` answers with the module's analysis of the example corpus."""
    monkeypatch.setattr("recoupe.run.run", lambda *args, **kwargs: example_run)
    return example_run.dossier


def _no_analysis(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("recoupe.run.run", refuse)


def test_csv_writes_one_file_per_table_and_names_them(analysed, corpus, tmp_path, capsys):
    target = tmp_path / "out" / "d.csv"
    assert main(["analyze", str(corpus), "-o", str(target)]) == 0
    written = [tmp_path / "out" / name for name in TABLE_FILES]
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote {', '.join(map(str, written))}"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(TABLE_FILES)
    facts = read_csv(written[0].read_text(encoding="utf-8"))
    assert [row[0] for row in facts[1:]] == [f.id for f in analysed.facts]


def test_a_csv_output_without_extension_takes_it(analysed, corpus, tmp_path, capsys):
    target = tmp_path / "tables"
    assert main(["analyze", str(corpus), "-q", "--format", "csv", "-o", str(target)]) == 0
    assert (tmp_path / "tables.quotes.csv").is_file()
    assert not target.exists()


@pytest.mark.parametrize("name", ["d.jsonld", "d.json"])
def test_claims_from_the_extension_or_the_format(analysed, corpus, tmp_path, name):
    target = tmp_path / name
    fmt = ["--format", "claims"] if name.endswith(".json") else []
    assert main(["analyze", str(corpus), "-q", *fmt, "-o", str(target)]) == 0
    graph = json.loads(target.read_text(encoding="utf-8"))["@graph"]
    assert [c["identifier"] for c in graph] == [f.id for f in analysed.facts]
    # an export is written alone: no report beside it
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == [name]


def test_events_to_standard_output(analysed, corpus, capsys):
    assert main(["analyze", str(corpus), "--format", "events", "-o", "-"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert records and {r["kind"] for r in records} <= {"event", "commitment"}
    assert "5 articles read" in captured.err


def test_csv_to_standard_output_is_refused_before_any_work(monkeypatch, corpus, capsys):
    _no_analysis(monkeypatch)
    assert main(["analyze", str(corpus), "--format", "csv", "-o", "-"]) == 1
    assert capsys.readouterr().err.strip() == (
        "recoupe: E400: --format csv writes four tables, one file each: give -o FILE.csv "
        "(FILE.facts.csv, FILE.divergences.csv, FILE.quotes.csv, FILE.stories.csv)"
    )


def test_events_named_as_json_is_refused_before_any_work(monkeypatch, corpus, tmp_path, capsys):
    _no_analysis(monkeypatch)
    target = tmp_path / "d.json"
    assert main(["analyze", str(corpus), "--format", "events", "-o", str(target)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"recoupe: E400: --format events but {target} is named as json: "
        "drop --format or rename the file"
    )
    assert not target.exists()


def test_a_table_onto_a_folder_is_refused_before_any_work(monkeypatch, corpus, tmp_path, capsys):
    _no_analysis(monkeypatch)
    (tmp_path / "d.quotes.csv").mkdir()
    assert main(["analyze", str(corpus), "-o", str(tmp_path / "d.csv")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"recoupe: E400: cannot write the dossier to {tmp_path / 'd.quotes.csv'}: it is a folder"
    )
    assert not (tmp_path / "d.facts.csv").exists()


@pytest.mark.parametrize(
    ("fmt", "files"),
    [
        ("md", ["dossier.html", "dossier.md"]),
        ("events", ["dossier.jsonl"]),
        ("csv", sorted(name.replace("d.", "dossier.", 1) for name in TABLE_FILES)),
    ],
)
def test_format_without_o_on_a_terminal_names_the_file_for_it(
    analysed, corpus, tmp_path, monkeypatch, capsys, fmt, files
):
    # before: `--format md` on a terminal was refused as contradicting dossier.json
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["analyze", str(corpus), "--format", fmt]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == files


def test_dossier_writes_the_tables_of_a_stored_story(monkeypatch, example_run, tmp_path, capsys):
    from recoupe.store import open_store

    db = tmp_path / "r.db"
    open_store(str(db)).close()
    dossier = example_run.dossier
    monkeypatch.setattr("recoupe.scale.story_dossier", lambda *args, **kwargs: dossier)
    monkeypatch.setattr("recoupe.scale.LocalRunner", lambda **kwargs: None)
    target = tmp_path / "d.csv"
    assert main(["dossier", "s0", "--db", str(db), "--format", "csv", "-o", str(target)]) == 0
    written = ", ".join(str(tmp_path / name) for name in TABLE_FILES)
    assert capsys.readouterr().out.strip() == (
        f"{len(dossier.articles)} articles, {len(dossier.facts)} facts, "
        f"{len(dossier.divergences)} divergences: {written}"
    )
    assert main(["dossier", "s0", "--db", str(db), "-o", str(tmp_path / "s.jsonl")]) == 0
    assert (tmp_path / "s.jsonl").read_text(encoding="utf-8") == events(dossier)


# ---------------------------------------------------------------- a real analysis


def test_the_tables_of_a_real_analysis_match_its_dossier(example_run):
    dossier = example_run.dossier
    tables = csv_tables(dossier)
    assert len(as_dicts(tables["facts"])) == len(dossier.facts)
    assert len(as_dicts(tables["divergences"])) == sum(
        len(d.sides) for d in (*dossier.divergences, *dossier.wording)
    )
    texts = {a.id: a.text for a in dossier.articles}
    quotes = as_dicts(tables["quotes"])
    assert len(quotes) == sum(1 for q in dossier.quotes if q.quote.kind != "term")
    for row in quotes:
        assert row["Quote"] == texts[row["Article id"]][int(row["Start"]) : int(row["End"])]
    header = read_csv(tables["facts"])[0]
    outlets = {a.outlet for a in dossier.articles}
    assert outlets <= set(header) and None not in outlets
    assert [row["Story"] for row in as_dicts(tables["stories"])] == [s.id for s in dossier.stories]


def test_the_claims_and_events_of_a_real_analysis_match_its_dossier(example_run):
    dossier = example_run.dossier
    graph = json.loads(claims(dossier))["@graph"]
    assert [c["identifier"] for c in graph] == [f.id for f in dossier.facts]
    texts = {a.id: a.text for a in dossier.articles}
    records = [json.loads(line) for line in events(dossier).splitlines()]
    assert any(r["kind"] == "commitment" for r in records)
    assert any(r["kind"] == "event" and r["source"] for r in records)
    for record in records:
        start, end = record["text_info"]["start"], record["text_info"]["end"]
        assert texts[record["cite_info"]["citation"]][start:end] == record["text"]


def test_every_evidence_span_of_a_real_analysis_gets_selectors(example_run):
    dossier = example_run.dossier
    texts = {a.id: a.text for a in dossier.articles}
    spans = [ev for f in dossier.facts for ev in f.evidence]
    spans += [ev for d in dossier.divergences for s in d.sides for ev in s.evidence]
    assert spans
    for ev in spans:
        quote, position = selectors(texts[ev.article_id], ev.span.start, ev.span.end)["selector"]
        assert quote["exact"] == ev.span.text
        assert texts[ev.article_id].count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
        assert (position["start"], position["end"]) == (ev.span.start, ev.span.end)


def test_the_tables_are_written_all_or_none(analysed, corpus, tmp_path, monkeypatch, capsys):
    from recoupe import files

    for name in TABLE_FILES:
        (tmp_path / name).write_text("before\n", encoding="utf-8")
    written = files._temporary
    calls = []

    def interrupted(path, text):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return written(path, text)

    monkeypatch.setattr(files, "_temporary", interrupted)
    assert main(["analyze", str(corpus), "-q", "-o", str(tmp_path / "d.csv")]) == 130
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted(TABLE_FILES)
    assert {(tmp_path / n).read_text(encoding="utf-8") for n in TABLE_FILES} == {"before\n"}
