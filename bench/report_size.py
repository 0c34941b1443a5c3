"""How the reports of one story grow with its size: bytes, render time, browser load time.

    .venv/bin/python bench/report_size.py [--sizes 25,50,100,200] [--copies 5]
                                          [--stories /tmp/recoupe-scaling] [--cache DIR]

For each size N whose analyses are pickled as ``STORIES/storyN.pkl`` (``(items,
duplicates)``, as ``bench/align_scaling.py`` writes them), the story is aligned once
(the dossier is pickled in ``--cache`` so that a second run only renders), then each
format is rendered and timed, and the HTML page is opened in headless Chromium
(Playwright driving ``/usr/bin/chromium``; skipped when Playwright is not installed):
the time from navigation to the load event, best of three. Prints one row per size and
format, and the bytes per article of each format.

``--copies K`` adds, for the largest size, a story K times as large made of K copies of
each article (new ids; every fact, divergence and quote cites all copies): no
analysis of 1,000 articles is needed to see how the pages of one behave. It has the
facts and divergences of the smaller story, so it is a guide, not a measure.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from recoupe import align, report
from recoupe.model import Dossier, EntityMention, Evidence

CHROMIUM = "/usr/bin/chromium"


def dossier_of(size: int, stories: Path, cache: Path) -> Dossier | None:
    cached = cache / f"dossier{size}.pkl"
    if cached.exists():
        with cached.open("rb") as handle:
            loaded: Dossier = pickle.load(handle)
        return loaded
    source = stories / f"story{size}.pkl"
    if not source.exists():
        return None
    with source.open("rb") as handle:
        items, duplicates = pickle.load(handle)
    dossier = align.align(items, duplicates=duplicates)
    cache.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as handle:
        pickle.dump(dossier, handle)
    return dossier


def copied(dossier: Dossier, copies: int) -> Dossier:
    """``dossier`` with each article ``copies`` times, every record citing all copies."""
    ids = {a.id for a in dossier.articles}

    def rename(value: Any, k: int) -> Any:
        if isinstance(value, str):
            return f"{value}~{k}" if k and value in ids else value
        if isinstance(value, tuple):
            return tuple(rename(v, k) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: rename(getattr(value, f.name), k) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        return value

    def merge(values: list[Any]) -> Any:
        first = values[0]
        if isinstance(first, tuple):
            if not first or isinstance(first[0], str | Evidence | EntityMention):
                return tuple(dict.fromkeys(v for value in values for v in value))
            return tuple(merge(list(parts)) for parts in zip(*values, strict=True))
        if dataclasses.is_dataclass(first) and not isinstance(first, type):
            fields = dataclasses.fields(first)
            return dataclasses.replace(
                first, **{f.name: merge([getattr(v, f.name) for v in values]) for f in fields}
            )
        return first

    clones = [rename(dossier, k) for k in range(copies)]
    per_article = ("articles", "analyses", "quotes", "profiles", "duplicates")
    whole = merge(clones)
    return dataclasses.replace(
        whole,
        **{name: tuple(v for c in clones for v in getattr(c, name)) for name in per_article},
    )


def load_seconds(pages: list[Path]) -> list[float | None]:
    """Seconds from navigation to the load event of each page, best of three."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: no load times", file=sys.stderr)
        return [None for _ in pages]
    times: list[float | None] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for path in pages:
            best = float("inf")
            for _ in range(3):
                page = browser.new_page()
                start = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load", timeout=120_000)
                best = min(best, time.perf_counter() - start)
                page.close()
            times.append(best)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--stories", type=Path, default=Path("/tmp/recoupe-scaling"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/recoupe-report-bench"))
    parser.add_argument("--copies", type=int, default=0)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="recoupe-report-"))
    rows = []
    found = []
    for size in (int(s) for s in args.sizes.split(",")):
        dossier = dossier_of(size, args.stories, args.cache)
        if dossier is not None:
            found.append((size, dossier))
    if args.copies > 1 and found:
        size, dossier = found[-1]
        found.append((size * args.copies, copied(dossier, args.copies)))
    for size, dossier in found:
        for fmt in ("json", "md", "html"):
            start = time.perf_counter()
            text = report.render(dossier, fmt)
            seconds = time.perf_counter() - start
            path = out / f"story{size}.{fmt}"
            path.write_text(text, encoding="utf-8")
            rows.append((size, fmt, path.stat().st_size, seconds, path))
    html = [row for row in rows if row[1] == "html"]
    pages = [row[4] for row in html]
    loads = dict(zip(pages, load_seconds(pages), strict=True))
    head = ("articles", "format", "bytes", "per article", "render s", "load s")
    print(" ".join(f"{h:>{w}}" for h, w in zip(head, (8, 6, 12, 12, 9, 7), strict=True)))
    for size, fmt, size_bytes, seconds, path in rows:
        load = loads.get(path)
        shown = f"{load:7.2f}" if load is not None else "      -"
        per = size_bytes // size
        print(f"{size:>8} {fmt:>6} {size_bytes:>12,} {per:>12,} {seconds:>9.2f} {shown}")
    print(f"pages in {out}")


if __name__ == "__main__":
    main()
