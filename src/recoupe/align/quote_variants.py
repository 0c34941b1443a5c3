"""Quotation divergences: one statement quoted in different words by different outlets.

A fact-checker wants to know when outlets do not print the same words between
quotation marks: a word changed ("n'auront pas" / "n'auront jamais"), a quotation
cut short or extended, one phrase of a tweet rewritten. Two quotations are taken as
one statement when a run of their words is the same (``MIN_RUN`` words), most of
the shorter one's words recur in the other (``MIN_SHARE``), the shorter is either
printed whole in the longer or shares a good part of it, and their speakers,
when both are known, are one entity. They diverge when their words, read without
case, accents and punctuation, are not the same.

Copies of one dispatch (one origin) quote with the dispatch's words: they raise no
divergence between themselves. Quotes of a few words are left out: a quoted term
is no statement to compare; so is a short fragment of a quotation another outlet
prints whole (``FRAGMENT_WORDS``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from recoupe.model import DossierQuote, Evidence, Side

from .names import fold
from .origins import accounts_apart
from .sides import Found
from .units import Unit

__all__ = ["quote_variants"]

# Fewest words a quotation must have to be compared with another.
MIN_WORDS = 4
# Words in a row two quotations must share to be taken as one statement ...
MIN_RUN = 3
# ... and the share of the shorter one's words that the other repeats ...
MIN_SHARE = 0.6
# ... and, unless the shorter is printed whole inside the longer (a quotation cut
# short), the share of the longer one's words: a short quotation that repeats a
# common phrase of a long one ("les habitants du quartier") is another statement.
MIN_SHARE_OF_LONGER = 0.4
# Fewest words of a quotation printed whole inside another's for the longer one to be
# a divergence ("quotes more of the statement"): an outlet working a fragment of a few
# words into its own sentence ("ils veulent le désordre", "renouer le dialogue") quotes by
# choice, not another version. Leave-one-out on the dev stories: their gold lists the
# cut quotations whose shorter side has 16 and 17 words, none of the five with 3 to 7;
# any bar from 8 to 16 keeps all listed ones and drops all others (8 taken).
FRAGMENT_WORDS = 8
# Quotations proper: words printed between quotation marks, not reported speech.
_QUOTED = frozenset({"direct", "partial"})


def _words(dq: DossierQuote) -> tuple[str, ...]:
    return tuple(fold(dq.quote.content.text).split())


@lru_cache(maxsize=1 << 16)  # copies of one dispatch quote the same words again
def _same_statement(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b:
        return len(a) >= MIN_RUN
    if not _may_share_enough(a, b):
        return False
    match = SequenceMatcher(None, a, b, autojunk=False)
    run = match.find_longest_match(0, len(a), 0, len(b)).size
    shared = sum(block.size for block in match.get_matching_blocks())
    short, long = sorted((len(a), len(b)))
    if run < MIN_RUN or shared < MIN_SHARE * short:
        return False
    return run == short or shared >= MIN_SHARE_OF_LONGER * long


def _may_share_enough(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """False when the words the two share, counted without their order (more than the
    diff can match), fall short of what ``_same_statement`` asks: a cheap test that
    spares most pairs the diff."""
    counts = Counter(a)
    common = sum(min(n, counts[w]) for w, n in Counter(b).items() if w in counts)
    short, long = sorted((a, b), key=len)
    if common < MIN_SHARE * len(short):
        return False
    # the longest run is the whole shorter quotation only when it is printed in the other
    whole = f" {' '.join(short)} " in f" {' '.join(long)} "
    return whole or common >= MIN_SHARE_OF_LONGER * len(long)


def _speakers_agree(a: DossierQuote, b: DossierQuote) -> bool:
    return a.speaker_id is None or b.speaker_id is None or a.speaker_id == b.speaker_id


def _how(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, float]:
    """Plain words for the difference, and how much it matters."""
    short, long = sorted((a, b), key=len)
    text_long = " ".join(long)
    if " ".join(short) in text_long:
        return "one outlet quotes more of the statement than another", 0.3
    return "the outlets print different words for one quotation", 0.5


def _fragment(variants: Sequence[tuple[str, ...]]) -> bool:
    """Whether the variants are a longer quotation and fragments of it printed whole, the
    shortest of fewer than ``FRAGMENT_WORDS`` words."""
    ordered = sorted(variants, key=len)
    longest = " ".join(ordered[-1])
    return len(ordered[0]) < FRAGMENT_WORDS and all(" ".join(v) in longest for v in ordered)


def quote_variants(
    quotes: Sequence[DossierQuote],
    units: Sequence[Unit] = (),
    origin_of: Mapping[str, str] | None = None,
    copies: Collection[frozenset[str]] | None = None,
) -> list[Found]:
    """Each set of quotations of one statement whose words differ between outlets
    that are independent accounts (``origins.accounts_apart``).

    Each side's evidence is the sentence that prints the quotation (its unit's span),
    so that the reader sees who is quoted and how.
    """
    origin_of = origin_of or {}
    sentence_of = _sentences(units)
    words = [_words(q) for q in quotes]
    usable = [
        i for i, w in enumerate(words) if len(w) >= MIN_WORDS and quotes[i].quote.kind in _QUOTED
    ]
    # two quotations of one statement share a run of MIN_RUN words: only quotations that
    # share one are compared (a story quotes thousands of times, mostly other things)
    runs = {i: set(zip(*(words[i][k:] for k in range(MIN_RUN)), strict=False)) for i in usable}
    holding: dict[tuple[str, ...], list[int]] = {}
    for i in usable:
        for run in runs[i]:
            holding.setdefault(run, []).append(i)
    # the quotations sharing a run with each wording, in order (copies share a wording)
    sharing: dict[tuple[str, ...], list[int]] = {}
    for i in usable:
        if words[i] not in sharing:
            sharing[words[i]] = sorted({j for run in runs[i] for j in holding[run]})
    found: list[Found] = []
    taken: set[int] = set()
    for i in usable:
        if i in taken:
            continue
        group = [i]
        in_group = {quotes[i].article_id}
        others = sharing[words[i]]
        for j in others[bisect_right(others, i) :]:
            if j in taken or quotes[j].article_id in in_group:
                continue
            if _speakers_agree(quotes[i], quotes[j]) and _same_statement(words[i], words[j]):
                group.append(j)
                in_group.add(quotes[j].article_id)
        variants: dict[tuple[str, ...], list[int]] = {}
        for k in group:
            variants.setdefault(words[k], []).append(k)
        told = [{quotes[k].article_id for k in ks} for ks in variants.values()]
        if len(variants) < 2 or not accounts_apart(told, origin_of, copies):
            continue
        taken.update(group)
        if _fragment(list(variants)):
            continue
        reason, confidence = _how(*sorted(variants, key=len)[:2])
        sides = tuple(_side(quotes, members, sentence_of) for members in variants.values())
        found.append(Found("quotation", reason, (), sides, confidence))
    return found


def _sentences(units: Sequence[Unit]) -> dict[str, list[Unit]]:
    by_article: dict[str, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.article_id, []).append(u)
    return by_article


def _evidence(dq: DossierQuote, sentence_of: Mapping[str, Sequence[Unit]]) -> Evidence:
    at = dq.quote.span.start
    for u in sentence_of.get(dq.article_id, ()):
        if u.span.start <= at < u.span.end:
            return Evidence(article_id=dq.article_id, span=u.span, attribution=u.attribution)
    return Evidence(article_id=dq.article_id, span=dq.quote.span)


def _side(
    quotes: Sequence[DossierQuote],
    members: Sequence[int],
    sentence_of: Mapping[str, Sequence[Unit]],
) -> Side:
    first = quotes[members[0]].quote
    return Side(
        label=f"«{first.content.text.strip()}»",
        value=first.content.text.strip(),
        sources=tuple(dict.fromkeys(quotes[k].article_id for k in members)),
        evidence=tuple(_evidence(quotes[k], sentence_of) for k in members),
    )
