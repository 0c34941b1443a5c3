"""The web view over a PostgreSQL store: the same pages and API as over SQLite."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from serve_helpers import served

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pg_client(postgres_example_url: str):
    with served(postgres_example_url) as made:
        yield made


def test_pages_and_api_answer_over_postgresql(pg_client, client) -> None:
    listed = pg_client.get("/api/v1/stories", params={"sort": "largest"}).json()
    assert (
        listed["items"] == client.get("/api/v1/stories", params={"sort": "largest"}).json()["items"]
    )
    big = listed["items"][0]
    story = quote(big["id"], safe="")
    for path in (
        "/",
        "/?q=port&sort=largest",
        f"/stories/{story}",
        "/outlets",
        f"/outlets/{quote(big['outlets'][0], safe='')}",
        "/entities",
        "/glossary",
        f"/api/v1/stories/{story}",
        f"/api/v1/stories/{story}/export/facts.csv",
        "/api/v1/stories.csv",
        "/api/v1/articles",
        "/api/v1/entities",
    ):
        assert pg_client.get(path).status_code == 200, path
    # the text search runs in SQL on either backend and finds the same stories
    for words in ("port", "PORT", "éboulement"):
        on_pg = pg_client.get("/api/v1/stories", params={"q": words}).json()["items"]
        on_sqlite = client.get("/api/v1/stories", params={"q": words}).json()["items"]
        assert [s["id"] for s in on_pg] == [s["id"] for s in on_sqlite], words
    article = pg_client.get("/api/v1/articles").json()["items"][0]
    assert pg_client.get(f"/articles/{quote(article['id'], safe='')}").status_code == 200
