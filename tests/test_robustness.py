"""Never lose a run: settings that bound the analysis, checked once at the edge."""

from __future__ import annotations

import pytest

from recoupe.analyze.pipeline import DEFAULT_MAX_CHARS
from recoupe.config import load_settings
from recoupe.errors import ConfigError
from recoupe.run import run


def test_max_chars_default_is_documented_and_the_library_default():
    assert load_settings(environ={}).analyze.max_chars == DEFAULT_MAX_CHARS


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("analyze.batch_size", -5, "analyze.batch_size must be at least 1, got -5"),
        ("analyze.batch_size", 0, "analyze.batch_size must be at least 1, got 0"),
        ("analyze.max_chars", 0, "analyze.max_chars must be at least 1, got 0"),
        ("ingest.max_bytes", -1, "ingest.max_bytes must be at least 1, got -1"),
    ],
)
def test_sizes_below_one_are_refused(key, value, message):
    with pytest.raises(ConfigError) as error:
        load_settings(environ={}, overrides={key: value})
    assert str(error.value) == f"E100: {message}"


@pytest.mark.model
def test_run_passes_max_chars_to_the_analysis(nlp, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Le conseil municipal de Brest a voté lundi le budget de la ville, a déclaré la maire.",
        encoding="utf-8",
    )
    settings = load_settings(
        environ={}, overrides={"analyze.max_chars": 20, "stories.encoder": False}
    )
    dossier = run([path], settings=settings, nlp=nlp).dossier
    (analysis,) = dossier.analyses
    assert [n.code for n in analysis.notes] == ["too_long"]
