"""The whole program on one screen: ingest, analyze, align, and the stories found."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from recoupe import align, analyze, ingest, parts, stories
from recoupe.align import embeddings
from recoupe.align.pipeline import dossier_id
from recoupe.config import Settings
from recoupe.cores import analyze_on_cores
from recoupe.encoder_process import EncoderProcess
from recoupe.model import AnalyzedArticle, Article, Dossier, Duplicate, IngestResult, Story

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
    as_one_story: bool = False,
) -> RunResult:
    """Read ``paths``, analyse every article, group them into stories and cross-check
    each story on its own; the dossier unites them (``parts.unite``).

    ``nlp`` is a loaded pipeline (built from ``settings`` when None); ``progress``
    wraps the stream of analysed articles (the CLI passes a progress bar);
    ``as_one_story`` aligns the whole input as one story, unclustered.
    """
    read = ingest.read_all(paths, max_bytes=settings.ingest.max_bytes)
    # the encoder (and the story features of the texts) in a child of its own, working
    # while the model loads and the analysis runs
    with EncoderProcess(
        read.articles,
        features=not as_one_story,
        embed=settings.stories.encoder,
        sentences=embeddings.available(),
    ) as side:
        if nlp is None:
            nlp = analyze.build_nlp(settings.analyze.model)
        stream = side.fed(
            analyze_on_cores(
                read.articles,
                nlp=nlp,
                batch_size=settings.analyze.batch_size,
                max_chars=settings.analyze.max_chars,
                processes=settings.analyze.processes,
            )
        )
        analyzed: list[AnalyzedArticle] = []
        shown = progress(stream, len(read.articles)) if progress else stream
        if as_one_story:
            analyzed.extend(shown)
            found = [whole_story(analyzed)] if analyzed else []
        else:
            # each article is placed as its analysis comes back
            encoder = stories.load_encoder() if settings.stories.encoder else None
            found = stories.cluster(
                ((item.article, item.analysis) for item in _kept(shown, analyzed)),
                encoder=encoder,
                settings=story_settings(settings),
                features=_TextFeatures(side, read.articles, encoder),
            )
        vectors = side.sentence_vectors()
    dossier = cross_check(analyzed, found, duplicates=read.duplicates, vectors=vectors)
    return RunResult(dossier=dossier, ingest=read)


class _TextFeatures(Mapping[str, stories.ArticleFeatures]):
    """The articles' story text features, asked of the encoder's child when the first
    article is placed (not before: the analysis must be under way), or read here, the
    same way, when the child cannot give them."""

    def __init__(
        self,
        side: EncoderProcess,
        articles: Sequence[Article],
        encoder: stories.Encoder | None,
    ) -> None:
        self._side, self._articles, self._encoder = side, articles, encoder
        self._found: Mapping[str, stories.ArticleFeatures] | None = None

    def _table(self) -> Mapping[str, stories.ArticleFeatures]:
        if self._found is None:
            self._found = self._side.story_features() or stories.read_text_features(
                self._articles, self._encoder
            )
        return self._found

    def __getitem__(self, key: str) -> stories.ArticleFeatures:
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def _kept(
    items: Iterable[AnalyzedArticle], into: list[AnalyzedArticle]
) -> Iterator[AnalyzedArticle]:
    """``items``, each also appended to ``into`` as it passes."""
    for item in items:
        into.append(item)
        yield item


def cross_check(
    analyzed: Sequence[AnalyzedArticle],
    found: Sequence[Story],
    *,
    duplicates: Sequence[Duplicate] = (),
    vectors: Mapping[str, np.ndarray] | None = None,
) -> Dossier:
    """Align the articles of each story in ``found`` on their own and unite the dossiers,
    largest story first (the order of the JSON, of the ids and of the reports).

    Articles of different stories are never compared; a story of one article gets its
    facts and quotes, and no divergence. A copy and its original in different stories
    are no pair: the copy is then only an article of its story. ``vectors`` are sentence
    vectors already made (``align.align``).
    """
    by_id = {item.article.id: item for item in analyzed}
    result = []
    for story in sorted(found, key=lambda s: -len(s.articles)):
        items = [by_id[a] for a in story.articles if a in by_id]
        own = set(story.articles)
        pairs = [d for d in duplicates if d.article_id in own and d.of_id in own]
        result.append(
            parts.Part(story=story, dossier=align.align(items, duplicates=pairs, vectors=vectors))
        )
    return parts.unite(result, dossier_id=dossier_id(analyzed))


def whole_story(analyzed: Sequence[AnalyzedArticle]) -> Story:
    """The whole input as one story (``--as-one-story``): no clustering."""
    articles = [item.article for item in analyzed]
    published = [a.published for a in articles if a.published is not None]
    first = min(articles, key=lambda a: (a.published is None, a.published, a.source))
    return Story(
        id=stories.story_id(first.id),
        title=first.title,
        articles=tuple(a.id for a in articles),
        outlets=tuple(sorted({a.outlet for a in articles if a.outlet})),
        first=min(published, default=None),
        last=max(published, default=None),
    )


def story_settings(settings: Settings) -> stories.StorySettings:
    """The story placement settings the configuration asks for."""
    return stories.placement_settings(
        embeds=settings.stories.encoder,
        window_days=settings.stories.window_days,
        grace_days=settings.stories.grace_days,
        gap_days=settings.stories.gap_days,
    )
