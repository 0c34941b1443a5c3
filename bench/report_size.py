"""How the reports of one story grow with its size: bytes, render time, browser load time.

    .venv/bin/python bench/report_size.py [--sizes 25,50,100,200]
                                          [--stories /tmp/recoupe-scaling] [--cache DIR]

For each size N whose analyses are pickled as ``STORIES/storyN.pkl`` (``(items,
duplicates)``, as ``bench/align_scaling.py`` writes them), the story is aligned once
(the dossier is pickled in ``--cache`` so that a second run only renders), then each
format is rendered and timed, and the HTML page is opened in headless Chromium
(Playwright driving ``/usr/bin/chromium``; skipped when Playwright is not installed):
the time from navigation to the load event, best of three. Prints one row per size and
format, and the bytes per article of each format.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

from recoupe import align, report
from recoupe.model import Dossier

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
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="recoupe-report-"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        dossier = dossier_of(size, args.stories, args.cache)
        if dossier is None:
            continue
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
