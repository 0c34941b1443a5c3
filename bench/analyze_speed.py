"""Benchmark: articles per second of recoupe's whole analysis vs plain ``nlp.pipe``.

Both run in the same process over the same texts with the same model, alternating
rounds so that machine noise hits both alike; the figure that matters is the
ratio (target >= 0.8). Prints figures, asserts nothing.

    .venv/bin/python bench/analyze_speed.py [--copies 20] [--rounds 3] [PATH ...]

PATH defaults to the seed corpus in ../shared (or examples/ when it is absent).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

from recoupe import analyze, ingest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--copies", type=int, default=20, help="times each article is repeated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=analyze.DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    paths = args.paths or [str(SEEDS if SEEDS.is_dir() else ROOT / "examples")]
    articles = list(ingest.read_all(paths).articles) * args.copies
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)

    t0 = time.perf_counter()
    plain = spacy.load(args.model)
    t1 = time.perf_counter()
    full = analyze.build_nlp(args.model)
    t2 = time.perf_counter()
    # warm both (first calls pay lazy initialisation: dateparser, lookups)
    list(plain.pipe(texts[:5]))
    list(analyze.analyze(articles[:5], nlp=full))

    plain_times, full_times = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in plain.pipe(texts, batch_size=args.batch_size):
            pass
        plain_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _result in analyze.analyze(articles, nlp=full, batch_size=args.batch_size):
            pass
        full_times.append(time.perf_counter() - start)

    n = len(articles)
    plain_rate = n / statistics.median(plain_times)
    full_rate = n / statistics.median(full_times)
    print(
        f"corpus: {n} articles ({len(articles) // args.copies} distinct x {args.copies}), "
        f"{chars / n:.0f} chars/article, model {args.model}"
    )
    print(f"load: plain spaCy {t1 - t0:.1f} s, recoupe pipeline {t2 - t1:.1f} s")
    print(
        f"plain nlp.pipe:          {plain_rate:7.1f} articles/s  "
        f"(rounds: {', '.join(f'{t:.2f}' for t in plain_times)} s)"
    )
    print(
        f"recoupe analyze:         {full_rate:7.1f} articles/s  "
        f"(rounds: {', '.join(f'{t:.2f}' for t in full_times)} s)"
    )
    print(f"ratio recoupe / plain:   {full_rate / plain_rate:7.2f}  (target >= 0.80)")


if __name__ == "__main__":
    main()
