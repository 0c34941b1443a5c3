"""The CSV tables, parsed back with ``csv.reader`` and checked against the dossier."""

from __future__ import annotations

import dataclasses

import pytest
from export_helpers import as_dicts, read_csv
from stories_factory import make_stories_dossier

from recoupe.export import TABLES, csv_tables, stories_csv
from recoupe.export.spreadsheet import defuse

OUTLETS = ["Le Courrier de Montvallon", "Agence Presse Régionale", "Radio Val-d'Orne"]


def test_the_four_tables_are_named(dossier):
    assert tuple(csv_tables(dossier)) == TABLES == ("facts", "divergences", "quotes", "stories")


def test_tables_are_crlf_csv_with_a_byte_order_mark(dossier):
    for text in csv_tables(dossier).values():
        assert text.startswith("\ufeff")
        assert text.endswith("\r\n")
    facts = csv_tables(dossier)["facts"]  # no line break inside its cells
    assert facts.count("\n") == facts.count("\r\n") == len(dossier.facts) + 1


def test_the_facts_grid_has_one_row_per_fact_and_one_column_per_outlet(dossier):
    header, *rows = read_csv(csv_tables(dossier)["facts"])
    assert header[-4:] == [*OUTLETS, "Montvallon Today"]
    assert not any(name.endswith((".txt", ".html")) for name in header)
    assert [row[0] for row in rows] == [f.id for f in dossier.facts]
    facts = {f.id: f for f in dossier.facts}
    for row in as_dicts(csv_tables(dossier)["facts"]):
        fact = facts[row["Fact"]]
        assert row["Statement"] == fact.statement
        assert row["Event date"] == (fact.date or "")
        assert row["Event type"] == fact.category
        assert row["Independent origins"] == str(fact.origins)


def test_each_cell_says_how_the_article_stands_on_the_fact(dossier):
    rows = {row["Fact"]: row for row in as_dicts(csv_tables(dossier)["facts"])}
    # f2: two articles report it, two leave it out
    assert [rows["f2"][name] for name in [*OUTLETS, "Montvallon Today"]] == [
        "reports",
        "reports",
        "leaves out",
        "leaves out",
    ]
    # f4: the agency reports the bonus refused, the translated piece says it was accepted
    assert rows["f4"]["Agence Presse Régionale"] == "reports, differs (v3)"
    assert rows["f4"]["Montvallon Today"] == "contradicts (v3)"
    assert rows["f4"]["Articles reporting"] == "1"
    assert rows["f4"]["Divergences"] == "v3"


def test_two_articles_of_one_outlet_are_told_apart_by_their_date(dossier):
    articles = list(dossier.articles)
    articles[3] = dataclasses.replace(articles[3], outlet=articles[0].outlet)
    header, *_ = read_csv(
        csv_tables(dataclasses.replace(dossier, articles=tuple(articles)))["facts"]
    )
    assert header[-4] == "Le Courrier de Montvallon (2025-04-01)"
    assert header[-1] == "Le Courrier de Montvallon (2025-04-02)"
    assert len(set(header)) == len(header)


def test_an_article_of_unknown_outlet_is_named_by_its_file(dossier):
    articles = list(dossier.articles)
    articles[3] = dataclasses.replace(articles[3], outlet=None)
    header, *_ = read_csv(
        csv_tables(dataclasses.replace(dossier, articles=tuple(articles)))["facts"]
    )
    assert header[-1] == "unknown outlet (montvallon-today.txt)"


def test_the_divergences_have_one_row_per_side(dossier):
    rows = as_dicts(csv_tables(dossier)["divergences"])
    everything = (*dossier.divergences, *dossier.wording)
    assert len(rows) == sum(len(d.sides) for d in everything)
    sides = [(d, n, side) for d in everything for n, side in enumerate(d.sides, start=1)]
    for row, (div, number, side) in zip(rows, sides, strict=True):
        assert (row["Divergence"], row["Side"], row["Kind"]) == (div.id, str(number), div.kind)
        assert row["Position"] == side.label
        ids = dict.fromkeys([*side.sources, *(ev.article_id for ev in side.evidence)])
        assert row["Article ids"].split() == list(ids)
        assert row["Articles"] == str(len(ids))
        for ev in side.evidence:
            assert ev.span.text in row["Evidence"]
    first = rows[0]
    assert first["Certainty"] == "almost certain" and first["Confidence"] == "0.9"
    assert first["Outlets"] == "; ".join(OUTLETS)


def test_the_quotes_give_speaker_words_outlet_date_and_address(dossier):
    rows = as_dicts(csv_tables(dossier)["quotes"])
    quotes = [q for q in dossier.quotes if q.quote.kind != "term"]
    assert len(rows) == len(quotes)
    texts = {a.id: a.text for a in dossier.articles}
    for row, dq in zip(rows, quotes, strict=True):
        start, end = int(row["Start"]), int(row["End"])
        assert row["Article id"] == dq.article_id
        assert (start, end) == (dq.quote.content.start, dq.quote.content.end)
        assert row["Quote"] == texts[dq.article_id][start:end] == dq.quote.content.text
    assert rows[0]["Speaker"] == "Claire Dufresne-Martel"
    assert rows[0]["Outlet"] == "Le Courrier de Montvallon"
    assert rows[0]["Published"] == "2025-04-01"
    assert rows[0]["URL"] == "https://courrier-montvallon.example/greve-tam-treve"
    # the translated piece has no address, and its speaker is no entity of the story
    assert rows[-1]["URL"] == ""
    assert rows[-1]["Speaker"] == "Le directeur général"


def test_a_dossier_without_stories_has_an_empty_stories_table(dossier):
    assert read_csv(csv_tables(dossier)["stories"])[1:] == []


def test_the_stories_table_and_the_story_of_each_row():
    united = make_stories_dossier()
    tables = csv_tables(united)
    stories = as_dicts(tables["stories"])
    assert [s["Story"] for s in stories] == [s.id for s in united.stories]
    for row, story in zip(stories, united.stories, strict=True):
        assert row["Articles"] == str(len(story.articles))
        assert row["Facts"] == str(len(story.facts))
        assert row["Divergences"] == str(len(story.divergences))
        assert row["Outlets"] == "; ".join(story.outlets)
    owner = {f: s.id for s in united.stories for f in s.facts}
    facts = as_dicts(tables["facts"])
    assert len(facts) == len(united.facts)
    assert all(row["Story"] == owner[row["Fact"]] for row in facts)


def test_stored_stories_leave_their_counts_blank():
    united = make_stories_dossier()
    listed = [
        dataclasses.replace(s, facts=(), divergences=(), dossier=None) for s in united.stories
    ]
    rows = as_dicts(stories_csv(listed))
    assert {(row["Facts"], row["Divergences"]) for row in rows} == {("", "")}
    assert [row["Articles"] for row in rows] == [str(len(s.articles)) for s in listed]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("- Nous restons vigilants", "'- Nous restons vigilants"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("Le maire a salué un accord = une victoire", "Le maire a salué un accord = une victoire"),
        ("", ""),
        (-1, -1),
        (0.55, 0.55),
        (None, None),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(cell, written):
    assert defuse(cell) == written


def test_commas_quotes_and_line_breaks_survive_a_round_trip(dossier):
    statement = 'Le SUT a dit : « non, jamais »,\r\net "voilà".'
    fact = dataclasses.replace(dossier.facts[0], statement=statement)
    changed = dataclasses.replace(dossier, facts=(fact, *dossier.facts[1:]))
    rows = as_dicts(csv_tables(changed)["facts"])
    assert rows[0]["Statement"] == statement
    assert len(rows) == len(dossier.facts)
