"""Leave-one-out check of the divergence rules' constants on the dev stories and the seeds.

Usage:
    python bench/loo_divergences.py --cache-dir /tmp/loo \\
        --sweep figures.ROUNDING=0,0.01,0.02,0.05 --sweep quote_variants.MIN_RUN=2,3,4

Each story (the three dev stories from JSON Lines, and the seeds) is analysed once and
kept in ``--cache-dir`` (delete it when the analysis changes). For every value of a
swept constant (a module attribute of ``recoupe.align``), every story is aligned and
scored with ``shared/eval/score.py``. Then, for each dev story, the value is chosen on
the *other* stories (dev: mean of divergence precision and useful recall; seeds:
divergence recall) and the held-out story's figures at that value are printed next to
its figures at the default: a constant that only helps one story shows up there.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import pickle
import sys
from pathlib import Path

from recoupe import align, analyze, ingest, report

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
DEV_STORIES = sorted(p.stem for p in (DEV / "jsonl").glob("*.jsonl"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no scorer at {SHARED / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inputs(story: str) -> tuple[Path, Path, Path]:
    """Input path, gold and corpus folder of a story."""
    if story == "seeds":
        seeds = SHARED / "corpus" / "seeds"
        return seeds, SHARED / "eval" / "gold" / "seeds.json", seeds
    gold = SHARED / "eval" / "gold" / "dev" / f"{story}.json"
    return DEV / "jsonl" / f"{story}.jsonl", gold, DEV / story


def _analysed(story: str, cache_dir: Path):
    cache = cache_dir / f"{story}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    source, _, _ = _inputs(story)
    read = ingest.read_all([source])
    items = list(analyze.analyze(read.articles, nlp=analyze.build_nlp()))
    cache.write_bytes(pickle.dumps((items, read.duplicates)))
    return items, read.duplicates


def _figures(score, story: str, analysed) -> dict[str, float]:
    items, duplicates = analysed
    _, gold, corpus = _inputs(story)
    dossier = json.loads(report.render(align.align(items, duplicates=duplicates), "json"))
    result = score.score(json.loads(gold.read_text()), dossier, score.Corpus(str(corpus)))
    div, facts = result["divergences"], result["facts"]
    return {
        "precision": div.get("precision") or 0.0,
        "recall": div.get("recall") or 0.0,
        "useful": div.get("useful_recall") or 0.0,
        "pair_f1": facts.get("alignment_f1") or 0.0,
    }


def _objective(story: str, figures: dict[str, float]) -> float:
    if story == "seeds":
        return figures["recall"]
    return (figures["precision"] + figures["useful"]) / 2


def _sweep(name: str, values: list[float], analysed: dict, score) -> None:
    module_name, attr = name.rsplit(".", 1)
    module = importlib.import_module(f"recoupe.align.{module_name}")
    default = getattr(module, attr)
    table: dict[float, dict[str, dict[str, float]]] = {}
    for value in sorted({*values, default}):
        setattr(module, attr, type(default)(value))
        table[value] = {s: _figures(score, s, a) for s, a in analysed.items()}
    setattr(module, attr, default)
    print(f"\n## {name} (default {default})")
    print("value | " + " | ".join(f"{s[:14]} P/R/useful" for s in analysed))
    for value, row in table.items():
        cells = [f"{f['precision']:.2f}/{f['recall']:.2f}/{f['useful']:.2f}" for f in row.values()]
        print(f"{value:g} | " + " | ".join(cells))
    print("leave-one-out (held-out story: value chosen on the others -> its P/useful)")
    for held in (s for s in analysed if s != "seeds"):
        others = [s for s in analysed if s != held]
        chosen = max(
            table,
            key=lambda v: (
                sum(_objective(s, table[v][s]) for s in others),
                v == default,
            ),
        )
        got, base = table[chosen][held], table[default][held]
        print(
            f"  {held}: chosen {chosen:g} -> P {got['precision']:.3f} useful {got['useful']:.3f}"
            f" (default {default:g}: P {base['precision']:.3f} useful {base['useful']:.3f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--sweep", action="append", default=[], help="module.CONST=v1,v2,...")
    args = parser.parse_args(argv)
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    score = _scorer()
    analysed = {s: _analysed(s, args.cache_dir) for s in [*DEV_STORIES, "seeds"]}
    for spec in args.sweep:
        name, _, raw = spec.partition("=")
        _sweep(name, [float(v) for v in raw.split(",")], analysed, score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
