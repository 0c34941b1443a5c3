"""Undated articles take the day their story gives them, shown as inferred."""

from __future__ import annotations

import dataclasses
import datetime as dt

from recoupe.align import align
from recoupe.align.dates import inferred_published


def test_undated_article_takes_the_story_day(build) -> None:
    a = build.article("Le port est resté bloqué mardi.", source="a.txt", published="2031-05-14")
    b = build.article("Les dockers ont voté la grève mardi.", source="b.txt", published=None)
    assert inferred_published([a, b]) == {b.article.id: dt.date(2031, 5, 14)}
    dossier = align([a, b])
    shown = {x.source: (x.published, x.published_from) for x in dossier.articles}
    assert shown["b.txt"] == (dt.date(2031, 5, 14), "inferred")
    assert shown["a.txt"][1] != "inferred"


def test_story_without_dates_is_read_against_the_day_its_sentences_name(build) -> None:
    text = "Le 3 juin 2031, les dockers ont voté la grève. Le port est resté bloqué."
    ref = build.date(text, "3 juin 2031", "2031-06-03")
    a = build.article(text, source="a.txt", published=None, dates=[dataclasses.replace(ref)])
    b = build.article("Le port est resté bloqué lundi.", source="b.txt", published=None)
    assert inferred_published([a, b]) == {
        a.article.id: dt.date(2031, 6, 3),
        b.article.id: dt.date(2031, 6, 3),
    }


def test_a_date_named_in_passing_infers_nothing(build) -> None:
    text = "Les violences du 3 juin 2031 ont été condamnées."
    ref = dataclasses.replace(build.date(text, "3 juin 2031", "2031-06-03"), role="noun")
    a = build.article(text, source="a.txt", published=None, dates=[ref])
    assert inferred_published([a]) == {}
    assert align([a]).articles[0].published is None
