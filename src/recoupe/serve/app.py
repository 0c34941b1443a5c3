"""The web application: pages and API over one store, read-only, safe by construction.

``create_app(store)`` builds it; nothing reads a global. Every response carries a
Content-Security-Policy that allows scripts, styles and images from the server itself
only, no inline script or style, no frame and no request anywhere else; pages never
fetch from the network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from recoupe import __version__
from recoupe.store.sql import SqlStore

from . import api, pages
from .catalogue import Catalogue
from .dossiers import Dossiers
from .render import page

logger = logging.getLogger(__name__)

WARM_DELAY = 2.0  # seconds between the server's start and the first story cross-checked

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every response (and
    answers HEAD as GET without a body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        head = scope["method"] == "HEAD"
        if head:  # answered as GET without its body (routes are declared for GET only)
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*kept, *HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store: SqlStore, *, warm: bool = False) -> FastAPI:
    """The web application over ``store`` (opened by the caller, never written).

    With ``warm``, a background thread cross-checks every story once, latest first, so
    that the stories list can show and sort by each story's divergences and origins.
    """
    catalogue = Catalogue(store, Dossiers(store))
    app = FastAPI(
        title="recoupe",
        version=__version__,
        description="Stories, articles, outlets, entities and dossiers of a recoupe store.",
        docs_url=None,  # the interactive docs load scripts from elsewhere: the CSP forbids it
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan(catalogue) if warm else None,
    )
    app.state.catalogue = catalogue
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("recoupe.serve", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else "error"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=status)
    key = "not_found" if status == 404 else "bad_request"
    return page(request, "error.html.j2", status=status, title_key=key)


def _lifespan(catalogue: Catalogue) -> Any:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        worker = threading.Thread(target=warm_up, args=(catalogue, stop), daemon=True)
        worker.start()
        yield
        stop.set()

    return lifespan


def warm_up(catalogue: Catalogue, stop: threading.Event, *, delay: float = WARM_DELAY) -> None:
    """Cross-check every story once, latest first, until ``stop`` is set.

    It starts after ``delay`` seconds, so that the server answers its first requests
    without sharing the interpreter with it.
    """
    if stop.wait(delay):
        return
    for story in catalogue.snapshot().stories:
        if stop.is_set():
            return
        try:
            catalogue.dossiers.get(story)
        except Exception:  # a story that cannot be built is shown without its figures
            logger.exception("could not cross-check story %s", story.id)
