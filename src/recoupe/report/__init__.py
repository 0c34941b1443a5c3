"""Reports of a ``Dossier``: the JSON contract, Markdown and HTML.

The entry point is ``render(dossier, fmt)``; formats are looked up by name in a
small registry (``registry.py``), so a writer is one module and one line there.
"""

from .registry import available_formats, register, render

__all__ = ["available_formats", "register", "render"]
