"""Reports of a ``Dossier``: the JSON contract, Markdown and HTML.

The entry point is ``render(dossier, fmt)``; formats are looked up by name in a
small registry (``registry.py``), so a writer is one module and one line there.
``outlet_name`` is how every report (and the terminal summary) names an article.
"""

from .registry import available_formats, register, render
from .view import outlet_name

__all__ = ["available_formats", "outlet_name", "register", "render"]
