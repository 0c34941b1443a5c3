"""Build the spaCy pipeline and run it over articles.

The pipeline is the French model with recoupe's registered components added:
``recoupe_sentences`` first (before the parser, which respects its boundaries),
then after NER ``recoupe_mentions``, ``recoupe_dates``, ``recoupe_quantities``,
``recoupe_quotes``, ``recoupe_attribution`` and ``recoupe_claims``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator

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
from .doc import register_extensions
from .to_model import to_analysis

DEFAULT_MODEL = "fr_core_news_md"
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
    meta = nlp.meta
    return f"recoupe-{__version__}+{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """A Doc of ``article`` whose offsets are those of ``article.text``.

    Text outside the body (debris, dateline) is blanked with spaces, newlines kept.
    """
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
    doc = nlp.make_doc("".join(parts).translate(FOLD))
    doc._.recoupe_text = text
    doc._.recoupe_published = article.published.isoformat() if article.published else None
    doc._.recoupe_lang = article.language or "fr"
    return doc


def _blank(text: str) -> str:
    """``text`` with every character but line breaks turned into a space."""
    return _NOT_NEWLINE.sub(" ", text)


def analyze(
    articles: Iterable[Article], *, nlp: Language, batch_size: int = 16
) -> Iterator[AnalyzedArticle]:
    """Analyse each article (lazily, in input order) with ``nlp``."""
    version = pipeline_version(nlp)
    lang = nlp.lang
    pending: list[Article] = []

    def run(batch: list[Article]) -> Iterator[AnalyzedArticle]:
        docs = [prepare_doc(nlp, a) for a in batch if (a.language or lang) == lang]
        done = iter(nlp.pipe(docs, batch_size=batch_size))
        for article in batch:
            if (article.language or lang) == lang:
                analysis = to_analysis(next(done), article_id=article.id, pipeline=version)
            else:
                analysis = Analysis(
                    article_id=article.id,
                    pipeline=version,
                    notes=(Note(code="language", detail=f"no {article.language} pipeline"),),
                )
            yield AnalyzedArticle(article=article, analysis=analysis)

    for article in articles:
        pending.append(article)
        if len(pending) >= batch_size:
            yield from run(pending)
            pending = []
    if pending:
        yield from run(pending)
