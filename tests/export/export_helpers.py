"""Readers of the exports for the export tests (``tests/export`` is on ``sys.path``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def read_csv(text: str) -> list[list[str]]:
    """A CSV text as rows, its byte-order mark checked and removed."""
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def as_dicts(text: str) -> list[dict[str, str]]:
    header, *rows = read_csv(text)
    assert all(len(row) == len(header) for row in rows)
    return [dict(zip(header, row, strict=True)) for row in rows]
