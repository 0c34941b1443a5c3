"""The web view in a real browser: Debian's Chromium driven by Playwright for Python.

Nothing downloads a browser: Playwright is pointed at ``/usr/bin/chromium`` (``.ci/run``
installs it); without it these tests are skipped. The server runs in a thread on
loopback. Screenshots at 1400 and 390 px go to ``out/screens/`` (not committed).
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

CHROMIUM = Path("/usr/bin/chromium")
SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"

if not CHROMIUM.exists() and shutil.which("chromium") is None:
    pytest.skip("no Chromium at /usr/bin/chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    """The app served by uvicorn in a thread, on a free loopback port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = _free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off", ws="none"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _serve(url: str):
    from recoupe.serve import create_app
    from recoupe.store import open_store

    store = open_store(url, create=False)
    return store, Running(create_app(store))


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base(example_db: str):
    store, running = _serve(example_db)
    with running as url:
        yield url
    store.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
    assert errors == []  # no script error, no refused resource, no 404 for an asset


def _shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def _rows(page) -> list[str]:
    return page.locator("tr[data-story]").evaluate_all("rows => rows.map(r => r.dataset.story)")


def test_the_list_filters_and_sorts(page, base, ids) -> None:
    page.goto(base + "/")
    assert len(_rows(page)) == 2
    _shot(page, "stories-1400")
    page.select_option("#outlet", ids["name"])
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"outlet="))
    assert _rows(page) == [ids["story_id"]]
    page.click("text=Reset")
    page.select_option("#sort", "largest")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"sort=largest"))
    assert _rows(page)[0] == ids["story_id"]
    page.fill("#min_size", "4")
    page.press("#min_size", "Enter")  # the keyboard submits the form too
    page.wait_for_url(re.compile(r"min_size=4"))
    assert _rows(page) == [ids["story_id"]]


def test_the_story_page_shows_glance_grid_and_divergences(page, base, ids) -> None:
    page.goto(f"{base}/stories/{ids['story_id']}")
    for part in ("#glance", "#coverage", "#divergences .divergence"):
        assert page.locator(part).first.is_visible(), part
    assert page.locator("#glance .part").count() == 3
    assert page.locator("#coverage thead th.src").count() >= 2
    assert page.locator(".divergence .sides .side").count() >= 2
    _shot(page, "story-1400")


def test_an_evidence_link_opens_its_sentence_highlighted(page, base, ids) -> None:
    page.goto(f"{base}/stories/{ids['story_id']}")
    link = page.locator("#glance a.ev").first
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(re.compile(r"/articles/.+hl="))
    mark = page.locator("mark#hl")
    assert mark.is_visible() and mark.inner_text().strip()
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled to it
    start, end = (int(n) for n in re.search(r"hl=(\d+)-(\d+)", href).groups())
    assert len(mark.inner_text()) == end - start or mark.inner_text().strip()
    _shot(page, "article-1400")


def test_the_glossary_opens_from_the_menu_and_from_a_label(page, base, ids) -> None:
    page.goto(f"{base}/stories/{ids['story_id']}")
    badge = page.locator("#divergences a.badge").first
    target = (badge.get_attribute("href") or "").split("#")[1]
    badge.click()
    page.wait_for_url(re.compile(r"/glossary#"))
    assert page.locator(f"#{target}").is_visible()
    page.goto(base + "/")
    page.click("#glossary-link")
    page.wait_for_url(re.compile(r"/glossary$"))
    assert page.locator("h1#glossary").inner_text() == "Glossary"


def test_the_switch_speaks_french(page, base) -> None:
    page.goto(base + "/")
    page.click("a[hreflang=fr]")
    page.wait_for_url(re.compile(r"lang=fr"))
    assert page.locator("h1").inner_text() == "Sujets"
    page.goto(base + "/glossary")  # remembered without the parameter
    assert page.locator("h1#glossary").inner_text() == "Glossaire"


def test_keyboard_reaches_the_content_first(page, base) -> None:
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"


def test_on_a_phone_the_grid_scrolls_in_its_frame_with_the_facts_pinned(browser, base, ids):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/stories/{ids['story_id']}")
    _shot(page, "story-390")
    frame = page.locator("#grid .frame")
    widths = frame.evaluate("f => [f.scrollWidth, f.clientWidth]")
    assert widths[0] > widths[1]  # the grid is wider than its frame
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # not the page
    fact = page.locator("#coverage tbody th.fact").first
    before = fact.bounding_box()
    frame.evaluate("f => { f.scrollLeft = 400; }")
    after = fact.bounding_box()
    cell = page.locator("#coverage tbody td.cell").first.bounding_box()
    assert before and after and cell and abs(before["x"] - after["x"]) < 1
    assert cell["x"] < before["x"]  # the cells went under the pinned column
    page.locator("#grid").screenshot(path=str(SCREENS / "grid-390.png"))
    page.goto(base + "/")
    _shot(page, "stories-390")
    context.close()


def test_no_payload_runs_in_the_browser(browser, xss_db) -> None:
    store, running = _serve(xss_db)
    with running as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "/")
        links = page.locator("a[href^='/']").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        )
        visited = set()
        for href in sorted(set(links)):
            if href.startswith("/api/") or href in visited:
                continue
            visited.add(href)
            page.goto(url + href)
            for extra in page.locator("a[href^='/articles/']").evaluate_all(
                "as => as.map(a => a.getAttribute('href'))"
            )[:3]:
                page.goto(url + extra)
        context.close()
    store.close()
    assert len(visited) > 5
    assert dialogs == []
