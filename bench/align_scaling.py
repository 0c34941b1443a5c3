"""How the alignment of one story grows with its size, against a baseline build.

    .venv/bin/python bench/align_scaling.py [--sizes 25,50,100,200] [--baseline SRC]
                                            [--cache DIR]

For each size N, ``../shared/bench/make_story_corpus.py`` writes N articles of one
story (20 seed sentences each); they are read and analysed once (the analyses are
pickled in ``--cache``), then ``align.align`` is timed in a fresh process for this
build and, with ``--baseline``, for another checkout's ``src`` folder (for example
``git worktree add /tmp/base 97466cb`` then ``--baseline /tmp/base/src``), one after
the other on the same analyses, so the ratio holds on a noisy machine. Prints the
seconds, the facts and divergences found (they should agree with the baseline's when
only speed changed) and the size of the JSON dossier.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MAKER = SHARED / "bench" / "make_story_corpus.py"
SEEDS = SHARED / "corpus" / "seeds"

# Run in a child process, so that each build imports its own recoupe.
TIMED = """
import json, pickle, sys, time
sys.path.insert(0, sys.argv[1])
from recoupe import align, report
items, duplicates = pickle.load(open(sys.argv[2], "rb"))
start = time.perf_counter()
dossier = align.align(items, duplicates=duplicates)
seconds = time.perf_counter() - start
size = len(report.render(dossier, "json").encode("utf-8"))
print(json.dumps({"seconds": seconds, "facts": len(dossier.facts),
                  "divergences": len(dossier.divergences), "json_bytes": size}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--baseline", help="another build's src folder, timed the same way")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "recoupe-scaling"))
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    builds = [("this build", str(ROOT / "src"))]
    if args.baseline:
        builds.append(("baseline", args.baseline))
    print(f"{'articles':>8} {'units':>6}  " + "  ".join(f"{name:>26}" for name, _ in builds))
    for n in (int(x) for x in args.sizes.split(",")):
        analyses, units = _analyses(cache, n)
        cells = []
        for _name, src in builds:
            out = subprocess.run(
                [sys.executable, "-c", TIMED, src, str(analyses)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            cells.append(
                f"{r['seconds']:7.1f} s {r['facts']:4d} f {r['divergences']:4d} d"
                f" {r['json_bytes'] / 1e6:5.1f} MB"
            )
        print(f"{n:>8} {units:>6}  " + "  ".join(f"{c:>26}" for c in cells), flush=True)


def _analyses(cache: Path, n: int) -> tuple[Path, int]:
    """The pickled analyses of an ``n``-article story, made once."""
    target = cache / f"story{n}.pkl"
    if not target.exists():
        from recoupe import analyze, ingest

        folder = cache / f"story{n}"
        subprocess.run(
            [sys.executable, str(MAKER), str(SEEDS), str(folder), str(n)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        read = ingest.read_all([folder])
        items = list(analyze.analyze(read.articles, nlp=analyze.build_nlp()))
        target.write_bytes(pickle.dumps((items, list(read.duplicates))))
    items, _ = pickle.loads(target.read_bytes())
    return target, sum(len(item.analysis.sentences) for item in items)


if __name__ == "__main__":
    main()
