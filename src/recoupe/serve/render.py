"""Server-rendered pages: the Jinja2 environment and one ``page`` helper.

Autoescaping is on for every template, whatever its name, and nothing marks article
text safe; links taken from articles pass ``safe_link`` (http and https only).
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from recoupe.report.view import certainty, plural, safe_link, slug

from .i18n import COOKIE, LANGUAGES, Translator, negotiate

COOKIE_AGE = 365 * 24 * 3600


@cache
def environment() -> jinja2.Environment:
    """The pages' environment: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("recoupe.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["slug"] = slug
    env.filters["plural"] = plural
    env.filters["certainty"] = certainty
    env.filters["safe_link"] = safe_link
    env.filters["path"] = path_part
    env.globals["evidence_url"] = evidence_url
    return env


def path_part(value: object) -> str:
    """``value`` quoted as one segment of a URL path (an outlet's or entity's name)."""
    return quote(str(value), safe="")


def evidence_url(article_id: str, start: int, end: int) -> str:
    """The article page with the words ``[start, end)`` highlighted and scrolled to."""
    return f"/articles/{path_part(article_id)}?hl={start}-{end}#hl"


def language_of(request: Request) -> str:
    return negotiate(
        request.query_params.get("lang"),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    """``template`` rendered in the request's language, with the language switch."""
    lang = language_of(request)
    switch = {other: _with_lang(request, other) for other in LANGUAGES}
    html = (
        environment()
        .get_template(template)
        .render(
            request_path=request.url.path, lang=lang, t=Translator(lang), switch=switch, **context
        )
    )
    response = HTMLResponse(html, status_code=status)
    # the words depend on these: a cache must not hand a French page to an English reader
    response.headers["vary"] = "Accept-Language, Cookie"
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(COOKIE, lang, max_age=COOKIE_AGE, samesite="lax", httponly=True)
    return response


def _with_lang(request: Request, lang: str) -> str:
    """This page's path and query with ``lang`` set (a relative URL, never another host)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", lang))
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
    return f"{quote(request.url.path)}?{query}"


def page_url(request: Request, number: int) -> str:
    """This list's URL at page ``number``, its filters kept."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "lang")]
    params.append(("page", str(number)))
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params)
    return f"{quote(request.url.path)}?{query}"
