"""The seed corpus: five real French reports, read as plain text (structure only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ingest_helpers import check_spans, uncovered

from recoupe.ingest import read_all

pytestmark = pytest.mark.seeds

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@pytest.fixture(scope="module")
def seeds(seed_paths):
    """What ingest reads from the seed folder (``seed_paths`` skips when it is absent)."""
    return read_all([seed_paths[0].parent])


def seed_folder(result):
    return Path(result.articles[0].origin).parent


def test_every_seed_is_read(seeds):
    assert seeds.rejected == ()
    assert seeds.duplicates == ()
    assert len(seeds.articles) == 5
    assert len({a.id for a in seeds.articles}) == 5
    assert [a.source for a in seeds.articles] == sorted(
        p.name for p in seed_folder(seeds).iterdir()
    )


def test_text_is_the_file_text_and_spans_point_into_it(seeds):
    for article in seeds.articles:
        with open(article.origin, encoding="utf-8") as fh:
            assert article.text == fh.read()
        check_spans(article)
        assert article.body
        assert all(span.text for span in article.body)
        assert uncovered(article) in ("", article.title)
        body_chars = sum(len(span.text) for span in article.body)
        assert body_chars > 0.8 * len("".join(article.text.split()))
        assert article.language == "fr"


def test_dates_in_the_header_become_the_publication_date(seeds):
    found = 0
    for article in seeds.articles:
        header = "\n".join(article.text.splitlines()[:3])
        if years := _YEAR.findall(header):
            assert article.published is not None, article.source
            assert article.published.year == int(years[0])
            found += 1
        elif article.dateline is not None and re.search(r"\d", article.dateline.text):
            # a dateline with a day and no year: left unknown, and said so
            assert article.published is None
            assert "published_without_year" in [note.code for note in article.notes]
    assert found >= 1
