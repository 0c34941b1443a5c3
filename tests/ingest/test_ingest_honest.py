"""Decoding and dates read honestly: a few bad bytes do not turn a UTF-8 file into
mojibake, and a publication date no newspaper could carry is set aside with a note."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from ingest_helpers import PARAGRAPHS, STORY, check_spans

from recoupe.ingest import read_all
from recoupe.ingest.dates import plausible
from recoupe.model import Note


def test_utf8_with_a_few_bad_bytes_stays_utf8_with_replacement_characters(write):
    data = STORY.encode("utf-8")
    data = data.replace(b"Brest", b"Br\xffest", 1).replace(b"budget", b"bud\xe9get", 1)
    path = write("abime.txt", data)
    (article,) = read_all([path]).articles
    assert article.text == data.decode("utf-8", errors="replace")
    assert "é" in article.text and "Ã" not in article.text
    assert article.text.count("\ufffd") == 2
    assert [n for n in article.notes if n.code == "encoding"] == [
        Note(
            code="encoding",
            detail="decoded as utf-8, 2 invalid byte sequence(s) replaced by U+FFFD",
        )
    ]
    check_spans(article)


def test_a_single_byte_file_with_one_utf8_sequence_is_still_cp1252(write):
    text = "L’élu évoque un « budget » de 3 € par tête, a-t-il précisé à Brest.\n"
    data = text.encode("cp1252") + "Très bien.\n".encode()
    (article,) = read_all([write("mixte.txt", data)]).articles
    assert article.text == data.decode("cp1252")
    assert Note(code="encoding", detail="decoded as cp1252") in article.notes


def test_an_html_page_with_a_bad_byte_is_not_read_in_its_declared_legacy_charset(write):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = f'<html><head><meta charset="iso-8859-1"></head><body><article>{body}</article>'
    data = (page + "</body></html>").encode("utf-8").replace(b"Brest", b"Br\x80est", 1)
    (article,) = read_all([write("page.html", data)]).articles
    assert "é" in article.text and "Ã" not in article.text


TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("published", "kept"),
    [
        ("0001-01-01", False),
        ("1899-12-31", False),
        ("1900-01-01", True),
        (TODAY.isoformat(), True),
        (f"{TODAY.year + 1}-12-31", True),
        (f"{TODAY.year + 2}-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_publication_dates_outside_a_sane_range_are_ignored_with_a_note(write, published, kept):
    record = {"text": PARAGRAPHS[0] + "\n" + PARAGRAPHS[1], "published": published}
    (article,) = read_all([write("r.jsonl", json.dumps(record))]).articles
    notes = [n for n in article.notes if n.code == "bad_date"]
    if kept:
        assert article.published == dt.date.fromisoformat(published)
        assert notes == []
    else:
        assert article.published is None
        assert notes == [
            Note(
                code="bad_date",
                detail=f"metadata gives {published}, before 1900 or after next year: ignored",
            )
        ]


def test_an_implausible_metadata_date_gives_way_to_the_date_in_the_url(write):
    record = {
        "text": STORY,
        "published": "0001-01-01T00:00:00Z",
        "url": "https://x.example/2024/06/03/budget.html",
    }
    (article,) = read_all([write("r.jsonl", json.dumps(record))]).articles
    assert (article.published, article.published_from) == (dt.date(2024, 6, 3), "url")


def test_plausible_is_relative_to_today():
    today = dt.date(2030, 5, 1)
    assert plausible(dt.date(2031, 12, 31), today=today)
    assert not plausible(dt.date(2032, 1, 1), today=today)
    assert not plausible(dt.date(1899, 12, 31), today=today)
