"""Quote recall and speaker accuracy of the analysis alone, against the seed gold.

Usage: .venv/bin/python bench/quote_speakers.py [-v]

Each seed is analysed as one article whose whole text is body (no ingest, no
alignment). A gold quote is found when a system quote covers at least half of it
(and is sentence-sized or at least 30% gold, as in ``shared/eval/score.py``); its
speaker is right when the speaker's name or key equals one of the gold entity's
variants, accents and case folded, or holds one as whole words. Prints, asserts
nothing; ``-v`` lists every quote with its speaker and how it was resolved.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from recoupe.analyze import analyze, build_nlp
from recoupe.model import Article, TextSpan

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "gold" / "seeds.json"


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def covers(gold: tuple[int, int], span: TextSpan) -> bool:
    inter = min(gold[1], span.end) - max(gold[0], span.start)
    size = span.end - span.start
    return inter >= 0.5 * (gold[1] - gold[0]) and (size <= 450 or inter >= 0.3 * size)


def _article(name: str, text: str) -> Article:
    body = (TextSpan(start=0, end=len(text), text=text),)
    return Article(id=name, source=name, origin=name, text=text, body=body, language="fr")


def main() -> int:
    verbose = "-v" in sys.argv
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    variants = {
        e["name"]: {norm(v) for v in (e["name"], *e.get("variants", ()))} for e in gold["entities"]
    }
    nlp = build_nlp()
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())}
    articles = [_article(name, text) for name, text in texts.items()]
    quotes = {r.article.source: r.analysis.quotes for r in analyze(articles, nlp=nlp)}
    if verbose:
        for name, found in quotes.items():
            print(f"== {name}")
            for q in found:
                s = q.speaker
                print(f"  [{q.kind}] {q.span.text[:70]!r} -> {s.kind} {s.name!r} ({q.resolved_by})")
    hits = right = with_speaker = 0
    for g in gold["quotes"]:
        start = texts[g["doc"]].find(g["quote"])
        where = (start, start + len(g["quote"]))
        hit = next((q for q in quotes[g["doc"]] if covers(where, q.span)), None)
        if hit is None:
            print(f"missed {g['id']}: {g['quote'][:60]!r}")
            continue
        hits += 1
        if g["speaker"]:
            with_speaker += 1
            names = variants[g["speaker"]]
            got = norm(hit.speaker.name)
            ok = (
                norm(hit.speaker.key) in names
                or got in names
                or any(re.search(rf"\b{re.escape(v)}\b", got) for v in names if len(v) > 3)
            )
            right += ok
            if not ok:
                print(f"wrong speaker {g['id']}: want {g['speaker']}, got {hit.speaker}")
    total = len(gold["quotes"])
    print(f"quote recall {hits}/{total} = {hits / total:.3f}")
    print(f"speaker accuracy {right}/{with_speaker} = {right / max(with_speaker, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
