"""A sample of the fuzz benchmark (bench/fuzz_inputs.py) run as tests: malformed inputs
at every reader, odd articles through the whole run; no crash, and no file lost for
one bad record."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from recoupe.config import load_settings
from recoupe.ingest import read_all
from recoupe.run import run

BENCH = Path(__file__).resolve().parent.parent / "bench"
PER_READER = 35
ARTICLES = 20


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


cases = _load("fuzz_cases")


@pytest.mark.parametrize("reader", cases.READERS)
def test_malformed_inputs_cost_at_most_their_bad_record(reader, tmp_path):
    rng = random.Random(f"ci-{reader}")
    for _ in range(PER_READER):
        case = cases.reader_case(reader, rng)
        path = tmp_path / case.name
        path.write_bytes(case.data)
        result = read_all([path])
        assert not [r for r in result.rejected if "could not be read as" in r.detail], case.kind
        if case.good:
            assert result.articles, (case.kind, result.rejected)


@pytest.mark.model
def test_odd_articles_go_through_the_whole_run(nlp, tmp_path):
    records = cases.analysis_records(random.Random("ci-analysis"), ARTICLES)
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    settings = load_settings(environ={}, overrides={"stories.encoder": False})
    dossier = run([path], settings=settings, nlp=nlp).dossier
    assert len(dossier.analyses) == ARTICLES
    for analysis in dossier.analyses:
        assert "analysis_failed" not in [n.code for n in analysis.notes], analysis.notes
