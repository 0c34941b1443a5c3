"""One bad record costs that record only: the rest of its file is read.

A feed entry, a WARC record or a JSON Lines line that cannot be read becomes one
``Rejected`` naming the file and the record; its neighbours are articles as usual.
"""

from __future__ import annotations

import gzip
import json
import time

import pytest
from ingest_helpers import PARAGRAPHS, body_text, check_spans

import recoupe.ingest.read
from recoupe.ingest import read_all

PAGE = "<html><body><article>{}</article></body></html>"


def _html(paragraphs: tuple[str, ...]) -> bytes:
    return PAGE.format("".join(f"<p>{p}</p>" for p in paragraphs)).encode()


def _record(uri: bytes | None, body: bytes, *, length: bytes | None = None) -> bytes:
    """One WARC response record, written by hand so that it can be broken."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = b"WARC/1.0\r\nWARC-Type: response\r\n"
    if uri is not None:
        head += b"WARC-Target-URI: " + uri + b"\r\n"
    head += b"Content-Type: application/http; msgtype=response\r\n"
    head += b"Content-Length: " + (length or str(len(http)).encode()) + b"\r\n\r\n"
    return head + http + b"\r\n\r\n"


def _archive(records: list[bytes], *, zipped: bool) -> bytes:
    return b"".join(gzip.compress(r) for r in records) if zipped else b"".join(records)


def _pages() -> list[bytes]:
    return [_html(PARAGRAPHS[i : i + 2]) for i in (0, 1, 3)]


@pytest.mark.parametrize("zipped", [False, True])
@pytest.mark.parametrize(
    ("broken", "why"),
    [
        (lambda body: _record(None, body), "WARC-Target-URI"),
        (lambda body: _record(b"https://x.example/2", body, length=b"9" * 30), "Content-Length"),
        (lambda body: _record(b"https://x.example/2", body, length=b"douze"), "Content-Length"),
        # a damaged header name leaves the record with no length at all
        (
            lambda body: _record(b"https://x.example/2", body).replace(
                b"Content-Length", b"Content-L\xc9ngth"
            ),
            "Content-Length",
        ),
    ],
    ids=["no-target-uri", "huge-length", "length-not-a-number", "no-length"],
)
def test_a_broken_warc_record_is_rejected_alone(write, zipped, broken, why):
    first, second, third = _pages()
    records = [
        _record(b"https://x.example/1", first),
        broken(second),
        _record(b"https://x.example/3", third),
    ]
    name = "archive.warc.gz" if zipped else "archive.warc"
    path = write(name, _archive(records, zipped=zipped))
    result = read_all([path])
    assert [a.source for a in result.articles] == [f"{name}#1", f"{name}#3"]
    assert [a.url for a in result.articles] == ["https://x.example/1", "https://x.example/3"]
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#2", "malformed")]
    assert why in result.rejected[0].detail
    assert "could not be read as" not in result.rejected[0].detail


def test_a_warc_whose_only_record_is_broken_is_rejected_whole(write):
    path = write("one.warc", _record(None, _pages()[0]))
    result = read_all([path])
    assert result.articles == ()
    assert [(r.source, r.reason) for r in result.rejected] == [(str(path), "malformed")]
    assert "WARC-Target-URI" in result.rejected[0].detail


def test_control_characters_in_a_feed_entry_are_dropped_and_every_entry_read(write):
    entries = "".join(
        f"<item><title>Titre {n}\x02</title>"
        f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
        for n, text in enumerate([PARAGRAPHS[0], PARAGRAPHS[1] + " \x01\x1b[2J ", PARAGRAPHS[2]])
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Brest Infos</title>{entries}"
    path = write("flux.rss", feed + "</channel></rss>")
    result = read_all([path])
    assert result.rejected == ()
    assert [a.source for a in result.articles] == ["flux.rss#1", "flux.rss#2", "flux.rss#3"]
    second = result.articles[1]
    assert body_text(second) == PARAGRAPHS[1] + " [2J"
    assert second.title == "Titre 1"
    for article in result.articles:
        check_spans(article)


def test_a_feed_entry_that_fails_is_rejected_alone(write, monkeypatch):
    from recoupe.ingest import feeds

    real = feeds.fragment_to_text

    def fail_on_second(fragment: str) -> str:
        if PARAGRAPHS[1] in fragment:
            raise ValueError("a parser failed")
        return real(fragment)

    monkeypatch.setattr(feeds, "fragment_to_text", fail_on_second)
    entries = "".join(
        f"<item><title>T{n}</title><description>{p}</description></item>"
        for n, p in enumerate(PARAGRAPHS[:3])
    )
    path = write("flux.rss", f"<rss version='2.0'><channel>{entries}</channel></rss>")
    result = read_all([path])
    assert [a.source for a in result.articles] == ["flux.rss#1", "flux.rss#3"]
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#2", "malformed")]
    assert "feed entry 2" in result.rejected[0].detail


def test_an_unpaired_surrogate_escape_in_one_record_is_replaced_with_a_note(write):
    lines = [json.dumps({"id": f"r{n}", "text": p}) for n, p in enumerate(PARAGRAPHS[:3])]
    lines[1] = json.dumps({"id": "r1\ud800", "title": "T\udc00", "text": "\ud800" + PARAGRAPHS[1]})
    path = write("records.jsonl", "\n".join(lines) + "\n")
    result = read_all([path])
    assert result.rejected == ()
    assert [a.source for a in result.articles] == ["r0", "r1\ufffd", "r2"]
    second = result.articles[1]
    assert second.text == "\ufffd" + PARAGRAPHS[1]
    assert second.title == "T\ufffd"
    assert [n.code for n in second.notes if n.code == "encoding"] == ["encoding"]
    assert not [n for n in result.articles[0].notes if n.code == "encoding"]
    for article in result.articles:
        check_spans(article)


def test_a_record_whose_article_cannot_be_built_is_rejected_alone(write, monkeypatch):
    real = recoupe.ingest.read.build_article

    def fail_on_second(draft):
        if draft.source.endswith("#2"):
            raise RuntimeError("a bug")
        return real(draft)

    monkeypatch.setattr(recoupe.ingest.read, "build_article", fail_on_second)
    lines = [json.dumps({"text": p}) for p in PARAGRAPHS[:3]]
    path = write("records.jsonl", "\n".join(lines))
    result = read_all([path])
    assert [a.source for a in result.articles] == ["records.jsonl#1", "records.jsonl#3"]
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#2", "malformed")]
    assert "RuntimeError" in result.rejected[0].detail


def test_a_reader_that_fails_midway_keeps_the_records_before(write, monkeypatch):
    real = recoupe.ingest.read.read_jsonl

    def fail_after_one(data, *, name, origin):
        reader = real(data, name=name, origin=origin)
        yield next(reader)
        raise RuntimeError("a bug")

    monkeypatch.setattr(recoupe.ingest.read, "read_jsonl", fail_after_one)
    lines = [json.dumps({"text": p}) for p in PARAGRAPHS[:3]]
    path = write("records.jsonl", "\n".join(lines))
    result = read_all([path])
    assert [a.source for a in result.articles] == ["records.jsonl#1"]
    assert [(r.source, r.reason) for r in result.rejected] == [(str(path), "malformed")]
    assert "after 1 record(s)" in result.rejected[0].detail


def test_a_damaged_first_member_of_a_gzipped_warc_is_rejected_alone(write):
    first, second, third = _pages()
    members = [
        gzip.compress(_record(f"https://x.example/{n}".encode(), page))
        for n, page in enumerate([first, second, third], start=1)
    ]
    members[0] = members[0][:10] + bytes(40) + members[0][50:]
    path = write("archive.warc.gz", b"".join(members))
    result = read_all([path])
    assert [a.source for a in result.articles] == ["archive.warc.gz#2", "archive.warc.gz#3"]
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#1", "malformed")]


@pytest.mark.parametrize(
    "ref", ["&#xD800;", "&#55296;", "&#x110000;", "&#99999999;", "&#1" + "0" * 30 + ";"]
)
def test_a_character_reference_to_no_character_costs_nothing(write, ref):
    entries = "".join(
        f"<item><title>T{n}{ref if n == 1 else ''}</title>"
        f"<description>&lt;p&gt;{p}{ref if n == 1 else ''}&lt;/p&gt;</description></item>"
        for n, p in enumerate(PARAGRAPHS[:3])
    )
    path = write(
        "flux.rss", f"<rss version='2.0'><channel><title>O{ref}</title>{entries}</channel></rss>"
    )
    result = read_all([path])
    assert result.rejected == ()
    assert [a.title for a in result.articles] == ["T0", "T1\ufffd", "T2"]
    assert result.articles[1].text.endswith("\ufffd")


def test_a_tag_with_thousands_of_attributes_is_read_in_bounded_time(write):
    attributes = " ".join(f"a{i}='{i}'" for i in range(30_000))
    page = _html(PARAGRAPHS).replace(b"<article>", f"<article {attributes}>".encode())
    path = write("page.html", page)
    start = time.perf_counter()
    (article,) = read_all([path]).articles
    assert time.perf_counter() - start < 3  # 8.6 s before, quadratic in the attributes
    assert body_text(article) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("byte", [b"\x00", b"\xb8"], ids=["stops-inside-the-next", "read-as-arc"])
def test_a_gzip_member_damaged_inside_costs_no_later_record(write, byte):
    members = [
        gzip.compress(_record(f"https://x.example/{n}".encode(), page))
        for n, page in enumerate(_pages(), start=1)
    ]
    # one byte of the first member's deflate stream changed (found by the fuzz benchmark):
    # with 0, warcio stopped inside the next member; with 0xb8 it cannot inflate the
    # member at all, reads the bytes as an old ARC record and took the whole rest of the
    # archive for it; both later records were lost
    members[0] = members[0][:337] + byte + members[0][338:]
    path = write("archive.warc.gz", b"".join(members))
    result = read_all([path])
    assert [a.url for a in result.articles] == ["https://x.example/2", "https://x.example/3"]
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#1", "malformed")]


def test_a_json_lines_record_with_nul_bytes_is_rejected_alone(write):
    lines = [json.dumps({"text": p}).encode() for p in PARAGRAPHS[:3]]
    lines[1] = lines[1].replace(b" ", b"\x00", 2)
    path = write("records.jsonl", b"\r\n".join(lines))
    result = read_all([path])
    assert [a.source for a in result.articles] == ["records.jsonl#1", "records.jsonl#3"]
    assert [(r.source, r.reason, r.detail) for r in result.rejected] == [
        (f"{path}#2", "malformed", "line 2 holds NUL bytes")
    ]


def test_json_lines_of_nul_bytes_only_are_binary(write):
    path = write("records.jsonl", b'{"text": "\x00\x00"}\n\x00\x00\x00\n')
    assert [r.reason for r in read_all([path]).rejected] == ["binary"]


@pytest.mark.parametrize("bad", ["&#x1b;[2J", "&#1;", "\x01", "&#xFFFF;", "&#xD800;"])
def test_control_characters_in_a_page_cost_it_nothing(write, bad):
    page = _html(PARAGRAPHS).replace(b"<article>", f"<article><h1>Titre{bad}</h1>".encode())
    page = page.replace(b"</p>", bad.encode("utf-8", "surrogatepass") + b"</p>", 1)
    (article,) = read_all([write("page.html", page)]).articles
    assert PARAGRAPHS[1] in article.text


def test_a_symlink_loop_in_a_folder_is_rejected_and_the_rest_read(write, tmp_path):
    write("corpus/a.txt", "\n".join(PARAGRAPHS))
    (tmp_path / "corpus" / "x").symlink_to("y")
    (tmp_path / "corpus" / "y").symlink_to("x")
    (tmp_path / "corpus" / "self").symlink_to(tmp_path / "corpus")
    result = read_all([tmp_path / "corpus"])
    assert [a.source for a in result.articles] == ["a.txt"]
    assert [(r.source, r.reason) for r in result.rejected] == [
        (str(tmp_path / "corpus" / "x"), "unreadable"),
        (str(tmp_path / "corpus" / "y"), "unreadable"),
    ]
    assert "symbolic links" in result.rejected[0].detail


@pytest.mark.parametrize("name", [b"ut\xbe-8", b"utf\x00-8", b"\xff\xfe"])
def test_a_damaged_encoding_name_in_a_feed_is_ignored(write, name):
    entries = "".join(
        f"<item><title>T{n}</title><description>{p}</description></item>"
        for n, p in enumerate(PARAGRAPHS[:2])
    )
    feed = f"<rss version='2.0'><channel>{entries}</channel></rss>".encode()
    data = b"<?xml version='1.0' encoding='" + name + b"'?>" + feed
    result = read_all([write("flux.rss", data)])
    assert [a.title for a in result.articles] == ["T0", "T1"]


def test_a_gzipped_warc_whose_first_bytes_are_damaged_is_read_from_its_next_record(write):
    members = [
        gzip.compress(_record(f"https://x.example/{n}".encode(), page))
        for n, page in enumerate(_pages(), start=1)
    ]
    members[0] = b"\x00" + members[0][1:]
    result = read_all([write("archive.warc.gz", b"".join(members))])
    assert [a.url for a in result.articles] == ["https://x.example/2", "https://x.example/3"]
    assert [r.source.rsplit("#", 1)[-1] for r in result.rejected] == ["1"]


def test_a_warc_whose_first_line_is_damaged_is_read_from_its_next_record(write):
    records = [
        _record(f"https://x.example/{n}".encode(), page) for n, page in enumerate(_pages(), start=1)
    ]
    records[0] = records[0].replace(b"WARC/1.0", b"WA\xd2C/1.0", 1)
    result = read_all([write("archive.warc", b"".join(records))])
    assert [a.url for a in result.articles] == ["https://x.example/2", "https://x.example/3"]


@pytest.mark.parametrize(("depth", "read"), [(200, True), (300_000, False)])
def test_a_page_nested_past_the_parser_says_so(write, depth, read):
    page = _html(PARAGRAPHS).replace(b"<article>", b"<div>" * depth + b"<article>")
    page = page.replace(b"</article>", b"</article>" + b"</div>" * depth)
    result = read_all([write("page.html", page)])
    if read:
        assert [body_text(a) for a in result.articles] == ["\n".join(PARAGRAPHS)]
    else:
        assert [(r.reason, r.detail) for r in result.rejected] == [
            ("malformed", "markup nested over 255 levels deep, past what the HTML parser reads")
        ]
