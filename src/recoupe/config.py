"""Configuration: commented defaults, validated once at the edge, passed down as objects.

``defaults.toml`` documents every key. A user file, environment variables
(``RECOUPE_<SECTION>_<KEY>``) and command-line overrides are layered on top, in
that order; unknown sections or keys and values of the wrong type are refused
with a ``ConfigError`` that names them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from recoupe.errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestSettings:
    max_bytes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzeSettings:
    model: str
    batch_size: int
    max_chars: int
    processes: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportSettings:
    also: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoriesSettings:
    encoder: bool
    window_days: int
    grace_days: float
    gap_days: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    ingest: IngestSettings
    analyze: AnalyzeSettings
    report: ReportSettings
    stories: StoriesSettings


def defaults() -> dict[str, dict[str, Any]]:
    """The parsed defaults file."""
    text = importlib_resources.files("recoupe").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_settings(
    *,
    user_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve the settings: defaults < user file < environment < ``overrides``.

    ``overrides`` maps dotted keys (``"analyze.model"``) to values; None values are ignored.
    """
    values = defaults()
    if user_file is not None:
        _merge(values, _read_user_file(Path(user_file)), origin=str(user_file))
    env = os.environ if environ is None else environ
    for section, keys in values.items():
        for key, default in keys.items():
            name = f"RECOUPE_{section}_{key}".upper()
            if name in env:
                keys[key] = _parse_env(name, env[name], default)
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        _merge(values, {section: {key: value}}, origin="command line")
    for section, key in (
        ("ingest", "max_bytes"),
        ("analyze", "batch_size"),
        ("analyze", "max_chars"),
        ("analyze", "processes"),
    ):
        if values[section][key] < 1:
            raise ConfigError(f"{section}.{key} must be at least 1, got {values[section][key]}")
    return Settings(
        ingest=IngestSettings(**values["ingest"]),
        analyze=AnalyzeSettings(**values["analyze"]),
        report=ReportSettings(also=tuple(values["report"]["also"])),
        stories=_stories(values["stories"]),
    )


def _stories(values: Mapping[str, Any]) -> StoriesSettings:
    stories = StoriesSettings(
        encoder=values["encoder"],
        window_days=values["window_days"],
        grace_days=float(values["grace_days"]),
        gap_days=float(values["gap_days"]),
    )
    if stories.window_days < 1:
        raise ConfigError(f"stories.window_days must be at least 1, got {stories.window_days}")
    if not 0 <= stories.grace_days < stories.gap_days:
        raise ConfigError(
            "stories.gap_days must exceed stories.grace_days, and grace_days be 0 or more;"
            f" got grace_days {stories.grace_days}, gap_days {stories.gap_days}"
        )
    return stories


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read config file {path}: {e.strerror}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config file {path} is not valid TOML: {e}") from e


def _merge(values: dict[str, dict[str, Any]], layer: Mapping[str, Any], *, origin: str) -> None:
    for section, keys in layer.items():
        if section not in values or not isinstance(keys, Mapping):
            raise ConfigError(f"unknown config section {section!r} ({origin})")
        for key, value in keys.items():
            if key not in values[section]:
                known = ", ".join(sorted(values[section]))
                raise ConfigError(f"unknown key {section}.{key} ({origin}); known: {known}")
            default = values[section][key]
            if not _same_type(value, default):
                raise ConfigError(
                    f"{section}.{key} must be {type(default).__name__}, got {value!r} ({origin})"
                )
            values[section][key] = value


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, list):
        return isinstance(value, list | tuple)
    if isinstance(default, float):
        return isinstance(value, int | float)  # TOML writes 10 for 10.0
    return isinstance(value, type(default))


def _parse_env(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        word = raw.strip().lower()
        if word not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise ConfigError(f"environment variable {name} must be true or false, got {raw!r}")
        return word in ("1", "true", "yes", "on")
    if isinstance(default, int):
        try:
            return int(raw.replace("_", ""))
        except ValueError as e:
            raise ConfigError(f"environment variable {name} must be an integer, got {raw!r}") from e
    if isinstance(default, float):
        try:
            return float(raw.replace("_", ""))
        except ValueError as e:
            raise ConfigError(f"environment variable {name} must be a number, got {raw!r}") from e
    if isinstance(default, list):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw
