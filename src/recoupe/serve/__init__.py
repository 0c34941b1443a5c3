"""The web view: pages and a JSON API over the store (``recoupe serve``).

``create_app(store)`` builds the ASGI application; ``serve(store, host=..., port=...)``
runs it with uvicorn. Handlers read the store and draw
the report's view of each story; they never load a language model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .app import create_app

if TYPE_CHECKING:
    from recoupe.store.sql import SqlStore

__all__ = ["create_app", "serve"]


def serve(store: SqlStore, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``store`` (opened by the caller, never written) on ``host:port`` until
    interrupted; every story is cross-checked once in the background."""
    import uvicorn

    app = create_app(store, warm=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
