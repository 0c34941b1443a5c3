"""The per-article analysis on several cores: batches shared out to forked processes.

The pipeline is loaded once, here; worker processes are forked from this one, so they
share its model (copy on write) instead of loading it again. Each batch is the batch
``analyze.analyze`` would make in one process (same articles, same size), so every
article's analysis is the same as in one process; results come back in input order, as
a stream. Without ``fork`` (not on Linux) or with one process, the analysis runs here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from recoupe.model import AnalyzedArticle, Article

__all__ = ["analyze_on_cores"]

# What the forked workers read: set in this process just before they are forked.
_SHARED: dict[str, Any] = {}


def analyze_on_cores(
    articles: Sequence[Article],
    *,
    nlp: Any,
    batch_size: int,
    max_chars: int,
    processes: int,
) -> Iterator[AnalyzedArticle]:
    """``analyze.analyze`` of ``articles``, its batches run by ``processes`` processes."""
    from recoupe import analyze

    batches = [list(articles[i : i + batch_size]) for i in range(0, len(articles), batch_size)]
    forks = "fork" in multiprocessing.get_all_start_methods()
    if processes <= 1 or len(batches) <= 1 or not forks:
        yield from analyze.analyze(articles, nlp=nlp, batch_size=batch_size, max_chars=max_chars)
        return
    _SHARED.update(nlp=nlp, batch_size=batch_size, max_chars=max_chars)
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(min(processes, len(batches)), mp_context=context) as pool:
            for done in pool.map(_analyze_batch, batches):
                yield from done
    finally:
        _SHARED.clear()


def _analyze_batch(batch: list[Article]) -> list[AnalyzedArticle]:
    from recoupe import analyze

    return list(
        analyze.analyze(
            batch,
            nlp=_SHARED["nlp"],
            batch_size=_SHARED["batch_size"],
            max_chars=_SHARED["max_chars"],
        )
    )
