"""An ingest with a cheap fake analysis (no spaCy model): imported by tests, or run as a script.

python fake_ingest.py STORE_URL INPUT...
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence

from recoupe.model import Analysis, Article, TextSpan
from recoupe.scale import IngestReport, Mapped, ingest_into_store
from recoupe.store import open_store
from recoupe.stories import extract_features


class FakeRunner:
    """Analyses made of the body paragraphs alone, a little slowly so that kills land mid-run."""

    pipeline = "fake-1"
    embeds = False

    def __init__(self, *, delay: float = 0.0) -> None:
        self.delay = delay

    def __call__(self, batches: Sequence[Sequence[Article]]) -> Iterator[list[Mapped]]:
        for batch in batches:
            time.sleep(self.delay * len(batch))
            yield [(fake_analysis(a, self.pipeline), extract_features(a)) for a in batch]


def fake_analysis(article: Article, pipeline: str) -> Analysis:
    """An analysis that is a pure function of the article."""
    spans = tuple(TextSpan(start=s.start, end=s.end, text=s.text) for s in article.body)
    return Analysis(
        article_id=article.id,
        pipeline=pipeline,
        sentences=spans,
        lemmas=tuple(s.text.lower() for s in spans),
    )


def run(url: str, paths: Sequence[str], *, delay: float = 0.0) -> IngestReport:
    """Ingest ``paths`` into the store at ``url`` with the fake analysis, batches of three."""
    store = open_store(url)
    try:
        return ingest_into_store(paths, store=store, runner=FakeRunner(delay=delay), batch_size=3)
    finally:
        store.close()


if __name__ == "__main__":
    report = run(sys.argv[1], sys.argv[2:], delay=0.02)
    print(len(report.added), len(report.skipped))
