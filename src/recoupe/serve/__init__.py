"""The web view: pages and a JSON API over the store (``recoupe serve``).

``create_app(store)`` builds the ASGI application; ``serve(url, host=..., port=...)``
opens a store read-only and runs it with uvicorn. Handlers read the store and draw
the report's view of each story; they never load a language model.
"""

from __future__ import annotations

from .app import create_app
from .selectors import selectors

__all__ = ["create_app", "selectors", "serve"]


def serve(url: str | None, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store at ``url`` on ``host:port`` until interrupted."""
    import uvicorn

    from recoupe.store import open_store

    store = open_store(url, create=False)
    try:
        app = create_app(store, warm=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        store.close()
