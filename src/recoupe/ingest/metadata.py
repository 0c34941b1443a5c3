"""Metadata hidden in an article's text, and which of its lines are article body.

``read_layout(text)`` sorts the lines of an article: body paragraphs, an outlet's
masthead above the title ("Le Journal de Brest"), the title line,
the dateline at the start of the first paragraph ("MADRID, 4 mai (Reuters) --"),
date lines ("Publié le 12/05/2024 à 10h30"), bylines ("Par Jean Dupont", a lone name
under the lede), contribution lines ("X et Y ont contribué à ce rapport"), agency marks
("(AFP)", "avec Reuters") and page debris ("Photo : ...", "Lire aussi", "Partager").
The patterns come from ``resources/<lang>/ingest_*.toml``.

Nothing is cut out of ``text``: every non-blank character lies in exactly one of
``body``, ``dateline``, ``title_span`` and ``removed``; date lines, bylines and agency
marks are listed in ``removed`` beside the debris, since they are not article content.

Decisions:

- The title is not body. A plain-text file's first line (under a rubric in capitals,
  "INTERNATIONAL", if there is one) is taken for the title only
  when it is short (``title_max_chars``), has at least ``title_min_words`` words, does
  not end like a sentence (. : ; , …), carries no dateline and more body follows;
  otherwise it is the lede and stays body. When the reader already knows the title
  (HTML, feeds, JSON Lines), a first line equal to it is the title line.
- A lone name (two or three capitalised words) near the top, or as the last line, is a
  byline unless the article body names that person: then it is a photo caption.
- A line of prose (``prose_words`` words or ``prose_chars`` characters) is always body:
  only a dateline before it and an end mark after it ("... Fin") can be cut off it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from recoupe.ingest.dates import date_from_groups, make_date
from recoupe.ingest.names import is_name, split_names, surname
from recoupe.ingest.outlets import STRONG, name_strength
from recoupe.ingest.patterns import Patterns, patterns
from recoupe.model import TextSpan

_LINE = re.compile(r"[^\r\n]+")
_BLANK = frozenset("\ufeff\u200b\u200c\u200d\u2060")  # invisible characters that pad lines
_SENTENCE_END = tuple(".:;,…")
_TITLE_START = "«\"“'‘¿¡(["
_DATE_REST_FORBIDDEN = frozenset('.!?:;«»"“”')
_PLACE_WORD_SPLIT = re.compile(r"[\s\-'’.]+")
_PLACE_LOWER_OK = frozenset(
    {"sur", "lès", "les", "en", "aux", "à", "et", "d", "l", "de", "du", "des", "la", "le"}
)

BODY = None  # the kind of a body line
TITLE = "title"
DATE_LINE = "date_line"
BYLINE = "byline"
CAPTION = "caption"
AGENCY_MARK = "agency_mark"
RUBRIC = "rubric"
MASTHEAD = "masthead"
_RUBRIC_WORDS = 3
_CREDIT_SPLIT = re.compile(r"\s*[/,&+]\s*")
_ELIDED_ARTICLE = re.compile(r"^(?:[Ll]['’]|(?:[Ll]a|[Ll]e)\s+)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """What ``read_layout`` found: the body spans and the metadata read from the text."""

    body: tuple[TextSpan, ...] = ()
    removed: tuple[TextSpan, ...] = ()
    title: str | None = None
    title_span: TextSpan | None = None
    dateline: TextSpan | None = None
    place: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # date_line | dateline
    partial_date: tuple[int, int] | None = None  # (month, day) of a dateline without year


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    kind: str | None = BODY
    body_start: int = 0
    body_end: int = 0


# A dateline's span, its place and its (year or None, month, day) when it gives a day.
_Dateline = tuple[TextSpan, str | None, tuple[int | None, int, int] | None]


@dataclass(slots=True)
class _Found:
    """What the passes over the lines collect, in text order."""

    authors: list[tuple[int, str]] = field(default_factory=list)
    agencies: list[tuple[int, str]] = field(default_factory=list)
    dates: list[tuple[int, tuple[int, int, int], bool]] = field(default_factory=list)
    cuts: list[tuple[int, int]] = field(default_factory=list)


def read_layout(text: str, *, title: str | None = None, lang: str = "fr") -> Layout:
    """Sort the lines of ``text`` into body and metadata; ``title`` is a title already known."""
    pats = patterns(lang)
    lines = [_line(text, m.start(), m.end()) for m in _LINE.finditer(text)]
    lines = [line for line in lines if line.text]
    found = _Found()
    for line in lines:
        _classify(line, pats, found)
    _find_masthead(lines)  # before lone names: "Tribune de Brest" is no byline
    _find_lone_names(lines, pats, found)
    title_line = _find_title(lines, pats, title)
    dateline = _find_dateline(text, lines, pats, found)
    _find_closing_byline(lines, pats, found)
    _cut_trailing_marks(text, lines, pats, found)
    return _assemble(text, lines, title_line, dateline, found)


# ---------------------------------------------------------------- one line at a time


def _classify(line: _Line, pats: Patterns, found: _Found) -> None:
    """Give a line a kind from its own text; prose lines stay body."""
    text = line.text
    if is_prose(text, pats):
        return
    if (date := _match_date_line(text, pats)) is not None:
        line.kind = DATE_LINE
        found.dates.append((line.start, date[0], date[1]))
        return
    # A line of agencies only ("AFP/Belga") credits a dispatch, though a photo credit
    # pattern ("AFP/Jean Dupont") would take it too.
    if (agencies := _match_agency_line(text, pats, patterns=pats.agency_lines[:1])) is not None:
        line.kind = AGENCY_MARK
        found.agencies.extend((line.start, a) for a in agencies)
        return
    for debris in pats.debris:
        if len(text) <= debris.max_chars and debris.regex.fullmatch(text):
            line.kind = debris.kind
            return
    if (agencies := _match_agency_line(text, pats, patterns=pats.agency_lines[1:])) is not None:
        line.kind = AGENCY_MARK
        found.agencies.extend((line.start, a) for a in agencies)
        return
    for regex in pats.contributions:
        if (match := regex.fullmatch(text)) and (names := split_names(match["names"], pats)):
            line.kind = BYLINE
            found.authors.extend((line.start, n) for n in names)
            return
    if (byline := _match_byline(text, pats)) is not None:
        line.kind = BYLINE
        names, agency = byline
        found.authors.extend((line.start, n) for n in names)
        if agency:
            found.agencies.append((line.start, agency))


def is_prose(text: str, pats: Patterns) -> bool:
    """True for a line long enough to be article prose, whatever it starts with."""
    return len(text) >= pats.prose_chars or len(text.split()) >= pats.prose_words


def _match_date_line(text: str, pats: Patterns) -> tuple[tuple[int, int, int], bool] | None:
    """((year, month, day), is_update) when the line is only a date, else None."""
    for regex in pats.date_lines:
        match = regex.fullmatch(text)
        if match is None:
            continue
        parts = date_from_groups(match.groupdict(), pats)
        if parts is None:
            continue
        year, month, day = parts
        if year is None or make_date(year, month, day) is None:
            continue
        rest = match["rest"].strip(" \t,;|•·–—-")
        if rest and not _is_date_rest(rest, pats):
            continue
        return (year, month, day), match["updated"] is not None
    return None


def _is_date_rest(rest: str, pats: Patterns) -> bool:
    if pats.updated_label.match(rest):
        return True
    return len(rest.split()) <= pats.date_rest_max_words and not any(
        c.isdigit() or c in _DATE_REST_FORBIDDEN for c in rest
    )


def _match_agency_line(
    text: str, pats: Patterns, *, patterns: tuple[re.Pattern[str], ...]
) -> list[str] | None:
    for regex in patterns:
        if match := regex.fullmatch(text):
            return agency_names(match["agencies"], pats)
    return None


def agency_names(text: str, pats: Patterns) -> list[str]:
    """Canonical names of the agencies a credit lists; the credit itself if none is known.

    A credit in lower case ("ats/nxp": the agency, then the desk's initials) is read
    word by word, ignoring case; words that name no agency are left out.
    """
    names = [pats.agencies[m.group()] for m in pats.agency_regex.finditer(text)]
    if not names:
        folded = {alias.casefold(): name for alias, name in pats.agencies.items()}
        parts = _CREDIT_SPLIT.split(text.strip())
        names = [folded[p.casefold()] for p in parts if p.casefold() in folded]
    return list(dict.fromkeys(names)) or [text.strip()]


@cache
def _agency_list(agency: str) -> re.Pattern[str]:
    """Agencies only, one or several: "AFP", "AFP/Belga", "Reuters et AFP"."""
    return re.compile(rf"{agency}(?:\s*(?:,|/|&|\set\s)\s*{agency})*")


def _match_byline(text: str, pats: Patterns) -> tuple[tuple[str, ...], str | None] | None:
    """(authors, agency) of a "Par ..." line, or None."""
    for regex in pats.bylines:
        match = regex.fullmatch(text)
        if match is None:
            continue
        credited = match["names"].strip(" .")
        agency = agency_names(match["agency"], pats)[0] if match["agency"] else None
        if credited.casefold() in pats.staff:
            return (), agency
        bare = _ELIDED_ARTICLE.sub("", credited)
        if _agency_list(pats.agency_regex.pattern).fullmatch(bare):  # "Par l'AFP et Belga"
            return (), agency_names(bare, pats)[0]
        if names := split_names(credited, pats):
            return names, agency
    return None


# ---------------------------------------------------------------- lines in context


def _find_lone_names(lines: list[_Line], pats: Patterns, found: _Found) -> None:
    """Bylines and photo captions among the first lines: a name alone, or "Name, à Kiev"."""
    paragraphs = 0
    for i, line in enumerate(lines[: pats.header_lines]):
        if line.kind is not BODY:
            continue
        if (credit := _lone_names(line.text, pats)) is not None:
            _byline_or_caption(lines, i, credit, pats, found)
            continue
        paragraphs += 1
        if paragraphs > pats.header_paragraphs:
            return


def _find_closing_byline(lines: list[_Line], pats: Patterns, found: _Found) -> None:
    """A name alone as the last line ("Jean Dupont") signs the article."""
    body = [i for i, line in enumerate(lines) if line.kind is BODY]
    if len(body) < 3:
        return
    last = body[-1]
    if (credit := _lone_names(lines[last].text, pats)) is not None:
        _byline_or_caption(lines, last, credit, pats, found)


# The names of a lone byline and the agency it credits, if any.
_Credit = tuple[tuple[str, ...], str | None]


def _lone_names(text: str, pats: Patterns) -> _Credit | None:
    """A lone name ("Jean Dupont", "Jean Dupont, à Kiev"), maybe with an agency after it."""
    text, agency = _agency_after_name(text, pats)
    if is_name(text, pats, max_words=3):
        return (" ".join(text.split()),), agency
    for regex in pats.place_bylines:
        if (match := regex.fullmatch(text)) and is_name(match["names"].strip(), pats):
            return (" ".join(match["names"].split()),), agency
    return None


@cache
def _name_and_credit(agency: str) -> re.Pattern[str]:
    """ "Name (AFP)", "Name (avec AFP)", "Name avec Reuters", "Name/Agences"."""
    credit = rf"{agency}(?:\s*/\s*{agency})*|[^\W\d_]+"
    return re.compile(
        rf"(?P<rest>.+?)\s*(?:\(\s*(?:(?i:avec)\s+)?(?P<a1>{credit})\s*\)"
        rf"|(?:/\s*|\s+(?i:avec)\s+)(?P<a2>{credit}))"
    )


def _agency_after_name(text: str, pats: Patterns) -> tuple[str, str | None]:
    """``text`` without a credit after it, and the agency credited (None for "agences")."""
    match = _name_and_credit(pats.agency_regex.pattern).fullmatch(text)
    if match is None:
        return text, None
    credit = match["a1"] or match["a2"]
    slash = match["a2"] is not None and "/" in text[match.end("rest") : match.start("a2")]
    # "Name/AFP" is how a photographer is credited, not a writer: not taken here
    if pats.agency_regex.fullmatch(credit.split("/")[0].strip()) and not slash:
        return match["rest"], agency_names(credit, pats)[0]
    if credit.casefold() in pats.staff:
        return match["rest"], None
    return text, None


def _byline_or_caption(
    lines: list[_Line], i: int, credit: _Credit, pats: Patterns, found: _Found
) -> None:
    """A lone name is a caption if the body names that person or a caption beside repeats it."""
    line = lines[i]
    names, agency = credit
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    repeated = any(n.kind not in (BODY, TITLE) and names[0] in n.text for n in neighbours)
    body_text = "\n".join(other.text for other in lines if other.kind is BODY and other is not line)
    named = any(re.search(rf"(?<!\w){re.escape(surname(name))}(?!\w)", body_text) for name in names)
    if repeated or named:
        line.kind = CAPTION
        return
    line.kind = BYLINE
    found.authors.extend((line.start, name) for name in names)
    if agency is not None:
        found.agencies.append((line.start, agency))


def _find_title(lines: list[_Line], pats: Patterns, known: str | None) -> _Line | None:
    for line in lines[: pats.header_lines]:  # a rubric in capitals above the title
        if line.kind is not BODY:
            continue
        if not _is_rubric(line.text):
            break
        line.kind = RUBRIC
    body = [line for line in lines if line.kind is BODY]
    if not body:
        return None
    first = body[0]
    if known is not None:
        if _same_title(first.text, known):
            first.kind = TITLE
            return first
        return None
    if len(body) < 2 or _match_dateline(first.text, pats) is not None:
        return None
    if _looks_like_title(first.text, pats):
        first.kind = TITLE
        return first
    return None


def _find_masthead(lines: list[_Line]) -> None:
    """An outlet's name alone on the first line, above a title and body ("Le Journal")."""
    body = [line for line in lines if line.kind is BODY]
    if len(body) >= 3 and body[0] is lines[0] and is_masthead(body[0].text):
        body[0].kind = MASTHEAD


def is_masthead(text: str) -> bool:
    """True for a line that surely names an outlet (``outlets.name_strength``)."""
    return name_strength(text) == STRONG


def _is_rubric(text: str) -> bool:
    """A section name in capitals: "INTERNATIONAL", "GUERRE EN UKRAINE"."""
    return (
        len(text.split()) <= _RUBRIC_WORDS
        and text.isupper()
        and all(c.isalpha() or c in " -'’" for c in text)
    )


def _looks_like_title(text: str, pats: Patterns) -> bool:
    return (
        len(text) <= pats.title_max_chars
        and len(text.split()) >= pats.title_min_words
        and not is_prose(text, pats)
        and not text.endswith(_SENTENCE_END)
        and (text[0].isupper() or text[0].isdigit() or text[0] in _TITLE_START)
    )


def _same_title(line: str, title: str) -> bool:
    a, b = _fold(line), _fold(title)
    return bool(a) and (a == b or (len(a) >= 20 and b.startswith(a)))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .:;,!?")


def _find_dateline(
    text: str, lines: list[_Line], pats: Patterns, found: _Found
) -> _Dateline | None:
    """The dateline at the start of the first body paragraph: its span, place and date."""
    first = next((line for line in lines if line.kind is BODY), None)
    if first is None or (match := _match_dateline(first.text, pats)) is None:
        return None
    start, end = _trim(text, first.start, first.start + match.end())
    first.body_start = end
    groups = match.groupdict()
    agency = None
    if raw := groups.get("agency"):
        raw = raw.strip()
        known = pats.agencies.get(raw)
        agency = known or (raw if _looks_like_agency(raw) else None)
        if agency:
            found.agencies.insert(0, (-1, agency))  # a dateline's agency comes first
    place = groups.get("place")
    return (
        TextSpan(start=start, end=end, text=text[start:end]),
        place.strip() if place else None,
        date_from_groups(groups, pats) if groups.get("day") else None,
    )


def _match_dateline(text: str, pats: Patterns) -> re.Match[str] | None:
    for regex in pats.datelines:
        match = regex.match(text)
        if match is None or match.end() >= len(text):
            continue
        place = match.groupdict().get("place")
        capitals_only = match.groupdict().get("day") is None and not match.groupdict().get("agency")
        if place is not None and not _valid_place(place, capitals_only=capitals_only):
            continue
        return match
    return None


def _valid_place(place: str, *, capitals_only: bool) -> bool:
    words = [w for w in _PLACE_WORD_SPLIT.split(place) if w]
    if not 1 <= len(words) <= 5:
        return False
    if capitals_only:
        return place.isupper() and sum(c.isalpha() for c in place) >= 3
    return (
        all(w[0].isupper() or w.casefold() in _PLACE_LOWER_OK for w in words)
        and words[0][0].isupper()
    )


def _looks_like_agency(raw: str) -> bool:
    words = raw.split()
    return 1 <= len(words) <= 4 and raw[0].isupper() and len(raw) <= 30


def _cut_trailing_marks(text: str, lines: list[_Line], pats: Patterns, found: _Found) -> None:
    """End marks and agency credits after the last sentence: "... poursuivraient. Fin"."""
    last = next((line for line in reversed(lines) if line.kind is BODY), None)
    if last is None:
        return
    changed = True
    while changed:
        changed = False
        segment = text[last.body_start : last.body_end]
        for regex, is_agency in [(p.regex, False) for p in pats.trailing_debris] + [
            (r, True) for r in pats.agency_trailing
        ]:
            match = regex.search(segment)
            if match is None or not segment[: match.start()].strip():
                continue
            cut = last.body_start + match.start()
            found.cuts.append(_trim(text, cut, last.body_end))
            if is_agency:
                found.agencies.extend((cut, a) for a in agency_names(match["agencies"], pats))
            last.body_end = _trim(text, last.body_start, cut)[1]
            changed = True
            break


# ---------------------------------------------------------------- result


def _assemble(
    text: str,
    lines: list[_Line],
    title_line: _Line | None,
    dateline: _Dateline | None,
    found: _Found,
) -> Layout:
    body, removed = [], []
    for line in lines:
        if line.kind is BODY:
            start, end = _trim(text, line.body_start, line.body_end)
            if start < end:
                body.append(TextSpan(start=start, end=end, text=text[start:end]))
        elif line.kind != TITLE:
            removed.append(TextSpan(start=line.start, end=line.end, text=line.text))
    removed.extend(TextSpan(start=s, end=e, text=text[s:e]) for s, e in found.cuts if s < e)

    published, published_from, partial = None, None, None
    dates = sorted(found.dates, key=_publication_first)
    if dates:
        published, published_from = make_date(*dates[0][1]), "date_line"
    span, place, agency_date = dateline if dateline else (None, None, None)
    if agency_date is not None:
        year, month, day = agency_date
        if published is None and year is not None:
            published, published_from = make_date(year, month, day), "dateline"
        elif year is None:
            partial = (month, day)

    authors = list(dict.fromkeys(name for _, name in sorted(found.authors, key=_first)))
    agencies = [name for _, name in sorted(found.agencies, key=_first)]
    return Layout(
        body=tuple(body),
        removed=tuple(sorted(removed)),
        title=title_line.text if title_line else None,
        title_span=TextSpan(start=title_line.start, end=title_line.end, text=title_line.text)
        if title_line
        else None,
        dateline=span,
        place=place,
        authors=tuple(authors),
        agency=agencies[0] if agencies else None,
        published=published,
        published_from=published_from if published else None,
        partial_date=partial,
    )


def _publication_first(date: tuple[int, tuple[int, int, int], bool]) -> tuple[bool, int]:
    """Sort key of date lines: publication dates before update dates, then text order."""
    return date[2], date[0]


def _first(item: tuple[int, str]) -> int:
    return item[0]


def _line(text: str, start: int, end: int) -> _Line:
    start, end = _trim(text, start, end)
    return _Line(start=start, end=end, text=text[start:end], body_start=start, body_end=end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the blanks (and invisible padding) at either end."""
    while start < end and (text[start].isspace() or text[start] in _BLANK):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _BLANK):
        end -= 1
    return start, end
