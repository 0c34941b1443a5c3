"""Story clustering on the French dev corpus: every story with the distractors, undated and dated.

    .venv/bin/python bench/stories_dev.py                 # default settings, 4 shuffles
    .venv/bin/python bench/stories_dev.py --no-encoder --shuffles 8
    .venv/bin/python bench/stories_dev.py --set attach_margin=0.04 --set cut=0.18

Sets, each scored with B-cubed F1 (``../shared/eval/cluster_score.py``) as the mean over
the file order and ``--shuffles`` shuffled orders (placement is online):
- ``all``: every dev file as plain text, undated (as ``score_dev.sh`` copies them out of
  the corpus and away from its manifest);
- ``-S``: all but story S (leave-one-out: choose a setting on these and ECB+ dev, check it
  on ``S+d``); ``S+d``: story S with the distractors only;
- ``dated``: the stories' JSON Lines and the distractors with their manifest metadata;
- ``S alone`` (dated): each story's folder as ``recoupe analyze`` reads it, manifest
  included, must be one story; and the seeds (one event) must be one story.
Analyses are computed once per run (spaCy, a few seconds a file).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from recoupe import analyze, ingest, stories
from recoupe.model import AnalyzedArticle, Story
from recoupe.stories import Encoder, StorySettings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "dev" / "clusters.json"
DISTRACTORS = "distractors"
sys.path.insert(0, str(SHARED / "eval"))
from cluster_score import bcubed  # noqa: E402  (the shared scorer is a script, not a package)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shuffles", type=int, default=4, help="extra runs in shuffled orders")
    parser.add_argument("--no-encoder", action="store_true", help="no sentence embeddings")
    parser.add_argument("--set", action="append", default=[], help="FIELD=VALUE override")
    args = parser.parse_args(argv)
    encoder = None if args.no_encoder else stories.load_encoder()
    settings = stories.placement_settings(embeds=encoder is not None)
    for item in args.set:
        field, value = item.split("=", 1)
        kind = type(getattr(settings, field))
        settings = replace(settings, **{field: kind(value)})
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    nlp = analyze.build_nlp()
    names = sorted(
        p.name for p in DEV.iterdir() if p.is_dir() and p.name not in (DISTRACTORS, "jsonl")
    )
    with tempfile.TemporaryDirectory() as tmp:
        undated = read(plain_copies(Path(tmp) / "plain"), nlp)
        dated = read([dated_records(Path(tmp) / "dated.jsonl")], nlp)
        alone = {name: read([DEV / name], nlp) for name in names}
    seeds = read([SEEDS], nlp)

    def of(items: list[AnalyzedArticle], *wanted: str) -> list[AnalyzedArticle]:
        return [x for x in items if label_key(x).split("__")[0] in wanted]

    sets: dict[str, list[AnalyzedArticle]] = {"all": undated}
    for name in names:
        sets[f"-{name}"] = of(undated, DISTRACTORS, *(n for n in names if n != name))
    for name in names:
        sets[f"{name}+d"] = of(undated, DISTRACTORS, name)
    sets["dated"] = dated
    for label, items in sets.items():
        scores = [score(order, gold, encoder, settings) for order in orders(items, args.shuffles)]
        print(f"{label}: B3 F1 mean {sum(scores) / len(scores):.3f}, worst {min(scores):.3f}")
    for label, items in [*(alone.items()), ("seeds", seeds)]:
        counts = sorted(
            len(cluster(order, encoder, settings)) for order in orders(items, args.shuffles)
        )
        print(f"{label} alone: stories per order {counts}")
    return 0


def plain_copies(folder: Path) -> list[Path]:
    """Every dev file linked as ``<folder>__<file>`` into one folder with no manifest."""
    folder.mkdir()
    for path in sorted(DEV.glob("*/*.txt")):
        (folder / f"{path.parent.name}__{path.name}").symlink_to(path)
    return [folder]


def dated_records(path: Path) -> Path:
    """The stories' JSON Lines and the distractors with their manifest's metadata."""
    lines = []
    for source in sorted((DEV / "jsonl").glob("*.jsonl")):
        for line in source.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            lines.append({**record, "id": f"{source.stem}__{record['id']}"})
    for entry in json.loads((DEV / "manifest.json").read_text(encoding="utf-8")):
        if entry["folder"] != DISTRACTORS:
            continue
        record = {
            "id": f"{DISTRACTORS}__{entry['file']}",
            "text": (DEV / DISTRACTORS / entry["file"]).read_text(encoding="utf-8"),
            "title": entry["title"],
            "outlet": entry["outlet"],
            "url": entry["url"],
            "published": entry["publication_date"],
        }
        lines.append({k: v for k, v in record.items() if v is not None})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), "utf-8")
    return path


def read(paths: Sequence[Path], nlp: Any) -> list[AnalyzedArticle]:
    """The articles of ``paths``, analysed."""
    return list(analyze.analyze(ingest.read_all(paths).articles, nlp=nlp))


def label_key(item: AnalyzedArticle) -> str:
    """The clusters.json key of an article: ``<folder>__<file>``."""
    return Path(str(item.article.source)).name.split("#")[-1]


def orders(items: list[AnalyzedArticle], shuffles: int) -> list[list[AnalyzedArticle]]:
    rng = random.Random(0)
    return [items] + [rng.sample(items, len(items)) for _ in range(shuffles)]


def cluster(
    items: list[AnalyzedArticle], encoder: Encoder | None, settings: StorySettings
) -> list[Story]:
    return stories.cluster(
        ((x.article, x.analysis) for x in items), encoder=encoder, settings=settings
    )


def score(
    items: list[AnalyzedArticle],
    gold: dict[str, str],
    encoder: Encoder | None,
    settings: StorySettings,
) -> float:
    keys = {x.article.id: label_key(x) for x in items}
    pred = {keys[a]: s.id for s in cluster(items, encoder, settings) for a in s.articles}
    return bcubed(pred, {k: gold[k] for k in pred})[2]


if __name__ == "__main__":
    sys.exit(main())
