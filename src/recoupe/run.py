"""The whole program on one screen: ingest, analyze, align, and the stories found."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recoupe import align, analyze, ingest, stories
from recoupe.config import Settings
from recoupe.model import AnalyzedArticle, Dossier, IngestResult

Progress = Callable[[Iterator[AnalyzedArticle], int], Iterable[AnalyzedArticle]]


@dataclass(frozen=True, slots=True, kw_only=True)
class RunResult:
    """What one run produced: the dossier and what ingest refused or found copied."""

    dossier: Dossier
    ingest: IngestResult


def run(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    nlp: Any | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Read ``paths``, analyse every article and align them into one dossier.

    ``nlp`` is a loaded pipeline (built from ``settings`` when None); ``progress``
    wraps the stream of analysed articles (the CLI passes a progress bar).
    """
    read = ingest.read_all(paths, max_bytes=settings.ingest.max_bytes)
    if nlp is None:
        nlp = analyze.build_nlp(settings.analyze.model)
    stream = analyze.analyze(read.articles, nlp=nlp, batch_size=settings.analyze.batch_size)
    analyzed = list(progress(stream, len(read.articles)) if progress else stream)
    dossier = align.align(analyzed, duplicates=read.duplicates)
    found = stories.cluster(
        ((item.article, item.analysis) for item in analyzed),
        encoder=stories.load_encoder() if settings.stories.encoder else None,
        settings=story_settings(settings),
    )
    dossier = dataclasses.replace(dossier, stories=tuple(found))
    return RunResult(dossier=dossier, ingest=read)


def story_settings(settings: Settings) -> stories.StorySettings:
    """The story placement settings the configuration asks for."""
    return stories.placement_settings(
        embeds=settings.stories.encoder,
        window_days=settings.stories.window_days,
        grace_days=settings.stories.grace_days,
        gap_days=settings.stories.gap_days,
    )
