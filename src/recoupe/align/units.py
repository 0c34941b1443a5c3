"""Statement units: the sentences of a story's articles with what the analysis says of them.

A unit is what facts are made of: one sentence (the evidence span), the claims,
dates, quantities and attribution the analysis found inside it, and the entities
it names. When the analysis found no claims, units are still built from sentences,
so the cross-check degrades to sentence alignment rather than to nothing.

A sentence that points back to the one before it ("Le maire a approuvé ce
projet", "Il a accepté et ...") says little by itself: its unit carries the
previous sentence as ``context``, whose words the comparison borrows at a lower
weight (``resources/fr/anaphora.toml``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from recoupe import resources
from recoupe.model import (
    Analysis,
    AnalyzedArticle,
    Claim,
    DateRef,
    Quantity,
    Source,
    TextSpan,
)

from .dates import article_bases, resolve_day
from .entities import EntityIndex
from .names import fold

__all__ = [
    "VAGUE_COUNTS",
    "Unit",
    "build_units",
    "compared_texts",
    "evidence_span",
    "in_digits",
    "is_statement",
    "points_back",
]

# Sentences of fewer words are headings, bylines or captions rather than statements.
MIN_WORDS = 4
# Claims whose category only says "someone spoke" do not name the event of a sentence.
WEAK_CATEGORIES = frozenset({"STATEMENT", "OTHER"})
# What a figure counts when that says too little to make two figures one tally.
VAGUE_COUNTS = frozenset({"people"})
_DIGIT = re.compile(r"\d")
# Date roles (``DateRef.role``) that date a sentence's own event; None: not known.
_MAIN_ROLES = ("main", None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """One sentence of one article, with the analysis records that fall inside it."""

    index: int  # position in the story's unit list
    article: int  # position of the article in story order
    article_id: str
    position: int  # sentence number in the article
    span: TextSpan  # the evidence span (the sentence, trimmed to the size limit)
    sentence: TextSpan
    lemmas: str
    claims: tuple[Claim, ...]
    dates: tuple[DateRef, ...]
    quantities: tuple[Quantity, ...]
    attribution: Source | None
    entities: tuple[str, ...]  # entity ids named in the sentence, in text order
    day: str | None = None  # the day the sentence's event is dated, ISO
    # the previous sentence when this one points back to it, and its lemmas
    context: TextSpan | None = None
    context_lemmas: str = ""
    # the day the article's relative words are read against (its publication date, or
    # the one the story gives it: ``dates.article_bases``), ISO; None when unknown
    base: str | None = None
    # the verb of saying that credits the sentence to ``attribution`` ("a suggéré")
    cue: str | None = None

    @property
    def claim(self) -> Claim | None:
        """The claim naming the sentence's event: the first with a real event category."""
        strong = [c for c in self.claims if c.category not in WEAK_CATEGORIES]
        claims = strong or list(self.claims)
        return claims[0] if claims else None


def in_digits(quantity: Quantity) -> bool:
    """A figure written in digits: one to compare or tally, unlike "des centaines"."""
    return bool(_DIGIT.search(quantity.span.text))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day_of(claims: Sequence[Claim], dates: Sequence[DateRef], base: dt.date | None) -> str | None:
    """The day of the sentence's own event: a date of its main clause, else of another clause.

    Within each rank the main claim's dates come first. A date that only names a thing
    in passing ("les violences de samedi", role ``noun``) never dates the sentence.
    """
    strong = [c for c in claims if c.category not in WEAK_CATEGORIES]
    ordered = [ref for c in strong[:1] for ref in c.dates] + list(dates)
    for rank in (_MAIN_ROLES, ("clause",)):
        for ref in ordered:
            if ref.role in rank:
                day = resolve_day(ref, base)
                if day:
                    return day
    return None


@cache
def _anaphora() -> tuple[re.Pattern[str], frozenset[str]]:
    data = resources.load("fr", "anaphora")
    words = "|".join(re.escape(w) for w in data.get("demonstratives", ()))
    not_after = "|".join(re.escape(w) for w in data.get("not_after", ()))
    # a demonstrative followed by a word that is neither a pronoun use nor a time
    pattern = rf"\b(?:{words}) (?!(?:{not_after})\b)[a-z]{{3,}}" if words else r"(?!x)x"
    return re.compile(pattern), frozenset(data.get("needs_object", ()))


# What may follow a verb whose object was left out: the sentence's end, a comma, "et".
_ELIDED_AFTER = re.compile(r"\s*(?:$|[.,;:!?]|et\b|mais\b|puis\b)")


def points_back(sentence: TextSpan, claims: Sequence[Claim]) -> bool:
    """Whether the sentence refers to the previous one for what it is about.

    It does when it names its topic with a demonstrative ("ce projet", "ces
    mesures") or when a verb that needs an object has none ("Il a accepté et ...").
    """
    pattern, needs_object = _anaphora()
    if pattern.search(fold(sentence.text)):
        return True
    for claim in claims:
        if claim.category not in needs_object or claim.object is not None:
            continue
        after = sentence.text[claim.predicate.end - sentence.start :]
        if claim.predicate.end <= sentence.end and _ELIDED_AFTER.match(after):
            return True
    return False


def _inside(span: TextSpan, outer: TextSpan) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def evidence_span(sentence: TextSpan, claims: Sequence[Claim], limit: int) -> TextSpan:
    """The sentence, or when longer than ``limit`` its main clause, or its first ``limit`` chars."""
    if sentence.end - sentence.start <= limit:
        return sentence
    for claim in claims:
        if claim.span.end - claim.span.start <= limit and claim.span.end > claim.span.start:
            return claim.span
    cut = sentence.text[:limit]
    stop = cut.rfind(" ")
    end = stop if stop > limit // 2 else limit
    return TextSpan(start=sentence.start, end=sentence.start + end, text=sentence.text[:end])


def is_statement(sentence: TextSpan) -> bool:
    """Whether a sentence has words enough (``MIN_WORDS``) to be a unit: the sentences
    the alignment compares, and whose vectors ingest stores."""
    return len(sentence.text.split()) >= MIN_WORDS


def compared_texts(analyses: Iterable[Analysis]) -> list[str]:
    """The text of every sentence of ``analyses`` the alignment compares (``is_statement``):
    those whose vectors are encoded, stored and read."""
    return [s.text for analysis in analyses for s in analysis.sentences if is_statement(s)]


def build_units(
    analyzed: Sequence[AnalyzedArticle], index: EntityIndex, *, max_chars: int
) -> list[Unit]:
    """The statement units of every article, in story order."""
    bases = article_bases(analyzed)
    units: list[Unit] = []
    for a_pos, item in enumerate(analyzed):
        analysis = item.analysis
        lemmas = list(analysis.lemmas) + [""] * (len(analysis.sentences) - len(analysis.lemmas))
        for s_pos, sentence in enumerate(analysis.sentences):
            if not is_statement(sentence):
                continue
            claims = tuple(c for c in analysis.claims if _inside(c.span, sentence))
            dates = tuple(d for d in analysis.dates if _inside(d.span, sentence))
            context = None
            if s_pos > 0 and points_back(sentence, claims):
                context = analysis.sentences[s_pos - 1]
            credit = next(
                (
                    att
                    for att in analysis.attributions
                    if att.span.start < sentence.end and att.span.end > sentence.start
                ),
                None,
            )
            attribution = credit.source if credit is not None else None
            units.append(
                Unit(
                    index=len(units),
                    article=a_pos,
                    article_id=item.article.id,
                    position=s_pos,
                    span=evidence_span(sentence, claims, max_chars),
                    sentence=sentence,
                    lemmas=lemmas[s_pos],
                    claims=claims,
                    dates=dates,
                    quantities=tuple(q for q in analysis.quantities if _inside(q.span, sentence)),
                    attribution=attribution,
                    entities=tuple(
                        index.overlapping(item.article.id, sentence.start, sentence.end)
                    ),
                    day=_day_of(claims, dates, bases[item.article.id]),
                    context=context,
                    context_lemmas=lemmas[s_pos - 1] if context else "",
                    base=_iso(bases[item.article.id]),
                    cue=credit.cue.text if credit is not None and credit.cue else None,
                )
            )
    return units
