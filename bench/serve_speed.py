"""How fast the web view answers: a 50-article story page and the stories list of a
10,000-article store, rendered through the in-process client; and the server's start.

    .venv/bin/python bench/serve_speed.py [--articles 10000] [--story 50] [--runs 15]
                                          [--keep DIR]

The example stories are analysed once (the French model loads: ~15 s); the large store
is then synthesised from them: every stored article is a copy of an example article
under a new id, outlet and date, with its analysis, placed in stories of five articles
(one story of ``--story`` articles), rows written straight into the store's tables. No
10,000 analyses are needed to time the list, but the story of 50 is made of copies of
a few articles, so its facts and divergences are those of the small stories: a guide
for the page's weight, not a measure of alignment on 50 different articles.
Prints median milliseconds per route (targets: <= 300 ms each).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, insert

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "greve-port", ROOT / "examples" / "eboulement-col"]


def analysed_examples(folder: Path):
    """The example articles and their analyses, through a real ingest."""
    from recoupe.scale import LocalRunner, ingest_into_store
    from recoupe.store import open_store

    store = open_store(f"sqlite:///{folder / 'examples.db'}")
    runner = LocalRunner(encoder=False)
    ingest_into_store([str(p) for p in EXAMPLES], store=store, runner=runner)
    articles = list(store.iter_articles())
    analyses = store.get_analyses([a.id for a in articles], runner.pipeline)
    store.close()
    return articles, analyses


def synthesise(url: str, articles, analyses, *, total: int, big: int) -> str:
    """A store of ``total`` copied articles: one story of ``big``, the rest by five."""
    from recoupe.store import open_store, schema
    from recoupe.stories import story_id

    store = open_store(url)
    sizes = [big] + [5] * ((total - big) // 5)
    day0 = dt.date(2024, 1, 1)
    copies, members, stories, seq = [], [], [], 0
    for number, size in enumerate(sizes):
        founder = None
        for k in range(size):
            seq += 1
            original = articles[(number + k) % len(articles)]
            new_id = f"{original.id}-{seq}"
            article = dataclasses.replace(
                original,
                id=new_id,
                source=f"copy-{seq}.txt",
                outlet=f"Outlet {(number * 7 + k) % 60}",
                published=day0 + dt.timedelta(days=number % 365 + k % 2),
            )
            analysis = dataclasses.replace(analyses[original.id], article_id=new_id)
            copies.append((article, analysis))
            founder = founder or new_id
            members.append(
                {
                    "article_id": new_id,
                    "seq": seq,
                    "thread_id": story_id(founder),
                    "story_id": story_id(founder),
                    "own_id": story_id(new_id),
                    "published": article.published,
                    "outlet": article.outlet,
                    "title": f"Story {number}: " + (original.title or original.text[:80]),
                    "score": None,
                    "reason": "bench",
                    "vectors": "{}",
                }
            )
        stories.append({"id": story_id(founder), "founder": founder})
    with store.transaction():
        store.put_articles(a for a, _ in copies)
        store.put_analyses(an for _, an in copies)
    store.close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(schema.story_members), members)
        conn.execute(insert(schema.stories), stories)
    engine.dispose()
    return stories[0]["id"]


def timed(client, route: str, runs: int) -> tuple[float, float]:
    """The first request's milliseconds and the median of ``runs`` more."""
    start = time.perf_counter()
    response = client.get(route)
    first = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (route, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(route)
        times.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(times)


def startup(url: str) -> float:
    """Seconds from ``recoupe serve`` to its first answered request."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [str(ROOT / ".venv/bin/recoupe"), "serve", "--db", url, "--port", str(port)]
    start = time.perf_counter()
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 30:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/glossary", timeout=1)
                return time.perf_counter() - start
            except OSError:
                time.sleep(0.02)
        return float("nan")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--story", type=int, default=50)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the stores in this folder, kept")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="recoupe-serve-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("analysing the examples (loads the French model)…", file=sys.stderr)
    articles, analyses = analysed_examples(folder)
    url = f"sqlite:///{folder / 'large.db'}"
    (folder / "large.db").unlink(missing_ok=True)
    start = time.perf_counter()
    big = synthesise(url, articles, analyses, total=args.articles, big=args.story)
    print(f"synthesised {args.articles} articles in {time.perf_counter() - start:.1f} s")

    from fastapi.testclient import TestClient

    from recoupe.serve import create_app
    from recoupe.store import open_store

    print(f"server start to first answer: {startup(url):.2f} s (target < 2 s)")
    store = open_store(url, create=False)
    with TestClient(create_app(store)) as client:
        first_article = client.get("/api/v1/articles?per_page=1").json()["items"][0]["id"]
        routes = [
            ("stories list, page 1", "/"),
            ("stories list, one outlet", "/?outlet=Outlet%2017"),
            ("stories list, largest", "/?sort=largest"),
            ("stories list, text search", "/?q=conteneurs"),
            ("API stories list", "/api/v1/stories"),
            (f"story page, {args.story} articles", f"/stories/{big}"),
            (f"API dossier, {args.story} articles", f"/api/v1/stories/{big}"),
            ("entities list (first: indexed)", "/entities"),
            ("an outlet's page", "/outlets/Outlet%2017"),
            ("an article page, highlighted", f"/articles/{first_article}?hl=0-40"),
        ]
        print(f"{'route':34} {'first ms':>9} {'median ms':>10}")
        for name, route in routes:
            first, median = timed(client, route, args.runs)
            print(f"{name:34} {first:9.0f} {median:10.0f}")
    store.close()


if __name__ == "__main__":
    main()
