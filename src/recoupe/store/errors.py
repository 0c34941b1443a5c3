"""The store's error (to join the tree in ``recoupe.errors`` as E5xx)."""

from __future__ import annotations

from recoupe.errors import RecoupeError


class StoreError(RecoupeError):
    """The store cannot be opened, migrated or written; the message says what to do."""

    code = "E500"
