"""Hostile records (payloads in title, outlet, URL, text and quotes, read from a JSON Lines
file into a store) rendered through every page and API route: nothing comes out live."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from serve_helpers import XSS

from recoupe.report.view import safe_link

pytestmark = pytest.mark.model

RAW = (
    "<script",
    "<img src=x onerror",
    "<svg onload",
    "<b onclick",
    "</textarea>",
    "<i>direct</i>",
    '" onmouseover="',
)


class Audit(HTMLParser):
    """Tags, event-handler attributes and link targets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction", "srcset", "data"):
                self.targets.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def routes(xss_client) -> list[str]:
    """Every page and API route, over every story, article, outlet and entity stored."""
    api = xss_client.get
    stories = [s["id"] for s in api("/api/v1/stories").json()["items"]]
    articles = [a["id"] for a in api("/api/v1/articles").json()["items"]]
    outlets = [o["name"] for o in api("/api/v1/outlets").json()["items"]]
    entities = [e["key"] for e in api("/api/v1/entities").json()["items"]]
    assert stories and len(articles) == 3 and XSS["outlet"] in outlets and entities
    found = ["/", "/?q=" + quote(XSS["quote"]), "/outlets", "/entities", "/glossary"]
    found += ["/api/v1/stories", "/api/v1/articles", "/api/v1/outlets", "/api/v1/entities"]
    found += [f"{prefix}/stories/{s}" for s in stories for prefix in ("", "/api/v1")]
    for a in articles:
        found += [f"/articles/{a}", f"/articles/{a}?hl=0-40", f"/api/v1/articles/{a}"]
    for name in outlets:
        found += [f"/outlets/{quote(name, safe='')}", f"/api/v1/outlets/{quote(name, safe='')}"]
    for key in entities:
        found += [f"/entities/{quote(key, safe='')}", f"/api/v1/entities/{quote(key, safe='')}"]
    return found


def test_the_payloads_reach_the_store(xss_client) -> None:
    article = xss_client.get("/api/v1/articles/" + _first_article(xss_client)).json()
    assert XSS["text"] in article["text"] and XSS["quote"] in article["text"]


def _first_article(client) -> str:
    return client.get("/api/v1/articles").json()["items"][0]["id"]


def test_no_page_carries_a_live_payload(xss_client, routes) -> None:
    shown = ""
    for route in routes:
        if route.startswith("/api/"):
            continue
        response = xss_client.get(route)
        assert response.status_code == 200, route
        html = response.text
        for raw in RAW:
            assert raw not in html, (route, raw)
        audit = Audit()
        audit.feed(html)
        assert "script" not in audit.tags and not {"img", "svg", "iframe", "b"} & audit.tags
        assert audit.handlers == [], route
        for target in audit.targets:
            assert target.startswith(("/", "#")) or safe_link(target) == target, (route, target)
            assert not target.lower().lstrip().startswith(("javascript:", "data:")), route
        shown += "".join(audit.text)
    # the payloads were there to be escaped: shown as text, not dropped
    for payload in (XSS["outlet"], XSS["text"], XSS["quote"], XSS["js_url"], XSS["data_url"]):
        assert payload in shown, payload


def test_the_api_answers_json_only(xss_client, routes) -> None:
    for route in routes:
        if not route.startswith("/api/"):
            continue
        response = xss_client.get(route)
        assert response.status_code == 200, route
        assert response.headers["content-type"] == "application/json", route
        assert response.headers["x-content-type-options"] == "nosniff"
        response.json()
