"""The dossier as CSV tables a spreadsheet opens: facts x articles, divergences, quotes, stories.

Each table is one CSV text (RFC 4180: comma, double quotes, CRLF line ends) in UTF-8
with a byte-order mark, without which Excel reads accented letters as two odd
characters. Columns have headers in words; articles are named by their outlet as the
reports name them (``report.outlet_name``), never by a file name when the outlet is
known, and two articles of one outlet are told apart by their date. The divergences
table lists ``Dossier.divergences`` then ``Dossier.wording`` (the words only some
outlets use), one row per side, in the dossier's order.

Spreadsheet formula injection: a cell whose text starts with ``=``, ``+``, ``-``,
``@`` (or their full-width forms), a tab or a line break is run as a formula by
Excel, LibreOffice and Google Sheets, and article text may start so (a dialogue dash,
a pasted "=HYPERLINK(...)"). As OWASP recommends, such a cell is written with a
leading apostrophe, which makes the spreadsheet take it as text
(https://owasp.org/www-community/attacks/CSV_Injection). Numbers recoupe computes
(counts, offsets, confidences) are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from recoupe.model import Divergence, Dossier, Story
from recoupe.report.view import (
    CellView,
    DocView,
    EvidenceView,
    ReportView,
    build_view,
    certainty,
    safe_link,
)

__all__ = ["TABLES", "column_names", "csv_tables", "defuse", "stories_csv"]

TABLES = ("facts", "divergences", "quotes", "stories")
BOM = "\ufeff"
# what a cell of the facts grid says of an article (view.CellView.state); absent: ""
_STATES = {
    "reported": "reports",
    "differs": "reports, differs",
    "contradicted": "contradicts",
    "omitted": "leaves out",
    "absent": "",
}
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_CONTROL_START = frozenset("\t\r\n")

Cell = str | int | float | None


def csv_tables(dossier: Dossier, *, view: ReportView | None = None) -> dict[str, str]:
    """The four tables of ``dossier`` by name (``TABLES``), each a CSV text; ``view`` is
    the dossier's report view when the caller has it already."""
    view = view or build_view(dossier)
    story_of = _story_of(dossier.stories)
    return {
        "facts": _table(_facts_rows(view, story_of)),
        "divergences": _table(_divergence_rows(dossier, view, story_of)),
        "quotes": _table(_quote_rows(view, story_of)),
        "stories": stories_csv(dossier.stories),
    }


def stories_csv(stories: Iterable[Story]) -> str:
    """The stories table: one row a story, with its size, outlets and dates.

    Facts and divergences are counted for the stories of a dossier (``Story.dossier``
    is set) and left blank for stories as the store lists them, which have none yet.
    """
    header: list[Cell] = [
        "Story",
        "Title",
        "Articles",
        "Outlets",
        "First published",
        "Last published",
        "Facts",
        "Divergences",
        "Merged stories",
    ]
    rows: list[list[Cell]] = [header]
    for story in stories:
        counted = story.dossier is not None
        rows.append(
            [
                story.id,
                story.title,
                len(story.articles),
                "; ".join(story.outlets),
                story.first.isoformat() if story.first else None,
                story.last.isoformat() if story.last else None,
                len(story.facts) if counted else None,
                len(story.divergences) if counted else None,
                " ".join(story.merged),
            ]
        )
    return _table(rows)


def defuse(value: Cell) -> Cell:
    """``value`` as a spreadsheet takes it for text: a leading apostrophe before a
    formula-like start; numbers and blanks as they are."""
    if not isinstance(value, str) or not value:
        return value
    first = value.lstrip(" ")[:1]
    if first in _FORMULA_START or value[0] in _CONTROL_START:
        return "'" + value
    return value


def _table(rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else defuse(cell) for cell in row])
    return BOM + out.getvalue()


def _story_of(stories: Iterable[Story]) -> dict[str, str]:
    """Article, fact and divergence ids to the id of the story they belong to."""
    owner: dict[str, str] = {}
    for story in stories:
        for item in (*story.articles, *story.facts, *story.divergences):
            owner.setdefault(item, story.id)
    return owner


def column_names(docs: Sequence[DocView]) -> list[str]:
    """One header per article: its outlet; an outlet's second article adds its date, and
    a number when the date does not tell them apart either."""
    counts: dict[str, int] = {}
    for doc in docs:
        counts[doc.name] = counts.get(doc.name, 0) + 1
    names: list[str] = []
    for doc in docs:
        name = doc.name
        if counts[doc.name] > 1:
            name = f"{name} ({doc.published or 'undated'})"
        base, n = name, 2
        while name in names:
            name, n = f"{base} #{n}", n + 1
        names.append(name)
    return names


def _facts_rows(view: ReportView, story_of: dict[str, str]) -> list[list[Cell]]:
    header: list[Cell] = [
        "Fact",
        "Story",
        "Statement",
        "Event date",
        "Event type",
        "Articles reporting",
        "Outlets reporting",
        "Independent origins",
        "Articles leaving it out",
        "Divergences",
        *column_names(view.docs),
    ]
    rows = [header]
    for fv in view.facts:
        fact = fv.fact
        rows.append(
            [
                fact.id,
                story_of.get(fact.id),
                fact.statement,
                fact.date,
                fact.category,
                len(fv.docs),
                fv.outlets,
                fact.origins,
                len(fv.omitted),
                " ".join(fv.divergences),
                *(_cell(cell) for cell in fv.cells),
            ]
        )
    return rows


def _cell(cell: CellView) -> str:
    """What an article says of a fact: reports, differs (and on which divergences), ..."""
    words = _STATES.get(cell.state, cell.state)
    disputes = list(dict.fromkeys(div for div, _ in cell.positions))
    if disputes and cell.state in ("differs", "contradicted"):
        words += f" ({', '.join(disputes)})"
    return words


def _divergence_rows(
    dossier: Dossier, view: ReportView, story_of: dict[str, str]
) -> list[list[Cell]]:
    header: list[Cell] = [
        "Divergence",
        "Story",
        "Kind",
        "Certainty",
        "Confidence",
        "Facts",
        "Why",
        "Side",
        "Position",
        "Value",
        "Outlets",
        "Articles",
        "Article ids",
        "Evidence",
    ]
    rows = [header]
    # in the dossier's order (the view sorts its divergences most certain first)
    views = {dv.divergence.id: dv for dv in (*view.divergences, *view.wording)}
    for div in (*dossier.divergences, *dossier.wording):
        dv = views.get(div.id)
        if dv is None:
            continue
        story = _divergence_story(div, story_of)
        for number, side in enumerate(dv.sides, start=1):
            rows.append(
                [
                    div.id,
                    story,
                    div.kind,
                    certainty(div.confidence),
                    round(div.confidence, 2),
                    " ".join(div.facts),
                    div.reason,
                    number,
                    side.side.label,
                    side.side.value,
                    "; ".join(dict.fromkeys(doc.name for doc in side.docs)),
                    len(side.docs),
                    " ".join(doc.article_id for doc in side.docs),
                    _evidence_text(side.evidence),
                ]
            )
    return rows


def _divergence_story(div: Divergence, story_of: dict[str, str]) -> str | None:
    """The story of a divergence; a story-wide one of wording, by its first article."""
    if div.id in story_of:
        return story_of[div.id]
    for side in div.sides:
        for article_id in (*side.sources, *(ev.article_id for ev in side.evidence)):
            if article_id in story_of:
                return story_of[article_id]
    return None


def _evidence_text(evidence: Iterable[EvidenceView]) -> str:
    """Each cited sentence on its own line, after the outlet that prints it."""
    return "\n".join(f"{ev.doc.name}: {ev.text}" for ev in evidence)


def _quote_rows(view: ReportView, story_of: dict[str, str]) -> list[list[Cell]]:
    header: list[Cell] = [
        "Speaker",
        "Quote",
        "Kind",
        "Outlet",
        "Published",
        "URL",
        "Title",
        "Story",
        "Article id",
        "Start",
        "End",
    ]
    rows = [header]
    for qv in view.quotes:  # quoted terms are no quotations: the view leaves them out
        quote = qv.quote.quote
        words = quote.content if quote.content.end > quote.content.start else quote.span
        doc = qv.doc
        rows.append(
            [
                qv.speaker,
                words.text,
                quote.kind,
                doc.name,
                _day(doc),
                safe_link(doc.url),
                doc.title,
                story_of.get(doc.article_id),
                doc.article_id,
                words.start,
                words.end,
            ]
        )
    return rows


def _day(doc: DocView) -> str | None:
    """The publication day alone (``DocView.published`` may add "(inferred)")."""
    return doc.published.split(" ", 1)[0] if doc.published else None
