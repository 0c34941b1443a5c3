"""Reports of a large story fold the long tail; those of a small story fold nothing.

Hand-made dossiers of N invented articles: each prints one sentence word for word (a
dispatch every outlet reprints) and one of its own. A fact rests on all the reprints,
a divergence sets the articles against each other, every article is quoted. Below
``MATRIX_COLUMNS`` articles everything is printed, however long a list; past it the
matrix counts the articles, and a list of more than ``FOLD_AFTER`` items prints its
first few and counts and links the rest. Every anchor stays unique and every link
resolves.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from dossier_factory import make_dossier
from stories_factory import story_of
from test_html import Page, _chromium, _run_chromium, assert_self_contained
from test_stories_report import html_ids, html_links, md_ids, md_links

from recoupe.model import (
    Article,
    Divergence,
    Dossier,
    DossierQuote,
    Evidence,
    Fact,
    Quote,
    Side,
    Source,
    TextSpan,
)
from recoupe.parts import Part, unite
from recoupe.report.html import render_html
from recoupe.report.markdown import render_markdown
from recoupe.report.view import (
    FOLD_AFTER,
    LINKS_SHOWN,
    MATRIX_COLUMNS,
    QUOTES_SHOWN,
    build_view,
    fold,
)

SHARED = "Le conseil de Valbrune a voté lundi le budget de la piscine."


def _span(text: str, needle: str) -> TextSpan:
    start = text.index(needle)
    return TextSpan(start=start, end=start + len(needle), text=needle)


def wide_dossier(n: int) -> Dossier:
    """``n`` articles of one invented story, every one on both sides of the story."""
    articles = []
    for i in range(1, n + 1):
        own = f"La maire Odile Ferrand a parlé pendant {i} minutes."
        articles.append(
            Article(
                id=f"a{i}",
                source=f"a{i}.txt",
                origin=f"a{i}.txt",
                text=f"{SHARED} {own}",
                body=(),
                outlet=f"Le Journal {i}",
                language="fr",
            )
        )
    shared = tuple(Evidence(article_id=a.id, span=_span(a.text, SHARED)) for a in articles)
    own = tuple(
        Evidence(article_id=a.id, span=_span(a.text, a.text[len(SHARED) + 1 :])) for a in articles
    )
    speaker = Source(kind="person", name="Odile Ferrand")
    half = n // 2
    return Dossier(
        id="wide",
        articles=tuple(articles),
        analyses=(),
        facts=(
            Fact(id="f1", statement=SHARED, evidence=shared, sources=tuple(a.id for a in articles)),
            Fact(
                id="f2",
                statement="La maire a parlé.",
                evidence=own[:half],
                omitted_by=tuple(a.id for a in articles[half:]),
            ),
        ),
        divergences=(
            Divergence(
                id="v1",
                kind="value",
                reason="les durées diffèrent",
                facts=("f2",),
                confidence=0.9,
                sides=(
                    Side(label="courte", value="peu", evidence=own[:half]),
                    Side(label="longue", value="beaucoup", evidence=own[half:]),
                ),
            ),
        ),
        quotes=tuple(
            DossierQuote(
                article_id=a.id,
                quote=Quote(
                    kind="direct",
                    span=_span(a.text, SHARED),
                    content=_span(a.text, SHARED),
                    speaker=speaker,
                ),
            )
            for a in articles
        ),
    )


SMALL = 6  # a dev-sized story: nothing folds
LARGE = 30  # past both thresholds


def test_thresholds_keep_dev_sized_reports_whole() -> None:
    assert SMALL <= FOLD_AFTER < LARGE // 2
    assert SMALL <= MATRIX_COLUMNS < LARGE
    assert QUOTES_SHOWN <= LINKS_SHOWN <= FOLD_AFTER


@pytest.mark.parametrize("size", [0, 1, FOLD_AFTER])
def test_a_short_list_is_not_folded(size: int) -> None:
    items = list(range(size))
    assert fold(items) == (tuple(items), ())


def test_a_long_list_shows_its_first_items_and_folds_the_rest() -> None:
    items = list(range(FOLD_AFTER + 1))
    assert fold(items) == (tuple(items[:LINKS_SHOWN]), tuple(items[LINKS_SHOWN:]))
    assert fold(items, 2) == (tuple(items[:2]), tuple(items[2:]))


@pytest.mark.parametrize("size", [SMALL, MATRIX_COLUMNS])
def test_a_story_up_to_the_threshold_folds_nothing(size: int) -> None:
    """Not even a list longer than ``FOLD_AFTER``: the report of a story that is not
    large stays whole."""
    dossier = wide_dossier(size)
    view = build_view(dossier)
    assert not view.wide
    assert all(not sv.folded and sv.shown == sv.evidence for sv in view.divergences[0].sides)
    html = render_html(dossier)
    assert 'class="more"' not in html
    assert "content-visibility: auto" not in html
    # every sentence printed where it is cited: the two facts', then the divergence's
    assert html.count("<blockquote") == size + size // 2 + size
    # one matrix column per article, per-article evidence sections
    assert html.count('<th scope="col" class="src">') == size
    assert html.count('class="ev-doc"') == size
    markdown = render_markdown(dossier)
    assert "more:" not in markdown and "more article" not in markdown


def test_a_folded_side_prints_a_few_sentences_and_links_the_rest() -> None:
    view = build_view(wide_dossier(LARGE))
    side = view.divergences[0].sides[0]
    assert side.folded
    assert len(side.shown) == QUOTES_SHOWN
    folded = side.more
    assert len(folded) == LARGE // 2 - QUOTES_SHOWN
    # each folded article links to its own sentence on this side
    by_doc = {ev.doc: ev.anchor for ev in side.evidence}
    assert all(anchor == by_doc[doc] for doc, anchor in folded)
    assert not set(side.shown_docs) & {doc for doc, _ in folded}


def test_copies_of_one_sentence_are_shown_once() -> None:
    view = build_view(wide_dossier(LARGE))
    sentences = view.sentences
    # the shared sentence once with its LARGE spans, then each article's own
    assert len(sentences) == 1 + LARGE
    assert len(sentences[0].spans) == LARGE
    assert sum(len(s.spans) for s in sentences) == sum(len(evs) for _, evs in view.evidence)
    groups = view.quote_groups
    assert len(groups) == 1 and len(groups[0].also) == LARGE - 1


def test_a_large_story_folds_and_counts_what_it_folds_in_html() -> None:
    html = render_html(wide_dossier(LARGE))
    assert_self_contained(html)
    assert "content-visibility: auto" in html
    rest = LARGE // 2 - QUOTES_SHOWN
    assert html.count(f"and {rest} more articles: ") == 2  # one per side
    # past 8 of them, the others are counted: each span cites v1 in the Evidence section
    assert html.count(f"and {rest - LINKS_SHOWN} others, each citing v1") == 2
    assert 'class="grid matrix tally"' in html
    matrix = html.split('id="coverage-matrix"', 1)[1].split("</table>", 1)[0]
    assert f'<td class="num cell reported">{LARGE}</td>' in matrix
    # the shared fact's sentence, printed by every article, is printed once and the
    # other copies linked by number
    corroboration = html.split('id="corroboration"', 1)[1].split("</table>", 1)[0]
    assert corroboration.count("<blockquote") == 1 + QUOTES_SHOWN  # f1, then f2
    assert f"and {LARGE - 1} more: " in corroboration
    assert f">E3</a> ×{LARGE - 1}</p>" in corroboration  # the copies: one link, counted
    # the quotes: one row, 8 of the other articles linked, the others counted
    assert f"and {LARGE - 1} more articles: " in html
    assert f"and {LARGE - 1 - LINKS_SHOWN} others</span>" in html


def test_a_large_story_folds_and_counts_what_it_folds_in_markdown() -> None:
    markdown = render_markdown(wide_dossier(LARGE))
    rest = LARGE // 2 - QUOTES_SHOWN
    assert markdown.count(f"and {rest} more articles: ") == 2
    assert "| ✓ reports | ≠ differs |" in markdown
    assert f"and {LARGE - 1} more articles: " in markdown


@pytest.mark.parametrize("size", [SMALL, FOLD_AFTER + 1, MATRIX_COLUMNS, LARGE])
def test_every_cited_span_keeps_its_anchor(size: int) -> None:
    dossier = wide_dossier(size)
    spans = sum(len(evs) for _, evs in build_view(dossier).evidence)
    wanted = {f"ev-{number}" for number in range(1, spans + 1)}
    assert wanted <= set(html_ids(Page(render_html(dossier))))
    assert wanted <= set(md_ids(render_markdown(dossier)))


@pytest.mark.parametrize("size", [SMALL, FOLD_AFTER + 1, MATRIX_COLUMNS + 1, LARGE])
def test_anchors_are_unique_and_every_link_resolves(size: int) -> None:
    dossier = wide_dossier(size)
    page = Page(render_html(dossier))
    ids = html_ids(page)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert set(html_links(page)) <= set(ids), sorted(set(html_links(page)) - set(ids))
    markdown = render_markdown(dossier)
    ids = md_ids(markdown)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert set(md_links(markdown)) <= set(ids), sorted(set(md_links(markdown)) - set(ids))


def test_the_matrix_gives_each_article_a_column_up_to_the_threshold() -> None:
    narrow = render_html(wide_dossier(MATRIX_COLUMNS))
    wide = render_html(wide_dossier(MATRIX_COLUMNS + 1))
    column = re.compile(r'<th scope="col" class="src">')
    assert len(column.findall(narrow.split('id="coverage-matrix"', 1)[1])) >= MATRIX_COLUMNS
    assert not column.findall(wide)
    assert 'class="grid matrix tally"' in wide and "tally" not in narrow


def test_markdown_tables_of_a_large_story_hold_together() -> None:
    for line in render_markdown(wide_dossier(LARGE)).splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            assert line.rstrip().endswith("|"), line


def _two_stories() -> Dossier:
    wide, small = wide_dossier(LARGE), make_dossier()
    return unite(
        [
            Part(story=story_of(wide, "s1a2b3c4d5e6f", "Budget"), dossier=wide),
            Part(story=story_of(small, "s0b05d3e8a4c2", "Grève"), dossier=small),
        ],
        dossier_id="two",
    )


def test_a_large_story_among_several_folds_and_its_links_resolve() -> None:
    html = render_html(_two_stories())
    assert "content-visibility: auto" in html
    page = Page(html)
    ids = html_ids(page)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert set(html_links(page)) <= set(ids)
    markdown = render_markdown(_two_stories())
    ids = md_ids(markdown)
    assert not [i for i, n in Counter(ids).items() if n > 1]
    assert set(md_links(markdown)) <= set(ids)


def test_chromium_opens_a_large_story_at_a_folded_link(tmp_path: Path) -> None:
    chromium = _chromium()
    path = tmp_path / "wide.html"
    path.write_text(render_html(wide_dossier(LARGE)), encoding="utf-8")
    dom = _run_chromium(chromium, tmp_path, "--dump-dom", path.as_uri() + f"#ev-{LARGE}").stdout
    page = Page(dom)
    assert {"coverage-matrix", "divergences", "div-v1", "fact-f1", f"ev-{LARGE}"} <= set(
        html_ids(page)
    )
