"""The Markdown report: golden file, escaping of hostile text, tables that hold together."""

from __future__ import annotations

import dataclasses
import os
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from dossier_factory import HOSTILE, make_dossier, make_hostile_dossier

from recoupe import report
from recoupe.model import Article, Dossier, TextSpan
from recoupe.report.markdown import Md, escape_markdown, render_markdown

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RECOUPE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{name} differs from the golden file: review, then rerun with RECOUPE_UPDATE_GOLDEN=1"
    )


def cells(line: str) -> int:
    """How many cells a table row has: the pipes that are not backslash-escaped, less one."""
    count, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        count += line[i] == "|"
        i += 1
    return count - 1


def tables(text: str) -> list[list[str]]:
    """The tables of a Markdown text: runs of lines that start with a pipe."""
    found: list[list[str]] = []
    run: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            run.append(line)
        elif run:
            found.append(run)
            run = []
    return found


def test_golden_markdown() -> None:
    assert_golden("dossier.md", render_markdown(make_dossier()))


def test_registry_renders_markdown() -> None:
    dossier = make_dossier()
    assert report.render(dossier, "md") == render_markdown(dossier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La grève continue.", "La grève continue."),
        ("175 | 175", r"175 \| 175"),
        ("*urgent* et _grave_", r"\*urgent\* et \_grave\_"),
        ("[lien](javascript:alert(1))", r"\[lien\](javascript:alert(1))"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("`code`", r"\`code\`"),
        ("# Titre", r"\# Titre"),
        ("- tiret en tête", r"\- tiret en tête"),
        ("+ plus en tête", r"\+ plus en tête"),
        ("2025. Une année", r"2025\. Une année"),
        ("3) troisième", r"3\) troisième"),
        ("le 2025. ailleurs", "le 2025. ailleurs"),
        ("~~barré~~ et 10 $", r"\~\~barré\~\~ et 10 \$"),
        ("&lt;b&gt;", r"\&lt;b\&gt;"),
        ("C:\\dossier", r"C:\\dossier"),
        ("une ligne\n\nune autre\tligne", "une ligne une autre ligne"),
        ("  ", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_escape_markdown(text: object, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_built_markdown_passes_unchanged() -> None:
    assert escape_markdown(Md("[f1](#fact-f1)")) == "[f1](#fact-f1)"


@pytest.mark.parametrize("make", [make_dossier, make_hostile_dossier], ids=["plain", "hostile"])
def test_every_table_row_has_the_header_cells(make) -> None:
    text = render_markdown(make())
    found = tables(text)
    assert len(found) >= 9
    for table in found:
        width = cells(table[0])
        assert all(cells(row) == width for row in table), table[0]
        assert re.fullmatch(r"\|( :?-+:? \|)+", table[1]), table[1]


def test_hostile_text_is_inert() -> None:
    text = render_markdown(make_hostile_dossier())
    assert HOSTILE not in text
    assert escape_markdown(HOSTILE) in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # only the escaped \](javascript:
    assert not re.search(r"(?<!\\)<(script|img|/script)", text)


@pytest.mark.parametrize("make", [make_dossier, make_hostile_dossier], ids=["plain", "hostile"])
def test_every_anchor_link_has_its_target(make) -> None:
    text = render_markdown(make())
    links = set(re.findall(r"\]\(#([^)]*)\)", text))
    ids = set(re.findall(r'<a id="([^"]*)"></a>', text))
    assert links <= ids, sorted(links - ids)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("make", [make_dossier, make_hostile_dossier], ids=["plain", "hostile"])
def test_rendered_markdown_holds_only_our_markup(make) -> None:
    """Through a CommonMark renderer (raw HTML allowed), the report makes only its own tags."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser = Tags()
    parser.feed(md.render(render_markdown(make())))
    allowed = {"h1", "h2", "h3", "h4", "p", "a", "strong", "code", "br", "blockquote", "ul", "ol"}
    allowed |= {"li"}
    allowed |= {"hr", "table", "thead", "tbody", "tr", "th", "td"}
    assert {t for t, _ in parser.tags} <= allowed
    for tag, attrs in parser.tags:
        href = attrs.get("href")
        assert href is None or href.startswith(("#", "http://", "https://")), href
        assert set(attrs) <= {"href", "id", "style"}, (tag, attrs)  # style: table alignment


def test_article_address_links_only_to_the_web() -> None:
    text = render_markdown(make_hostile_dossier())
    assert "javascript:alert(4)" in text  # shown as text
    # quotes, brackets, parentheses and the pipe are percent-encoded in the destination
    assert "](https://example.org/a%22onmouseover=%22alert%285%29'%3Cb%3E%7C%29%5Bx%5D)" in text


def test_dossier_without_facts_still_renders() -> None:
    text = "Le conseil municipal a voté le budget."
    article = Article(
        id="x1",
        source="x1.txt",
        origin="x1.txt",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
    )
    out = render_markdown(Dossier(id="d-empty", articles=(article,), analyses=()))
    assert "No facts in this dossier." in out
    assert "No cited spans in this dossier." in out


@pytest.mark.parametrize("make", [make_dossier, make_hostile_dossier], ids=["plain", "hostile"])
def test_blocks_are_separated_by_blank_lines(make) -> None:
    """A heading, table or list that runs into the next line would swallow it."""
    lines = render_markdown(make()).splitlines()
    for here, after in pairwise(lines):
        if here.startswith("#"):
            assert after == "", here
        if here.startswith("|") and after:
            assert after.startswith("|"), (here, after)
        if here.startswith("- ") and after:
            assert after.startswith("- "), (here, after)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_name_outlets_and_say_when_one_is_unknown(fmt) -> None:
    dossier = make_dossier()
    first, *rest = dossier.articles
    unknown = dataclasses.replace(first, outlet=None)
    text = report.render(dataclasses.replace(dossier, articles=(unknown, *rest)), fmt)
    assert f"unknown outlet ({first.source})" in text
    for article in rest:  # a known outlet is named, and its file only in the article list
        assert article.outlet is not None
        assert text.count(article.source) <= 1


@pytest.mark.parametrize(
    ("outlets", "unknown", "expected"),
    [
        (3, 0, "3 articles from 3 outlets"),
        (1, 2, "3 articles from 1 outlet (2 of unknown outlet)"),
        (0, 3, "3 articles, outlets unknown"),
    ],
)
def test_heading_counts_only_known_outlets(outlets: int, unknown: int, expected: str) -> None:
    from recoupe.report.view import Stats

    stats = Stats(
        articles=3,
        outlets=outlets,
        first_date=None,
        last_date=None,
        origins=None,
        unknown_outlets=unknown,
    )
    assert stats.heading == expected


def test_the_view_kept_for_the_next_format_is_that_of_the_dossier_rendered() -> None:
    first, second = make_dossier(), make_hostile_dossier()
    alone = report.render(second, "md")
    # the HTML of the first dossier leaves its view behind; the second's report is its own
    report.render(first, "html")
    assert report.render(second, "md") == alone
    assert report.render(first, "md") != alone
