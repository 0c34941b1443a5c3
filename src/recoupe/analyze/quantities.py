"""``recoupe_quantities``: figures with their unit, qualifier and what they count.

One regex built from the ``units`` resource runs once over the Doc text and finds a
figure in digits ("1 000", "248.000", "31'700", "3,5") or in words ("cent
soixante-quinze", "une centaine", "des dizaines"), with an optional qualifier before
it ("au moins", "plus de", "près de"), a second figure for ratios and ranges ("12
contre 12", "entre 10 et 20", "10 à 20", "10-20"), a scale ("milliards") and a unit
("jours", "%", "dollars", "tiers"). The kind follows the unit (duration, money,
percent, measure); "12 contre 12" is a ratio, "2e" and "tome IV" ordinals, "52 ans"
after a person an age, anything else a count whose unit is the lemma of the noun after
the figure ("23 soldats" -> soldat). ``counts`` says what is counted (injured, arrests,
participants, police, money...), from the ``counted`` resource.

Left out: figures inside a date that ``recoupe_dates`` found (the year of "19 mars
2025", the day of "le 1er mars"), years ("en 1793"), clock times ("10h30", "à 14
heures", "16 h GMT", "le journal de 20 h"), figures inside a name ("COP 24"), the
ordinal "une seconde vidéo" (these readings live in ``readings``), and "un", "une",
"deux" without a unit after them (articles and pronouns far more often). Durations
that ``recoupe_dates`` read in an age, a clock time or "une seconde vidéo" are removed
from ``doc._.recoupe_dates``, so that no later stage takes them for how long something
lasted.
``context`` is the noun phrase the figure quantifies, read from the dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from recoupe.model import Quantity, TextSpan

from .counted import counted_words, refine
from .doc import doc_text, outputs, span_of
from .lexicon import WORD_START, alternation, fold
from .numbers import number_lexicon, parse_number, unit_key
from .readings import Figure, read, reading_words, token_at

_NOUNS = ("NOUN", "PROPN")
# Dependents that end the noun phrase on the right: clauses, coordination, punctuation.
_STOP_DEPS = frozenset(
    {"punct", "acl", "acl:relcl", "conj", "cc", "advcl", "parataxis", "mark", "ccomp", "dep"}
)
# A context never ends on these (a phrase cut short: "... dans le").
_LOOSE_END = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "SPACE", "PRON"})
_CONTEXT_RIGHT = 6  # tokens of modifiers kept after the head noun
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Approximate nouns of a power of ten ("dizaines", "centaines", "milliers"): after "des",
# "plusieurs" or "quelques" they give a range up to the next power, not a lower bound.
_POWERS_OF_TEN = frozenset({10.0, 100.0, 1000.0})
# Readings of a figure that are no quantity: left out, and no duration either.
_DROPPED = frozenset({"time", "adjective"})


@dataclass(frozen=True, slots=True)
class _QuantityWords:
    pattern: re.Pattern[str]
    approximate: dict[str, float]  # folded approximate noun -> value ("centaine" -> 100)
    of: frozenset[str]  # between a scale and its noun ("des milliers de blessés")


@cache
def _quantity_words(lang: str) -> _QuantityWords:
    nums = number_lexicon(lang)
    data = nums.raw
    numbers, exclude = data["numbers"], data["exclude"]
    num = nums.number
    qualifiers = alternation([p for ps in data["qualifiers"].values() for p in ps])
    units = alternation([*nums.unit_forms, *data["fractions"]])
    scales = alternation([*numbers["scales"], *numbers["approximate"]])
    ratio = alternation(numbers["ratio"])
    time_marks = alternation(exclude["time_marks"])
    of = alternation(numbers["of"])
    source = (
        rf"(?P<time>(?<![\w.,])\d{{1,2}}\s?{time_marks}\s?\d{{2}}(?!\w)|(?<![\w.,])\d{{1,2}}h(?!\w))"
        rf"|(?P<ord>(?<![\w.,])\d+(?:er|re|e|ème|eme|è)(?!\w))"
        rf"|(?P<label>{alternation(exclude['labels'])})\s+(?P<lnum>\d+|(?-i:[IVXLC]+))(?![\w,.]\w)"
        rf"|(?:(?P<qual>{qualifiers})\s*)?"
        rf"(?:(?P<several>{alternation(numbers['several'])})\s+"
        rf"(?P<vague>{alternation(numbers['approximate'])})"
        rf"|(?P<ropen>{alternation(numbers['range_open'])})\s*(?P<r1>{num})\s+"
        rf"{alternation(numbers['range_join'])}\s+(?P<r2>{num})"
        rf"|(?P<n1>{num})(?:\s+{ratio}\s+(?P<n2>{num})"
        rf"|\s+{alternation(numbers['range_bare'])}\s+(?P<n3>{num})"
        rf"|(?<=\d)\s?[-–]\s?(?P<n4>\d+)(?![\w/]|[.,]\d))?)"
        rf"(?:\s*(?:{of}\s*)?(?P<scale>{scales}))?"
        rf"(?:\s*(?:{of}\s*)?(?P<unit>{units}))?"
    )
    return _QuantityWords(
        pattern=re.compile(WORD_START + f"(?:{source})", re.IGNORECASE),
        approximate={fold(k): float(v) for k, v in numbers["approximate"].items()},
        of=frozenset(w.lower().replace("’", "'") for w in numbers["of"]),
    )


@Language.factory(
    "recoupe_quantities",
    default_config={"lang": "fr"},
    requires=["doc._.recoupe_dates", "token.dep", "token.lemma"],
    assigns=["doc._.recoupe_quantities", "doc._.recoupe_dates"],
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
        self.counted = counted_words(lang)
        self.readings = reading_words(lang)

    def __call__(self, doc: Doc) -> Doc:
        date_refs = doc._.recoupe_dates or []
        dates = [(d.span.start, d.span.end) for d in date_refs if d.kind == "date"]
        found = outputs(doc, "recoupe_quantities")
        not_durations: list[tuple[int, int]] = []
        for m in self.words.pattern.finditer(doc_text(doc)):
            if m.group("time"):
                not_durations.append((m.start(), m.end()))
                continue
            if _inside(dates, m.start(), m.end()):
                continue
            quantity, reading = self._quantity(doc, m, dates)
            if reading in _DROPPED or (quantity is not None and quantity.kind == "age"):
                not_durations.append((m.start(), m.end()))
            if quantity is not None:
                quantity = self._difference(doc, quantity)
                found.append(_inherit(doc, quantity, found, self.counted.ellipsis))
        if not_durations and date_refs:
            doc._.recoupe_dates = [
                d
                for d in date_refs
                if d.kind != "duration" or not _overlaps(not_durations, d.span.start, d.span.end)
            ]
        return doc

    def _quantity(
        self, doc: Doc, m: re.Match[str], dates: list[tuple[int, int]]
    ) -> tuple[Quantity | None, str | None]:
        """The quantity of match ``m`` (None when it is none) and how it was read."""
        if m.group("ord") or m.group("label"):
            return _ordinal(doc, m), "ordinal"
        figure = self._figure(m)
        if figure is None or _overlaps(dates, figure.first_start, figure.first_end):
            return None, None
        reading = read(doc, figure, self.readings)
        if reading in ("time", "adjective", "year", "name"):
            return None, reading
        head = self._head(doc, m, figure.end)
        kind, unit_name, value, value2 = self._kind(m, figure, head)
        if reading == "age":
            kind, unit_name = "age", figure.unit.name if figure.unit else None
        qualifier = self.numbers.qualifiers.get(fold(m.group("qual"))) if m.group("qual") else None
        if qualifier is None and (figure.about or figure.at_least):
            qualifier = "about" if figure.about else "at_least"
        return Quantity(
            span=span_of(doc, figure.start, figure.end),
            value=value,
            kind=kind,
            unit=unit_name,
            value2=value2,
            qualifier=qualifier,
            context=_context(doc, figure.start, figure.end, head),
            counts=self._counts(doc, m, kind, head, figure),
        ), reading

    def _figure(self, m: re.Match[str]) -> Figure | None:
        """Values, scale and unit of match ``m``; None for "un accord", "les deux"."""
        scale = m.group("scale")
        approx = self.words.approximate.get(fold(scale)) if scale else None
        factor = approx or (self.numbers.scales.get(fold(scale), 1.0) if scale else 1.0)
        key = unit_key(m.group("unit")) if m.group("unit") else None
        unit = self.numbers.units.get(key) if key and key not in self.numbers.fractions else None
        start = m.start("qual") if m.group("qual") else m.start()
        first = "vague" if m.group("several") else "r1" if m.group("r1") else "n1"
        second = next((g for g in ("r2", "n2", "n3", "n4") if m.group(g)), None)
        ceiling = None
        if m.group("several"):
            step = self.words.approximate[fold(m.group("vague"))]
            value: float | None = 2 * step
            # "des centaines": two hundred or more, and fewer than a thousand, or the
            # writer would have said "des milliers"
            ceiling = 10 * step - 1 if step in _POWERS_OF_TEN else None
        else:
            value = parse_number(m.group(first), self.lang)
        value2 = parse_number(m.group(second), self.lang) if second else ceiling
        if value is None or (second and value2 is None):
            return None
        if fold(m.group(first)) in self.numbers.weak and not (key or scale or second):
            return None  # "un accord", "les deux dirigeants"
        end = m.end()
        if second in ("n3", "n4") and value2 is not None and value2 <= value:
            # "3-1", "1 à 0": a score or two figures, not a range; the first alone
            value2, end, key, unit, scale, factor = None, m.end(first), None, None, None, 1.0
        return Figure(
            start=start,
            end=end,
            first_start=m.start(first),
            first_end=m.end(first),
            first_text=m.group(first),
            value=value * factor,
            value2=value2 * factor if value2 is not None else None,
            unit=unit,
            key=key,
            unit_end=m.end("unit") if key else None,
            qualified=m.group("qual") is not None,
            scaled=scale is not None,
            about=approx is not None and not m.group("several"),
            at_least=m.group("several") is not None and ceiling is None,
        )

    def _kind(
        self, m: re.Match[str], figure: Figure, head: Token | None
    ) -> tuple[str, str | None, float, float | None]:
        """Kind, unit name and values: "deux tiers" is a share, "un jour après" a lapse."""
        kind, unit_name, value, value2 = "count", None, figure.value, figure.value2
        denominator = self.numbers.fractions.get(figure.key) if figure.key else None
        if denominator:
            # "deux tiers": a share, as a percentage
            kind, unit_name, value, value2 = (
                "percent",
                figure.key,
                round(100 * value / denominator, 2),
                None,
            )
        elif figure.unit is not None:
            kind, unit_name = figure.unit.kind, figure.unit.name
            if kind == "duration" and self.numbers.is_offset(m.string, figure.end):
                kind = "offset"  # "un jour après": when, not how long
        if figure.key is None and head is not None and head.idx >= figure.first_end:
            unit_name = head.lemma_.lower()
        if m.group("n2") and figure.value2 is not None:
            kind = "ratio"
        return kind, unit_name, value, value2

    def _counts(
        self, doc: Doc, m: re.Match[str], kind: str, head: Token | None, figure: Figure
    ) -> str | None:
        """What the figure counts: its noun, else the verb it goes with."""
        if kind == "money":
            return "money"
        if kind != "count" and kind != "ratio":
            return None
        category = self.counted.noun_at(m.string, figure.end)
        noun = head if head is not None and head.idx >= figure.end else None
        if category is None and noun is not None:
            listed = self.counted.noun_category
            category = listed.get(fold(noun.text)) or listed.get(fold(noun.lemma_))
        if category is not None and category not in ("people", "participants"):
            return category
        # the noun's verb, else the figure's ("des centaines de personnes ont été arrêtées":
        # the verb governs "centaines")
        for anchor in (noun, token_at(doc, figure.end - 1)):
            verb = self.counted.by_verb(anchor) if anchor is not None else None
            if verb is not None:
                return refine(category, verb)
        if category is None and noun is None:
            announced = self.counted.noun_before(m.string, figure.start)
            return announced or self._subject_category(token_at(doc, figure.end - 1))
        return category

    def _difference(self, doc: Doc, quantity: Quantity) -> Quantity:
        """ "3 200 manifestants de moins que samedi": a gap between two counts, not a count
        of its own (kind ``difference``, counting nothing a tally compares)."""
        if quantity.kind != "count":
            return quantity
        if self.counted.gap.match(doc_text(doc), quantity.span.end) is None:
            return quantity
        return replace(quantity, kind="difference", counts=None)

    def _subject_category(self, token: Token | None) -> str | None:
        """What a figure with no noun counts when it stands in the main clause of a
        sentence whose subject is a counted noun: "Les manifestants étaient 3 200",
        "Les manifestants sont moins nombreux : 4 300 selon la police"."""
        if token is None:
            return None
        root = token.sent.root
        if token.i != root.i and token.head.i != root.i:
            return None
        listed = self.counted.noun_category
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.pos_ in _NOUNS:
                return listed.get(fold(child.text)) or listed.get(fold(child.lemma_))
        return None

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
        if (
            after is not None
            and (m.group("scale") or m.group("several"))
            and after.lower_.replace("’", "'") in self.words.of
        ):
            after = (
                doc[after.i + 1] if after.i + 1 < len(doc) else None
            )  # "des milliers de blessés"
        if after is not None and after.pos_ in _NOUNS and not after.is_sent_start:
            return after
        head = last.head
        if head.pos_ == "NOUN" and head.sent == last.sent and 0 < head.i - last.i <= 3:
            return head
        return None


def _ordinal(doc: Doc, m: re.Match[str]) -> Quantity | None:
    """ "2e", "1er", "tome IV", "article 3": the rank of an item in a series."""
    if m.group("ord"):
        digits = re.match(r"\d+", m.group("ord"))
        if digits is None:  # cannot happen: the "ord" group opens with digits
            return None
        rank = float(digits.group())
        return Quantity(span=span_of(doc, m.start(), m.end()), value=rank, kind="ordinal")
    number = m.group("lnum")
    value = float(number) if number.isdigit() else _roman(number)
    if value is None:
        return None
    return Quantity(
        span=span_of(doc, m.start(), m.end()),
        value=value,
        kind="ordinal",
        unit=fold(m.group("label")),
    )


def _roman(numeral: str) -> float | None:
    """The value of a Roman numeral ("IV" -> 4, "XVI" -> 16); None when malformed."""
    total = 0
    values = [_ROMAN[c] for c in numeral]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return float(total) if total > 0 and len(numeral) <= 6 else None


def _inherit(
    doc: Doc, quantity: Quantity, found: list[Quantity], ellipsis: re.Pattern[str]
) -> Quantity:
    """ "62 blessés, dont 9 parmi ...": a figure without a noun after "dont" counts what
    the figure before it in the sentence counts."""
    if quantity.counts is not None or quantity.unit is not None or not found:
        return quantity
    text = doc_text(doc)
    if not ellipsis.search(text, 0, quantity.span.start):
        return quantity
    previous = found[-1]
    between = text[previous.span.end : quantity.span.start]
    if previous.counts is None or any(c in between for c in ".!?\n"):
        return quantity
    return replace(quantity, counts=previous.counts)


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
