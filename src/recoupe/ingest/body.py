"""Debris inside body paragraphs, set aside after the layout; ``text`` is never touched.

``read_layout`` judges short lines. Scraped pages also glue debris to prose or print
it as long paragraphs: a "À LIRE AUSSI" link glued to the lead, a kicker ("VIDÉO.")
or a rubric ("Violences Le mouvement ...") before it, an embedded social post (its
text, then "— Name (@handle) date", often printed a second time), an address, a
teaser end "(...)", the same paragraph printed twice. ``clean_body`` cuts these out
of the body spans into ``removed``; the patterns are data
(``resources/<lang>/ingest_debris.toml``, sections ``body``, ``lead``, ``inline``).

Decisions:

- A repeated paragraph (same words, whatever the spacing and punctuation) is debris
  from its second print on; the first is kept. The title counts as printed.
- A post's signature inside a paragraph takes its text with it only when the text is
  printed again right after the signature (the usual embed markup): otherwise where
  the post starts is unknown and only the signature is cut.
- What a cut leaves without a letter or digit is debris too. When every body
  paragraph would go, the layout is kept as it was: an article is never emptied here.
- A post's signature dates the post ("— Name (@handle) 7 janvier 2019"): out of the
  body, that day is still a sign of when the article was written, so each dated
  signature is returned as a note ``post_date`` (ISO day, span of the signature).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from recoupe.ingest.dates import date_from_groups, make_date
from recoupe.ingest.metadata import Layout
from recoupe.ingest.patterns import LinePattern, Patterns, patterns
from recoupe.model import Note, TextSpan

_WORD = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")
# where a post's text may start: the paragraph start or after a sentence end
_POST_START = re.compile(r"(?:^|(?<=[.!?…»\"”]))\s+(?=\S)|^(?=\S)")
_POST_MAX_CHARS = 700
_REPEAT_MIN_CHARS = 12  # shorter paragraphs ("Fin", "Oui.") are not checked for repeats
_SOCIAL_POST = "social_post"
# the day in a post's signature; the month must be one of the language's month names
_DAY = re.compile(r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>[^\W\d_]+)\.?\s+(?P<year>\d{4})")

_Cut = tuple[int, int]


def clean_body(text: str, layout: Layout, *, lang: str = "fr") -> tuple[Layout, tuple[Note, ...]]:
    """``layout`` with the debris inside its body paragraphs moved to ``removed``, and the
    notes of what that debris tells (the days of embedded posts)."""
    pats = patterns(lang)
    cleaned = _clean(text, layout, pats)
    return cleaned, _post_dates(text, cleaned.removed, pats)


def _clean(text: str, layout: Layout, pats: Patterns) -> Layout:
    layout = _glued_dateline(text, layout, pats)
    seen: set[str] = {_key(layout.title)} if layout.title else set()
    body: list[TextSpan] = []
    removed: list[TextSpan] = list(layout.removed)
    for index, span in enumerate(layout.body):
        cuts = _paragraph_cuts(text, span, index, pats, seen)
        kept, cut = _split(text, span, cuts)
        body.extend(kept)
        removed.extend(cut)
    if not body or body == list(layout.body):
        return layout
    return dataclasses.replace(layout, body=tuple(body), removed=tuple(sorted(removed)))


def _glued_dateline(text: str, layout: Layout, pats: Patterns) -> Layout:
    """The dateline glued to the first paragraph by a bar or a dash ("Paris | Le ...")."""
    if not layout.body:
        return layout
    first = layout.body[0]
    if layout.dateline is not None:
        if "\n" in text[layout.dateline.end : first.start]:
            return layout
        candidates, start = pats.dateline_rests, layout.dateline.start
    else:
        candidates, start = pats.glued_datelines, first.start
    for pattern in candidates:
        match = pattern.regex.match(first.text)
        if match is None or match.end("cut") > pattern.max_chars:
            continue
        end = first.start + match.end("cut")
        rest = first.start + match.end()
        if rest >= first.end:
            return layout
        body = TextSpan(start=rest, end=first.end, text=text[rest : first.end])
        place = match.groupdict().get("place")
        return dataclasses.replace(
            layout,
            body=(body, *layout.body[1:]),
            dateline=TextSpan(start=start, end=end, text=text[start:end]),
            place=layout.place or (place.strip() if place else None),
        )
    return layout


def _post_dates(text: str, removed: Iterable[TextSpan], pats: Patterns) -> tuple[Note, ...]:
    """A ``post_date`` note for each dated post signature among the removed spans."""
    notes: list[Note] = []
    for span in removed:
        for pattern in pats.inline_debris:
            if pattern.kind != _SOCIAL_POST:
                continue
            for match in pattern.regex.finditer(span.text):
                day_match = _DAY.search(match.group())
                parts = date_from_groups(day_match.groupdict(), pats) if day_match else None
                day = make_date(*parts) if parts and parts[0] is not None else None
                if day is not None:
                    start, end = span.start + match.start(), span.start + match.end()
                    signature = TextSpan(start=start, end=end, text=text[start:end])
                    notes.append(Note(code="post_date", detail=day.isoformat(), span=signature))
    return tuple(notes)


def _paragraph_cuts(
    text: str, span: TextSpan, index: int, pats: Patterns, seen: set[str]
) -> list[_Cut]:
    """The debris of one body paragraph, as offsets into ``text``; records what it read."""
    key = _key(span.text)
    if len(key) >= _REPEAT_MIN_CHARS and key in seen:
        return [(span.start, span.end)]
    seen.add(key)
    cuts = _lead_cuts(span, index, pats.lead_debris)
    rest = span.text[cuts[-1][1] - span.start :].lstrip() if cuts else span.text
    whole = _whole_match(rest, pats.body_debris)
    if whole is not None:
        if whole.kind == _SOCIAL_POST:
            seen.add(_key(_post_text(rest, pats)))
        return [(span.start, span.end)]
    for pattern in pats.inline_debris:
        for match in pattern.regex.finditer(span.text):
            group = "cut" if "cut" in pattern.regex.groupindex else 0
            start, end = span.start + match.start(group), span.start + match.end(group)
            if pattern.kind == _SOCIAL_POST:
                start, end = _with_post(text, span, start, end)
            cuts.append((start, end))
    return cuts


def _whole_match(paragraph: str, candidates: Iterable[LinePattern]) -> LinePattern | None:
    for pattern in candidates:
        if len(paragraph) <= pattern.max_chars and pattern.regex.fullmatch(paragraph):
            return pattern
    return None


def _lead_cuts(span: TextSpan, index: int, candidates: Iterable[LinePattern]) -> list[_Cut]:
    """Debris glued to the start of a paragraph, one pattern after the other."""
    cuts: list[_Cut] = []
    pos = 0
    for pattern in candidates:
        if index >= pattern.paragraphs:
            continue
        match = pattern.regex.match(span.text, pos)
        if match is None or match.end("cut") - pos > pattern.max_chars:
            continue
        cuts.append((span.start + match.start("cut"), span.start + match.end("cut")))
        pos = match.end("cut")
        while pos < len(span.text) and span.text[pos].isspace():
            pos += 1
    return cuts


def _post_text(paragraph: str, pats: Patterns) -> str:
    """A whole-paragraph post without its signature: what a second print repeats."""
    for pattern in pats.inline_debris:
        if pattern.kind == _SOCIAL_POST and (match := pattern.regex.search(paragraph)):
            return paragraph[: match.start()]
    return paragraph


def _with_post(text: str, span: TextSpan, start: int, end: int) -> _Cut:
    """A signature ``[start, end)`` widened to its post when the post is printed again after."""
    lowest = max(span.start, start - _POST_MAX_CHARS)
    for match in _POST_START.finditer(text, lowest, start):
        post_start = match.end()
        post = text[post_start:start]
        if len(_key(post)) < _REPEAT_MIN_CHARS:
            continue
        repeat_end = _repeat_end(text, end, min(span.end, end + 2 * len(post)), post)
        if repeat_end is not None:
            return post_start, repeat_end
    return start, end


def _repeat_end(text: str, start: int, limit: int, printed: str) -> int | None:
    """Where ``printed`` ends if ``text[start:limit]`` begins with it (blanks aside)."""
    wanted = "".join(printed.split())
    i, j = start, 0
    while j < len(wanted):
        if i >= limit:
            return None
        if text[i].isspace():
            i += 1
            continue
        if text[i] != wanted[j]:
            return None
        i += 1
        j += 1
    return i


def _split(text: str, span: TextSpan, cuts: list[_Cut]) -> tuple[list[TextSpan], list[TextSpan]]:
    """The pieces of ``span`` left as body, and the cut pieces (trimmed, merged)."""
    if not cuts:
        return [span], []
    kept: list[TextSpan] = []
    cut: list[TextSpan] = []
    cursor = span.start
    for start, end in _merged(cuts, span):
        _add(text, cursor, start, kept, cut)
        _add(text, start, end, cut, cut)
        cursor = end
    _add(text, cursor, span.end, kept, cut)
    return kept, _merged_spans(text, cut)


def _add(text: str, start: int, end: int, into: list[TextSpan], debris: list[TextSpan]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    piece = TextSpan(start=start, end=end, text=text[start:end])
    (into if _ALNUM.search(piece.text) else debris).append(piece)


def _merged(cuts: list[_Cut], span: TextSpan) -> list[_Cut]:
    merged: list[_Cut] = []
    for start, end in sorted(cuts):
        start, end = max(start, span.start), min(end, span.end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _merged_spans(text: str, spans: list[TextSpan]) -> list[TextSpan]:
    """Adjacent cut pieces (only blanks between them) as one span."""
    merged: list[TextSpan] = []
    for piece in sorted(spans):
        if merged and not text[merged[-1].end : piece.start].strip():
            start = merged[-1].start
            merged[-1] = TextSpan(start=start, end=piece.end, text=text[start : piece.end])
        else:
            merged.append(piece)
    return merged


def _key(paragraph: str) -> str:
    """A paragraph as compared for repeats: its words, case-folded."""
    return " ".join(_WORD.findall(paragraph.casefold()))
