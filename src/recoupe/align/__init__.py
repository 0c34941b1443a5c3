"""Alignment of the articles of one story into a ``Dossier``.

Entities are resolved across articles, quotes get their speakers, statements are
clustered into facts with their evidence, and the facts are compared: where
accounts differ, who reports what and who leaves it out, which articles share one
origin, who committed to what, and when it happened. The entry point is ``align``.
"""

from .pipeline import align
from .settings import AlignSettings

__all__ = ["AlignSettings", "align"]
