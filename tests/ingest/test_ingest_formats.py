"""One reader per format: HTML, JSON Lines and JSON, RSS and Atom, WARC; sniffing; folders."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest
from ingest_helpers import PARAGRAPHS, STORY, body_text, check_spans, reasons
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from recoupe.ingest import read_all

TITLE = "Brest adopte un budget en hausse pour les écoles"
HTML = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>{TITLE} | Le Courrier de Brest</title>
<meta property="og:site_name" content="Le Courrier de Brest">
<meta property="og:title" content="{TITLE}">
<meta property="article:published_time" content="2025-03-19T00:30:00+01:00">
<link rel="canonical" href="https://courrier-brest.example/politique/budget">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{TITLE}", "datePublished": "2025-03-19T00:30:00+01:00",
 "author": {{"@type": "Person", "name": "Anne Kerivel"}}}}</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav>
<div class="cookies">Nous utilisons des cookies. Accepter</div>
<article><h1>{TITLE}</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<aside><h2>À lire aussi</h2><ul><li><a href="/b">Tempête sur la côte</a></li></ul></aside>
<footer>© Le Courrier de Brest 2025</footer>
</body></html>
"""


def test_html_page_gives_main_text_and_metadata(read_one):
    article = read_one("page.html", HTML)
    assert body_text(article) == "\n".join(PARAGRAPHS)
    assert article.title == TITLE
    assert article.outlet == "Le Courrier de Brest"
    assert article.url == "https://courrier-brest.example/politique/budget"
    assert article.authors == ("Anne Kerivel",)
    # the date as written in the page's time zone, not 18 March in UTC
    assert article.published == dt.date(2025, 3, 19)
    assert article.published_from == "metadata"
    assert article.source == "page.html"
    assert "cookies" not in article.text and "Tempête" not in article.text


@pytest.mark.parametrize("name", ["page.txt", "page", "page.dat"])
def test_html_under_another_extension_goes_to_the_html_reader(read_one, name):
    article = read_one(name, HTML)
    assert article.title == TITLE
    assert "<p>" not in article.text


def test_html_in_a_declared_legacy_charset(read_one):
    page = HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("€", "EUR")
    article = read_one("legacy.html", page.encode("cp1252"))
    assert body_text(article) == "\n".join(PARAGRAPHS)


# ---------------------------------------------------------------- JSON Lines and JSON


def test_jsonl_records_with_a_bad_line_in_the_middle(write):
    good = {
        "id": "cb-1",
        "text": STORY,
        "title": TITLE,
        "url": "https://courrier-brest.example/1",
        "outlet": "Le Courrier de Brest",
        "published": "2025-03-19",
        "language": "fr-FR",
        "authors": ["Anne Kerivel"],
    }
    other = {"text": PARAGRAPHS[4] + " " + PARAGRAPHS[3]}
    path = write("flux.jsonl", f"{json.dumps(good)}\n{{not json\n\n{json.dumps(other)}\n")
    result = read_all([path])
    first, second = result.articles
    assert (first.source, first.origin) == ("cb-1", f"{path}#1")
    assert first.text == STORY
    assert first.title == TITLE and first.outlet == "Le Courrier de Brest"
    assert first.published == dt.date(2025, 3, 19) and first.published_from == "metadata"
    assert first.language == "fr" and first.authors == ("Anne Kerivel",)
    assert (second.source, second.origin) == ("flux.jsonl#4", f"{path}#4")
    (bad,) = result.rejected
    assert (bad.source, bad.reason) == (f"{path}#2", "malformed")
    for article in result.articles:
        check_spans(article)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": "sans texte"}', "malformed"),
        ('{"text": 42}', "malformed"),
        ('["une", "liste"]', "malformed"),
        ('{"text": "   "}', "empty"),
        ("[" * 5000, "malformed"),
    ],
)
def test_jsonl_bad_records_are_rejected_one_by_one(write, line, reason):
    path = write("bad.jsonl", f'{line}\n{{"text": "{PARAGRAPHS[0]}"}}\n')
    result = read_all([path])
    assert len(result.articles) == 1
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#1", reason)]


def test_json_file_with_a_list_of_articles(write):
    records = [{"text": PARAGRAPHS[0], "id": 7}, {"text": PARAGRAPHS[1]}]
    path = write("lot.json", json.dumps(records))
    result = read_all([path])
    assert [a.source for a in result.articles] == ["7", "lot.json#2"]


def test_json_file_with_one_article(read_one):
    article = read_one("one.json", json.dumps({"text": STORY, "title": TITLE}))
    assert article.source == "one.json"
    assert article.title == TITLE


def test_json_lines_saved_as_json_are_read_line_by_line(write):
    lines = [json.dumps({"text": PARAGRAPHS[0]}), json.dumps({"text": PARAGRAPHS[1]})]
    result = read_all([write("lines.json", "\n".join(lines))])
    assert [a.source for a in result.articles] == ["lines.json#1", "lines.json#2"]


def test_json_file_with_something_else_is_unsupported(write):
    result = read_all([write("n.json", "42")])
    assert reasons(result) == ["unsupported"]


# ---------------------------------------------------------------- feeds

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Le Courrier de Brest</title><link>https://courrier-brest.example/</link>
<item><title>{TITLE}</title><link>https://courrier-brest.example/1</link>
<pubDate>Wed, 19 Mar 2025 00:30:00 +0100</pubDate>
<description>Un résumé court.</description>
<content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}]]></content:encoded>
</item>
<item><title>Deuxième article</title><link>https://courrier-brest.example/2</link>
<description>&lt;p&gt;{PARAGRAPHS[3]}&lt;/p&gt;&lt;p&gt;{PARAGRAPHS[4]}&lt;/p&gt;</description>
</item>
<item><title>Vide</title><description></description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Brest Infos</title>
<id>urn:brest</id><updated>2025-03-19T10:00:00Z</updated>
<entry><title>{TITLE}</title><id>urn:1</id>
<link href="https://brest-infos.example/1"/>
<published>2025-03-18T23:30:00-05:00</published><updated>2025-03-19T10:00:00Z</updated>
<author><name>Anne Kerivel</name></author>
<content type="html">{"".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS[:3])}</content>
</entry></feed>
"""


def test_rss_entries_become_articles(write):
    path = write("flux.rss", RSS)
    result = read_all([path])
    first, second = result.articles
    assert body_text(first) == "\n".join(PARAGRAPHS)  # content:encoded wins over the summary
    assert first.title == TITLE
    assert first.outlet == "Le Courrier de Brest"
    assert first.url == "https://courrier-brest.example/1"
    assert first.published == dt.date(2025, 3, 19)
    assert first.published_from == "feed"
    assert (first.source, first.origin) == ("flux.rss#1", f"{path}#1")
    assert body_text(second) == "\n".join(PARAGRAPHS[3:])
    assert [(r.source, r.reason) for r in result.rejected] == [(f"{path}#3", "no_text")]
    for article in result.articles:
        check_spans(article)


def test_atom_entry_becomes_an_article(read_one):
    article = read_one("flux.xml", ATOM)
    assert body_text(article) == "\n".join(PARAGRAPHS[:3])
    assert article.title == TITLE
    assert article.authors == ("Anne Kerivel",)
    assert article.published == dt.date(2025, 3, 18)
    assert article.outlet == "Brest Infos"


def test_feed_sniffed_from_content_under_txt(read_one):
    article = read_one("flux.txt", ATOM)
    assert article.title == TITLE


# ---------------------------------------------------------------- WARC


def _warc(records: list[tuple[str, str, bytes]], *, gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "gzip"), [("archive.warc.gz", True), ("archive.warc", False)])
def test_warc_html_responses_become_articles(write, name, gzip):
    data = _warc(
        [
            ("https://courrier-brest.example/a", "text/html; charset=utf-8", HTML.encode()),
            ("https://courrier-brest.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ],
        gzip=gzip,
    )
    path = write(name, data)
    result = read_all([path])
    (article,) = result.articles
    assert result.rejected == ()
    assert (article.source, article.origin) == (f"{name}#1", f"{path}#1")
    assert article.url == "https://courrier-brest.example/politique/budget"  # the canonical URL
    assert body_text(article) == "\n".join(PARAGRAPHS)
    check_spans(article)


def test_warc_without_html_has_no_text(write):
    data = _warc([("https://x.example/a.png", "image/png", b"\x89PNG")], gzip=True)
    assert reasons(read_all([write("img.warc.gz", data)])) == ["no_text"]


# ---------------------------------------------------------------- folders, stdin, progress


def test_folders_are_walked_in_order_and_hidden_files_skipped(write, tmp_path):
    write("b/2.txt", PARAGRAPHS[1])
    write("b/1.txt", PARAGRAPHS[0])
    write("a.txt", PARAGRAPHS[2])
    write(".cache/x.txt", PARAGRAPHS[3])
    write("b/.hidden.txt", PARAGRAPHS[4])
    seen: list[str] = []
    result = read_all([tmp_path], on_progress=seen.append)
    assert [a.source for a in result.articles] == ["a.txt", "1.txt", "2.txt"]
    assert seen == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_dash_reads_standard_input(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(STORY.encode())

    monkeypatch.setattr(sys, "stdin", Stdin())
    (article,) = read_all(["-"]).articles
    assert article.text == STORY
    assert article.origin == "-"
