"""JSON text that stays inert wherever it is pasted: in an HTML page, a script, a line reader.

``json.dumps`` with ``ensure_ascii=False`` keeps accents readable but leaves ``<``,
``>`` and ``&`` as they are, so ``</script>`` in an article would close the
``<script type="application/ld+json">`` block a JSON-LD document is usually served in;
and it leaves U+2028, U+2029 and U+0085 raw, which ``str.splitlines`` and JavaScript
take for line ends (a JSON Lines record cut in two). Those characters are written as
``\\uXXXX`` escapes: the JSON is the same value, parsed back.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["dumps"]

_UNSAFE = re.compile("[<>&\u0085\u2028\u2029]")


def dumps(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON text with ``<``, ``>``, ``&`` and line separators escaped."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    # outside strings JSON has none of these characters, so every match is in a string
    return f"\\u{ord(match.group()):04x}"
