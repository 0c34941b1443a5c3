"""Errors raised by recoupe.

The tree::

    RecoupeError                 base of everything recoupe raises on purpose
    ├── ConfigError      (E1xx)  a bad configuration key or value; the message says which
    ├── ModelError       (E2xx)  the spaCy model is missing or unusable; install it from PyPI
    ├── ResourceError    (E3xx)  a language resource file is missing or malformed
    ├── OutputError      (E4xx)  a report could not be written where asked
    └── StoreError       (E5xx)  the store cannot be opened, migrated or written

Bad *content* (an empty page, a binary file, a malformed feed) is not an exception:
ingest turns it into a ``model.Rejected`` record and the run goes on.
"""

from __future__ import annotations


class RecoupeError(Exception):
    """Base class; ``code`` is stable and appears first in the message."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"{self.code}: {message}")
        self.message = message


class ConfigError(RecoupeError):
    code = "E100"


class ModelError(RecoupeError):
    code = "E200"


class ResourceError(RecoupeError):
    code = "E300"


class OutputError(RecoupeError):
    code = "E400"


class StoreError(RecoupeError):
    """The store cannot be opened, migrated or written; the message says what to do."""

    code = "E500"
