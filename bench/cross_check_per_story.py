"""Time and size of cross-checking an input of several stories: story by story, or as one.

    .venv/bin/python bench/cross_check_per_story.py PATH... [--repeat N]

Reads and analyses PATH once, groups the articles into stories as ``recoupe analyze``
does, then times (best of ``--repeat`` runs, same process, so the ratio holds on a
noisy machine) the alignment of the whole input as one story against the alignment of
each story on its own (``run.cross_check``), and prints how many facts mix articles
of several stories and how many omissions charge an article with another story's fact.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from recoupe import align, analyze, ingest, stories
from recoupe.config import load_settings
from recoupe.model import Dossier
from recoupe.run import cross_check, story_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings()
    read = ingest.read_all(args.paths)
    analyzed = list(analyze.analyze(read.articles, nlp=analyze.build_nlp()))
    t0 = time.perf_counter()
    found = stories.cluster(
        ((item.article, item.analysis) for item in analyzed),
        encoder=stories.load_encoder() if settings.stories.encoder else None,
        settings=story_settings(settings),
    )
    clustering = time.perf_counter() - t0
    sizes = sorted((len(s.articles) for s in found), reverse=True)
    print(
        f"{len(analyzed)} articles, {len(found)} stories (sizes {sizes}), "
        f"grouped in {clustering:.1f} s"
    )
    story_of = {a: s.id for s in found for a in s.articles}

    def whole() -> Dossier:
        return align.align(analyzed, duplicates=read.duplicates)

    def per_story() -> Dossier:
        return cross_check(analyzed, found, duplicates=read.duplicates)

    for name, job in (("as one story", whole), ("story by story", per_story)):
        seconds, dossier = _best(job, args.repeat)
        mixed = sum(len({story_of[e.article_id] for e in f.evidence}) > 1 for f in dossier.facts)
        facts = {f.id: f for f in dossier.facts}
        foreign = sum(
            1
            for p in dossier.profiles
            for fid in p.facts_omitted
            if story_of[facts[fid].evidence[0].article_id] != story_of[p.article_id]
        )
        print(
            f"{name:15} {seconds:6.2f} s  {len(dossier.facts)} facts ({mixed} mixing stories),"
            f" {len(dossier.divergences)} divergences, {foreign} omissions of another"
            " story's fact"
        )


def _best(job: Callable[[], Dossier], repeat: int) -> tuple[float, Dossier]:
    best, result = float("inf"), None
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - t0)
    assert result is not None
    return best, result


if __name__ == "__main__":
    main()
