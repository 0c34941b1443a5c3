"""The shared scorer (``../shared/eval/score.py``) as the quality gates use it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from recoupe import align, report
from recoupe.analyze import analyze
from recoupe.ingest import read_all

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORER = SHARED / "eval" / "score.py"


def load_scorer() -> ModuleType:
    """The scorer module, or a skip when ``../shared`` is not there (CI refuses that)."""
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER}")
    spec = importlib.util.spec_from_file_location("recoupe_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_corpus(nlp, paths: list[Path], *, gold: Path, corpus: Path) -> dict:
    """Read, analyse and align ``paths``, write the JSON contract, and score it against ``gold``."""
    if not gold.is_file():
        pytest.skip(f"gold not found at {gold}")
    scorer = load_scorer()
    read = read_all(paths)
    analyzed = list(analyze(read.articles, nlp=nlp))
    data = json.loads(report.render(align.align(analyzed, duplicates=read.duplicates), "json"))
    expected = json.loads(gold.read_text(encoding="utf-8"))
    return scorer.score(expected, data, scorer.Corpus(str(corpus)))
