"""Property tests: whatever the bytes, every reader gives articles or rejections, never raises."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import check_spans

from recoupe.ingest import read_all
from recoupe.model import Article, IngestResult, Rejected

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REASONS = {
    "missing", "unreadable", "empty", "binary", "encoding", "malformed", "too_large",
    "no_text", "unsupported",
}  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def read(folder, name: str, data: bytes) -> IngestResult:
    path = folder / name
    path.write_bytes(data)
    result = read_all([path])
    for item in [*result.articles, *result.rejected]:
        assert isinstance(item, Article | Rejected)
    for rejected in result.rejected:
        assert rejected.reason in REASONS
        assert rejected.detail
        # a reader that raised is a bug to fix, even though read_all survives it
        assert "could not be read as" not in rejected.detail, rejected
    for article in result.articles:
        check_spans(article)
        assert article.body
        assert re.fullmatch(r"[0-9a-f]{16}", article.id)
    return result


NAMES = ["x.txt", "x.html", "x.jsonl", "x.json", "x.rss", "x.xml", "x.warc", "x.warc.gz", "x"]


@SETTINGS
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2000))
def test_arbitrary_bytes(folder, name, data):
    read(folder, name, data)


_FRENCH = st.text(
    alphabet=st.sampled_from(
        [*"abcdeéèêàçôœ ABCDÉ\n\r\t.,;:!?«»\"'’-–—()©0123456789", "\u2028", "\x85", "\ufeff"]
    ),
    max_size=600,
)
_LINES = st.lists(
    st.sampled_from(
        [
            "Photo : X",
            "Par Jean Dupont",
            "PARIS, 3 juin 2024 (AFP) -",
            "19 Mars 2025",
            "Publicité",
            "Fin",
            "(AFP)",
            "Jean Dupont",
            "Le maire a voté le budget de la ville.",
            "",
        ]
    )
    | _FRENCH,
    max_size=12,
)


@SETTINGS
@given(
    text=_FRENCH | _LINES.map("\n".join), encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"])
)
def test_arbitrary_text(folder, text, encoding):
    data = text.encode(encoding, errors="replace")
    result = read(folder, "t.txt", data)
    for article in result.articles:
        used = "utf-8" if encoding == "utf-8" else article_encoding(article)
        expected = data.decode(used, errors="replace")  # damaged UTF-8 keeps U+FFFD
        assert article.text == expected.replace("\r\n", "\n").replace("\r", "\n")


def article_encoding(article: Article) -> str:
    for note in article.notes:
        if note.code == "encoding":
            # "decoded as cp1252", "decoded as utf-8, 2 invalid byte sequence(s) replaced..."
            return note.detail.removeprefix("decoded as ").split(",")[0]
    return "utf-8"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _FRENCH,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "id", "title", "published", "url", "language", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@SETTINGS
@given(records=st.lists(_JSON, max_size=5), garbage=st.booleans())
def test_json_ish(folder, records, garbage):
    lines = [json.dumps(r) for r in records]
    if garbage:
        lines.insert(len(lines) // 2, '{"text": "incomplet')
    read(folder, "r.jsonl", "\n".join(lines).encode())
    read(folder, "r.json", json.dumps(records).encode())


_TAGS = [
    "<rss>",
    "<rss version='2.0'>",
    "<channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<description>",
    "</description>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<entry>",
    "</entry>",
    "<content type='html'>",
    "</content>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&lt;p&gt;",
    "<p>",
    "</p>",
    "<html>",
    "<body>",
    "<article>",
    "<h1>",
    "</h1>",
    "<br>",
    "<script>",
    "<!--",
    "-->",
    "<?xml version='1.0'?>",
    "<!DOCTYPE x [<!ENTITY e 'a'>]>",
    "&e;",
]
_MARKUP = st.lists(
    st.sampled_from(_TAGS) | _FRENCH,
    max_size=30,
)


@SETTINGS
@given(parts=_MARKUP, name=st.sampled_from(["f.xml", "f.rss", "f.html", "f.txt", "f"]))
def test_xml_and_html_ish(folder, parts, name):
    read(folder, name, "".join(parts).encode())


@SETTINGS
@given(payload=st.binary(max_size=500), html=_MARKUP, zipped=st.booleans())
def test_warc_ish(folder, payload, html, zipped):
    body = "".join(html).encode() + payload
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(body) + 45}\r\n\r\n".encode()
        + b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        + body
        + b"\r\n\r\n"
    )
    data = gzip.compress(record) if zipped else record
    read(folder, "a.warc.gz" if zipped else "a.warc", data)


# Debris that the body clean-up cuts inside paragraphs, glued in every way to prose.
_DEBRIS = st.sampled_from(
    [
        "À LIRE AUSSI Le port attend ses grues»",
        "Lire aussi\u00a0Anne Roy - Faut-il y croire\u00a0?",
        "» LIRE AUSSI - Le maire veut « rendre la ville aux piétons »",
        "— Claire Lemoal (@clemoal) 7 janvier 2019",
        "pic.twitter.com/Ab12Cd34Ef",
        "https://www.exemple.fr/a.html",
        "(...)",
        "VIDÉO. ",
        "Municipales ",
        "Faut-il y croire ? - Regarder sur Brest Télé",
        "Revivez le conseil en vidéo :",
        "PHOTO YVES MARTIN, OUEST PRESSE",
        "Anne Kerivel/Agences",
        "Brest | ",
        "BREST — ",
        "Brest (AFP) | ",
    ]
)
_PROSE = st.sampled_from(
    [
        "Le maire a voté le budget de la ville.",
        "Les dockers ont voté la grève lundi.",
        "Merci aux élus pour ce budget.",
        "la séance a été levée",
        "",
    ]
)
_GLUE = st.sampled_from(["", " ", "\n", "\n\n", "\u00a0", ".", "  "])


@SETTINGS
@given(parts=st.lists(st.tuples(_DEBRIS | _PROSE, _GLUE), min_size=1, max_size=14))
def test_body_clean_up_keeps_the_text_and_its_offsets(folder, parts):
    text = "".join(piece + glue for piece, glue in parts)
    for name in ("t.txt", "t.jsonl"):
        data = text if name == "t.txt" else json.dumps({"id": "a", "text": text}) + "\n"
        result = read(folder, name, data.encode("utf-8"))  # check_spans on every article
        for article in result.articles:
            assert article.text == text
            # what is neither body, removed nor dateline is the title line, if anything
            left = {text.count("\n", 0, i) for i in _uncovered(article)}
            assert not left or (article.title is not None and len(left) == 1)


def _uncovered(article: Article) -> set[int]:
    """Offsets of the non-blank characters outside body, removed and dateline spans."""
    spans = [*article.body, *article.removed]
    spans += [s for s in (article.dateline,) if s is not None]
    covered = {i for s in spans for i in range(s.start, s.end)}
    text = article.text
    return {i for i, c in enumerate(text) if not c.isspace() and i not in covered}
