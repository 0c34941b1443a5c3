"""Malformed inputs for the fuzz benchmark (``fuzz_inputs.py``) and its CI sample.

``reader_case(reader, rng)`` makes one input file for a reader: most often a file of
several good records (each a distinct hand-written French article) and ONE broken
record, so that a reader which loses the whole file, or good neighbours, for one bad
record is caught; otherwise the whole file is damaged (flipped, cut or spliced bytes,
junk), where rejecting it whole is fair. ``analysis_records(rng, n)`` makes odd articles
(as JSON Lines records) for the whole analysis. Everything comes from a seeded
``random.Random``: the same seed gives the same cases.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
from collections.abc import Callable
from dataclasses import dataclass

READERS = ("text", "html", "jsonl", "json", "feed", "warc", "warc.gz")
_EXTENSION = {
    "text": "txt",
    "html": "html",
    "jsonl": "jsonl",
    "json": "json",
    "feed": "rss",
    "warc": "warc",
    "warc.gz": "warc.gz",
}

# Invented French sentences (no real story): the stuff of the good records.
SENTENCES = (
    "Le conseil municipal de Brest a adopté lundi soir un budget en hausse de 4 %.",
    "La maire, Claire Lemoal, a défendu « un effort sans précédent » pour les écoles.",
    "Selon la direction des finances, les investissements atteindront 120 millions d'euros.",
    "Les élus écologistes ont voté pour le texte, mais ont réclamé un calendrier précis.",
    "Le préfet doit encore valider la délibération dans les deux prochains mois.",
    "Les dockers du port de Lorient ont annoncé une grève de deux jours à partir de jeudi.",
    "« Nous ne céderons pas », a lancé mardi Paul Kerbrat, secrétaire du syndicat.",
    "D'après la préfecture, la manifestation a réuni 3 000 personnes samedi à Quimper.",
    "Le ministre de la Mer a promis une réunion avec les syndicats la semaine prochaine.",
    "Hier, la direction a proposé une hausse des salaires de 2 %, jugée insuffisante.",
    "Les négociations reprendront le 12 mars, a indiqué un porte-parole de la région.",
    "Il y a trois jours, le tribunal de Rennes avait suspendu l'arrêté municipal.",
)
# Pieces of hostile text: control characters, escape sequences, odd Unicode, odd dates.
NASTY = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[2J", "\x1b]0;titre\x07", "\x7f",
    "\x85", "\x9b", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u202e", "\u2066", "\u2028",
    "\ue000", "\U0010fffd", "🙂", "ـــ", "ﷺ", "e\u0301\u0301\u0301", "\r", "\r\n\r\n",
    "\t\t", "«««", "»»»", "« « «", "\"''\"", "’’", "aujourd' hui", "aujourd’ hui",
    "le 31 février", "le 0 mars", "en 0000", "il y a 99999999999 jours",
    "dans 100 000 siècles", "lundi 32 décembre 2025", "9" * 400, "1e308", "-0,0 %",
    "10^400 euros", "3 000 000 000 000 000 000 000 €", "M. ", "Mme", "« »", "( ( ( ( (",
    "http://x.example/?a=<b>&c", "<script>alert(1)</script>", "&amp;&#0;&#x1b;&#xD800;",
    "l'l'l'l'l'", "Qu'", "--", "—" * 50, "…" * 30, ".!?" * 20,
)  # fmt: skip
TODAY = dt.date.today()


@dataclass(frozen=True, slots=True)
class Case:
    """One input file: its name, its bytes, how many good records it holds (at least
    that many articles must come out; 0 when the whole file is damaged or holds one
    record), and what was done to it."""

    name: str
    data: bytes
    good: int
    kind: str


# ---------------------------------------------------------------- good records


def article_text(rng: random.Random, number: int) -> str:
    """A distinct article of 3 to 5 paragraphs of 2 or 3 sentences."""
    paragraphs = [f"Rapport {number}-{rng.randrange(10**9)} : la séance est ouverte à Brest."]
    for _ in range(rng.randint(2, 4)):
        paragraphs.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 3))))
    return "\n".join(paragraphs)


def _title(rng: random.Random, number: int) -> str:
    return f"Brest : le budget {number} en débat ({rng.randrange(1000)})"


def nasty(rng: random.Random, text: str, count: int = 3) -> str:
    """``text`` with a few hostile pieces put in at random places."""
    for _ in range(count):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(NASTY) + text[at:]
    return text


def _flip(rng: random.Random, data: bytes, count: int) -> bytes:
    buffer = bytearray(data)
    for _ in range(count):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _pick(rng: random.Random, light: list[str], heavy: list[str]) -> str:
    """A kind of damage; the heavy ones (large or slow inputs) one time in ten."""
    return rng.choice(heavy if rng.random() < 0.1 else light)


# ---------------------------------------------------------------- whole-file damage


def damaged(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """The bytes of a good file damaged as a whole."""
    how = rng.choice(["flip", "cut", "splice", "junk", "repeat", "nul", "bom"])
    if how == "flip":
        return _flip(rng, data, rng.randint(1, 40)), how
    if how == "cut":
        return data[: rng.randrange(len(data) + 1)], how
    if how == "splice":
        a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
        return data[:a] + data[b:] + data[a:b], how
    if how == "junk":
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.randbytes(rng.randint(1, 2000)) + data[at:], how
    if how == "repeat":
        a = rng.randrange(len(data) + 1)
        return data[:a] + data[a : a + 200] * rng.randint(2, 200) + data[a:], how
    if how == "nul":
        at = rng.randrange(len(data) + 1)
        return data[:at] + b"\x00" * rng.randint(1, 50) + data[at:], how
    return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data, how


# ---------------------------------------------------------------- text and HTML


def _text_case(rng: random.Random) -> tuple[bytes, str]:
    text = article_text(rng, 1)
    how = rng.choice(["nasty", "encodings", "long_line", "controls", "blank", "damage"])
    if how == "nasty":
        return nasty(rng, text, rng.randint(1, 20)).encode("utf-8", "surrogatepass"), how
    if how == "encodings":
        parts = [p.encode(rng.choice(["utf-8", "cp1252", "latin-1", "utf-16"]), "replace")
                 for p in text.split("\n")]  # fmt: skip
        return b"\n".join(parts), how
    if how == "long_line":
        return (" ".join([text.replace("\n", " ")] * rng.randint(5, 60))).encode(), how
    if how == "controls":
        return bytes(rng.randrange(32) for _ in range(rng.randint(1, 500))) + text.encode(), how
    if how == "blank":
        return rng.choice([b"", b" \n\t", b"\xef\xbb\xbf", b"\n" * 1000]), how
    return damaged(rng, text.encode())


def _page(rng: random.Random, number: int, text: str | None = None) -> str:
    body = "".join(f"<p>{p}</p>" for p in (text or article_text(rng, number)).split("\n"))
    return (
        f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>{_title(rng, number)}</title></head>"
        f"<body><nav>Accueil</nav><article><h1>{_title(rng, number)}</h1>{body}</article>"
        "<footer>Mentions légales</footer></body></html>"
    )


def _html_case(rng: random.Random) -> tuple[bytes, str]:
    page = _page(rng, 1)
    how = _pick(
        rng,
        ["nasty", "entities", "charset", "unclosed", "damage"],
        ["deep", "attributes", "scripts"],
    )
    if how == "nasty":
        return nasty(rng, page, rng.randint(1, 20)).encode("utf-8", "surrogatepass"), how
    if how == "deep":
        depth = rng.choice([100, 1000, 10_000])
        return page.replace("<article>", "<article>" + "<div>" * depth).encode(), how
    if how == "attributes":
        attrs = " ".join(f"a{i}='{i}'" for i in range(rng.choice([100, 5000, 30_000])))
        return page.replace("<article>", f"<article {attrs}>").encode(), how
    if how == "entities":
        refs = ["&#0;", "&#x1b;", "&#xD800;", "&#99999999;", "&nbsp", "&amp;amp;", "&#;"]
        return page.replace("</h1>", "".join(rng.choices(refs, k=50)) + "</h1>").encode(), how
    if how == "charset":
        charset = rng.choice(["x-nonsense", "utf-16", "utf-7", "ebcdic-cp-us", "'", "", "cp1252"])
        return page.replace("charset='utf-8'", f"charset='{charset}'").encode(), how
    if how == "unclosed":
        return page.replace("</p>", "").replace("</article>", "<p><b><i>" * 200).encode(), how
    if how == "scripts":
        return page.replace("<nav>", "<script>" + "x" * 20_000 + "<nav>").encode(), how
    return damaged(rng, page.encode())


# ---------------------------------------------------------------- JSON Lines and JSON


def _record(rng: random.Random, number: int) -> dict:
    return {
        "id": f"r{number}",
        "title": _title(rng, number),
        "outlet": "Le Courrier de Brest",
        "published": (TODAY - dt.timedelta(days=rng.randrange(3000))).isoformat(),
        "text": article_text(rng, number),
    }


def _bad_value(rng: random.Random) -> object:
    return rng.choice(
        [None, True, 0, -1, 1e308, 2**70, "", " ", [], {}, [1, [2]], "\ud800", "x" * 100_000,
         {"a": {"b": {}}}, "0000-00-00", "9999-99-99", "2024-02-30", "0001-01-01T00:00:00Z",
         "Mon, 99 Foo 99999", "\x00", "\x1b[2J"]
    )  # fmt: skip


def _bad_record(rng: random.Random, record: dict) -> tuple[dict, str]:
    """A record broken in its values (the JSON stays valid)."""
    how = _pick(rng, ["value", "nasty", "surrogates", "missing_text"], ["huge", "many_keys"])
    record = dict(record)
    if how == "value":
        record[rng.choice(["id", "title", "outlet", "published", "text", "language", "author"])] = (
            _bad_value(rng)
        )
    elif how == "nasty":
        key = rng.choice(["id", "title", "outlet", "text"])
        record[key] = nasty(rng, str(record.get(key) or "x"), rng.randint(1, 10))
    elif how == "surrogates":
        key = rng.choice(["id", "title", "outlet", "text"])
        record[key] = str(record.get(key) or "x") + rng.choice(["\ud800", "\udfff", "\udc00x"])
    elif how == "missing_text":
        record.pop("text")
    elif how == "huge":
        record["text"] = record["text"] + " bla" * rng.choice([1000, 20_000])
    else:
        record.update({f"k{i}": i for i in range(rng.choice([100, 2000]))})
    return record, how


def _bad_line(rng: random.Random, record: dict) -> tuple[str, str]:
    """A JSON Lines line broken in its syntax or bytes, or in its values."""
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    how = _pick(rng, ["record", "cut", "raw_controls", "nan", "flip"], ["deep", "big_int"])
    if how == "record":
        bad, how = _bad_record(rng, record)
        return json.dumps(bad), how
    if how == "cut":
        return line[: rng.randrange(len(line))], how
    if how == "raw_controls":
        return line.replace(" ", rng.choice(["\x00", "\x1b", "\x0b", "\x85"]), 3), how
    if how == "deep":
        depth = rng.choice([1000, 100_000])
        return '{"text": ' + "[" * depth + "]" * depth + "}", how
    if how == "big_int":
        return '{"text": "a", "id": ' + "9" * 5000 + "}", how
    if how == "nan":
        return line.replace('"published": ', '"published": NaN, "x": '), how
    return line, "flip"  # flipped as bytes by the caller


def _jsonl_case(rng: random.Random) -> tuple[bytes, int, str]:
    records = [_record(rng, n) for n in range(rng.randint(2, 4))]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if rng.random() < 0.2:
        data, how = damaged(rng, "\n".join(lines).encode())
        return data, 0, how
    bad_at = rng.randrange(len(lines))
    line, how = _bad_line(rng, records[bad_at])
    data = [part.encode("utf-8", "surrogatepass") for part in lines]
    data[bad_at] = line.encode("utf-8", "surrogatepass")
    if how == "flip":
        data[bad_at] = _flip(rng, data[bad_at], rng.randint(1, 10))
    return b"\n".join(data) + b"\n", len(lines) - 1, how


def _json_case(rng: random.Random) -> tuple[bytes, int, str]:
    records: list[object] = [_record(rng, n) for n in range(rng.randint(2, 4))]
    if rng.random() < 0.2:
        data, how = damaged(rng, json.dumps(records).encode())
        return data, 0, how
    bad_at = rng.randrange(len(records))
    if rng.random() < 0.2:
        records[bad_at], how = _bad_value(rng), "not_a_record"
    else:
        records[bad_at], how = _bad_record(rng, records[bad_at])  # type: ignore[arg-type]
    return json.dumps(records).encode("utf-8", "surrogatepass"), len(records) - 1, how


# ---------------------------------------------------------------- feeds


def _item(rng: random.Random, number: int) -> str:
    html = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in article_text(rng, number).split("\n"))
    day = TODAY - dt.timedelta(days=rng.randrange(3000))
    return (
        f"<item><title>{_title(rng, number)}</title>"
        f"<link>https://courrier.example/{number}</link>"
        f"<pubDate>{day.strftime('%a, %d %b %Y')} 10:00:00 +0100</pubDate>"
        f"<description>{html}</description></item>"
    )


def _bad_item(rng: random.Random, item: str) -> tuple[str, str]:
    how = _pick(
        rng, ["controls", "nasty", "char_refs", "date", "cdata", "empty", "flip"], ["deep", "huge"]
    )
    if how == "controls":
        return item.replace(" ", rng.choice(["\x01", "\x1b[2J", "\x0b", "\x00"]), 3), how
    if how == "nasty":
        return nasty(rng, item, rng.randint(1, 10)), how
    if how == "char_refs":
        refs = rng.choice(["&amp;#0;", "&amp;#xD800;", "&#x1b;", "&#0;", "&amp;#99999999;"])
        return item.replace("&lt;/p&gt;", refs + "&lt;/p&gt;"), how
    if how == "date":
        date = rng.choice(["Mon, 99 Foo 99999", "0001-01-01", "9999-12-31T23:59:59Z", "", "x"])
        start, end = item.index("<pubDate>") + 9, item.index("</pubDate>")
        return item[:start] + date + item[end:], how
    if how == "cdata":
        return item.replace("<description>", "<description><![CDATA[<p><b>]]>"), how
    if how == "deep":
        return item.replace("<description>", "<description>" + "&lt;div&gt;" * 3000), how
    if how == "huge":
        return item.replace("</description>", " bla" * 20_000 + "</description>"), how
    if how == "empty":
        return "<item><title></title><description></description></item>", how
    return item, "flip"


def _feed_case(rng: random.Random) -> tuple[bytes, int, str]:
    items = [_item(rng, n) for n in range(rng.randint(2, 4))]
    head = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
    head += "<title>Le Courrier de Brest</title>"
    if rng.random() < 0.2:
        data, how = damaged(rng, (head + "".join(items) + "</channel></rss>").encode())
        return data, 0, how
    bad_at = rng.randrange(len(items))
    items[bad_at], how = _bad_item(rng, items[bad_at])
    parts = [i.encode("utf-8", "surrogatepass") for i in items]
    if how == "flip":
        parts[bad_at] = _flip(rng, parts[bad_at], rng.randint(1, 10))
    # A feed is one XML document: bytes flipped or text dropped anywhere in an item's
    # markup (a tag name, "</description>") can break the document as a whole, as a
    # syntax error breaks a JSON list; only damage to an item's content is one record's.
    good = 0 if how in _FEED_SYNTAX_DAMAGE else len(items) - 1
    return head.encode() + b"".join(parts) + b"</channel></rss>", good, how


_FEED_SYNTAX_DAMAGE = frozenset({"flip", "nasty"})


# ---------------------------------------------------------------- WARC


def warc_record(
    uri: bytes | None,
    payload: bytes,
    *,
    length: bytes | None = None,
    http: bytes = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
    rec_type: bytes = b"response",
    version: bytes = b"WARC/1.0",
) -> bytes:
    block = http + payload
    head = version + b"\r\nWARC-Type: " + rec_type + b"\r\n"
    if uri is not None:
        head += b"WARC-Target-URI: " + uri + b"\r\n"
    head += b"Content-Type: application/http; msgtype=response\r\n"
    head += b"Content-Length: " + (length or str(len(block)).encode()) + b"\r\n\r\n"
    return head + block + b"\r\n\r\n"


def _bad_warc_record(rng: random.Random, number: int) -> tuple[bytes, str]:
    uri = f"https://courrier.example/{number}".encode()
    page = _page(rng, number).encode()
    size = len(page) + 60
    variants: dict[str, Callable[[], bytes]] = {
        "no_uri": lambda: warc_record(None, page),
        "huge_length": lambda: warc_record(uri, page, length=b"9" * rng.randint(19, 40)),
        "bad_length": lambda: warc_record(uri, page, length=rng.choice([b"douze", b"-5", b""])),
        "short_length": lambda: warc_record(uri, page, length=str(size // 2).encode()),
        "long_length": lambda: warc_record(uri, page, length=str(size + 500).encode()),
        "bad_status": lambda: warc_record(uri, page, http=b"HTTP/1.1 abc\r\n\r\n"),
        "no_http": lambda: warc_record(uri, page, http=b""),
        "bad_type": lambda: warc_record(uri, page, rec_type=rng.choice([b"", b"x", b"\xff"])),
        "version": lambda: warc_record(uri, page, version=rng.choice([b"WARC/0.9", b"WARC/"])),
        "charset": lambda: warc_record(
            uri, page, http=b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=x-no\r\n\r\n"
        ),
        "payload_junk": lambda: warc_record(uri, rng.randbytes(rng.randint(0, 3000))),
        "payload_nasty": lambda: warc_record(
            uri, nasty(rng, page.decode(), 10).encode("utf-8", "surrogatepass")
        ),
        "header_junk": lambda: warc_record(uri, page).replace(
            b"Content-Type: application", b"\xff\xfe: \x00\r\nContent-Type: application", 1
        ),
        "flip": lambda: _flip(rng, warc_record(uri, page), rng.randint(1, 10)),
    }
    how = rng.choice(sorted(variants))
    return variants[how](), how


def _warc_case(rng: random.Random, *, zipped: bool) -> tuple[bytes, int, str]:
    count = rng.randint(2, 4)
    records = [
        warc_record(f"https://courrier.example/{n}".encode(), _page(rng, n).encode())
        for n in range(count)
    ]
    if rng.random() < 0.2:
        data = b"".join(gzip.compress(r) for r in records) if zipped else b"".join(records)
        data, how = damaged(rng, data)
        return data, 0, how
    bad_at = rng.randrange(count)
    records[bad_at], how = _bad_warc_record(rng, bad_at)
    if zipped:
        members = [gzip.compress(r) for r in records]
        if rng.random() < 0.2:  # the damage is in the compressed member itself
            members[bad_at] = _flip(rng, gzip.compress(records[bad_at]), rng.randint(1, 5))
            how = "gzip_member"
        data = b"".join(members)
    else:
        data = b"".join(records)
    return data, count - 1, how


# ---------------------------------------------------------------- entry points


def reader_case(reader: str, rng: random.Random) -> Case:
    """One malformed input for ``reader`` (one of ``READERS``)."""
    name = f"fuzz.{_EXTENSION[reader]}"
    if reader == "text":
        data, how = _text_case(rng)
        return Case(name=name, data=data, good=0, kind=how)
    if reader == "html":
        data, how = _html_case(rng)
        return Case(name=name, data=data, good=0, kind=how)
    make = {
        "jsonl": _jsonl_case,
        "json": _json_case,
        "feed": _feed_case,
        "warc": lambda r: _warc_case(r, zipped=False),
        "warc.gz": lambda r: _warc_case(r, zipped=True),
    }[reader]
    data, good, how = make(rng)
    return Case(name=name, data=data, good=good, kind=how)


def analysis_records(rng: random.Random, count: int) -> list[dict]:
    """``count`` odd articles as JSON Lines records, for the whole analysis."""
    records = []
    for number in range(count):
        text = article_text(rng, number)
        how = rng.choice(["nasty", "dates", "quotes", "numbers", "long_sentence", "layout"])
        if how == "nasty":
            text = nasty(rng, text, rng.randint(1, 30))
        elif how == "dates":
            text += " " + " ".join(rng.choices([n for n in NASTY if any(c.isalpha() for c in n)]
                                               + ["demain", "lundi prochain", "en janvier",
                                                  "le 31 décembre", "hier soir"], k=8))  # fmt: skip
        elif how == "quotes":
            text = text.replace(" ", rng.choice([" « ", " » ", ' " ', " “ "]), rng.randint(1, 40))
        elif how == "numbers":
            odd = ["9" * 300, "1e308", "3,14159", "12 contre 12", "-1 000 000 %", "0,0001 €", "½"]
            text += " " + " ".join(rng.choices(odd, k=10))
        elif how == "long_sentence":
            text = text.replace(".", ",") * rng.randint(2, 40)
        else:
            leads = ["", " ", "\t", "—", "•", "1."]
            lines = [line for line in text.split("\n") for _ in range(rng.randint(1, 3))]
            text = "\n".join(rng.choice(leads) + line for line in lines)
        published: object = (TODAY - dt.timedelta(days=rng.randrange(40_000))).isoformat()
        if rng.random() < 0.1:
            published = rng.choice(["0001-01-01", "9999-12-31", None, "1900-01-01", "2099-01-01"])
        records.append(
            {"id": f"a{number}", "title": _title(rng, number), "published": published, "text": text}
        )
    return records
