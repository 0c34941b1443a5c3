"""The ingest resource files of one language, compiled once into regular expressions.

The files are ``resources/<lang>/ingest_metadata.toml``, ``ingest_debris.toml`` and
``ingest_agencies.toml``; their header comments say how patterns and fragments work.
The word lists of ``[words]`` (both files) and ``[body_words]`` (debris), and the
regular expressions of ``[regex]`` (both files), are fragments.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from recoupe import resources
from recoupe.errors import ResourceError

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class LinePattern:
    """A debris pattern: what kind of debris it finds and the longest line it may match."""

    kind: str
    regex: re.Pattern[str]
    max_chars: int
    paragraphs: int = 0  # lead patterns: among how many first body paragraphs


@dataclass(frozen=True, slots=True, kw_only=True)
class Patterns:
    """Everything the layout reader needs to know about one language."""

    prose_words: int
    prose_chars: int
    title_max_chars: int
    title_min_words: int
    header_lines: int
    header_paragraphs: int
    date_rest_max_words: int
    months: Mapping[str, int]
    agencies: Mapping[str, str]  # alias (as printed) -> canonical name
    agency_regex: re.Pattern[str]
    updated_label: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    date_lines: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]
    place_bylines: tuple[re.Pattern[str], ...]
    contributions: tuple[re.Pattern[str], ...]
    staff: frozenset[str]
    name_joiners: re.Pattern[str]
    name_particles: frozenset[str]
    not_name_words: frozenset[str]
    agency_lines: tuple[re.Pattern[str], ...]
    agency_trailing: tuple[re.Pattern[str], ...]
    debris: tuple[LinePattern, ...]
    trailing_debris: tuple[LinePattern, ...]
    body_debris: tuple[LinePattern, ...] = ()  # whole body paragraphs, prose or not
    lead_debris: tuple[LinePattern, ...] = ()  # glued to the start of a body paragraph
    inline_debris: tuple[LinePattern, ...] = ()  # anywhere inside a body paragraph
    glued_datelines: tuple[LinePattern, ...] = ()  # "Paris | ..." the layout did not see
    dateline_rests: tuple[LinePattern, ...] = ()  # "| ..." left after a layout's dateline


@cache
def patterns(lang: str = "fr") -> Patterns:
    """The compiled ingest patterns of ``lang``; raise ResourceError if a file is bad."""
    meta = resources.load(lang, "ingest_metadata")
    debris = resources.load(lang, "ingest_debris")
    agencies = _agency_aliases(resources.load(lang, "ingest_agencies").get("agency", []))
    months = {name.casefold(): int(number) for name, number in meta["months"].items()}

    fragments = {"month": _alternation(months, ignore_case=True)}
    fragments["agency"] = _alternation(agencies, ignore_case=False)
    word_tables = (meta.get("words", {}), debris.get("words", {}), debris.get("body_words", {}))
    for table in word_tables:
        for name, words in table.items():
            fragments[name] = _alternation(words, ignore_case=name != "photo_agency")
    for name, regex in [*meta.get("regex", {}).items(), *debris.get("regex", {}).items()]:
        fragments[name] = f"(?:{regex})"
    for name, regex in list(fragments.items()):  # fragments may use other fragments
        fragments[name] = _expand(regex, fragments)

    def compile_all(items: Iterable[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(_expand(p, fragments)) for p in items)

    limits = meta["limits"]
    byline = meta["byline"]
    joiners = sorted(byline["name_joiners"], key=len, reverse=True)
    joiner_regex = "|".join(
        re.escape(j) if not j.isalpha() else rf"\s{re.escape(j)}\s" for j in joiners
    )
    return Patterns(
        prose_words=int(limits["prose_words"]),
        prose_chars=int(limits["prose_chars"]),
        title_max_chars=int(limits["title_max_chars"]),
        title_min_words=int(limits["title_min_words"]),
        header_lines=int(limits["header_lines"]),
        header_paragraphs=int(limits["header_paragraphs"]),
        date_rest_max_words=int(meta["date_line"]["rest_max_words"]),
        months=months,
        agencies=agencies,
        agency_regex=_compile(fragments["agency"]),
        updated_label=_compile(fragments["updated_label"]),
        datelines=compile_all(meta["dateline"]["patterns"]),
        date_lines=compile_all(meta["date_line"]["patterns"]),
        bylines=compile_all(byline["patterns"]),
        place_bylines=compile_all(byline["place_patterns"]),
        contributions=compile_all(byline["contributions"]),
        staff=frozenset(s.casefold() for s in byline["staff"]),
        name_joiners=_compile(joiner_regex),
        name_particles=frozenset(p.casefold() for p in byline["name_particles"]),
        not_name_words=frozenset(w.casefold() for w in byline["not_name_words"]),
        agency_lines=compile_all(meta["agency_marks"]["lines"]),
        agency_trailing=compile_all(meta["agency_marks"]["trailing"]),
        debris=_line_patterns(debris.get("line", []), fragments),
        trailing_debris=_line_patterns(debris.get("trailing", []), fragments),
        body_debris=_line_patterns(debris.get("body", []), fragments, max_chars=600),
        lead_debris=_line_patterns(debris.get("lead", []), fragments, max_chars=250, paragraphs=3),
        inline_debris=_line_patterns(debris.get("inline", []), fragments),
        glued_datelines=_line_patterns(
            [{"kind": "dateline", **e} for e in debris.get("dateline", [])], fragments
        ),
        dateline_rests=_line_patterns(
            [{"kind": "dateline", **e} for e in debris.get("dateline_rest", [])], fragments
        ),
    )


def _agency_aliases(entries: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Alias -> canonical name, with an upper-case copy of each alias ("REUTERS")."""
    aliases: dict[str, str] = {}
    for entry in entries:
        name = entry["name"]
        for alias in [name, *entry.get("aliases", [])]:
            aliases.setdefault(alias, name)
            aliases.setdefault(alias.upper(), name)
    return aliases


def _line_patterns(
    entries: Iterable[Mapping[str, Any]],
    fragments: dict[str, str],
    *,
    max_chars: int = 160,
    paragraphs: int = 0,
) -> tuple[LinePattern, ...]:
    return tuple(
        LinePattern(
            kind=entry["kind"],
            regex=_compile(_expand(entry["pattern"], fragments)),
            max_chars=int(entry.get("max_chars", max_chars)),
            paragraphs=int(entry.get("paragraphs", paragraphs)),
        )
        for entry in entries
    )


def _alternation(words: Iterable[str], *, ignore_case: bool) -> str:
    # Longest first, so that "mis à jour le" wins over "mis à jour".
    body = "|".join(re.escape(w) for w in sorted(set(words), key=_longest_first))
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def _expand(pattern: str, fragments: Mapping[str, str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise ResourceError(f"unknown fragment {{{name}}} in ingest pattern {pattern!r}")
        return fragments[name]

    return _PLACEHOLDER.sub(substitute, pattern)


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ResourceError(f"bad ingest pattern {pattern!r}: {e}") from e
