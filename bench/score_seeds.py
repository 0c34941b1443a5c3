"""Build the dossier of the seed corpus and score it with the shared scorer.

Usage:
    python bench/score_seeds.py [--out dossier.json] [--json]
    python bench/score_seeds.py --cache /tmp/seeds.pkl --set context_weight=0.25
    python bench/score_seeds.py --cache /tmp/seeds.pkl \\
        --sweep fact_similarity=0.26,0.28,0.3,0.32 --sweep hybrid_similarity=0.33,0.35,0.37

Reads the seeds through ``ingest.read_all`` when ingest is there, else as plain
files; analyses them with ``build_nlp()``, aligns, writes the JSON contract and
runs ``shared/eval/score.py`` on it. ``--cache`` keeps the analysed articles in a
pickle (delete it when the analysis changes), so that alignment settings can be
tried in a second; ``--set`` overrides ``AlignSettings`` fields; ``--sweep`` (once
or twice) scores every value (or pair of values) and prints pair recall / pair
precision / divergence recall as a table, to check that a default sits on a plateau.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"


def read_articles(paths: list[Path]):
    """The seed articles: via ingest when available, else one plain article per file."""
    try:
        from recoupe.ingest import read_all
    except ImportError:
        read_all = None
    if read_all is not None:
        result = read_all(paths)
        return list(result.articles), tuple(result.duplicates)
    import hashlib

    from recoupe.model import Article, TextSpan

    articles = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        articles.append(
            Article(
                id=hashlib.sha256(text.encode()).hexdigest()[:16],
                source=path.name,
                origin=str(path),
                text=text,
                body=(TextSpan(start=0, end=len(text), text=text),),
                published=None,
                language="fr",
            )
        )
    return articles, ()


def analysed(corpus: Path = SEEDS, cache: Path | None = None):
    """The analysed articles of ``corpus`` and the duplicates ingest found, cached if asked."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    from recoupe.analyze import analyze, build_nlp

    paths = sorted(p for p in corpus.iterdir() if p.is_file())
    articles, duplicates = read_articles(paths)
    result = (list(analyze(articles, nlp=build_nlp())), duplicates)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(result, fh)
    return result


def build_dossier_json(corpus: Path = SEEDS, *, cache: Path | None = None, settings=None) -> str:
    """Read, analyse, align and render the corpus in ``corpus`` as contract JSON."""
    from recoupe import align, report

    items, duplicates = analysed(corpus, cache)
    dossier = align.align(items, duplicates=duplicates, settings=settings)
    return report.render(dossier, "json")


def parse_settings(pairs: list[str]):
    """``AlignSettings`` with ``name=value`` overrides, each value read as the field's type."""
    from recoupe.align import AlignSettings

    defaults = AlignSettings()
    fields = {f.name for f in dataclasses.fields(AlignSettings)}
    changes = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in fields:
            raise SystemExit(f"unknown setting {name!r}; known: {', '.join(sorted(fields))}")
        kind = type(getattr(defaults, name))
        changes[name] = value.lower() in {"1", "true", "yes"} if kind is bool else kind(value)
    return dataclasses.replace(defaults, **changes)


def _scorer():
    spec = importlib.util.spec_from_file_location("recoupe_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sweep(axes: list[str], base: list[str], cache: Path | None) -> None:
    """Print pair recall / pair precision / divergence recall for each value of one or two axes."""
    scorer = _scorer()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    corpus = scorer.Corpus(str(SEEDS))

    def cell(overrides: list[str]) -> str:
        data = json.loads(
            build_dossier_json(cache=cache, settings=parse_settings(base + overrides))
        )
        res = scorer.score(gold, data, corpus)
        f, d = res["facts"], res["divergences"]
        return (
            f"{f['alignment_pair_recall']:.2f}/{f['alignment_pair_precision']:.2f}"
            f"/{d['recall']:.2f}"
        )

    def values(axis: str) -> tuple[str, list[str]]:
        name, _, listed = axis.partition("=")
        return name, listed.split(",")

    print("pair recall / pair precision / divergence recall")
    rows_name, rows = values(axes[0])
    if len(axes) == 1:
        for v in rows:
            print(f"{rows_name}={v:<8} {cell([f'{rows_name}={v}'])}", flush=True)
        return
    cols_name, cols = values(axes[1])
    print(f"{rows_name} \\ {cols_name}".ljust(24) + "".join(f"{c:>16}" for c in cols))
    for r in rows:
        cells = [cell([f"{rows_name}={r}", f"{cols_name}={c}"]) for c in cols]
        print(f"{r:<24}" + "".join(f"{c:>16}" for c in cells), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/recoupe_seeds_dossier.json")
    ap.add_argument("--json", action="store_true", help="full scorer output as JSON")
    ap.add_argument("--cache", type=Path, help="pickle of the analysed seeds (made if missing)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--sweep", action="append", default=[], metavar="NAME=V1,V2,...")
    args = ap.parse_args()
    if args.sweep:
        sweep(args.sweep[:2], args.set, args.cache)
        return 0
    t0 = time.perf_counter()
    text = build_dossier_json(cache=args.cache, settings=parse_settings(args.set))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"dossier written to {out} in {time.perf_counter() - t0:.1f}s")
    cmd = [sys.executable, str(SCORER), str(out), "--gold", str(GOLD), "--corpus", str(SEEDS)]
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
