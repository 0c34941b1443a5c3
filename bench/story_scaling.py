"""A story of 1,000 articles: ``recoupe analyze`` end to end, by size, against plain spaCy.

    .venv/bin/python bench/story_scaling.py [--sizes 50,100,200,500,1000] [--no-mixed]
                                            [--baseline SRC] [--work DIR]

For each size N, ``../shared/bench/make_story_corpus.py ../shared/corpus/seeds`` writes N
articles of one story (made once, kept in ``--work``); then, each in a fresh process:

* ``recoupe analyze CORPUS -o dossier.json -q`` (JSON, Markdown and HTML written) as a
  whole process, with timers wrapped around its stages (reading, model loading, the
  per-article analysis, story clustering, the alignment's steps, rendering, writing);
  it prints the wall time of each stage, the peak resident memory and the size of each
  file written, and the JSON's size over the input text's;
* plain ``nlp.pipe`` of the same texts with the same model in one process (the model's
  loading apart), the baseline of the ratio.

The mixed corpus is ECB+ test (``../shared/data/ecbplus/test.jsonl``, English: read and
grouped into stories) with the French dev corpus (its three stories and distractors).
``--baseline SRC`` also runs another build's ``src`` folder (``git archive main src |
tar -x -C /tmp/base``) on the same corpora, one after the other, so the two compare in one
run; the JSON's hash says whether they wrote the same dossier. The growth exponent is
that of the total wall time from 100 to 1,000 articles (``log(t1000 / t100) / log 10``).
``--streams`` also times ``recoupe ingest`` of each single-story corpus into a fresh store
and ``recoupe dossier`` of its biggest story, and says whether that dossier is the one
``analyze`` wrote.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MAKER = SHARED / "bench" / "make_story_corpus.py"
SEEDS = SHARED / "corpus" / "seeds"
MIXED = [
    SHARED / "data" / "ecbplus" / "test.jsonl",
    *sorted((SHARED / "corpus" / "dev" / "jsonl").glob("*.jsonl")),
    SHARED / "corpus" / "dev" / "distractors",
]

# One whole `recoupe analyze` with timers around its stages; argv: src, report, args...
ANALYZE = r"""
import functools, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
report_path, argv = sys.argv[2], sys.argv[3:]
stages = {}
wall = time.perf_counter()

waited = [0.0]  # time spent waiting on the streamed analysis, so far

def timed(module, name, label):
    inner = getattr(module, name, None)
    if inner is None:  # a stage another build does not have
        return
    @functools.wraps(inner)
    def wrapper(*a, **k):
        start, before = time.perf_counter(), waited[0]
        try:
            return inner(*a, **k)
        finally:
            # a stage that consumes the analysis stream (story placement) is timed
            # without the time it waited on it
            spent = time.perf_counter() - start - (waited[0] - before)
            stages[label] = stages.get(label, 0.0) + spent
    setattr(module, name, wrapper)

def streamed(module, name, label):
    # the analysis stream, timed by the time its consumer waits for each article
    inner = getattr(module, name)
    def wrapper(*a, **k):
        items = iter(inner(*a, **k))
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                spent = time.perf_counter() - start
                stages[label] = stages.get(label, 0.0) + spent
                waited[0] += spent
            yield item
    setattr(module, name, wrapper)

from recoupe import analyze, cli, files, ingest, report, run, stories
import recoupe.align as align
import recoupe.align.pipeline as ap
timed(ingest, "read_all", "read")
timed(analyze, "build_nlp", "load model")
import recoupe.run as run_module
if hasattr(run_module, "analyze_on_cores"):  # the analysis shared out to processes
    streamed(run_module, "analyze_on_cores", "analysis (waited for)")
else:
    streamed(analyze, "analyze", "analysis (waited for)")
timed(stories, "cluster", "stories")
timed(report, "render", "render")
timed(files, "write_all_atomic", "write")
for name in ("resolve_entities", "resolve_quotes", "build_units"):
    timed(ap, name, "align: entities, quotes, units")
timed(ap, "unit_similarity", "align: lexical similarity")
timed(ap, "embedding_similarity", "align: sentence encoder")
timed(ap, "repeated_similarity", "align: sentence encoder")
timed(ap, "article_origins", "align: origins")
timed(ap, "primary_origins", "align: origins")
timed(ap, "group_units", "align: grouping")
timed(ap, "build_facts", "align: facts")
timed(ap, "find_divergences", "align: divergences")
for name in ("find_commitments", "find_wording", "build_timeline", "summarize",
             "build_profiles"):
    timed(ap, name, "align: commitments, wording, profiles")
timed(align, "align", "align (all)")
code = cli.main(argv)
stages["total"] = time.perf_counter() - wall
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
json.dump({"code": code, "stages": stages, "peak_bytes": rss, "worker_peak_bytes": workers},
          open(report_path, "w"))
"""

# Plain spaCy over the same texts: argv: model, paths...
PLAIN = r"""
import json, sys, time
from recoupe import ingest
import spacy
texts = [a.text for a in ingest.read_all(sys.argv[2:]).articles]
start = time.perf_counter()
nlp = spacy.load(sys.argv[1])
loaded = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "pipe": done - loaded, "articles": len(texts),
                  "text_bytes": sum(len(t.encode("utf-8")) for t in texts)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,100,200,500,1000")
    parser.add_argument("--no-mixed", action="store_true", help="skip the mixed corpus")
    parser.add_argument("--baseline", help="another build's src folder, run the same way")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain nlp.pipe runs")
    parser.add_argument(
        "--streams",
        action="store_true",
        help="also `recoupe ingest` each single-story corpus into a fresh store and "
        "`recoupe dossier` its biggest story (this build), timed, hash against analyze's",
    )
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "recoupe-story"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    builds = [("this build", str(ROOT / "src"))]
    if args.baseline:
        builds.append(("baseline", args.baseline))
    corpora = [(f"{n} articles", [_corpus(work, int(n))]) for n in args.sizes.split(",")]
    if not args.no_mixed:
        corpora.append(("mixed", [str(p) for p in MIXED]))
    totals: dict[str, dict[str, float]] = {name: {} for name, _ in builds}
    for label, paths in corpora:
        plain = None if args.no_plain else _plain(args.model, paths)
        print(f"\n== {label}", flush=True)
        if plain:
            print(
                f"   {plain['articles']} articles, {plain['text_bytes'] / 1e6:.2f} MB of text;"
                f" plain nlp.pipe {plain['pipe']:.1f} s (+ {plain['load']:.1f} s loading)"
            )
        for name, src in builds:
            result = _analyze(src, paths, work / f"{label.replace(' ', '-')}-{name.split()[0]}")
            totals[name][label] = result["stages"].get("total", math.nan)
            _print_run(name, result, plain)
            if args.streams and name == "this build" and label != "mixed":
                _print_streams(
                    _streams(src, paths, work / f"{label.replace(' ', '-')}-streams"),
                    result.get("sha256", ""),
                )
    for name, _src in builds:
        got = totals[name]
        if "100 articles" in got and "1000 articles" in got:
            exponent = math.log(got["1000 articles"] / got["100 articles"]) / math.log(10)
            print(f"\n{name}: growth exponent of total wall time, 100 -> 1,000: {exponent:.2f}")


def _corpus(work: Path, n: int) -> str:
    target = work / f"story{n}"
    if not target.is_dir():
        subprocess.run(
            [sys.executable, str(MAKER), str(SEEDS), str(target), str(n)],
            check=True,
            capture_output=True,
        )
    return str(target)


def _plain(model: str, paths: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", PLAIN, model, *paths], capture_output=True, text=True, check=True
    )
    loaded: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def _analyze(src: str, paths: list[str], out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    report = out / "run.json"
    target = out / "dossier.json"
    argv = ["analyze", *paths, "-o", str(target), "-q"]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", ANALYZE, src, str(report), *argv], capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode != 0 or not report.exists():
        tail = (done.stderr or "").strip().splitlines()[-3:]
        return {"failed": f"exit {done.returncode}: {' | '.join(tail)}", "stages": {}}
    result: dict = json.loads(report.read_text())
    result["process"] = wall
    result["sizes"] = {
        ext: (target.with_suffix(f".{ext}")).stat().st_size
        for ext in ("json", "md", "html")
        if target.with_suffix(f".{ext}").exists()
    }
    result["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest() if target.exists() else ""
    html = target.with_suffix(".html")
    result["html_load"] = _html_load(html) if html.exists() else None
    return result


def _streams(src: str, paths: list[str], out: Path) -> dict:
    """``recoupe ingest`` of ``paths`` into a fresh SQLite store, then ``recoupe dossier``
    of its biggest story: wall times, peak memory, and the dossier's hash."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "store.db"
    db.unlink(missing_ok=True)
    cli = f"import sys; sys.path.insert(0, {src!r}); from recoupe.cli import main; sys.exit(main())"
    found: dict = {}

    def timed_run(*argv: str) -> subprocess.CompletedProcess:
        start = time.perf_counter()
        # GNU time prints the peak resident memory (KiB) last on stderr, when installed
        timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
        done = subprocess.run(
            [*timer, sys.executable, "-c", cli, *argv],
            capture_output=True,
            text=True,
        )
        found[argv[0]] = time.perf_counter() - start
        peak = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        found[argv[0] + " peak"] = int(peak) * 1024 if peak.isdigit() else math.nan
        return done

    timed_run("ingest", "--db", str(db), *paths, "-q")
    listed = subprocess.run(
        [sys.executable, "-c", cli, "stories", "--db", str(db)], capture_output=True, text=True
    )
    rows = [line.split() for line in listed.stdout.splitlines()[1:] if line[:1] == "s"]
    biggest = max(rows, key=lambda row: int(row[1]))[0] if rows else ""
    target = out / "dossier.json"
    timed_run("dossier", "--db", str(db), biggest, "-o", str(target))
    found["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest() if target.exists() else ""
    return found


def _print_streams(found: dict, analyzed: str) -> None:
    same = "the same as analyze's" if found["sha256"] == analyzed else "NOT analyze's"
    print(
        f"      streams: ingest {found['ingest']:.1f} s (peak {found['ingest peak'] / 1e9:.2f} GB),"
        f" dossier {found['dossier']:.1f} s (peak {found['dossier peak'] / 1e9:.2f} GB);"
        f" dossier JSON {found['sha256'][:16]}, {same}"
    )


def _html_load(page: Path) -> float | None:
    """Seconds from navigation to the HTML report's load event in headless Chromium (best
    of three, as ``report_size.py`` measures it), or None without Playwright."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from report_size import load_seconds

    return load_seconds([page])[0]


def _print_run(name: str, result: dict, plain: dict[str, float] | None) -> None:
    if "failed" in result:
        print(f"   {name}: FAILED {result['failed']}")
        return
    stages = result["stages"]
    total = stages["total"]
    print(
        f"   {name}: process {result['process']:.1f} s (main {total:.1f} s),"
        f" peak {result['peak_bytes'] / 1e9:.2f} GB"
        + (
            f" (largest analysis worker {result['worker_peak_bytes'] / 1e9:.2f} GB)"
            if result.get("worker_peak_bytes")
            else ""
        )
    )
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        if stage != "total" and seconds >= 0.05:
            print(f"      {stage:<40} {seconds:8.1f} s")
    sizes = result["sizes"]
    print(
        "      written: "
        + ", ".join(f"{ext} {b / 1e6:.2f} MB" for ext, b in sizes.items())
        + f"; JSON sha256 {result['sha256'][:16]}"
    )
    if result.get("html_load") is not None:
        print(f"      HTML opens (load event, headless Chromium) in {result['html_load']:.2f} s")
    if plain:
        ratio = result["process"] / plain["pipe"]
        print(
            f"      JSON / input text {sizes.get('json', 0) / plain['text_bytes']:.1f};"
            f" analyze / plain nlp.pipe {ratio:.2f}"
            f" (with its loading {result['process'] / (plain['pipe'] + plain['load']):.2f})"
        )


if __name__ == "__main__":
    main()
