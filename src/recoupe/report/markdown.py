"""The Markdown report: the HTML report's sections as GitHub-flavoured Markdown.

Every value the template prints goes through ``escape_markdown`` (Jinja2's
``finalize`` hook) unless it is ``Md``, Markdown this module built from escaped
parts. Article text therefore cannot open a link, an image, a table cell, emphasis,
a heading or raw HTML, wherever the template puts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2.runtime import Context

from recoupe.model import Dossier

from .stories_view import render_report
from .view import (
    DocView,
    EvidenceView,
    ReportView,
    make_environment,
    safe_link,
    slug,
)

__all__ = ["Md", "escape_markdown", "render", "render_markdown"]

# Characters that open Markdown or HTML anywhere in a line (GitHub-flavoured: ~ for
# strike-through, $ for math, & for entities). Backslash first so that escapes stay.
_INLINE = re.compile(r"([\\`*_\[\]<>|#~&$])")
# Characters that open a block when they start a line (list, heading underline),
# and an ordered-list number.
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


class Md(str):
    """Markdown built from escaped parts: printed as is."""

    __slots__ = ()


def escape_markdown(value: Any) -> str:
    """``value`` as inert Markdown text on one line: metacharacters backslash-escaped."""
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    match = _BLOCK_START.match(text)
    if match:
        end = match.end()
        if match.group(1)[0].isdigit():  # "2025. " would start an ordered list
            return text[:end] + "\\" + text[end:]
        return "\\" + text
    return text


def render_markdown(dossier: Dossier) -> str:
    """The dossier as GitHub-flavoured Markdown, every article string escaped.

    A dossier of several stories opens with the list of stories, then gives each its
    own section (``stories_view.py``); a dossier of one story is one report.
    """
    return render_report(dossier, _environment(), _body, "md")


def _body(view: ReportView, *, prefix: str = "", depth: int = 0, brief: bool = False) -> Md:
    """One story's report below its heading, every anchor starting with ``prefix``."""
    template = _environment().get_template("story.md.j2")
    return Md(template.render(view=view, prefix=prefix, depth=depth, brief=brief))


render = render_markdown  # the name the report registry looks up


@cache
def _environment() -> jinja2.Environment:
    env = make_environment(autoescape=False, finalize=escape_markdown)
    env.filters.update(
        anchor=_anchor,
        cite=_cite,
        doclinks=_doclinks,
        factlinks=_factlinks,
        urllink=_urllink,
        join_md=_join,
        id=_id,
        heading=_heading,
        md=_built,
    )
    return env


# Anchors: a template renders with ``prefix``, which starts every anchor it names
# (a story's own anchors in the report of several stories, "" in a report of one), and
# every anchor it writes or links to goes through ``id`` or ``anchor`` below.


@jinja2.pass_context
def _id(context: Context, text: str) -> Md:
    """An anchor name: a slug, which holds nothing to escape."""
    return Md(slug(context["prefix"] + text))


@jinja2.pass_context
def _anchor(context: Context, label: Any, anchor: str) -> Md:
    """A link to an anchor of this report."""
    return Md(f"[{escape_markdown(label)}](#{slug(context['prefix'] + anchor)})")


@jinja2.pass_context
def _cite(context: Context, ev: EvidenceView, label: Any | None = None) -> Md:
    return _anchor(context, ev.doc.name if label is None else label, ev.anchor)


@jinja2.pass_context
def _doclinks(context: Context, docs: Iterable[DocView]) -> Md:
    return Md(" ".join(_anchor(context, d.key, d.anchor) for d in docs))


@jinja2.pass_context
def _factlinks(context: Context, fact_ids: Iterable[str]) -> Md:
    return Md(" ".join(_anchor(context, f, "fact-" + slug(f)) for f in fact_ids))


def _built(text: str) -> Md:
    """The output of a macro of the template: Markdown whose every value the template
    printed, and so escaped, already."""
    return Md(text)


def _heading(level: int) -> Md:
    """The marks of a heading of ``level`` (``##`` for 2)."""
    return Md("#" * level)


def _urllink(url: str | None) -> Md:
    """An article's address: a link when it is plain http(s), else inert text."""
    link = safe_link(url)
    if link is None:
        return Md(escape_markdown(url))
    # Percent-encode what would end the destination or split a table cell.
    target = quote(link, safe=":/?#@!$&'*+,;=%-._~")
    return Md(f"[{escape_markdown(url)}]({target})")


def _join(values: Iterable[Any], separator: str = ", ") -> Md:
    return Md(separator.join(escape_markdown(v) for v in values))
