"""Streams into the store: the per-article work run locally or on Dask, stories as the reduce.

The map step is one pure function, ``analyze_batch``: analyse a batch of articles and
read their story features, with the spaCy pipeline and the sentence encoder loaded once
per process (per Dask worker) through a module-level cache. Runners apply it to batches,
here (``LocalRunner``) or on a Dask cluster (``DaskRunner``), never both at once. The
reduce step runs in this process: each batch's articles, analyses and story placements
are written in one transaction, so a killed ingest loses at most the batch in flight and
a re-run completes it; content-hash ids make the re-run skip what is stored.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from recoupe import ingest, parts
from recoupe.model import (
    Analysis,
    AnalyzedArticle,
    Article,
    Dossier,
    Duplicate,
    Note,
    Rejected,
    Story,
)
from recoupe.store import Store, StoreError, failure_of
from recoupe.stories import (
    DEFAULT_SETTINGS,
    LEXICAL_SETTINGS,
    ArticleFeatures,
    Placement,
    StoryIndex,
    StorySettings,
    extract_features,
    load_encoder,
)

if TYPE_CHECKING:
    from recoupe.align import AlignSettings

logger = logging.getLogger(__name__)

Mapped = tuple[Analysis, ArticleFeatures]
Progress = Callable[[Iterator[Any], int], Iterable[Any]]  # wraps the stream (a progress bar)


class Runner(Protocol):
    """Applies ``analyze_batch`` to batches of articles, results in the order given."""

    @property
    def pipeline(self) -> str:
        """The version string of the analyses it produces."""
        ...

    @property
    def embeds(self) -> bool:
        """Whether its story features carry sentence embeddings."""
        ...

    def __call__(self, batches: Sequence[Sequence[Article]]) -> Iterator[list[Mapped]]:
        """One list of (analysis, features) per batch, batch by batch, in order."""
        ...


# ---------------------------------------------------------------- the map step


# spaCy is imported on first use only: a process that only reads the store stays light.
DEFAULT_MODEL = "fr_core_news_md"


@cache
def _pipeline(model: str) -> Any:
    # Loaded once per process: on a Dask worker, on first use, then kept.
    from recoupe import analyze

    return analyze.build_nlp(model)


def pipeline_of(model: str) -> str:
    """The pipeline version of ``model``: read from the installed package's meta.json
    when it has one (a second, not the nine of loading the model), else from the model
    loaded once in this process."""
    from recoupe import analyze

    meta = _package_meta(model)
    if meta is not None:
        return analyze.version_of_meta(meta)
    return analyze.pipeline_version(_pipeline(model))


def _package_meta(model: str) -> dict[str, Any] | None:
    """The meta.json of an installed spaCy model package, found without importing it."""
    import importlib.util
    import json

    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "meta.json"
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(meta, dict) and {"lang", "name", "version"} <= meta.keys():
            return meta
    return None


def _warm(model: str, encoder: bool) -> None:
    _pipeline(model)
    if encoder:
        load_encoder()


def analyze_batch(articles: Sequence[Article], *, model: str, encoder: bool) -> list[Mapped]:
    """Analyse ``articles`` and read their story features: the per-article map step.

    An article whose features cannot be read is kept, its analysis noted
    ``analysis_failed`` and its features read from its words alone, so one article
    never costs its batch.
    """
    from recoupe import analyze

    nlp = _pipeline(model)
    embed = load_encoder() if encoder else None
    return [_mapped(item, embed) for item in analyze.analyze(list(articles), nlp=nlp)]


def _mapped(item: AnalyzedArticle, encoder: Any) -> Mapped:
    article, analysis = item.article, item.analysis
    try:
        return analysis, extract_features(article, analysis, encoder=encoder)
    except Exception as e:
        reason = f"{type(e).__name__}: {(str(e).splitlines() or [''])[0][:160]}"
        logger.warning("%s: analysis failed (%s)", article.source, reason)
    note = Note(code="analysis_failed", detail=reason)
    failed = Analysis(article_id=article.id, pipeline=analysis.pipeline, notes=(note,))
    try:
        return failed, extract_features(article)
    except Exception:
        logger.debug("%s: no features either", article.source, exc_info=True)
    bare = ArticleFeatures(
        article_id=article.id, terms={}, entities=(), dates=(), published=article.published
    )
    return failed, bare


class LocalRunner:
    """Runs the map step on this machine: in this process, or with ``processes`` above
    one in that many processes forked from it once the model and the encoder are
    loaded here (they share them), each analysing whole batches, results in order."""

    def __init__(
        self, *, model: str = DEFAULT_MODEL, encoder: bool = True, processes: int = 1
    ) -> None:
        self._model = model
        self._encoder = encoder
        self._processes = processes

    @property
    def pipeline(self) -> str:
        """The version string of the analyses it produces."""
        return pipeline_of(self._model)

    @property
    def embeds(self) -> bool:
        """Whether its story features carry sentence embeddings."""
        return self._encoder

    def __call__(self, batches: Sequence[Sequence[Article]]) -> Iterator[list[Mapped]]:
        """Each batch analysed, in order."""
        work = partial(analyze_batch, model=self._model, encoder=self._encoder)
        forks = "fork" in multiprocessing.get_all_start_methods()
        if self._processes <= 1 or len(batches) <= 1 or not forks:
            yield from map(work, batches)
            return
        _warm(self._model, self._encoder)  # loaded once, here: the forks share them
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(min(self._processes, len(batches)), mp_context=context)
        try:
            yield from pool.map(work, batches)
        finally:
            pool.shutdown(cancel_futures=True)


class DaskRunner:
    """Runs the map step on Dask workers: a scheduler's, or a local cluster of N processes.

    Use as a context manager; a local cluster is started on entry and stopped on exit.
    Each worker process has one thread, so the only parallelism is across workers.
    """

    def __init__(
        self,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        model: str = DEFAULT_MODEL,
        encoder: bool = True,
    ) -> None:
        if (scheduler is None) == (workers is None):
            raise ValueError("give either a scheduler address or a number of workers")
        self._scheduler, self._workers = scheduler, workers
        self._model, self._encoder = model, encoder
        self._client: Any = None
        self._cluster: Any = None
        self._pipeline: str | None = None

    def __enter__(self) -> DaskRunner:
        from distributed import Client, LocalCluster

        if self._scheduler is not None:
            self._client = Client(self._scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=self._workers,
                threads_per_worker=1,
                processes=True,
                scheduler_port=0,  # any free port
                dashboard_address=None,  # no dashboard; yet the scheduler serves its other
                # HTTP routes (health, metrics) on 8787 unless given a port, and warns when
                # another cluster holds it: a free one on loopback instead.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            )
            self._client = Client(self._cluster)
        # Every worker loads the model now, once; workers that join later load it lazily.
        self._client.run(_warm, self._model, self._encoder)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    @property
    def address(self) -> str:
        """The scheduler's address (of the local cluster, when one was started)."""
        return self._client.scheduler.address

    @property
    def pipeline(self) -> str:
        """The version string of the analyses it produces (asked of a worker)."""
        if self._pipeline is None:
            self._pipeline = self._client.submit(pipeline_of, self._model, pure=False).result()
        return self._pipeline

    @property
    def embeds(self) -> bool:
        """Whether its story features carry sentence embeddings."""
        return self._encoder

    def __call__(self, batches: Sequence[Sequence[Article]]) -> Iterator[list[Mapped]]:
        """Every batch submitted at once; results handed back in order as they complete."""
        futures = self._client.map(
            analyze_batch,
            [list(batch) for batch in batches],
            model=self._model,
            encoder=self._encoder,
            pure=False,
        )
        for future in futures:
            yield future.result()
            future.release()


def analyze_distributed(
    articles: Sequence[Article],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    model: str = DEFAULT_MODEL,
    encoder: bool = True,
    partition_size: int = 16,
) -> list[Mapped]:
    """Analyse ``articles`` on Dask with ``map_partitions``; results in input order."""
    import dask.bag

    with DaskRunner(scheduler=scheduler, workers=workers, model=model, encoder=encoder) as run:
        bag = dask.bag.from_sequence(list(articles), partition_size=partition_size)
        mapped = bag.map_partitions(analyze_batch, model=model, encoder=encoder)
        return list(run._client.compute(mapped).result())


# ---------------------------------------------------------------- the reduce step


@dataclass(frozen=True, slots=True, kw_only=True)
class Added:
    """An article the ingest stored, and the story it went to."""

    article_id: str
    source: str
    story_id: str
    opened: bool  # the article opened its story
    outlet: str | None = None  # the article's outlet, when known
    redrawn: tuple[tuple[str, str], ...] = ()  # (article, story) of others it moved
    failed: str | None = None  # why its analysis failed (stored and placed all the same)


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An article already in the store (same content hash): not stored or analysed again."""

    article_id: str
    source: str
    outlet: str | None = None  # the article's outlet, when known
    failed: str | None = None  # why its stored analysis failed, when it did


@dataclass(frozen=True, slots=True, kw_only=True)
class Retried:
    """A stored article whose analysis had failed, analysed again (its story unchanged)."""

    article_id: str
    source: str
    outlet: str | None = None
    failed: str | None = None  # why it failed again; None: it is analysed now


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    """What one ingest did: added, skipped, retried, found copied, rejected."""

    pipeline: str
    added: tuple[Added, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()  # copies found among the inputs themselves
    rejected: tuple[Rejected, ...] = ()
    retried: tuple[Retried, ...] = ()


def ingest_into_store(
    paths: Sequence[str | Path],
    *,
    store: Store,
    runner: Runner,
    settings: StorySettings | None = None,
    batch_size: int = 32,
    max_bytes: int = 20_000_000,
    progress: Progress | None = None,
    retry_failed: bool = False,
) -> IngestReport:
    """Read ``paths`` and add what is new to ``store``: articles, analyses, story placements.

    ``settings`` default to the story settings for the runner's features (with or
    without embeddings). ``progress`` wraps the stream of placements (the CLI's bar).
    An article whose analysis fails is stored and placed all the same, its analysis
    recorded as failed: a later ingest skips it, unless the runner's pipeline is another
    one than those that failed on it, or ``retry_failed`` is set.
    """
    read = ingest.read_all(paths, max_bytes=max_bytes)
    pipeline = runner.pipeline
    known = store.has_articles([a.id for a in read.articles])
    status = store.analysis_status(sorted(known))
    again = [
        a
        for a in read.articles
        if a.id in known and _retry(status.get(a.id), pipeline, retry_failed)
    ]
    retrying = {a.id for a in again}
    skipped = [
        Skipped(
            article_id=a.id, source=a.source, outlet=a.outlet, failed=_failure(status.get(a.id))
        )
        for a in read.articles
        if a.id in known and a.id not in retrying
    ]
    fresh = [a for a in read.articles if a.id not in known]
    placements = _placements(fresh, store=store, runner=runner, settings=settings, size=batch_size)
    steps = chain(placements, _retries(again, store=store, runner=runner, size=batch_size))
    stream = progress(steps, len(fresh) + len(again)) if progress else steps
    by_id = {a.id: a for a in [*fresh, *again]}
    added: list[Added] = []
    retried: list[Retried] = []
    for step, failed in stream:
        article = by_id[step.article_id]
        if isinstance(step, Skipped):  # stored meanwhile by another ingest
            skipped.append(step)
        elif isinstance(step, Retried):
            retried.append(step)
        else:
            added.append(
                Added(
                    article_id=step.article_id,
                    source=article.source,
                    outlet=article.outlet,
                    story_id=step.story_id,
                    opened=step.opened,
                    redrawn=step.moved,
                    failed=failed,
                )
            )
    return IngestReport(
        pipeline=pipeline,
        added=tuple(added),
        skipped=tuple(skipped),
        duplicates=read.duplicates,
        rejected=read.rejected,
        retried=tuple(retried),
    )


def _retry(status: dict[str, str | None] | None, pipeline: str, retry_failed: bool) -> bool:
    """Whether a stored article is analysed again: every analysis of it failed, and
    either ``pipeline`` has not tried it yet or ``retry_failed`` says to."""
    if not status or any(reason is None for reason in status.values()):
        return False
    return retry_failed or pipeline not in status


def _failure(status: dict[str, str | None] | None) -> str | None:
    """Why a stored article's analysis failed, when every one failed."""
    if not status or any(reason is None for reason in status.values()):
        return None
    return next(iter(status.values()))


def _placements(
    articles: list[Article],
    *,
    store: Store,
    runner: Runner,
    settings: StorySettings | None,
    size: int,
) -> Iterator[tuple[Placement | Skipped, str | None]]:
    """Each article's placement (or skip) beside why its analysis failed, if it did."""
    if settings is None:
        settings = DEFAULT_SETTINGS if runner.embeds else LEXICAL_SETTINGS
    index = StoryIndex(store, settings=settings)
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    for batch, mapped in zip(batches, runner(batches), strict=True):
        # One transaction per batch: articles, analyses and placements land together.
        # It holds the store's write lock (open.py), so an article another ingest
        # stored while this one analysed is seen here, skipped, and placed once.
        with store.transaction():
            stored = store.has_articles([a.id for a in batch])
            store.put_articles([a for a in batch if a.id not in stored])
            new = [m for a, m in zip(batch, mapped, strict=True) if a.id not in stored]
            store.put_analyses(analysis for analysis, _features in new)
            if runner.embeds:
                store_vectors(store, [analysis for analysis, _features in new])
            done: list[tuple[Placement | Skipped, str | None]] = [
                (index.place(features), failure_of(analysis)) for analysis, features in new
            ]
        done += [
            (Skipped(article_id=a.id, source=a.source, outlet=a.outlet), None)
            for a in batch
            if a.id in stored
        ]
        yield from done


def _retries(
    articles: list[Article], *, store: Store, runner: Runner, size: int
) -> Iterator[tuple[Retried, str | None]]:
    """Stored articles analysed again; a new analysis replaces the failed one, the
    article's story placement stays."""
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    for batch, mapped in zip(batches, runner(batches), strict=True):
        analyses = [analysis for analysis, _features in mapped]
        with store.transaction():
            store.put_analyses(analyses)
            if runner.embeds:
                store_vectors(store, analyses)
        for article, analysis in zip(batch, analyses, strict=True):
            failed = failure_of(analysis)
            retried = Retried(
                article_id=article.id, source=article.source, outlet=article.outlet, failed=failed
            )
            yield retried, failed


def story_dossier(
    store: Store,
    story_id: str,
    *,
    runner: Runner,
    settings: AlignSettings | None = None,
) -> Dossier:
    """The dossier of one stored story; analyses missing for the runner's pipeline are made now.

    An article analysed by an older pipeline is analysed again here, lazily, and the new
    analysis is stored beside the old one.
    """
    story = store.get_story(story_id)
    if story is None:
        raise StoreError(f"no story {story_id!r} in the store; `recoupe stories` lists them")
    articles = store.get_articles(story.articles)
    pipeline = runner.pipeline
    analyses = store.get_analyses(story.articles, pipeline)
    missing = [a for a in articles if a.id not in analyses]
    if missing:
        logger.info("analysing %d articles of %s with %s", len(missing), story.id, pipeline)
        fresh = [analysis for batch in runner([missing]) for analysis, _ in batch]
        try:
            with store.transaction():
                store.put_analyses(fresh)
                if runner.embeds:
                    store_vectors(store, fresh)
        except StoreError as e:  # a read-only store: the dossier is made all the same
            logger.warning("the analyses made now are not kept: %s", e)
        analyses.update({a.article_id: a for a in fresh})
    analyzed = [AnalyzedArticle(article=a, analysis=analyses[a.id]) for a in articles]
    return align_story(story, analyzed, settings=settings, store=store)


def align_story(
    story: Story,
    analyzed: Sequence[AnalyzedArticle],
    *,
    settings: AlignSettings | None = None,
    store: Store | None = None,
) -> Dossier:
    """The dossier of a stored story's analysed articles, the one ``recoupe analyze``
    writes for them: the near copies among them found again (the store keeps articles,
    not the copies between them), the sentence vectors ``store`` holds read rather than
    encoded again, and the story listed with its facts, divergences, dates and dossier
    id."""
    from recoupe import align
    from recoupe.ingest.dedup import near_duplicates

    copies = near_duplicates([item.article for item in analyzed])
    vectors = stored_vectors(store, analyzed) if store is not None else None
    dossier = align.align(analyzed, duplicates=copies, settings=settings, vectors=vectors)
    return parts.unite([parts.Part(story=story, dossier=dossier)], dossier_id=dossier.id)


def store_vectors(store: Store, analyses: Sequence[Analysis]) -> int:
    """Encode and keep the sentence vectors the store lacks for ``analyses`` (the
    sentences long enough to be compared), so that a dossier reads them instead of
    encoding them again; 0 without the encoder. Returns how many were added. Ingest
    calls it when its runner embeds (places stories with the encoder)."""
    from recoupe.align.embeddings import available, sentence_vectors, text_key
    from recoupe.align.units import compared_texts

    if not available():
        return 0
    texts = {text_key(text): text for text in compared_texts(analyses)}
    if not texts:
        return 0
    held = store.get_vectors(list(texts))
    missing = [text for key, text in texts.items() if key not in held]
    if not missing:
        return 0
    made = sentence_vectors(missing) or {}
    return store.put_vectors({key: vector.tobytes() for key, vector in made.items()})


def stored_vectors(store: Store, analyzed: Sequence[AnalyzedArticle]) -> dict[str, Any]:
    """The store's sentence vectors for the sentences of ``analyzed``, by text key."""
    import numpy as np

    from recoupe.align.embeddings import text_key
    from recoupe.align.units import compared_texts

    keys = [text_key(text) for text in compared_texts(item.analysis for item in analyzed)]
    return {
        key: np.frombuffer(vector, dtype=np.float32)
        for key, vector in store.get_vectors(keys).items()
    }


def list_stories(store: Store) -> list[Story]:
    """The stored stories, latest news first (last publication date, then size)."""
    stories = list(store.iter_stories())
    stories.sort(key=lambda s: (s.last is not None, s.last, len(s.articles)), reverse=True)
    return stories
