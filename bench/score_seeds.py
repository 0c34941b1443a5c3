"""Build the dossier of the seed corpus and score it with the shared scorer.

Usage: python bench/score_seeds.py [--out dossier.json] [--json]

Reads the seeds through ``ingest.read_all`` when ingest is there, else as plain
files; analyses them with ``build_nlp()``, aligns, writes the JSON contract and
runs ``shared/eval/score.py`` on it.
"""

from __future__ import annotations

import argparse
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


def build_dossier_json(corpus: Path = SEEDS) -> str:
    """Read, analyse, align and render the corpus in ``corpus`` as contract JSON."""
    from recoupe import align, report
    from recoupe.analyze import analyze, build_nlp

    paths = sorted(p for p in corpus.iterdir() if p.is_file())
    articles, duplicates = read_articles(paths)
    nlp = build_nlp()
    analyzed = list(analyze(articles, nlp=nlp))
    dossier = align.align(analyzed, duplicates=duplicates)
    return report.render(dossier, "json")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="/tmp/recoupe_seeds_dossier.json")
    ap.add_argument("--json", action="store_true", help="full scorer output as JSON")
    args = ap.parse_args()
    t0 = time.perf_counter()
    text = build_dossier_json()
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
