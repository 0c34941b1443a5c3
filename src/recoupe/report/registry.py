"""Report formats by name: each is a function ``(Dossier) -> str`` in its own module.

Built-in formats are named as ``"module:function"`` and imported on first use, so a
format whose module is not written yet (or needs an optional extra) costs nothing
until asked for; ``register`` adds or replaces one at run time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from recoupe.errors import OutputError
from recoupe.model import Dossier

__all__ = ["Renderer", "available_formats", "register", "render"]

Renderer = Callable[[Dossier], str]

_BUILTIN: dict[str, str] = {
    "json": "recoupe.report.json_contract:render_json",
    "md": "recoupe.report.markdown:render",
    "html": "recoupe.report.html:render",
}
_REGISTERED: dict[str, Renderer] = {}


def register(name: str, renderer: Renderer) -> None:
    """Make ``renderer`` the writer of format ``name``."""
    _REGISTERED[name] = renderer


def available_formats() -> list[str]:
    """The format names ``render`` knows (built-in or registered)."""
    return sorted(set(_BUILTIN) | set(_REGISTERED))


def _resolve(name: str) -> Renderer:
    if name in _REGISTERED:
        return _REGISTERED[name]
    target = _BUILTIN.get(name)
    if target is None:
        known = ", ".join(available_formats())
        raise OutputError(f"unknown report format {name!r}; known formats: {known}")
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        raise OutputError(f"report format {name!r} is not available in this build ({e})") from e
    renderer = getattr(module, attr, None)
    if renderer is None:
        raise OutputError(f"report format {name!r}: {module_name} defines no {attr}()")
    return renderer


def render(dossier: Dossier, fmt: str) -> str:
    """Write ``dossier`` in format ``fmt`` ("json", "md", "html") and return the text."""
    return _resolve(fmt)(dossier)
