"""Configuration layering and validation."""

from __future__ import annotations

import pytest

from recoupe.config import load_settings
from recoupe.errors import ConfigError


def test_defaults_are_complete():
    settings = load_settings(environ={})
    assert settings.analyze.model == "fr_core_news_md"
    assert settings.analyze.batch_size > 0
    assert settings.ingest.max_bytes > 0


def test_layers_apply_in_order(tmp_path):
    user = tmp_path / "recoupe.toml"
    user.write_text('[analyze]\nmodel = "fr_core_news_sm"\nbatch_size = 4\n', encoding="utf-8")
    settings = load_settings(
        user_file=user,
        environ={"RECOUPE_ANALYZE_BATCH_SIZE": "8"},
        overrides={"analyze.model": "other_model", "ingest.max_bytes": None},
    )
    assert settings.analyze.batch_size == 8  # environment beats the file
    assert settings.analyze.model == "other_model"  # the command line beats everything


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[analyse]\nmodel = 'x'\n", "unknown config section 'analyse'"),
        ("[analyze]\nmodle = 'x'\n", "unknown key analyze.modle"),
        ("[analyze]\nbatch_size = 'many'\n", "analyze.batch_size must be int"),
        ("[analyze\n", "is not valid TOML"),
        ("[stories]\ngap_days = 'a week'\n", "stories.gap_days must be float"),
        ("[stories]\ngap_days = 2\n", "gap_days must exceed stories.grace_days"),
        ("[stories]\ngrace_days = -1\n", "grace_days be 0 or more"),
        ("[stories]\nwindow_days = 0\n", "window_days must be at least 1"),
        ("[analyze]\nprocesses = 0\n", "analyze.processes must be at least 1"),
    ],
)
def test_bad_user_file_is_refused_with_its_key(tmp_path, toml, message):
    user = tmp_path / "bad.toml"
    user.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(user_file=user, environ={})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("RECOUPE_INGEST_MAX_BYTES", "lots"),
        ("RECOUPE_STORIES_GAP_DAYS", "a week"),
        ("RECOUPE_STORIES_ENCODER", "maybe"),
    ],
)
def test_bad_environment_value_names_the_variable(name, value):
    with pytest.raises(ConfigError, match=name):
        load_settings(environ={name: value})


def test_story_windows_take_whole_numbers_and_reach_the_placement_settings(tmp_path):
    from recoupe.run import story_settings
    from recoupe.stories import DEFAULT_SETTINGS, LEXICAL_SETTINGS

    user = tmp_path / "recoupe.toml"
    user.write_text("[stories]\nencoder = false\ngap_days = 10\n", encoding="utf-8")
    settings = load_settings(user_file=user, environ={"RECOUPE_STORIES_WINDOW_DAYS": "14"})
    assert settings.stories.gap_days == 10.0 and settings.stories.window_days == 14
    placement = story_settings(settings)
    assert (placement.gap_days, placement.window_days) == (10.0, 14)
    assert placement.cut == LEXICAL_SETTINGS.cut != DEFAULT_SETTINGS.cut  # no encoder
    assert story_settings(load_settings(environ={})) == DEFAULT_SETTINGS


def test_missing_user_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(user_file=tmp_path / "absent.toml", environ={})
