"""Stored stories' dossiers, built from the store's analyses and kept in memory.

A dossier is built the way ``recoupe dossier`` builds it (``align.align`` over the
story's articles and analyses) but never analyses anything: the web view must not load
a language model, so each article's analysis is the stored one of the pipeline that
analysed most of the store, else any it has, else an empty one noting that the article
was not analysed. Built dossiers are kept per story and per list of articles (an
ingest that adds an article to a story makes a new key), the latest few whole, the
figures of every story built so far (divergences, origins) for the stories list.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from recoupe import codec
from recoupe.model import Analysis, AnalyzedArticle, Dossier, Note, Story
from recoupe.report.view import ReportView, build_view, stats
from recoupe.store import schema

if TYPE_CHECKING:
    from recoupe.store.sql import SqlStore

logger = logging.getLogger(__name__)

KEPT = 32  # whole dossiers kept in memory (a 50-article one is a few MB)


@dataclass(frozen=True, slots=True)
class Built:
    """A story's dossier and the report view drawn from it."""

    dossier: Dossier
    view: ReportView


@dataclass(frozen=True, slots=True)
class Figures:
    """What the stories list shows of a story once its dossier was built."""

    divergences: int
    origins: int | None
    facts: int


class Dossiers:
    """The dossiers of a store's stories, built on demand and cached."""

    def __init__(self, store: SqlStore, *, kept: int = KEPT) -> None:
        self._store = store
        self._kept = kept
        self._lock = threading.Lock()
        self._built: OrderedDict[tuple[str, tuple[str, ...]], Built] = OrderedDict()
        self._figures: dict[str, Figures] = {}
        self._ranking: dict[str, int] | None = None

    def figures(self, story_id: str) -> Figures | None:
        """The figures of a story whose dossier was built, else None."""
        return self._figures.get(story_id)

    def get(self, story: Story) -> Built:
        """The dossier of ``story`` (from the cache when its articles have not changed)."""
        key = (story.id, story.articles)
        with self._lock:
            found = self._built.get(key)
            if found is not None:
                self._built.move_to_end(key)
                return found
            built = self._build(story)
            self._built[key] = built
            while len(self._built) > self._kept:
                self._built.popitem(last=False)
            d = built.dossier
            self._figures[story.id] = Figures(
                divergences=len(d.divergences), origins=stats(d).origins, facts=len(d.facts)
            )
            return built

    def _build(self, story: Story) -> Built:
        # imported on first use: the server starts without the alignment
        from recoupe.scale import align_story

        articles = self._store.get_articles(story.articles)
        analyses = self.analyses([a.id for a in articles])
        analyzed = [
            AnalyzedArticle(article=a, analysis=analyses.get(a.id) or _not_analysed(a.id))
            for a in articles
        ]
        dossier = align_story(story, analyzed, store=self._store)
        return Built(dossier=dossier, view=build_view(dossier))

    def analyses(self, ids: Sequence[str]) -> dict[str, Analysis]:
        """One stored analysis per article among ``ids`` that has one (``_payloads``)."""
        return {i: codec.loads(Analysis, p) for i, p in self._payloads(ids).items()}

    def analyses_plain(self, ids: Sequence[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """The same analyses as plain JSON values, article by article."""
        for i, payload in self._payloads(ids).items():
            value = json.loads(payload)
            if isinstance(value, dict):
                yield i, value

    def _payloads(self, ids: Sequence[str]) -> dict[str, str]:
        """One stored analysis per article: by the store's main pipeline when it has one."""
        table = schema.analyses
        rank = self._pipelines()
        best: dict[str, tuple[int, str]] = {}
        with self._store.reading() as conn:
            for i in range(0, len(ids), 500):
                query = select(table.c.article_id, table.c.pipeline, table.c.payload).where(
                    table.c.article_id.in_(list(ids[i : i + 500]))
                )
                for row in conn.execute(query):
                    score = rank.get(row.pipeline, len(rank))
                    if row.article_id not in best or score < best[row.article_id][0]:
                        best[row.article_id] = (score, row.payload)
        return {i: payload for i, (_, payload) in best.items()}

    def _pipelines(self) -> dict[str, int]:
        """Pipeline versions, the one that analysed most articles first."""
        if self._ranking is None:
            table = schema.analyses
            with self._store.reading() as conn:
                rows = conn.execute(
                    select(table.c.pipeline, func.count().label("n")).group_by(table.c.pipeline)
                ).all()
            ordered = sorted((-row.n, row.pipeline) for row in rows)
            self._ranking = {pipeline: i for i, (_, pipeline) in enumerate(ordered)}
        return self._ranking


def _not_analysed(article_id: str) -> Analysis:
    return Analysis(
        article_id=article_id,
        pipeline="",
        notes=(Note(code="analysis_failed", detail="no stored analysis"),),
    )
