"""Bad inputs: one Rejected each, with a reason code and a readable detail; the run goes on."""

from __future__ import annotations

import gzip
import os

import pytest
from ingest_helpers import STORY

from recoupe.ingest import read_all


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n   \n", "empty"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "empty"),
        ("nul.txt", b"du texte\x00\x00\x01\x02 et des octets", "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        ("archive.zip", b"PK\x03\x04" + bytes(40), "binary"),
        ("notes.gz", gzip.compress(STORY.encode()), "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("garbled.txt", bytes(range(0x80, 0xA0)) * 20 + b"abc", "encoding"),
        ("page.html", b"<html><body><nav>Accueil</nav></body></html>", "no_text"),
        ("broken.html", b"<html><<<>>>< p <<", "no_text"),
        ("bad.json", b'{"text": "oups"', "malformed"),
        ("bad.rss", b'<?xml version="1.0"?><rss><channel><item><title>x', "malformed"),
        ("bad.xml", b"<rss version='2.0'><channel><title>vide</title></channel></rss>", "no_text"),
        (
            "bad.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc",
            "malformed",
        ),
        ("bad.warc.gz", gzip.compress(b"not a warc at all\r\n\r\n"), "malformed"),
        ("debris.txt", "Publicité\nPartager\nLire aussi\n".encode(), "no_text"),
    ],
)
def test_bad_file_is_rejected_and_the_next_one_read(write, name, content, reason):
    bad = write(name, content)
    good = write("good.txt", STORY)
    result = read_all([bad, good])
    assert [(r.source, r.reason) for r in result.rejected] == [(str(bad), reason)]
    assert result.rejected[0].detail
    assert [a.source for a in result.articles] == ["good.txt"]


def test_missing_path(tmp_path):
    result = read_all([tmp_path / "absent.txt"])
    assert [(r.reason, r.detail) for r in result.rejected] == [
        ("missing", "no such file or folder")
    ]


def test_too_large_file_is_not_read(write):
    path = write("big.txt", STORY * 10)
    result = read_all([path], max_bytes=100)
    (rejected,) = result.rejected
    assert rejected.reason == "too_large"
    assert "100" in rejected.detail
    assert read_all([path], max_bytes=len(STORY.encode()) * 10).articles


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(write):
    path = write("locked.txt", STORY)
    path.chmod(0)
    try:
        result = read_all([path])
    finally:
        path.chmod(0o644)
    assert [r.reason for r in result.rejected] == ["unreadable"]


def test_not_a_regular_file_is_unsupported(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert [r.reason for r in read_all([fifo]).rejected] == ["unsupported"]


def test_stdin_unavailable_is_unreadable(monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    assert [r.reason for r in read_all(["-"]).rejected] == ["unreadable"]


def test_a_run_of_only_bad_inputs_returns_no_article(write, tmp_path):
    result = read_all([write("a.txt", b""), tmp_path / "nope", write("b.bin", b"\x00" * 10)])
    assert result.articles == ()
    assert [r.reason for r in result.rejected] == ["empty", "missing", "binary"]


def test_permission_denied_is_unreadable_even_for_root(write, monkeypatch):
    path = write("locked.txt", STORY)
    real_open = type(path).open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", refuse)
    (rejected,) = read_all([path]).rejected
    assert (rejected.reason, rejected.detail) == ("unreadable", "cannot read: Permission denied")
