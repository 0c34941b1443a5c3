"""An undated story is read against the day its embedded posts are signed with."""

from __future__ import annotations

import dataclasses
import datetime as dt

from recoupe.align.dates import inferred_published
from recoupe.model import Note


def test_undated_story_takes_the_day_of_its_posts(build) -> None:
    a = build.article("Le maire a répondu à l'opposition.", source="a.txt", published=None)
    post = Note(code="post_date", detail="2031-06-03")
    a = dataclasses.replace(a, article=dataclasses.replace(a.article, notes=(post,)))
    b = build.article("Le port est resté bloqué lundi.", source="b.txt", published=None)
    assert inferred_published([a, b]) == {
        a.article.id: dt.date(2031, 6, 3),
        b.article.id: dt.date(2031, 6, 3),
    }


def test_other_notes_date_nothing(build) -> None:
    a = build.article("Le maire a répondu à l'opposition.", source="a.txt", published=None)
    other = Note(code="published_without_year", detail="2031-06-03")
    a = dataclasses.replace(a, article=dataclasses.replace(a.article, notes=(other,)))
    assert inferred_published([a]) == {}
