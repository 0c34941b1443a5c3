"""W3C Web Annotation selectors for one evidence span, so annotation tools can anchor it.

A ``TextQuoteSelector`` (the exact words with some text before and after them) finds
the span again in a copy of the article whose offsets moved; a
``TextPositionSelector`` gives the offsets themselves. Both describe the same span,
as the Web Annotation Data Model allows several selectors of one target to do
(https://www.w3.org/TR/annotation-model/#selectors). Offsets count Unicode code
points (Python ``str`` indices) into ``Article.text``, half-open as everywhere in
recoupe, which is what the model asks of a ``TextPositionSelector``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONTEXT_CHARS", "selectors"]

# Text kept before and after the exact words, as Hypothesis does (32 characters); it
# grows, doubling, until prefix + exact + suffix occur once in the text.
CONTEXT_CHARS = 32
_MAX_CONTEXT = 1024


def selectors(text: str, start: int, end: int) -> dict[str, Any]:
    """``{"selector": [TextQuoteSelector, TextPositionSelector]}`` of ``text[start:end]``.

    Raises ``ValueError`` when the offsets do not lie in the text (``0 <= start <= end
    <= len(text)``): a span that points nowhere cannot be anchored.
    """
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is not inside a text of {len(text)} characters")
    exact = text[start:end]
    width = CONTEXT_CHARS
    while True:
        prefix = text[max(0, start - width) : start]
        suffix = text[end : end + width]
        whole_text = start - width <= 0 and end + width >= len(text)
        if whole_text or width >= _MAX_CONTEXT or _once(text, prefix + exact + suffix):
            break
        width *= 2
    return {
        "selector": [
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ]
    }


def _once(text: str, needle: str) -> bool:
    """Whether ``needle`` occurs exactly once in ``text`` (overlapping copies count)."""
    first = text.find(needle)
    return first >= 0 and text.find(needle, first + 1) < 0
