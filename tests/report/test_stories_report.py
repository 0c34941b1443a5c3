"""Reports of a dossier of several stories: the list of stories, then one section each.

Golden files for three invented stories (four, two and one article), anchors unique on
the page, every link resolved inside the page and inside its own story, hostile text
inert, and a dossier of one story reported exactly as before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from dossier_factory import HOSTILE, make_dossier
from stories_factory import make_hostile_stories_dossier, make_stories_dossier, story_of
from test_html import (
    CSP,
    Page,
    _chromium,
    _run_chromium,
    assert_golden,
    assert_self_contained,
)
from test_markdown import Tags, cells, tables

from recoupe import report
from recoupe.model import Dossier
from recoupe.parts import Part, story_part, unite
from recoupe.report.html import render_html
from recoupe.report.markdown import escape_markdown, render_markdown
from recoupe.report.stories_view import build_stories_view

GOLDEN = Path(__file__).parent / "golden"
MAKERS = [make_stories_dossier, make_hostile_stories_dossier]
IDS = ["plain", "hostile"]


def md_ids(text: str) -> list[str]:
    return re.findall(r'<a id="([^"]*)"></a>', text)


def md_links(text: str) -> list[str]:
    return re.findall(r"\]\(#([^)]*)\)", text)


def html_links(page: Page) -> list[str]:
    hrefs = (a.get("href") or "" for _, a in page.tags)
    return [h[1:] for h in hrefs if h.startswith("#")]


def html_ids(page: Page) -> list[str]:
    return [a["id"] for _, a in page.tags if a.get("id")]


# ---------------------------------------------------------------- golden files


def test_golden_markdown_of_several_stories() -> None:
    assert_golden("stories.md", render_markdown(make_stories_dossier()))


def test_golden_html_of_several_stories() -> None:
    assert_golden("stories.html", render_html(make_stories_dossier()))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_one_story_is_reported_as_before(fmt: str) -> None:
    """A dossier united from one story is the report of that story, byte for byte."""
    dossier = make_dossier()
    one = unite(
        [Part(story=story_of(dossier, "s0b05d3e8a4c2", "Grève"), dossier=dossier)], dossier_id="x"
    )
    assert len(one.stories) == 1
    golden = (GOLDEN / f"dossier.{fmt}").read_text(encoding="utf-8")
    assert report.render(one, fmt) == golden


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_one_story_taken_out_is_a_report_of_one_story(fmt: str) -> None:
    dossier = make_stories_dossier()
    part = story_part(dossier, "s0b05d3e8a4c2")
    text = report.render(part, fmt)
    assert "4 articles from 4 outlets" in text
    assert "Story 1" not in text and "All stories" not in text and "all stories" not in text


# ---------------------------------------------------------------- the list of stories


def test_stories_come_largest_first() -> None:
    view = build_stories_view(make_stories_dossier())
    assert [sv.story.id for sv in view.stories] == [
        "s0b05d3e8a4c2",
        "s0f12e5a7c9b1",
        "s0a3c7d2e6f80",
    ]
    assert [sv.number for sv in view.stories] == [1, 2, 3]
    assert [sv.brief for sv in view.stories] == [False, False, True]


def test_ties_keep_the_dossiers_order() -> None:
    dossier = make_stories_dossier()
    fire, bus, market = dossier.stories
    # the market grown to the fire's size: the fire, given first, stays first
    grown = replace(market, articles=(*market.articles, "an-article-not-listed"))
    view = build_stories_view(replace(dossier, stories=(fire, bus, grown)))
    assert [sv.story.id for sv in view.stories] == [bus.id, fire.id, market.id]


def test_markdown_lists_every_story_with_its_counts_and_link() -> None:
    dossier = make_stories_dossier()
    text = render_markdown(dossier)
    anchors = {sv.story.id: sv.anchor for sv in build_stories_view(dossier).stories}
    assert text.startswith("# 3 stories · 7 articles from 6 outlets\n")
    rows = {
        line.split(" | ")[1]: line for line in text.splitlines() if re.match(r"\| \d+ \| \[", line)
    }
    assert len(rows) == len(dossier.stories)
    for story in dossier.stories:
        link = next(k for k in rows if k.endswith(f"](#{anchors[story.id]})"))
        row = rows[link].strip("|").split(" | ")
        assert int(row[2]) == len(story.articles)
        assert int(row[5]) == len(story.facts)
        assert int(row[6].strip(" |")) == len(story.divergences)
        assert f'<a id="{anchors[story.id]}"></a>' in text


def test_html_lists_every_story_with_its_counts_and_link() -> None:
    dossier = make_stories_dossier()
    html = render_html(dossier)
    view = build_stories_view(dossier)
    table = html[html.index('<table class="grid stories">') : html.index("</table>")]
    rows = table.split("<tr>")[2:]
    assert len(rows) == len(dossier.stories)
    for sv, row in zip(view.stories, rows, strict=True):
        numbers = re.findall(r'<td class="num">(\d+)</td>', row)
        assert numbers == [
            str(len(sv.story.articles)),
            str(len(sv.story.facts)),
            str(len(sv.story.divergences)),
        ]
        assert f'href="#{sv.anchor}"' in row
    page = Page(html)
    toc = html[html.index('aria-label="Stories"') : html.index("</nav>")]
    assert all(f'href="#{sv.anchor}"' in toc for sv in view.stories)
    assert {sv.anchor for sv in view.stories} <= set(html_ids(page))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_story_whose_articles_are_not_listed_still_renders(fmt: str) -> None:
    dossier = make_stories_dossier()
    lost = replace(dossier.stories[2], id="s0dead0000001", articles=("not-listed",), facts=())
    text = report.render(replace(dossier, stories=(*dossier.stories, lost)), fmt)
    assert "s0dead0000001" in text and "No facts in this dossier." in text


# ---------------------------------------------------------------- one section per story


def _md_sections(text: str, dossier: Dossier) -> dict[str, str]:
    """Each story's section of the Markdown report, by its anchor."""
    view = build_stories_view(dossier)
    starts = [text.index(f'<a id="{sv.anchor}"></a>\n## Story') for sv in view.stories]
    ends = [*starts[1:], text.index("\n---\n")]
    return {sv.anchor: text[a:b] for sv, a, b in zip(view.stories, starts, ends, strict=True)}


def _html_sections(html: str, dossier: Dossier) -> dict[str, str]:
    view = build_stories_view(dossier)
    starts = [html.index(f'id="{sv.anchor}">\n<header class="story-head">') for sv in view.stories]
    ends = [*starts[1:], html.index("</main>")]
    return {sv.anchor: html[a:b] for sv, a, b in zip(view.stories, starts, ends, strict=True)}


def test_each_story_has_its_section() -> None:
    dossier = make_stories_dossier()
    text, html = render_markdown(dossier), render_html(dossier)
    md, page = _md_sections(text, dossier), _html_sections(html, dossier)
    for sv in build_stories_view(dossier).stories:
        assert f"## Story {sv.number} · {escape_markdown(sv.title)}" in md[sv.anchor]
        assert f"<h2>{sv.title}</h2>" in page[sv.anchor]
        for fact in sv.story.facts:  # each story shows its own facts, no other's
            assert f'<a id="{sv.prefix}fact-{fact}"></a>' in md[sv.anchor]
            assert f'id="{sv.prefix}fact-{fact}"' in page[sv.anchor]
        others = {f.id for f in dossier.facts} - set(sv.story.facts)
        assert others
        assert not any(f"**{f}**" in md[sv.anchor] for f in others)


def test_a_story_of_one_article_is_brief() -> None:
    dossier = make_stories_dossier()
    md = _md_sections(render_markdown(dossier), dossier)
    page = _html_sections(render_html(dossier), dossier)
    brief = next(sv for sv in build_stories_view(dossier).stories if sv.brief)
    for text in (md[brief.anchor], page[brief.anchor]):
        assert "One article" in text
        assert "Coverage matrix" not in text and "Divergences" not in text
        assert "Source profiles" not in text and "Entities" not in text
        assert "Facts" in text and "Quotes" in text and "Evidence" in text
    full = next(sv for sv in build_stories_view(dossier).stories if not sv.brief)
    assert "Coverage matrix" in md[full.anchor] and "### Divergences" in md[full.anchor]


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_markdown_anchors_are_unique_and_every_link_resolves(make) -> None:
    text = render_markdown(make())
    ids = md_ids(text)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert set(md_links(text)) <= set(ids), sorted(set(md_links(text)) - set(ids))


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_html_ids_are_unique_and_every_link_resolves(make) -> None:
    page = Page(render_html(make()))
    ids = html_ids(page)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert set(html_links(page)) <= set(ids), sorted(set(html_links(page)) - set(ids))


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_links_in_a_story_stay_in_that_story(make) -> None:
    dossier = make()
    view = build_stories_view(dossier)
    md = _md_sections(render_markdown(dossier), dossier)
    html = _html_sections(render_html(dossier), dossier)
    for sv in view.stories:
        for target in md_links(md[sv.anchor]):
            assert target == "stories" or target.startswith(sv.prefix), (sv.anchor, target)
        for target in html_links(Page(html[sv.anchor].split(">", 1)[1])):
            assert target == "stories" or target.startswith(sv.prefix), (sv.anchor, target)


# ---------------------------------------------------------------- safe to open


def test_hostile_text_is_inert_in_markdown() -> None:
    text = render_markdown(make_hostile_stories_dossier())
    assert HOSTILE not in text
    assert escape_markdown(HOSTILE) in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert not re.search(r"(?<!\\)<(script|img|/script)", text)


def test_hostile_text_is_inert_in_html() -> None:
    html = render_html(make_hostile_stories_dossier())
    assert HOSTILE not in html
    assert "<script>" not in html and "<img" not in html
    assert_self_contained(html)
    metas = [a for tag, a in Page(html).tags if tag == "meta" and a.get("http-equiv")]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": CSP}]


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_markdown_tables_hold_together(make) -> None:
    for table in tables(render_markdown(make())):
        width = cells(table[0])
        assert all(cells(row) == width for row in table), table[0]
        assert re.fullmatch(r"\|( :?-+:? \|)+", table[1]), table[1]


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_rendered_markdown_holds_only_our_markup(make) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser = Tags()
    parser.feed(md.render(render_markdown(make())))
    allowed = {"h1", "h2", "h3", "h4", "h5", "p", "a", "strong", "code", "br", "blockquote"}
    allowed |= {"ul", "ol", "li", "hr", "table", "thead", "tbody", "tr", "th", "td"}
    assert {t for t, _ in parser.tags} <= allowed
    for _, attrs in parser.tags:
        href = attrs.get("href")
        assert href is None or href.startswith(("#", "http://", "https://")), href


def test_chromium_draws_every_story(tmp_path: Path) -> None:
    chromium = _chromium()
    dossier = make_stories_dossier()
    page_path = tmp_path / "stories.html"
    page_path.write_text(render_html(dossier), encoding="utf-8")
    dom = _run_chromium(chromium, tmp_path, "--dump-dom", page_path.as_uri()).stdout
    page = Page(dom)
    view = build_stories_view(dossier)
    assert {sv.anchor for sv in view.stories} <= page.ids
    assert {f"{sv.prefix}evidence" for sv in view.stories} <= page.ids
    assert len(page.with_class("story")) == len(view.stories)
    assert len(page.with_class("divergence")) == 7  # the bus strike's five, the fire's two
    assert not [t for t, _ in page.tags if t in {"script", "img"}]
