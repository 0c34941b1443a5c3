"""Reports list quotations: a quoted term (kind "term", words nobody says) is left out."""

from __future__ import annotations

from dataclasses import replace

from dossier_factory import make_dossier

from recoupe.report.view import build_view


def test_a_term_is_not_listed_among_the_quotes() -> None:
    dossier = make_dossier()
    first = dossier.quotes[0]
    term = replace(first, quote=replace(first.quote, kind="term"))
    view = build_view(replace(dossier, quotes=(term, *dossier.quotes[1:])))
    listed = [qv.quote for qv in view.quotes]
    assert term not in listed
    assert len(listed) == len(dossier.quotes) - 1
