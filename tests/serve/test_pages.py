"""The web view's pages over the example store, through an in-process client."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from serve_helpers import make_client

from recoupe.report.view import KIND_GLOSS
from recoupe.serve.app import CSP

pytestmark = pytest.mark.model


class Links(HTMLParser):
    """Every link of a page (href) and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.rows: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("href"):
            self.hrefs.append(found["href"] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "tr" and "data-story" in found:
            self.rows.append(found)


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def story_rows(client, query: str = "") -> list[str]:
    response = client.get("/" + query)
    assert response.status_code == 200
    return [row["data-story"] for row in parse(response.text).rows]


PAGE_ROUTES = (
    "/",
    "/stories/{story_id}",
    "/articles/{article_id}",
    "/outlets",
    "/outlets/{name}",
    "/entities",
    "/entities/{key}",
    "/glossary",
)


def page_routes(ids: dict[str, str]) -> list[str]:
    quoted = {k: quote(v, safe="") for k, v in ids.items()}
    return [route.format(**quoted) for route in PAGE_ROUTES]


def test_every_page_answers_with_html_under_the_policy(client, ids) -> None:
    for route in page_routes(ids):
        response = client.get(route)
        assert response.status_code == 200, route
        assert response.headers["content-type"].startswith("text/html"), route
        assert response.headers["content-security-policy"] == CSP
        assert "<script" not in response.text, route
        assert 'style="' not in response.text, route  # no inline style either


def test_every_page_route_is_tested() -> None:
    from recoupe.serve import pages

    def shape(path: str) -> str:
        return re.sub(r"\{[^}]+\}", "{}", path)

    served = {shape(route.path) for route in pages.router.routes}  # type: ignore[attr-defined]
    assert served == {shape(route) for route in PAGE_ROUTES}


def test_the_policy_forbids_inline_script_and_other_hosts() -> None:
    rules = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == "'self'"
    assert "unsafe-inline" not in CSP and "http" not in CSP


def test_unknown_things_are_404_pages(client) -> None:
    for route in ("/stories/nope", "/articles/nope", "/outlets/nope", "/entities/nope", "/x"):
        response = client.get(route)
        assert response.status_code == 404, route
        assert response.headers["content-type"].startswith("text/html")


def test_the_list_shows_each_story_with_its_figures(client, ids) -> None:
    html = client.get("/").text
    assert len(parse(html).rows) == 2
    assert f"/stories/{ids['story_id']}" in html
    assert f"/outlets/{quote(ids['name'], safe='')}" in html


def test_sorts(client, ids) -> None:
    assert story_rows(client, "?sort=largest")[0] == ids["story_id"]
    assert story_rows(client, "?sort=largest")[-1] == ids["small_story"]
    # once both are cross-checked, the one with more divergences leads
    for story in (ids["story_id"], ids["small_story"]):
        client.get(f"/stories/{story}")
    figures = {s["id"]: s["divergences"] for s in client.get("/api/v1/stories").json()["items"]}
    disputed = story_rows(client, "?sort=disputed")
    assert [figures[s] for s in disputed] == sorted(figures.values(), reverse=True)


def test_filters(client, ids) -> None:
    outlet = quote(ids["name"], safe="")
    assert story_rows(client, f"?outlet={outlet}") == [ids["story_id"]]
    assert story_rows(client, "?min_size=4") == [ids["story_id"]]
    assert story_rows(client, "?max_size=4") == [ids["small_story"]]
    assert story_rows(client, "?language=fr") != []
    assert story_rows(client, "?language=xx") == []
    assert story_rows(client, "?from=2099-01-01") == []
    assert len(story_rows(client, "?from=2000-01-01&to=2099-01-01")) == 2


def test_search_reads_titles_and_texts(client, ids) -> None:
    stories = client.get("/api/v1/stories").json()["items"]
    titles = " ".join(s["title"] or "" for s in stories).casefold()
    big = next(s for s in stories if s["id"] == ids["story_id"])
    title_word = max(big["title"].split(), key=len)
    assert ids["story_id"] in story_rows(client, f"?q={quote(title_word)}")
    text = client.get(f"/api/v1/articles/{ids['article_id']}").json()["text"]
    words = [w.strip(".,;:«»()") for w in text.split()]
    word = max((w for w in words if w.casefold() not in titles), key=len)
    assert story_rows(client, f"?q={quote(word)}") == [ids["story_id"]]
    assert story_rows(client, "?q=zzzqqqxxx") == []
    assert story_rows(client, "?q=z%25_z") == []  # LIKE wildcards are searched as themselves


def test_bad_filters_are_ignored_not_errors(client) -> None:
    assert len(story_rows(client, "?from=yesterday&min_size=-3&sort=nonsense&page=x")) == 2


def test_pages_of_the_list(client) -> None:
    first = client.get("/?per_page=1").text
    assert len(parse(first).rows) == 1
    assert any("page=2" in href for href in parse(first).hrefs)
    second = story_rows(client, "?per_page=1&page=2")
    assert len(second) == 1 and second != [row["data-story"] for row in parse(first).rows]
    assert story_rows(client, "?per_page=1&page=3") == []


def test_a_story_page_has_its_parts_in_order(client, ids) -> None:
    html = client.get(f"/stories/{ids['story_id']}").text
    order = [html.index(f'id="{part}"') for part in (
        "glance", "grid", "divergences", "evolutions", "timeline", "commitments", "quotes",
        "sources")]  # fmt: skip
    assert order == sorted(order)
    assert 'id="coverage"' in html
    # the grid's columns are named by outlet
    head = html[html.index('id="coverage"') :].split("</thead>")[0]
    assert ids["name"] in head


def test_every_evidence_link_opens_its_words_highlighted(client, ids) -> None:
    html = client.get(f"/stories/{ids['story_id']}").text
    evidence = [h for h in parse(html).hrefs if h.startswith("/articles/") and "hl=" in h]
    assert len(evidence) > 10
    for href in sorted(set(evidence))[:15]:
        page = client.get(href.replace("&amp;", "&"))
        assert page.status_code == 200
        mark = re.search(r'<mark id="hl"[^>]*>(.*?)</mark>', page.text, re.S)
        assert mark is not None and mark.group(1).strip(), href


def test_an_article_link_outside_its_text_highlights_nothing(client, ids) -> None:
    for hl in ("5-2", "0-999999", "a-b", "-1-3"):
        page = client.get(f"/articles/{ids['article_id']}?hl={hl}")
        assert page.status_code == 200 and "<mark" not in page.text


def test_original_addresses_are_offered_as_links(client, ids) -> None:
    html = client.get(f"/stories/{ids['story_id']}").text
    external = [h for h in parse(html).hrefs if not h.startswith(("/", "#"))]
    assert external and all(h.startswith(("http://", "https://")) for h in external)


def test_the_glossary_explains_every_kind_and_mark(client) -> None:
    found = parse(client.get("/glossary").text).ids
    assert {f"kind-{k.replace('_', '-')}" for k in KIND_GLOSS} <= found
    assert {"state-reported", "state-omitted", "marks"} <= found


def test_kind_badges_link_to_the_glossary(client, ids) -> None:
    html = client.get(f"/stories/{ids['story_id']}").text
    glossary = parse(client.get("/glossary").text).ids
    links = [h for h in parse(html).hrefs if h.startswith("/glossary#")]
    assert links and all(h.split("#")[1] in glossary for h in links)


@pytest.mark.parametrize(
    ("headers", "query", "word"),
    [
        ({"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"}, "", "Sujets"),
        ({"accept-language": "en-GB,en;q=0.9"}, "", "Stories"),
        ({"accept-language": "de-DE, fr;q=0.3"}, "", "Sujets"),
        ({"accept-language": "fr"}, "?lang=en", "Stories"),
    ],
)
def test_the_interface_speaks_the_readers_language(client, headers, query, word) -> None:
    client.cookies.clear()
    html = client.get("/glossary" + query, headers=headers).text
    assert f'<h1 id="glossary">{"Glossaire" if word == "Sujets" else "Glossary"}</h1>' in html
    assert f">{word}</a>" in html


def test_the_language_switch_is_remembered(client) -> None:
    client.cookies.clear()
    client.get("/glossary?lang=fr")
    assert "Glossaire" in client.get("/glossary", headers={"accept-language": "en"}).text
    client.cookies.clear()


def test_both_languages_have_the_same_words() -> None:
    from recoupe.serve.i18n import messages

    en, fr = messages("en"), messages("fr")
    assert set(en) == set(fr)
    for section in en:
        assert set(en[section]) == set(fr[section]), section


def test_serving_loads_no_language_model(example_db, ids) -> None:
    script = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from recoupe.serve import create_app\n"
        "from recoupe.store import open_store\n"
        f"c = TestClient(create_app(open_store({example_db!r}, create=False)))\n"
        f"assert c.get('/stories/{ids['story_id']}').status_code == 200\n"
        "assert c.get('/entities').status_code == 200\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"


def test_warming_up_gives_every_story_its_figures(example_db) -> None:
    import threading

    from recoupe.serve.app import warm_up
    from recoupe.serve.catalogue import Catalogue, StoryQuery
    from recoupe.serve.dossiers import Dossiers
    from recoupe.store import open_store

    store = open_store(example_db, create=False)
    try:
        catalogue = Catalogue(store, Dossiers(store))
        assert all(r.figures is None for r in catalogue.stories(StoryQuery()).items)
        warm_up(catalogue, threading.Event(), delay=0)
        rows = catalogue.stories(StoryQuery(sort="disputed")).items
        assert all(r.figures is not None for r in rows)
        stopped = Catalogue(store, Dossiers(store))
        halt = threading.Event()
        halt.set()
        warm_up(stopped, halt, delay=0)
        assert all(r.figures is None for r in stopped.stories(StoryQuery()).items)
    finally:
        store.close()


def test_serve_refuses_a_store_that_is_not_there(tmp_path, capsys) -> None:
    from recoupe.cli import main

    missing = tmp_path / "none.db"
    assert main(["serve", "--db", str(missing), "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert "serving" not in err
    assert err.splitlines()[-1] == (
        f"recoupe: E500: no store at {missing}: `recoupe ingest PATH... --db {missing}` creates one"
    )
    assert not missing.exists()


def test_every_inner_link_of_a_story_page_answers(client, ids) -> None:
    html = client.get(f"/stories/{ids['story_id']}").text
    inner = {h.split("#")[0] for h in parse(html).hrefs if h.startswith("/") and "hl=" not in h}
    assert any(h.startswith("/entities/") for h in inner)  # speakers link to their pages
    for href in sorted(inner):
        assert client.get(href).status_code == 200, href


def test_a_story_reads_the_main_pipelines_analyses_and_shows_an_article_without_one(
    example_db, ids, tmp_path
) -> None:
    import shutil
    import sqlite3

    from recoupe import codec
    from recoupe.model import Analysis

    db = tmp_path / "copy.db"
    shutil.copy(example_db.removeprefix("sqlite:///"), db)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT article_id, pipeline FROM analyses").fetchall()
        kept, dropped = rows[0][0], rows[1][0]
        # an older pipeline's (empty) analysis beside the real one, and one article without any
        old = codec.dumps(Analysis(article_id=kept, pipeline="old"))
        conn.execute(
            "INSERT INTO analyses (article_id, pipeline, payload) VALUES (?, 'old', ?)", (kept, old)
        )
        conn.execute("DELETE FROM analyses WHERE article_id = ?", (dropped,))
    made, store = make_client(f"sqlite:///{db}")
    try:
        chosen = made.app.state.catalogue.dossiers.analyses([kept, dropped])
        assert list(chosen) == [kept] and chosen[kept].pipeline == rows[0][1]
        story = store.story_of([dropped])[dropped]
        html = made.get(f"/stories/{story}").text
        assert "not analysed: no stored analysis" in html
    finally:
        store.close()


def test_head_is_answered_like_get_without_a_body(client) -> None:
    response = client.head("/glossary")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-security-policy"] == CSP
    assert "Accept-Language" in response.headers["vary"]


def test_the_pages_link_their_downloads(client, ids) -> None:
    story = client.get(f"/stories/{quote(ids['story_id'], safe='')}").text
    links = re.findall(r'href="(/api/v1/stories/[^"]+/export/[^"]+)" download', story)
    assert len(links) == 5
    for link in links:
        assert client.get(html.unescape(link)).status_code == 200, link
    listed = client.get("/", params={"max_size": "4", "page": "1", "from": "not a day"}).text
    (csv_link,) = re.findall(r'href="(/api/v1/stories\.csv[^"]*)" download', listed)
    assert html.unescape(csv_link) == "/api/v1/stories.csv?max_size=4"
    assert client.get(html.unescape(csv_link)).status_code == 200
