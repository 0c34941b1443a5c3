"""The HTML report: one self-contained page.

``render_html`` writes inline CSS, no script, no request of any kind (a
Content-Security-Policy meta tag says so to the browser), every byte of article text
escaped by Jinja2's autoescaping. The page walks the view built in ``view.py``.
"""

from __future__ import annotations

from functools import cache

import jinja2

from recoupe.model import Dossier

from .view import build_view, make_environment

__all__ = ["render", "render_html"]


def render_html(dossier: Dossier) -> str:
    """The dossier as one self-contained, script-free HTML page."""
    template = _html_environment().get_template("dossier.html.j2")
    return template.render(view=build_view(dossier))


render = render_html  # the name the report registry looks up


@cache
def _html_environment() -> jinja2.Environment:
    return make_environment(autoescape=True)
