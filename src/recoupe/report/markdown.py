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

from recoupe.model import Dossier

from .view import DocView, EvidenceView, build_view, make_environment, safe_link, slug

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
    """The dossier as GitHub-flavoured Markdown, every article string escaped."""
    template = _environment().get_template("dossier.md.j2")
    return template.render(view=build_view(dossier))


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
    )
    return env


def _id(text: str) -> Md:
    """An anchor name: a slug, which holds nothing to escape."""
    return Md(slug(text))


def _anchor(label: Any, anchor: str) -> Md:
    """A link to an anchor of this report."""
    return Md(f"[{escape_markdown(label)}](#{slug(anchor)})")


def _cite(ev: EvidenceView, label: Any | None = None) -> Md:
    return _anchor(ev.doc.name if label is None else label, ev.anchor)


def _doclinks(docs: Iterable[DocView]) -> Md:
    return Md(" ".join(_anchor(d.key, d.anchor) for d in docs))


def _factlinks(fact_ids: Iterable[str]) -> Md:
    return Md(" ".join(_anchor(f, "fact-" + slug(f)) for f in fact_ids))


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
