"""Plain-text files: the text is the file as Python reads it, offsets point into it."""

from __future__ import annotations

import hashlib

import pytest
from ingest_helpers import PARAGRAPHS, STORY, body_text, check_spans, uncovered

from recoupe.ingest import read_all
from recoupe.model import Note


def test_utf8_text_is_the_file_text(write):
    path = write("article.txt", STORY)
    (article,) = read_all([path]).articles
    with open(path, encoding="utf-8") as fh:
        assert article.text == fh.read()
    assert [span.text for span in article.body] == list(PARAGRAPHS)
    assert article.source == "article.txt"
    assert article.origin == str(path)
    assert article.notes == ()
    check_spans(article)


def test_id_is_the_hash_of_the_normalised_body(read_one):
    article = read_one("a.txt", STORY)
    normalised = " ".join("\n".join(PARAGRAPHS).casefold().split())
    assert article.id == hashlib.sha256(normalised.encode()).hexdigest()[:16]


def test_utf8_bom_is_kept_as_python_reads_it(write):
    path = write("bom.txt", b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    (article,) = read_all([path]).articles
    with open(path, encoding="utf-8") as fh:
        assert article.text == fh.read()
    assert article.text.startswith("\ufeff")
    assert article.body[0].text == PARAGRAPHS[0]
    check_spans(article)


@pytest.mark.parametrize(
    ("encoding", "text", "note"),
    [
        ("cp1252", "L’élu évoque un « budget d’œuvre » de 3 € par tête.\n", "decoded as cp1252"),
        # 0x81 is undefined in CP1252, so Latin-1 is the only fit.
        ("latin-1", PARAGRAPHS[0] + "\x81\n" + PARAGRAPHS[1] + "\n", "decoded as latin-1"),
    ],
)
def test_single_byte_encodings_are_decoded_with_a_note(write, encoding, text, note):
    path = write("legacy.txt", text.encode(encoding))
    (article,) = read_all([path]).articles
    with open(path, encoding=encoding) as fh:
        assert article.text == fh.read()
    assert Note(code="encoding", detail=note) in article.notes
    check_spans(article)


def test_utf16_with_bom_is_decoded(write):
    path = write("utf16.txt", STORY.encode("utf-16"))
    (article,) = read_all([path]).articles
    with open(path, encoding="utf-16") as fh:
        assert article.text == fh.read()
    assert body_text(article) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends_are_read_as_python_text_mode_reads_them(write, newline):
    path = write("crlf.txt", STORY.replace("\n", newline))
    (article,) = read_all([path]).articles
    with open(path, encoding="utf-8") as fh:
        assert article.text == fh.read()
    assert "\r" not in article.text
    assert [span.text for span in article.body] == list(PARAGRAPHS)
    check_spans(article)


def test_blank_lines_separate_paragraphs(read_one):
    article = read_one("blank.txt", "\n\n".join(PARAGRAPHS[:3]) + "\n\n\n")
    assert [span.text for span in article.body] == list(PARAGRAPHS[:3])


def test_every_non_blank_character_is_body_or_removed_or_title(read_one):
    text = (
        "Le budget de Brest adopté après six heures de débat\n"
        "Par Anne Kerivel\n\n" + STORY + "Photo : Yves Martin / Ouest Presse\n"
        "Lire aussi : La rentrée scolaire à Brest\n"
    )
    article = read_one("full.txt", text)
    assert uncovered(article) == article.title
