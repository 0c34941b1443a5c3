"""HTML pages: the main text and metadata through trafilatura, never fetching anything.

The publication date is read from JSON-LD ``datePublished`` or the
``article:published_time`` meta tag first (the date as written, in the page's time
zone), then from trafilatura's metadata, then from htmldate. The text is trafilatura's
main text: navigation, banners, asides, footers and comments are left out.
"""

from __future__ import annotations

import contextlib
import html as html_lib
import json
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import htmldate
import lxml.etree
import lxml.html
from trafilatura import bare_extraction

from recoupe.ingest.dates import parse_date
from recoupe.ingest.decode import decode
from recoupe.ingest.draft import Draft
from recoupe.model import Note, Rejected

if TYPE_CHECKING:
    from trafilatura.settings import Document

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_JSON_LD = re.compile(
    r"""<script[^>]+type\s*=\s*["']application/ld\+json["'][^>]*>(.*?)</script>""", re.I | re.S
)
_PUBLISHED_META = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|"""
    r"""pubdate|publishdate|date)["'][^>]*>""",
    re.I,
)
_CONTENT_ATTR = re.compile(r"""content\s*=\s*["']([^"']*)["']""", re.I)
_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "tr", "table", "section", "article", "header", "footer", "pre", "dd", "dt", "hr",
     "figure", "figcaption", "aside", "address"}
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "svg", "form", "button")
_TAG = re.compile(r"<[^>]*>")
# A start tag this long is no markup a page needs (tens of thousands of attributes, or
# an inline image): libxml2 and htmldate take time quadratic in its attributes (8.6 s
# for 30,000), so it is read without them.
_LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]*)\s[^<>]{4000,}>")
# What lxml refuses in a text node (XML 1.0 has no place for them): C0 controls but tab
# and line breaks, lone surrogates, U+FFFE and U+FFFF. They carry no text: dropped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Character references to them: lxml makes the character, and trafilatura, setting it
# as an element's text, fails on the whole page.
_NOT_XML_REF = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|6553[45]"
    r"|5529[6-9]|55[3-9]\d\d|56\d\d\d|57[0-2]\d\d|573[0-3]\d|5734[0-3])"  # surrogates
    r"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF]));"
)


def read_html(
    data: bytes, *, source: str, origin: str, url: str | None = None, charset: str | None = None
) -> Draft | Rejected:
    """The article of one HTML page; ``charset`` is one an HTTP header declared."""
    decoded = decode(data, source=origin, declared=charset or _meta_charset(data))
    if isinstance(decoded, Rejected):
        return decoded
    return extract_html(decoded.text, source=source, origin=origin, url=url, notes=decoded.notes)


def extract_html(
    html: str, *, source: str, origin: str, url: str | None = None, notes: tuple[Note, ...] = ()
) -> Draft | Rejected:
    """Main text and metadata of a decoded HTML page; Rejected (no_text) when there is no text."""
    with _logged_as_debug(origin):
        return _extract(html, source=source, origin=origin, url=url, notes=notes)


# The extraction libraries log ERROR lines for ordinary bad pages ("empty HTML tree",
# "lxml parsing failed: Document is empty"), which reached the terminal beside recoupe's
# own line rejecting the page: while a page is read they go to recoupe's debug log (-v).
_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext")


class _ToDebug(logging.Handler):
    def __init__(self, origin: str) -> None:
        super().__init__(level=logging.NOTSET)
        self.origin = origin

    def emit(self, record: logging.LogRecord) -> None:
        logger.debug("%s: %s: %s", self.origin, record.name, record.getMessage())


@contextlib.contextmanager
def _logged_as_debug(origin: str) -> Iterator[None]:
    """Route the extraction libraries' log records to recoupe's debug log, naming the page."""
    handler = _ToDebug(origin)
    loggers = [logging.getLogger(name) for name in _LIBRARIES]
    saved = [each.propagate for each in loggers]
    for each in loggers:
        each.addHandler(handler)
        each.propagate = False
    try:
        yield
    finally:
        for each, propagate in zip(loggers, saved, strict=True):
            each.removeHandler(handler)
            each.propagate = propagate


def _extract(
    html: str, *, source: str, origin: str, url: str | None, notes: tuple[Note, ...]
) -> Draft | Rejected:
    html = _LONG_TAG.sub(_bare_tag, _NOT_XML_REF.sub("", _NOT_XML.sub("", html)))
    # without the deprecated as_dict=True, bare_extraction returns a Document or None
    document = cast(
        "Document | None",
        bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        ),
    )
    meta: dict[str, Any] = document.as_dict() if document is not None else {}
    text = meta.get("text") or ""
    if not text.strip():
        if _nested_past_parser(html):
            detail = f"markup nested over {MAX_DEPTH} levels deep, past what the HTML parser reads"
            return Rejected(source=origin, reason="malformed", detail=detail)
        return Rejected(
            source=origin, reason="no_text", detail="no main text found in the HTML page"
        )
    linked = _linked_data(html)
    published = (
        parse_date(linked.get("datePublished"))
        or _published_meta(html)
        or parse_date(meta.get("date"))
        or parse_date(htmldate.find_date(html, original_date=True, url=url))
    )
    return Draft(
        source=source,
        origin=origin,
        text=text,
        title=_clean(meta.get("title")) or _clean(linked.get("headline")),
        outlet=_clean(meta.get("sitename")) or _clean(_name_of(linked.get("publisher"))),
        url=meta.get("url") or url,
        published=published,
        published_from="metadata" if published else None,
        authors=_authors(meta.get("author"), linked.get("author")),
        notes=notes,
    )


# libxml2's HTML parser reads elements nested up to this deep (html and body counted)
# and drops what is deeper (its limit without the "huge" option): a page nested further
# has its text out of reach, and says so rather than "no main text".
MAX_DEPTH = 255
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
# Elements that never nest (void), or that the parser closes by itself ("<p>a<p>b").
_NOT_NESTING = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
     "tbody", "tfoot", "colgroup", "rb", "rt", "rp"}
)  # fmt: skip


def _nested_past_parser(html: str) -> bool:
    """Whether elements of ``html`` nest deeper than ``MAX_DEPTH``."""
    depth = 0
    for match in _TAG_NAME.finditer(html):
        closing, name, empty = match.groups()
        if empty or name.lower() in _NOT_NESTING:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_DEPTH:
            return True
    return False


def _bare_tag(match: re.Match[str]) -> str:
    return f"<{match.group(1)}>"


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one paragraph a line."""
    fragment = _NOT_XML.sub("", fragment)
    if "<" not in fragment:
        return _lines(html_lib.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return _lines(html_lib.unescape(_TAG.sub(" ", fragment)))
    for element in list(root.iter(*_DROP_TAGS)):
        if element is not root:
            element.drop_tree()
    for element in root.iter(lxml.etree.Element):
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    return _lines(root.text_content())


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _published_meta(html: str) -> Any:
    for tag in _PUBLISHED_META.finditer(html[:200_000]):
        if (content := _CONTENT_ATTR.search(tag.group())) and (day := parse_date(content.group(1))):
            return day
    return None


def _linked_data(html: str) -> dict[str, Any]:
    """The first JSON-LD object of an article type in the page, or {}."""
    for block in _JSON_LD.finditer(html):
        try:
            data = json.loads(block.group(1))
        except (ValueError, RecursionError):
            logger.debug("unreadable JSON-LD block skipped")
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                return item
    return {}


def _ld_items(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_items(data["@graph"], depth + 1)


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    if isinstance(value, list) and value:
        return _name_of(value[0])
    return None


def _authors(extracted: Any, linked: Any) -> tuple[str, ...]:
    names: list[str] = []
    if isinstance(extracted, str):
        names.extend(part for part in (_clean(p) for p in extracted.split(";")) if part)
    if not names:
        for item in linked if isinstance(linked, list) else [linked]:
            if name := _clean(_name_of(item)):
                names.append(name)
    return tuple(dict.fromkeys(names))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
