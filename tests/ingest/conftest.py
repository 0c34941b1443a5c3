"""Fixtures for ingest tests: write an input file in a temporary folder, read it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import check_spans

from recoupe.ingest import read_all
from recoupe.model import Article


@pytest.fixture
def write(tmp_path: Path):
    """``write(name, content)`` -> path of a new file in a temporary folder (str: UTF-8)."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return make


@pytest.fixture
def read_one(write):
    """``read_one(name, content)`` -> the one article read from a new file."""

    def read(name: str, content: str | bytes) -> Article:
        result = read_all([write(name, content)])
        assert not result.rejected, result.rejected
        (article,) = result.articles
        check_spans(article)
        return article

    return read
