"""Web view fixtures: stores built once per session, an in-process client per module.

Analysing needs the French model (the session's ``nlp``, loaded once for the whole
suite); the stores are built from the project's examples and from hand-written hostile
records, once per session, then opened read-only by each module's app.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from serve_helpers import served, xss_records

from recoupe.model import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


class SharedRunner:
    """The ingest's map step on the session's already loaded pipeline (no second model)."""

    def __init__(self, nlp) -> None:
        from recoupe import analyze

        self._nlp = nlp
        self.pipeline = analyze.pipeline_version(nlp)
        self.embeds = False

    def __call__(self, batches: Sequence[Sequence[Article]]) -> Iterator[list]:
        from recoupe import analyze
        from recoupe.stories import extract_features

        for batch in batches:
            yield [
                (item.analysis, extract_features(item.article, item.analysis, encoder=None))
                for item in analyze.analyze(list(batch), nlp=self._nlp)
            ]


def build_store(paths: Sequence[Path], db: Path | str, nlp) -> str:
    """A store with ``paths`` ingested, its URL: an SQLite file at ``db``, or ``db``
    itself when it is a URL (a PostgreSQL schema)."""
    from recoupe.scale import ingest_into_store
    from recoupe.store import open_store

    url = db if isinstance(db, str) else f"sqlite:///{db}"
    store = open_store(url)
    try:
        ingest_into_store([str(p) for p in paths], store=store, runner=SharedRunner(nlp))
    finally:
        store.close()
    return url


@pytest.fixture(scope="session")
def postgres_example_url(nlp) -> Iterator[str]:
    """The example stories ingested into a throwaway PostgreSQL server's schema.

    Skipped without the server's binaries, except under CI (``CI=true``), where the
    PostgreSQL rows must run, as in the store's tests."""
    import os
    import sys
    import uuid

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
    import psycopg
    from pgserver import ServerUnavailable, throwaway_server

    try:
        with throwaway_server() as server:
            schema = "serve_" + uuid.uuid4().hex[:12]
            dsn = server.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {schema}")
            url = f"{server}?options=-csearch_path%3D{schema}"
            yield build_store([EXAMPLES / "greve-port", EXAMPLES / "eboulement-col"], url, nlp)
    except ServerUnavailable as e:  # raised before the server starts, never after yield
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{e}; CI must run the PostgreSQL rows")
        pytest.skip(str(e))


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> str:
    """A store of the two example stories."""
    folder = tmp_path_factory.mktemp("serve-examples")
    return build_store(
        [EXAMPLES / "greve-port", EXAMPLES / "eboulement-col"], folder / "examples.db", nlp
    )


@pytest.fixture(scope="session")
def xss_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> str:
    """A store of hostile records read from a JSON Lines file."""
    folder = tmp_path_factory.mktemp("serve-xss")
    feed = folder / "hostile.jsonl"
    feed.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in xss_records()) + "\n",
        encoding="utf-8",
    )
    return build_store([feed], folder / "xss.db", nlp)


@pytest.fixture(scope="module")
def client(example_db: str):
    """An in-process client of the web view over the example store."""
    with served(example_db) as made:
        yield made


@pytest.fixture(scope="module")
def xss_client(xss_db: str):
    with served(xss_db) as made:
        yield made


@pytest.fixture(scope="module")
def ids(client) -> dict[str, str]:
    """Ids of things in the example store: the larger story, an article, an outlet, an entity."""
    stories = client.get("/api/v1/stories?sort=largest").json()["items"]
    big = stories[0]
    article = client.get(f"/api/v1/articles?story={big['id']}").json()["items"][0]
    entity = client.get("/api/v1/entities").json()["items"][0]
    return {
        "story_id": big["id"],
        "small_story": stories[-1]["id"],
        "article_id": article["id"],
        "name": big["outlets"][0],
        "key": entity["key"],
    }
