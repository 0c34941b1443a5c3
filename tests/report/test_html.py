"""The HTML report: golden page, escaping of hostile text, no external request, Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from dossier_factory import HOSTILE, make_dossier, make_hostile_dossier

from recoupe import report
from recoupe.model import Article, Dossier, Evidence, Fact, Origin, TextSpan
from recoupe.report.html import render_html
from recoupe.report.view import safe_link

GOLDEN = Path(__file__).parent / "golden"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Page(HTMLParser):
    """Every start tag with its attributes, the ids, and the text of <style>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}

    def with_class(self, cls: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RECOUPE_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{name} differs from the golden file: review, then rerun with RECOUPE_UPDATE_GOLDEN=1"
    )


def assert_self_contained(html: str) -> None:
    """No attribute, tag or style rule can make the browser fetch anything."""
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in {"script", "iframe", "object", "embed", "img", "base", "form"}, tag
        assert not (tag == "link" and "stylesheet" in (attrs.get("rel") or "")), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs or "url(" not in (attrs["style"] or ""), attrs
        for name in ("src", "srcset", "data", "action", "poster", "background"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
        href = attrs.get("href")
        if href is not None and not href.startswith("#"):
            assert tag == "a", (tag, href)
            assert href.startswith(("http://", "https://")), href
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            pytest.fail("meta refresh")
    css = "".join(page.styles).lower()
    assert "@import" not in css
    assert "url(" not in css


def test_golden_page() -> None:
    assert_golden("dossier.html", render_html(make_dossier()))


def test_registry_renders_html() -> None:
    dossier = make_dossier()
    assert report.render(dossier, "html") == render_html(dossier)


def test_output_is_deterministic() -> None:
    assert render_html(make_dossier()) == render_html(make_dossier())


@pytest.mark.parametrize("make", [make_dossier, make_hostile_dossier], ids=["plain", "hostile"])
def test_page_requests_nothing(make) -> None:
    html = render_html(make())
    assert_self_contained(html)
    page = Page(html)
    metas = [
        a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert [m["content"] for m in metas] == [CSP]
    assert html.index("Content-Security-Policy") < html.index("<style>")


@pytest.mark.parametrize("make", [make_dossier, make_hostile_dossier], ids=["plain", "hostile"])
def test_every_internal_link_has_its_target(make) -> None:
    page = Page(render_html(make()))
    targets = {
        a["href"][1:] for t, a in page.tags if t == "a" and (a.get("href") or "").startswith("#")
    }
    assert targets <= page.ids, sorted(targets - page.ids)


def test_hostile_text_is_escaped() -> None:
    html = render_html(make_hostile_dossier())
    body = html[html.index("<body>") :]
    assert "<script" not in html and "<img" not in html and "<b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html and "49" not in html
    assert 'href="javascript:' not in html and "javascript:alert(4)" in html
    page = Page(html)
    links = [a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("#")]
    assert links == ['https://example.org/a"onmouseover="alert(5)\'<b>|)[x]']
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "main", "footer", "nav"}
    allowed |= {"section", "article", "h1", "h2", "h3", "h4", "p", "a", "span", "div", "dl", "dt"}
    allowed |= {"dd", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote"}
    allowed |= {"q", "mark", "code", "time", "strong", "details", "summary"}
    assert {t for t, _ in page.tags} <= allowed


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://journal.example/article?id=3&p=2", True),
        ("http://radio.example/info", True),
        ("HTTPS://JOURNAL.EXAMPLE/A", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
        ("//journal.example/sans-schema", False),
        ("https://journal.example/a b", False),
        ("https:///sans-hote", False),
        ("java\tscript:alert(1)", False),
        ("", False),
        (None, False),
    ],
)
def test_only_web_addresses_are_linked(url: str | None, linked: bool) -> None:
    assert (safe_link(url) is not None) is linked


def _article(text: str) -> Article:
    return Article(
        id="x1",
        source="x1.txt",
        origin="x1.txt",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
    )


def test_dossier_without_facts_still_renders() -> None:
    """What align gives before facts exist: articles only, every section says it is empty."""
    article = _article("Le conseil municipal a voté le budget.")
    html = render_html(Dossier(id="d-empty", articles=(article,), analyses=()))
    assert "No facts in this dossier." in html
    assert "No divergences in this dossier." in html
    assert "not grouped" in html
    assert_self_contained(html)


def test_span_that_does_not_match_the_article_is_flagged() -> None:
    article = _article("Le conseil municipal a voté le budget.")
    forged = Evidence(article_id="x1", span=TextSpan(start=3, end=10, text="préfet"))
    fact = Fact(id="f1", statement="préfet", evidence=(forged,), sources=("x1",))
    html = render_html(Dossier(id="d", articles=(article,), analyses=(), facts=(fact,)))
    assert "this text is not the article's text at these offsets" in html


def test_matrix_marks_each_source() -> None:
    page = Page(render_html(make_dossier()))
    cells = [
        a["class"].split()[1] for t, a in page.tags if t == "td" and "cell" in a.get("class", "")
    ]
    rows = [a["id"] for t, a in page.tags if t == "tr" and a.get("id", "").startswith("fact-")]
    # The facts two or more sources speak to, the most first (f1: four, f5: three, then f2
    # and f4: two each, in the dossier's order); then those one source alone reports.
    assert rows == ["fact-f1", "fact-f5", "fact-f2", "fact-f4", "fact-f3", "fact-f6"]
    assert cells == [
        *["differs"] * 4,
        "contradicted", "omitted", "differs", "contradicted",
        "reported", "reported", "omitted", "omitted",
        "omitted", "differs", "omitted", "contradicted",
        "reported", "omitted", "omitted", "omitted",
        "reported", "omitted", "omitted", "omitted",
    ]  # fmt: skip
    assert "coverage-singles" in page.ids
    assert "2 facts only one source speaks to" in render_html(make_dossier())


# ---------------------------------------------------------------- headless Chromium


def _chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; CI installs it in .ci/run")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return found


def _run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run(
        [chromium, *flags, *args], capture_output=True, text=True, timeout=120, check=True
    )


def test_chromium_draws_the_matrix_and_the_divergences(tmp_path: Path) -> None:
    chromium = _chromium()
    page_path = tmp_path / "dossier.html"
    page_path.write_text(render_html(make_dossier()), encoding="utf-8")
    url = page_path.as_uri()

    dom = _run_chromium(chromium, tmp_path, "--dump-dom", url).stdout
    page = Page(dom)
    assert {"coverage-matrix", "divergences", "div-v1", "div-v3", "fact-f1", "ev-1"} <= page.ids
    assert {"wording", "div-w1", "less-certain"} <= page.ids
    assert len(page.with_class("side")) == 10  # four divergences and one wording record
    assert len(page.with_class("divergence")) == 5
    assert "Radio Val-d'Orne" in dom

    shot = tmp_path / "shot.png"
    _run_chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", url)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a drawn page, not a blank one


def test_chromium_runs_no_hostile_script(tmp_path: Path) -> None:
    chromium = _chromium()
    page_path = tmp_path / "hostile.html"
    page_path.write_text(render_html(make_hostile_dossier()), encoding="utf-8")
    dom = _run_chromium(chromium, tmp_path, "--dump-dom", page_path.as_uri()).stdout
    page = Page(dom)
    assert not [t for t, _ in page.tags if t in {"script", "img"}]
    assert HOSTILE.split(" ")[0] not in dom  # "<script>alert(1)</script>" stays text


def test_evidence_from_an_unlisted_article_still_links() -> None:
    article = _article("Le conseil municipal a voté le budget.")
    stray = Evidence(article_id="absent", span=TextSpan(start=0, end=2, text="Le"))
    fact = Fact(id="f1", statement="Le budget", evidence=(stray,), sources=("x1", "absent"))
    page = Page(render_html(Dossier(id="d", articles=(article,), analyses=(), facts=(fact,))))
    hrefs = {a["href"][1:] for t, a in page.tags if t == "a" and (a.get("href") or "")[:1] == "#"}
    assert hrefs <= page.ids


def test_header_counts_the_origins_articles_belong_to() -> None:
    """Statement-level relays (primary_source) overlap the article-level origins."""
    dossier = make_dossier()
    pair = (dossier.articles[0].id, dossier.articles[1].id)
    relay = Origin(id="o4", articles=pair, kind="primary_source")
    html = render_html(replace(dossier, origins=(*dossier.origins, relay)))
    assert "<dt>Independent origins</dt><dd>3</dd>" in html
