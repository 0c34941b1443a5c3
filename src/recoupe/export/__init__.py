"""Exports of a dossier for other tools: spreadsheets, fact-checkers, event data, annotators.

- ``csv_tables(dossier)``: the facts x articles grid, the divergences (one row per side),
  the quotes and the stories, as CSV texts a spreadsheet opens (``TABLES`` names them);
  ``stories_csv(stories)`` is the stories table alone, for a list of stored stories.
- ``claims(dossier)``: one schema.org ``Claim`` per fact, as JSON-LD (no rating: a
  rating is a person's verdict).
- ``events(dossier)``: PLOVER event records, one JSON line per account of an event or
  a commitment.
- ``selectors(text, start, end)``: W3C Web Annotation selectors of one evidence span.

Everything here reads a finished ``Dossier``; nothing is computed anew. Text from
articles is data: CSV cells that a spreadsheet would run as a formula are defused and
JSON is written so that it can be embedded in an HTML page as it is.
"""

from .annotation import selectors
from .jsonld import claims
from .plover import events
from .spreadsheet import TABLES, csv_tables, stories_csv

__all__ = ["TABLES", "claims", "csv_tables", "events", "selectors", "stories_csv"]
