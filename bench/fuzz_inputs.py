"""Fuzz benchmark: malformed inputs at every reader and odd articles through the whole run.

For each reader (text, HTML, JSON Lines, JSON, RSS, WARC, gzipped WARC) it reads
``--per-reader`` seeded malformed files (``fuzz_cases.py``) with ``ingest.read_all``,
and counts:

- crashes: an exception out of ``read_all``, or a reader error caught by its safety net
  (a rejection "could not be read as ...": the reader raised, a bug to fix);
- whole-file losses: a file of good records and one broken one that gives no article;
- neighbour losses: such a file that gives some articles but fewer than its good records;
- hangs: an input under 1 MB that takes more than 10 s;
- the slowest input and the process's peak memory.

Then ``--articles`` odd articles (``--group`` per run) go through ``run.run`` (ingest,
analysis, stories, alignment) and it counts crashes (an exception out of the run),
articles whose analysis failed (``analysis_failed`` notes), hangs and peak memory.
Prints figures; exits 1 if any crash, whole-file loss or hang was found.

    .venv/bin/python bench/fuzz_inputs.py [--per-reader 10000] [--articles 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_cases import READERS, Case, analysis_records, reader_case
from recoupe.ingest import read_all
from recoupe.model import IngestResult

HANG_SECONDS = 10.0
SMALL = 1_000_000


def outcome(case: Case, result: IngestResult) -> str | None:
    """What went wrong with one read: crash, whole_file_loss, neighbour_loss, or None."""
    if any("could not be read as" in r.detail for r in result.rejected):
        return "crash"
    if case.good and not result.articles:
        return "whole_file_loss"
    if case.good and len(result.articles) < case.good:
        return "neighbour_loss"
    return None


def read_case(folder: Path, case: Case) -> tuple[str | None, float, str]:
    """(problem, seconds, detail) of reading one case."""
    path = folder / case.name
    path.write_bytes(case.data)
    start = time.perf_counter()
    try:
        result = read_all([path])
    except Exception as e:  # the one thing read_all must never do
        return "crash", time.perf_counter() - start, f"{type(e).__name__}: {e}"
    seconds = time.perf_counter() - start
    problem = outcome(case, result)
    detail = "; ".join(f"{r.source.rsplit('/', 1)[-1]} {r.detail[:120]}" for r in result.rejected)
    return problem, seconds, detail


def fuzz_readers(per_reader: int, seed: int, readers: list[str]) -> bool:
    ok = True
    print(f"{'reader':8} {'inputs':>6} {'crashes':>7} {'whole':>5} {'neighb':>6} {'hangs':>5}"
          f" {'slowest':>8} {'peak MB':>7}  examples")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for reader in readers:
            rng = random.Random(f"{seed}-{reader}")
            problems: Counter[str] = Counter()
            examples: dict[str, str] = {}
            slowest = (0.0, "")
            for _ in range(per_reader):
                case = reader_case(reader, rng)
                problem, seconds, detail = read_case(folder, case)
                if seconds > slowest[0]:
                    slowest = (seconds, f"{case.kind}, {len(case.data)} bytes")
                if seconds > HANG_SECONDS and len(case.data) < SMALL:
                    problems["hang"] += 1
                if problem is not None:
                    problems[problem] += 1
                    examples.setdefault(problem, f"{case.kind}: {detail[:200]}")
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{reader:8} {per_reader:>6} {problems['crash']:>7} "
                f"{problems['whole_file_loss']:>5} {problems['neighbour_loss']:>6} "
                f"{problems['hang']:>5} {slowest[0]:>7.2f}s {peak:>7.0f}  "
                f"slowest: {slowest[1]}"
            )
            for problem, example in sorted(examples.items()):
                print(f"{'':10}{problem}: {example}")
            ok &= not (problems["crash"] or problems["whole_file_loss"] or problems["hang"])
    return ok


def fuzz_analysis(count: int, group: int, seed: int) -> bool:
    from recoupe import analyze
    from recoupe.config import load_settings
    from recoupe.run import run

    nlp = analyze.build_nlp()
    # words alone for story grouping: the sentence encoder is not what is fuzzed here
    settings = load_settings(overrides={"stories.encoder": False})
    rng = random.Random(f"{seed}-analysis")
    records = analysis_records(rng, count)
    crashes = hangs = failed = analysed = 0
    notes: Counter[str] = Counter()
    examples: list[str] = []
    slowest = 0.0
    start_all = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        for at in range(0, len(records), group):
            lines = [json.dumps(r) for r in records[at : at + group]]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            start = time.perf_counter()
            try:
                dossier = run([path], settings=settings, nlp=nlp).dossier
            except Exception as e:
                crashes += 1
                where = traceback.extract_tb(e.__traceback__)[-1]
                examples.append(f"{type(e).__name__}: {str(e)[:100]} at {where.name}")
                continue
            seconds = time.perf_counter() - start
            slowest = max(slowest, seconds)
            hangs += seconds > HANG_SECONDS * group
            for analysis in dossier.analyses:
                analysed += 1
                codes = {note.code for note in analysis.notes}
                notes.update(codes)
                if "analysis_failed" in codes:
                    failed += 1
                    detail = next(n.detail for n in analysis.notes if n.code == "analysis_failed")
                    examples.append(f"analysis_failed: {detail}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = time.perf_counter() - start_all
    print(
        f"\nwhole run: {count} odd articles in {len(records) // group} runs of {group}:"
        f" {crashes} crashes, {analysed} analysed, {failed} analysis_failed, {hangs} hangs;"
        f" slowest run {slowest:.1f} s, total {total:.0f} s, peak {peak:.0f} MB"
    )
    print("notes:", ", ".join(f"{code} {n}" for code, n in sorted(notes.items())))
    for example in examples[:10]:
        print("  ", example)
    return not (crashes or hangs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-reader", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--group", type=int, default=5, help="articles per run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--readers", nargs="*", default=list(READERS), choices=READERS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the readers' one-line warnings are counted here
    ok = fuzz_readers(args.per_reader, args.seed, args.readers) if args.per_reader else True
    if args.articles:
        ok &= fuzz_analysis(args.articles, args.group, args.seed)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
