"""``recoupe_quantities``: figures with their unit, qualifier and what they count.

One regex built from the ``units`` resource runs once over the Doc text and finds a
figure in digits ("1 000", "3,5") or in words ("cent soixante-quinze"), with an
optional qualifier before it ("au moins", "plus de"), a second figure for ratios and
ranges ("12 contre 12", "entre 10 et 20"), a scale ("milliards") and a unit
("jours", "%", "dollars", "tiers"). The kind follows the unit (duration, money,
percent, measure); "12 contre 12" is a ratio, "2e" an ordinal, anything else a
count whose unit is the lemma of the noun after the figure ("23 soldats" -> soldat).

Left out: figures inside a date that ``recoupe_dates`` found (the year of "19 mars
2025", the day of "le 1er mars"), clock times ("10h30", "à 14 heures"), and "un",
"une", "deux" without a unit after them (articles and pronouns far more often).
``context`` is the noun phrase the figure quantifies, read from the dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from recoupe.model import Quantity, TextSpan

from .doc import outputs, span_of
from .lexicon import WORD_START, alternation, fold, word_before
from .numbers import number_lexicon, parse_number, unit_key

_NOUNS = ("NOUN", "PROPN")
# Dependents that end the noun phrase on the right: clauses, coordination, punctuation.
_STOP_DEPS = frozenset(
    {"punct", "acl", "acl:relcl", "conj", "cc", "advcl", "parataxis", "mark", "ccomp", "dep"}
)
# A context never ends on these (a phrase cut short: "... dans le").
_LOOSE_END = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "SPACE", "PRON"})
_CONTEXT_RIGHT = 6  # tokens of modifiers kept after the head noun


@dataclass(frozen=True, slots=True)
class _QuantityWords:
    pattern: re.Pattern[str]
    time_leads: frozenset[str]


@cache
def _quantity_words(lang: str) -> _QuantityWords:
    nums = number_lexicon(lang)
    data = nums.raw
    num = nums.number
    qualifiers = alternation([p for ps in data["qualifiers"].values() for p in ps])
    units = alternation([*nums.unit_forms, *data["fractions"]])
    scales = alternation(data["numbers"]["scales"])
    ratio = alternation(data["numbers"]["ratio"])
    range_open = alternation(data["numbers"]["range_open"])
    range_join = alternation(data["numbers"]["range_join"])
    time_marks = alternation(data["exclude"]["time_marks"])
    source = (
        rf"(?P<time>(?<![\w.,])\d{{1,2}}\s?{time_marks}\s?\d{{2}}(?!\w)|(?<![\w.,])\d{{1,2}}h(?!\w))"
        rf"|(?P<ord>(?<![\w.,])\d+(?:er|re|e|ème|eme|è)(?!\w))"
        rf"|(?:(?P<qual>{qualifiers})\s+)?"
        rf"(?:(?P<ropen>{range_open})\s*(?P<r1>{num})\s+{range_join}\s+(?P<r2>{num})"
        rf"|(?P<n1>{num})(?:\s+{ratio}\s+(?P<n2>{num}))?)"
        rf"(?:\s*(?P<scale>{scales}))?"
        rf"(?:\s*(?:(?:de|d['’])\s*)?(?P<unit>{units}))?"
    )
    return _QuantityWords(
        pattern=re.compile(WORD_START + f"(?:{source})", re.IGNORECASE),
        time_leads=frozenset(fold(w) for w in data["exclude"]["time_leads"]),
    )


@Language.factory(
    "recoupe_quantities",
    default_config={"lang": "fr"},
    requires=["doc._.recoupe_dates", "token.dep", "token.lemma"],
    assigns=["doc._.recoupe_quantities"],
)
def make_quantities(nlp: Language, name: str, lang: str) -> QuantityFinder:
    """Create the ``recoupe_quantities`` component for resource language ``lang``."""
    return QuantityFinder(lang=lang)


class QuantityFinder:
    """Find figures and fill ``doc._.recoupe_quantities`` with ``Quantity`` records."""

    def __init__(self, *, lang: str = "fr") -> None:
        self.lang = lang
        self.words = _quantity_words(lang)
        self.numbers = number_lexicon(lang)

    def __call__(self, doc: Doc) -> Doc:
        dates = [(d.span.start, d.span.end) for d in doc._.recoupe_dates or () if d.kind == "date"]
        found = outputs(doc, "recoupe_quantities")
        for m in self.words.pattern.finditer(doc.text):
            if m.group("time") or _inside(dates, m.start(), m.end()):
                continue
            quantity = self._quantity(doc, m, dates)
            if quantity is not None:
                found.append(quantity)
        return doc

    def _quantity(
        self, doc: Doc, m: re.Match[str], dates: list[tuple[int, int]]
    ) -> Quantity | None:
        text = m.string
        if m.group("ord"):
            value = float(re.match(r"\d+", m.group("ord")).group())
            return Quantity(span=span_of(doc, m.start(), m.end()), value=value, kind="ordinal")
        first = "r1" if m.group("r1") else "n1"
        second = "r2" if m.group("r1") else "n2"
        value = parse_number(m.group(first), self.lang)
        value2 = parse_number(m.group(second), self.lang) if m.group(second) else None
        if value is None or (m.group(second) and value2 is None):
            return None
        start = (
            m.start("qual") if m.group("qual") else m.start(first) if first == "n1" else m.start()
        )
        end = m.end()
        scale = m.group("scale")
        key = unit_key(m.group("unit")) if m.group("unit") else None
        denominator = self.numbers.fractions.get(key) if key else None
        unit = self.numbers.units.get(key) if key and not denominator else None
        weak = fold(m.group(first)) in self.numbers.weak
        if weak and key is None and scale is None and not m.group(second):
            return None  # "un accord", "les deux dirigeants"
        if _overlaps(dates, m.start(first), m.end(first)):
            return None
        if (
            unit is not None
            and unit.name == "heure"
            and word_before(text, m.start(first)) in self.words.time_leads
        ):
            return None  # "à 14 heures" is a time of day
        factor = self.numbers.scales[fold(scale)] if scale else 1.0
        value, value2 = value * factor, value2 * factor if value2 is not None else None
        kind, unit_name = "count", None
        if denominator:
            # "deux tiers": a share, as a percentage
            kind, unit_name, value, value2 = (
                "percent",
                key,
                round(100 * value / denominator, 2),
                None,
            )
        elif unit is not None:
            kind, unit_name = unit.kind, unit.name
            if kind == "duration" and self.numbers.is_offset(text, end):
                kind = "offset"  # "un jour après": when, not how long
        head = self._head(doc, m, end)
        if key is None and head is not None and head.idx >= m.end(first):
            unit_name = head.lemma_.lower()
        if m.group("n2"):
            kind = "ratio"
        qualifier = self.numbers.qualifiers.get(fold(m.group("qual"))) if m.group("qual") else None
        return Quantity(
            span=span_of(doc, start, end),
            value=value,
            kind=kind,
            unit=unit_name,
            value2=value2,
            qualifier=qualifier,
            context=_context(doc, start, end, head),
        )

    def _head(self, doc: Doc, m: re.Match[str], end: int) -> Token | None:
        """The noun the figure quantifies: its unit, the noun after it, or its syntactic head."""
        if m.group("unit"):
            span = doc.char_span(m.start("unit"), m.end("unit"), alignment_mode="expand")
            return span.root if span is not None and span.root.pos_ in _NOUNS else None
        figure = doc.char_span(m.start(), end, alignment_mode="expand")
        if figure is None:
            return None
        last = figure[-1]
        after = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if after is not None and after.pos_ in _NOUNS and not after.is_sent_start:
            return after
        head = last.head
        if head.pos_ in _NOUNS and head.sent == last.sent and abs(head.i - last.i) <= 3:
            return head
        return None


def _context(doc: Doc, start: int, end: int, head: Token | None) -> TextSpan | None:
    """The noun phrase quantified: the figure, its head noun and the head's close modifiers."""
    if head is None:
        return None
    figure = doc.char_span(start, end, alignment_mode="expand")
    sent = head.sent
    if figure is None or not (sent.start <= figure[0].i and figure[-1].i < sent.end):
        return None  # the head lies in another sentence or across a line break
    last = max(head.i, figure[-1].i)
    for token in doc[head.i + 1 : min(sent.end, head.i + 1 + _CONTEXT_RIGHT)]:
        if token.is_space or token.dep_ in _STOP_DEPS or not _governed_by(token, head):
            break
        last = token.i
    while last > max(head.i, figure[-1].i) and doc[last].pos_ in _LOOSE_END:
        last -= 1
    first = min(figure[0].i, head.i)
    return span_of(doc, min(start, doc[first].idx), doc[last].idx + len(doc[last]))


def _governed_by(token: Token, head: Token) -> bool:
    """Whether ``head`` is an ancestor of ``token`` through non-clausal links."""
    node = token
    for _ in range(6):
        if node.dep_ in _STOP_DEPS:
            return False
        if node.head.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)
