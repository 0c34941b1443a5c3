"""The HTML report: one self-contained page.

``render_html`` writes inline CSS, no script, no request of any kind (a
Content-Security-Policy meta tag says so to the browser), every byte of article text
escaped by Jinja2's autoescaping. The page walks the view built in ``view.py``; a
dossier of several stories lists them, then gives each its own section
(``stories_view.py``).
"""

from __future__ import annotations

from functools import cache

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from recoupe.model import Dossier

from .stories_view import render_report
from .view import ReportView, make_environment

__all__ = ["render", "render_html"]


def render_html(dossier: Dossier) -> str:
    """The dossier as one self-contained, script-free HTML page."""
    return render_report(dossier, _html_environment(), _body, "html")


render = render_html  # the name the report registry looks up


def _body(view: ReportView, *, prefix: str = "", depth: int = 0, brief: bool = False) -> Markup:
    """One story's sections, every id and link inside the page starting with ``prefix``.

    Marked safe to print as is: it is a page fragment this environment wrote, with
    every value autoescaped.
    """
    template = _html_environment().get_template("story.html.j2")
    return Markup(template.render(view=view, prefix=prefix, depth=depth, brief=brief))


@jinja2.pass_context
def _here(context: Context, anchor: str) -> str:
    """The id ``anchor`` has on this page: the template's ``prefix`` starts it."""
    return context["prefix"] + anchor


@cache
def _html_environment() -> jinja2.Environment:
    env = make_environment(autoescape=True)
    env.filters["here"] = _here
    return env
