"""Scale benchmark: analysis throughput (one process, Dask 1 and 2 workers) and placement time.

    .venv/bin/python bench/placement.py                    # everything, SQLite in a temp dir
    .venv/bin/python bench/placement.py --sizes 1000 10000 --skip-speed
    .venv/bin/python bench/placement.py --postgres --skip-speed  # a throwaway local server
    .venv/bin/python bench/placement.py --db postgresql+psycopg://... --skip-speed

Throughput: the seed articles, varied so that no two are alike, analysed with the full
pipeline (spaCy model and sentence encoder, story features included) in this process,
then on a local Dask cluster of 1 and 2 workers (model loaded once per worker when the cluster
starts; start and load are timed apart).

Placement: stores of 1k, 10k and 100k synthetic articles (stories of a few articles with
their own names and rare words, over a year of dates, on a Zipf vocabulary) are filled in
bulk with the state placement would have left; then new articles are placed one by one,
each in its own transaction (commit included), and in batches of 32. Features are made
beforehand: the time is the placement's alone (lookup, scoring, writes). On PostgreSQL each
size gets its own schema, dropped afterwards; ``--postgres`` starts a server of its own on
127.0.0.1 (``tests/store/pgserver.py``, fsync on), and stops and removes it at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np
from sqlalchemy import insert
from sqlalchemy.engine import make_url

from recoupe.store import open_store, schema
from recoupe.store.open import normalise_url
from recoupe.stories import (
    DEFAULT_SETTINGS,
    ArticleFeatures,
    Member,
    StoryIndex,
    story_id,
    thread_id,
    threads,
)
from recoupe.stories.index import NAME, TERM

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
VOCABULARY = 60_000
DIM = 512


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--probes", type=int, default=200, help="articles placed per size")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="a PostgreSQL URL (default: SQLite files in a temp dir)")
    where.add_argument(
        "--postgres", action="store_true", help="on a throwaway PostgreSQL server started here"
    )
    parser.add_argument("--articles", type=int, default=96, help="articles for throughput")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-placement", action="store_true")
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args(argv)
    # SIGTERM unwinds like Ctrl-C: the throwaway server and temp files are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    figures: dict = {}
    if not args.skip_speed:
        figures["throughput"] = throughput(args.articles)
    if not args.skip_placement:
        with ExitStack() as stack:
            db = args.db
            if args.postgres:
                db = stack.enter_context(_throwaway_postgres())
            figures["placement"] = [placement(n, probes=args.probes, db=db) for n in args.sizes]
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


# ---------------------------------------------------------------- throughput


def throughput(n: int) -> dict:
    """Articles per second of the map step: here, then on Dask with 1 and 2 workers."""
    from recoupe import ingest
    from recoupe.scale import DaskRunner, LocalRunner

    seeds = ingest.read_all([SEEDS]).articles
    articles = [
        replace(a, id=f"{a.id}-{i}", text=a.text + f"\n{i}")
        for i in range(math.ceil(n / len(seeds)))
        for a in seeds
    ][:n]
    batches = [articles[i : i + 16] for i in range(0, len(articles), 16)]
    words = sum(len(a.text.split()) for a in articles)
    print(f"throughput: {len(articles)} articles, {words} words, batches of 16")
    figures = {}
    started = time.perf_counter()
    local = LocalRunner()
    list(local(batches[:1]))  # loads the model and the encoder
    figures["single_process"] = _rate("single process", local, batches[1:], started)
    for workers in (1, 2):
        started = time.perf_counter()
        with DaskRunner(workers=workers) as runner:  # starts workers, loads their models
            figures[f"dask_{workers}"] = _rate(f"--workers {workers}", runner, batches, started)
    return figures


def _rate(label: str, runner, batches: list, started: float) -> dict:
    warm = time.perf_counter()
    list(runner(batches))
    done = time.perf_counter()
    rate = sum(len(b) for b in batches) / (done - warm)
    print(f"  {label:15s} {rate:6.1f} articles/s warm (start, model load: {warm - started:.1f} s)")
    return {"articles_per_s": round(rate, 2), "start_s": round(warm - started, 2)}


# ---------------------------------------------------------------- placement


class Synthetic:
    """Synthetic articles in stories: Zipf background words, story words, names, dates."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        ranks = np.arange(1, VOCABULARY + 1)
        self.zipf = 1 / ranks / (1 / ranks).sum()
        self.day0 = dt.date(2025, 1, 1)

    def story(self, n: int) -> dict:
        """The shared traits of a synthetic story."""
        rng = self.rng
        centre = rng.normal(size=DIM)
        return {
            "words": [f"w{x}" for x in rng.integers(5_000, VOCABULARY, 12)],
            "names": [f"name{x}" for x in rng.integers(0, 200_000, 3)],
            "day": self.day0 + dt.timedelta(days=int(rng.integers(0, 365))),
            "centre": centre / np.linalg.norm(centre),
            "n": n,
        }

    def article(self, traits: dict, article_id: str) -> ArticleFeatures:
        """One article of a story: its words, some background, a date within two days."""
        rng = self.rng
        background = rng.choice(VOCABULARY, size=120, p=self.zipf)
        words = Counter(f"w{x}" for x in background)
        words.update(rng.choice(traits["words"], size=8))
        vector = traits["centre"] + rng.normal(scale=0.04, size=DIM)
        published = traits["day"] + dt.timedelta(days=int(rng.integers(0, 3)))
        return ArticleFeatures(
            article_id=article_id,
            terms={t: 1.0 + math.log(c) for t, c in sorted(words.items())},
            entities=tuple(sorted(rng.choice(traits["names"], size=2, replace=False))),
            dates=(published.isoformat(),),
            published=published,
            embedding=tuple((vector / np.linalg.norm(vector)).astype(np.float32).tolist()),
            title=f"story of {traits['names'][0]}",
            outlet=f"outlet{int(rng.integers(0, 40))}",
            language="fr",
        )

    def corpus(self, n: int) -> list[tuple[dict, list[ArticleFeatures]]]:
        """About ``n`` articles in stories of 1 to 8 articles."""
        out, made = [], 0
        while made < n:
            size = int(min(self.rng.integers(1, 9), n - made))
            traits = self.story(size)
            items = [self.article(traits, f"x{made + i:07d}") for i in range(size)]
            out.append((traits, items))
            made += size
        return out


def fill(store, stories: list[tuple[dict, list[ArticleFeatures]]], *, keys: int = 16) -> None:
    """Write in bulk the state placing these stories' articles would leave.

    Each synthetic story is one thread holding one story; vectors use the final IDF.
    """
    from recoupe.store.rows import dump_profile, member_row, pack

    cfg = DEFAULT_SETTINGS
    n = sum(len(items) for _t, items in stories)
    df: Counter[str] = Counter()
    for _traits, items in stories:
        for item in items:
            df.update(TERM + t for t in item.terms)
            df.update(NAME + e for e in item.entities)

    def idf(key: str) -> float:
        return math.log((n + 1) / (df[key] + 2)) + 1.0

    thread_rows, key_rows, member_rows, story_rows = [], [], [], []
    seq = 0
    for _traits, items in stories:
        tid, sid = thread_id(items[0].article_id), story_id(items[0].article_id)
        profile = threads.new_profile(tid, seq=seq + 1)
        thread_keys: set[str] = set()
        for item in items:
            seq += 1
            vector = threads.unit({t: w * idf(TERM + t) for t, w in item.terms.items()})
            names = threads.unit({e: idf(NAME + e) for e in item.entities})
            profile = threads.add(profile, item, vector, names, cfg)
            counted = [TERM + t for t in item.terms] + [NAME + e for e in item.entities]
            thread_keys.update(sorted(counted, key=lambda k: (-idf(k), k))[:keys])
            member = Member(
                article_id=item.article_id,
                seq=seq,
                story_id=sid,
                terms=threads.top(vector, cfg.member_terms),
                names=names,
                embedding=item.embedding,
                dates=item.dates,
                published=item.published,
                title=item.title,
                outlet=item.outlet,
            )
            row = member_row(member)
            row.update(thread_id=tid, own_id=story_id(item.article_id), score=None, reason="bulk")
            member_rows.append(row)
        thread_rows.append(
            {
                "id": tid,
                "seq": profile.seq,
                "size": profile.size,
                "first_date": profile.first,
                "last_date": profile.last,
                "profile": dump_profile(profile),
                "embedding": pack(profile.embedding),
            }
        )
        story_rows.append({"id": sid, "founder": items[0].article_id})
        key_rows += [{"key": k, "thread_id": tid} for k in sorted(thread_keys)]
    stats = [{"key": k, "df": v} for k, v in df.items()]
    with store._engine.begin() as conn:
        for table, rows in (
            (schema.threads, thread_rows),
            (schema.thread_keys, key_rows),
            (schema.story_members, member_rows),
            (schema.stories, story_rows),
            (schema.key_stats, stats),
        ):
            for i in range(0, len(rows), 5_000):
                conn.execute(insert(table), rows[i : i + 5_000])
        conn.execute(insert(schema.counters), [{"name": "documents", "value": n}])


def placement(n: int, *, probes: int, db: str | None) -> dict:
    """Place ``probes`` new articles into a store of ``n`` synthetic ones; times in ms."""
    synthetic = Synthetic(seed=n)
    stories = synthetic.corpus(n)
    with _empty_store(db, n) as url, closing(open_store(url)) as store:
        backend = store._engine.dialect.name
        started = time.perf_counter()
        fill(store, stories)
        filled = time.perf_counter() - started
        if backend == "postgresql":
            # What autovacuum does over an ingest this size; left to it, it would run
            # during the timed placements, on the million rows just written.
            autocommit = store._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            with autocommit as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        # New articles: half join stories already stored, half open new ones.
        rng = np.random.default_rng(n + 1)
        probes_single, probes_batch = [], []
        for k in range(2 * probes):
            joins = k % 2  # odd probes join a stored story, even ones open their own
            traits = stories[int(rng.integers(0, len(stories)))][0] if joins else synthetic.story(1)
            item = synthetic.article(traits, f"p{k:07d}")
            (probes_single if k < probes else probes_batch).append(item)
        index = StoryIndex(store)
        single = []
        for item in probes_single:
            started = time.perf_counter()
            with store.transaction():
                placed = index.place(item)
            single.append(1000 * (time.perf_counter() - started))
            del placed
        started = time.perf_counter()
        for i in range(0, len(probes_batch), 32):
            with store.transaction():
                for item in probes_batch[i : i + 32]:
                    index.place(item)
        batched = 1000 * (time.perf_counter() - started) / len(probes_batch)
    single.sort()
    figures = {
        "backend": backend,
        "store_articles": n,
        "stories": len(stories),
        "fill_s": round(filled, 1),
        "single_median_ms": round(statistics.median(single), 2),
        "single_p95_ms": round(single[int(0.95 * (len(single) - 1))], 2),
        "batched_mean_ms": round(batched, 2),
    }
    print(
        f"{figures['backend']}: placement into {n:>7,} articles"
        f" ({len(stories):,} stories; filled in {filled:.0f} s):"
        f" one per transaction median {figures['single_median_ms']:.1f} ms,"
        f" p95 {figures['single_p95_ms']:.1f} ms; batches of 32: {batched:.1f} ms/article"
    )
    return figures


@contextmanager
def _empty_store(db: str | None, n: int) -> Iterator[str]:
    """The URL of an empty store: an SQLite file in a temp dir, or a new schema in ``db``."""
    if db is None:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / f'bench-{n}.db'}"
        return
    url = make_url(normalise_url(db))
    if url.get_backend_name() != "postgresql":
        yield db  # a store of the caller's, used as it is
        return
    import psycopg

    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"bench_{n}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    try:
        yield url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


@contextmanager
def _throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server of this run's own, fsync on as a real one (stopped and removed)."""
    sys.path.insert(0, str(ROOT / "tests" / "store"))  # shared with the store tests
    from pgserver import throwaway_server

    with throwaway_server(fsync=True) as url:
        print(f"PostgreSQL server started for this run: {url}")
        yield url


if __name__ == "__main__":
    sys.exit(main())
