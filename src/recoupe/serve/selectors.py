"""W3C Web Annotation selectors for a span of an article's text.

A private stand-in for ``recoupe.export.selectors`` (same signature and shape), so that
annotation tools can anchor every piece of evidence the API gives: a
``TextQuoteSelector`` (the exact words and a few characters either side) and a
``TextPositionSelector`` (half-open character offsets into ``Article.text``).
"""

from __future__ import annotations

from typing import Any

CONTEXT = 32  # characters of prefix and suffix: enough to tell repeated words apart


def selectors(text: str, start: int, end: int) -> dict[str, Any]:
    """The two selectors of ``text[start:end]``, keyed by their W3C type."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return {
        "TextQuoteSelector": {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT) : start],
            "suffix": text[end : end + CONTEXT],
        },
        "TextPositionSelector": {"type": "TextPositionSelector", "start": start, "end": end},
    }
