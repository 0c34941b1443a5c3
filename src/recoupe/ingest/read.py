"""``read_all``: every input under the given paths read into articles, rejections and copies."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from recoupe.errors import RecoupeError
from recoupe.ingest import sniff
from recoupe.ingest.article import build_article
from recoupe.ingest.dedup import find_duplicates
from recoupe.ingest.draft import Draft
from recoupe.ingest.feeds import read_feed
from recoupe.ingest.files import Input, iter_inputs
from recoupe.ingest.html import read_html
from recoupe.ingest.jsonl import read_json, read_jsonl
from recoupe.ingest.language import detect_languages
from recoupe.ingest.outlets import with_title_outlets
from recoupe.ingest.patterns import patterns
from recoupe.ingest.sidecar import apply_meta
from recoupe.ingest.text import read_text
from recoupe.ingest.warc import read_warc
from recoupe.model import Article, IngestResult, Rejected

logger = logging.getLogger(__name__)


def read_all(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = 20_000_000,
    on_progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """Read files and folders (``-`` is standard input) into articles.

    Each file goes to the reader of its format (plain text, HTML, JSON Lines or JSON,
    RSS/Atom, WARC), chosen by extension and content; what a sidecar ``NAME.meta.json``
    or a folder's ``manifest.json``/``.csv`` says of a file (outlet, URL, date, language,
    title) is its metadata, and these files are not articles. Bad inputs become ``Rejected``
    records and the run goes on; exact copies are dropped and reported, near copies kept
    and reported. ``on_progress`` is called with each input's path once it is read.
    """
    patterns()  # a broken resource file is the program's fault: raise now, not per file
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for item in iter_inputs(paths, max_bytes=max_bytes):
        results = [item] if isinstance(item, Rejected) else _read_input(item, max_bytes)
        for result in results:
            if isinstance(result, Article):
                articles.append(result)
            else:
                logger.info("rejected %s: %s (%s)", result.source, result.reason, result.detail)
                rejected.append(result)
        if on_progress is not None:
            on_progress(item.source if isinstance(item, Rejected) else item.origin)
    kept, duplicates = find_duplicates(articles)
    kept = with_title_outlets(_with_languages(kept))
    reasons = Counter(r.reason for r in rejected)
    logger.info(
        "read %d articles; rejected %d%s; %d duplicates",
        len(kept),
        len(rejected),
        f" ({', '.join(f'{k}: {n}' for k, n in sorted(reasons.items()))})" if reasons else "",
        len(duplicates),
    )
    return IngestResult(
        articles=tuple(kept), rejected=tuple(rejected), duplicates=tuple(duplicates)
    )


def _read_input(item: Input, max_bytes: int) -> list[Article | Rejected]:
    if not item.data.strip():
        return [
            Rejected(
                source=item.origin, reason="empty", detail="no text: the file is empty or blank"
            )
        ]
    if (kind := sniff.binary_kind(item.name, item.data)) is not None:
        return [Rejected(source=item.origin, reason="binary", detail=f"{kind}, not text")]
    fmt = sniff.detect_format(item.name, item.data)
    logger.debug("%s: read as %s", item.origin, fmt)
    results: list[Article | Rejected] = []
    drafts = _drafts(fmt, item, max_bytes)
    while True:
        # Untrusted bytes go through third-party parsers (lxml, feedparser, warcio); the
        # readers reject a bad record themselves, and whatever one of them still raises
        # costs what is left of that file only: the records read before it are kept.
        try:
            draft = next(drafts, None)
        except RecoupeError:
            raise
        except Exception as e:
            results.append(_failed(item.origin, fmt, e, after=len(results)))
            break
        if draft is None:
            break
        results.append(draft if isinstance(draft, Rejected) else _built(draft, item, fmt))
    return results


def _built(draft: Draft, item: Input, fmt: str) -> Article | Rejected:
    """The article of one record; a failure rejects that record alone."""
    try:
        return build_article(_with_meta(draft, item, fmt))
    except RecoupeError:
        raise
    except Exception as e:
        logger.warning("%s: could not build the article (%s)", draft.origin, type(e).__name__)
        logger.debug("%s: traceback", draft.origin, exc_info=True)
        return Rejected(
            source=draft.origin,
            reason="malformed",
            detail=f"record could not be read as {fmt} ({type(e).__name__}: {_short(e)})",
        )


def _failed(origin: str, fmt: str, error: Exception, *, after: int) -> Rejected:
    logger.warning("%s: the %s reader failed (%s)", origin, fmt, type(error).__name__)
    logger.debug("%s: traceback", origin, exc_info=True)
    kept = f", the rest of the file skipped after {after} record(s)" if after else ""
    return Rejected(
        source=origin,
        reason="malformed",
        detail=f"could not be read as {fmt} ({type(error).__name__}: {_short(error)}){kept}",
    )


def _short(error: Exception) -> str:
    """The first line of an error's message, cut short: no page of text in a rejection."""
    lines = str(error).splitlines()
    first = lines[0] if lines else ""
    return first if len(first) <= 160 else first[:159] + "…"


def _with_meta(draft: Draft, item: Input, fmt: str) -> Draft:
    """The draft with what the user's sidecar or manifest says of its file.

    A file of one article (text, HTML) takes the user's word over its own; records of
    a file of many keep theirs and take the user's only where they have none.
    """
    if item.meta is None:
        return draft
    return apply_meta(draft, item.meta, fill_only=fmt not in (sniff.TEXT, sniff.HTML))


def _drafts(fmt: str, item: Input, max_bytes: int) -> Iterator[Draft | Rejected]:
    if fmt == sniff.HTML:
        yield read_html(item.data, source=item.name, origin=item.origin)
    elif fmt == sniff.JSONL:
        yield from read_jsonl(item.data, name=item.name, origin=item.origin)
    elif fmt == sniff.JSON:
        yield from read_json(item.data, name=item.name, origin=item.origin)
    elif fmt == sniff.FEED:
        yield from read_feed(item.data, name=item.name, origin=item.origin)
    elif fmt == sniff.WARC:
        yield from read_warc(item.data, name=item.name, origin=item.origin, max_bytes=max_bytes)
    else:
        yield from read_text(item.data, name=item.name, origin=item.origin)


def _with_languages(articles: list[Article]) -> list[Article]:
    """Articles with their language set, detected on the body where the reader gave none."""
    unknown = [i for i, article in enumerate(articles) if article.language is None]
    texts = ["\n".join(span.text for span in articles[i].body) for i in unknown]
    for i, language in zip(unknown, detect_languages(texts), strict=True):
        if language is not None:
            articles[i] = dataclasses.replace(articles[i], language=language)
    return articles
