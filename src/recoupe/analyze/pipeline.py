"""Build the spaCy pipeline and run it over articles.

The pipeline is the French model with recoupe's registered components added:
``recoupe_sentences`` first (before the parser, which respects its boundaries),
then after NER ``recoupe_mentions``, ``recoupe_dates``, ``recoupe_quantities``,
``recoupe_quotes``, ``recoupe_attribution`` and ``recoupe_claims``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from recoupe import __version__
from recoupe.errors import ModelError
from recoupe.model import Analysis, AnalyzedArticle, Article, Note

# Importing the component modules registers their factories with spaCy.
from . import (  # noqa: F401  (imported for their @Language.factory side effect)
    attribution,
    claims,
    dates,
    mentions,
    quantities,
    quotes,
    sentences,
)
from .doc import outputs, register_extensions
from .pieces import PIECE_CHARS, cut, joined
from .to_model import to_analysis

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "fr_core_news_md"
# Longer articles are not analysed (analyze.max_chars in defaults.toml says why).
DEFAULT_MAX_CHARS = 2_000_000
COMPONENTS = (
    "recoupe_mentions",
    "recoupe_dates",
    "recoupe_quantities",
    "recoupe_quotes",
    "recoupe_attribution",
    "recoupe_claims",
)
# Characters folded before spaCy, one for one so offsets do not move: the French
# models tokenise the typographic apostrophe badly ("qu’" becomes an entity).
_NOT_NEWLINE = re.compile(r"[^\n]")
FOLD = str.maketrans({"’": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})


def build_nlp(model: str = DEFAULT_MODEL, *, lang: str = "fr") -> Language:
    """Load ``model`` (an installed spaCy package) and add recoupe's components."""
    register_extensions()
    try:
        importlib.import_module(model)
    except ImportError as e:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install it from PyPI "
            f"(pip install {model.replace('_', '-')}) or run 'make install'"
        ) from e
    nlp = spacy.load(model)
    nlp.add_pipe("recoupe_sentences", first=True)
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"lang": lang})
    return nlp


def pipeline_version(nlp: Language) -> str:
    """The version string analyses are keyed by: recoupe's and the model's."""
    return version_of_meta(nlp.meta)


def version_of_meta(meta: Mapping[str, Any]) -> str:
    """The pipeline version of a model whose meta (``nlp.meta``, or its package's
    meta.json) is ``meta``."""
    return f"recoupe-{__version__}+{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def prepare_doc(nlp: Language, article: Article, *, start: int = 0, end: int | None = None) -> Doc:
    """A Doc of ``article`` whose offsets are those of ``article.text``.

    Text outside the body (debris, dateline) is blanked with spaces, newlines kept.
    With ``start`` and ``end``, the Doc holds that slice alone, its offsets counted
    from ``start`` (a piece of a long article, ``pieces.py``).
    """
    text = article.text
    end = len(text) if end is None else end
    doc = nlp.make_doc(_masked(article)[start:end].translate(FOLD))
    doc._.recoupe_text = text[start:end]
    published = article.published
    if published is not None and not dt.MINYEAR < published.year < dt.MAXYEAR:
        # dates read a year either side of year 1 or 9999 fall off the calendar (ingest
        # already sets aside dates before 1900 or after next year: this is for the rest)
        outputs(doc, "recoupe_notes").append(
            Note(
                code="bad_date",
                detail=f"publication date {published.isoformat()} at the end of the calendar:"
                " relative dates not resolved",
            )
        )
        published = None
    doc._.recoupe_published = published.isoformat() if published else None
    doc._.recoupe_lang = article.language or "fr"
    return doc


def _masked(article: Article) -> str:
    """``article.text`` with what is not body blanked, offsets unchanged."""
    text = article.text
    parts, cursor = [], 0
    for span in sorted(article.body):
        if span.start < cursor:  # overlapping body spans: keep what is already copied
            span_start = cursor
        else:
            span_start = span.start
            parts.append(_blank(text[cursor:span_start]))
        parts.append(text[span_start : span.end])
        cursor = max(cursor, span.end)
    parts.append(_blank(text[cursor:]))
    return "".join(parts)


def _blank(text: str) -> str:
    """``text`` with every character but line breaks turned into a space."""
    return _NOT_NEWLINE.sub(" ", text)


def analyze(
    articles: Iterable[Article],
    *,
    nlp: Language,
    batch_size: int = 16,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[AnalyzedArticle]:
    """Analyse each article (lazily, in input order) with ``nlp``.

    An article longer than the model takes at once is analysed in pieces; one over
    ``max_chars`` characters is not analysed (an empty analysis noted ``too_long``).
    An article whose analysis fails gets an empty analysis with an ``analysis_failed``
    note saying why, and the others are analysed as if it were not there.
    """
    version = pipeline_version(nlp)
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _analyze_batch(batch, nlp, version, batch_size, max_chars)
            batch = []
    if batch:
        yield from _analyze_batch(batch, nlp, version, batch_size, max_chars)


def _analyze_batch(
    batch: list[Article], nlp: Language, version: str, batch_size: int, max_chars: int
) -> Iterator[AnalyzedArticle]:
    limit = min(nlp.max_length, PIECE_CHARS)
    analyses: dict[int, Analysis] = {}
    together = []
    for i, article in enumerate(batch):
        if (article.language or nlp.lang) != nlp.lang:
            analyses[i] = _noted(article, version, "language", f"no {article.language} pipeline")
        elif len(article.text) > max_chars:
            detail = f"{len(article.text)} characters, over analyze.max_chars ({max_chars})"
            logger.warning("%s: not analysed: %s", article.source, detail)
            analyses[i] = _noted(article, version, "too_long", detail)
        elif len(article.text) > limit:
            analyses[i] = _analyze_one(article, nlp, version, limit=limit)
        else:
            together.append(i)
    together_analyses = _pipe([batch[i] for i in together], nlp, version, batch_size)
    analyses.update(zip(together, together_analyses, strict=True))
    for i, article in enumerate(batch):
        yield AnalyzedArticle(article=article, analysis=analyses[i])


def _pipe(articles: list[Article], nlp: Language, version: str, batch_size: int) -> list[Analysis]:
    """The analyses of ``articles``, in one ``nlp.pipe`` if none fails, else one by one.

    spaCy's own error handler would drop a failing Doc from the stream and pair every
    later result with the wrong article: so a failing batch is run again article by
    article, and only the article that fails is lost.
    """
    try:
        docs = nlp.pipe((prepare_doc(nlp, a) for a in articles), batch_size=batch_size)
        return [
            to_analysis(doc, article_id=article.id, pipeline=version)
            for doc, article in zip(docs, articles, strict=True)
        ]
    except Exception:
        logger.debug("a batch of %d articles failed: analysed one by one", len(articles))
    limit = min(nlp.max_length, PIECE_CHARS)
    return [_analyze_one(article, nlp, version, limit=limit) for article in articles]


def _analyze_one(article: Article, nlp: Language, version: str, *, limit: int) -> Analysis:
    """The analysis of one article (in pieces if it is over ``limit`` characters), or an
    empty one noted ``analysis_failed``."""
    try:
        parts = [
            (
                start,
                _analysis(nlp(prepare_doc(nlp, article, start=start, end=end)), article, version),
            )
            for start, end in cut(article.text, limit)
        ]
    except Exception as e:
        detail = _reason(e)
        logger.warning("%s: analysis failed (%s)", article.source, detail)
        logger.debug("%s: traceback", article.source, exc_info=True)
        return _noted(article, version, "analysis_failed", detail)
    if len(parts) == 1:
        return parts[0][1]
    return joined(parts, article_id=article.id, pipeline=version)


def _analysis(doc: Doc, article: Article, version: str) -> Analysis:
    return to_analysis(doc, article_id=article.id, pipeline=version)


def _reason(error: BaseException) -> str:
    """The first line of what went wrong, from the root cause: spaCy re-raises a
    component's KeyError as a ValueError that asks whether ``initialize()`` was called."""
    while error.__cause__ is not None:
        error = error.__cause__
    lines = str(error).splitlines() or [""]
    return f"{type(error).__name__}: {lines[0][:160]}"


def _noted(article: Article, version: str, code: str, detail: str) -> Analysis:
    """An empty analysis of ``article`` with one note: why it was not analysed."""
    return Analysis(
        article_id=article.id, pipeline=version, notes=(Note(code=code, detail=detail),)
    )
