"""``recoupe_dates``: date and duration expressions, resolved against the publication date.

Candidates come from one regex built from the ``dates`` and ``units`` resources and
run once over the Doc text: numeric dates ("23.04.2025"), a day and a month with or
without a year and a weekday ("lundi 17 mars 2025", "le 1er mars"), a month with a
year or a lead word ("mars 2025", "fin mars"), a year after a lead word ("en 2024"),
weekdays ("mardi", "jeudi prochain"), fixed relative phrases ("hier", "la semaine
dernière"), counted ones ("il y a trois jours"), vague ones ("dans les prochains
jours", never resolved) and durations ("30 jours", "au moins 90 minutes"). Month
and weekday names count only as whole words and month names only beside a day, a
year or a lead word, so "mer Rouge", "Je", "sa" or the planet Mars are no dates.

Each candidate is resolved with ``dateparser`` (behind a cache) and recoupe's rules
for weekdays and years (``daterules``); the governing verb's tense (spaCy morphology)
decides between past and future readings. Without a publication date, relative
expressions and dates without a year stay unresolved (``iso`` None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from recoupe.model import DateRef, Note
from recoupe.resources import load

from .clock import find_times
from .date_roles import date_role
from .daterules import iso_of, month_date, parse, pick_year, weekday_date
from .doc import doc_text, outputs, span_of
from .lexicon import APOSTROPHES, WORD_START, alternation, fold, phrase_pattern, word_before
from .numbers import number_lexicon, parse_number, unit_key

# Granularity of "il y a N <unit>" by duration unit; finer units resolve to the day.
_UNIT_GRANULARITY = {
    "semaine": "week",
    "mois": "month",
    "an": "year",
    "décennie": "year",
    "siècle": "year",
}
_SPACED_APOSTROPHE = re.compile(rf"([{APOSTROPHES}])\s+")
_AUX_DEPS = ("aux", "aux:tense", "aux:pass", "cop")


@dataclass(frozen=True, slots=True)
class _DateWords:
    pattern: re.Pattern[str]
    weekdays: dict[str, int]  # folded name -> 0 (Monday) .. 6
    months: dict[str, int]  # folded name -> 1 .. 12
    month_names: tuple[str, ...]  # as written, January first
    first_day: frozenset[str]
    last: frozenset[str]
    relative: dict[str, tuple[str, str]]  # folded phrase -> (granularity, phrase to parse)
    weak: frozenset[str]  # "un", "une": durations need a cue before them
    units: dict  # folded duration form -> numbers.Unit
    time_leads: frozenset[str]  # "à 14 heures" is a time of day, not a duration


@cache
def _date_words(lang: str) -> _DateWords:
    data = load(lang, "dates")
    nums = number_lexicon(lang)
    durations = [f for spec in nums.raw["duration"].values() for f in spec["forms"] if len(f) > 1]
    weekday = alternation(data["weekdays"])
    month = alternation(data["months"])
    # lowercase only, for a month name without a day or a year ("en mars", not "en Mars")
    month_lower = "(?-i:" + "|".join(phrase_pattern(m) for m in data["months"]) + ")"
    first = alternation(data["first_day"])
    year = r"(?:1[89]|2[01])\d{2}"
    unit = alternation(durations)
    num = nums.number
    direction = alternation([*data["last"], *data["next"]])
    relative = {
        fold(phrase): (spec["granularity"], spec.get("parse", phrase))
        for phrase, spec in data["relative"].items()
    }
    source = "|".join(
        [
            r"(?P<numeric>(?<![\w./-])(?P<nd>\d{1,2})(?P<sep>[./-])(?P<nm>\d{1,2})(?P=sep)"
            r"(?P<ny>\d{4}|\d{2})(?![\w/-]|\.\d))",
            rf"(?P<dmy>(?:{weekday}\s+)?(?P<dd>\d{{1,2}}|{first})\s+(?P<dm>{month})"
            rf"(?:\s+(?P<dy>{year}))?(?!\w))",
            rf"(?P<count>(?P<dir>{alternation([*data['ago'], *data['ahead']])})\s+"
            rf"(?P<cn>{num})\s+(?P<cu>{unit}))",
            rf"(?P<vague>{alternation(data['vague'])})",
            rf"(?P<rel>{alternation(data['relative'])})",
            rf"(?P<wd>(?P<wdn>{weekday})(?:\s+{alternation(data['day_parts'])})?"
            rf"(?:\s+(?P<wdd>{direction}))?)",
            rf"(?P<my>(?:{alternation(data['month_leads'])}[\s-]+)?(?P<mym>{month})\s+(?P<myy>{year})(?!\w))",
            rf"(?P<ml>{alternation(data['month_leads'])}[\s-]+(?P<mlm>{month_lower})"
            rf"(?:\s+(?P<mld>{direction}))?)",
            rf"(?P<mn>(?P<mnm>{month_lower})\s+(?P<mnd>{direction}))",
            rf"(?P<yl>{alternation(data['year_leads'])}\s+(?P<yly>{year})(?!\w))",
            rf"(?P<dur>(?:(?P<cue>{alternation(data['duration_cues'])})\s*)?(?P<dn>{num})\s+(?P<du>{unit}))",
        ]
    )
    return _DateWords(
        pattern=re.compile(WORD_START + f"(?:{source})", re.IGNORECASE),
        weekdays={fold(w): i for i, w in enumerate(data["weekdays"])},
        months={fold(m): i + 1 for i, m in enumerate(data["months"])},
        month_names=tuple(data["months"]),
        first_day=frozenset(fold(f) for f in data["first_day"]),
        last=frozenset(fold(w) for w in data["last"]),
        relative=relative,
        weak=frozenset(fold(w) for w in nums.raw["numbers"]["weak"]) - {"deux"},
        units={k: u for k, u in nums.units.items() if u.kind == "duration"},
        time_leads=frozenset(fold(w) for w in nums.raw["exclude"]["time_leads"]),
    )


@Language.factory(
    "recoupe_dates",
    default_config={"lang": "fr"},
    requires=["token.morph", "token.dep"],
    assigns=["doc._.recoupe_dates"],
)
def make_dates(nlp: Language, name: str, lang: str) -> DateFinder:
    """Create the ``recoupe_dates`` component for resource language ``lang``."""
    return DateFinder(lang=lang)


class DateFinder:
    """Find date and duration expressions and fill ``doc._.recoupe_dates`` with ``DateRef``."""

    def __init__(self, *, lang: str = "fr") -> None:
        self.lang = lang
        self.words = _date_words(lang)

    def __call__(self, doc: Doc) -> Doc:
        published = _published(doc)
        dates = outputs(doc, "recoupe_dates")
        unresolved = 0
        for m in self.words.pattern.finditer(doc_text(doc)):
            role = None
            if m.lastgroup != "dur":
                role = date_role(doc, *m.span(), lang=self.lang, deictic=m.lastgroup == "rel")
            # a date naming a thing in passing ("le niveau de mi-décembre") does not take
            # the tense of the verb near it: it is read as the nearest such day or month
            ref = self._resolve(doc, m, published, own_tense=role != "noun")
            if ref is not None and ref.kind == "date":
                ref = replace(ref, role=role)
            if ref is not None:
                dates.append(ref)
                unresolved += ref.relative and ref.iso is None and ref.granularity is not None
        times = find_times(doc, published, lang=self.lang)
        if times:  # "16 h GMT" is a moment, not a duration of 16 hours
            kept = [d for d in dates if not _overlaps_any(d, times)] + times
            dates[:] = sorted(kept, key=_start)
        if unresolved and published is None:
            outputs(doc, "recoupe_notes").append(
                Note(
                    code="dates_unresolved",
                    detail=f"{unresolved} relative date(s): no publication date",
                )
            )
        return doc

    def _resolve(
        self, doc: Doc, m: re.Match[str], published: dt.date | None, *, own_tense: bool = True
    ) -> DateRef | None:
        """The DateRef of one candidate match, or None when it is not a date after all.

        ``own_tense``: the governing verb's tense decides past or future readings;
        otherwise the nearest reading is taken.
        """
        kind = m.lastgroup
        words = self.words
        start, end = m.span()
        tense = _tense_at(doc, start, end) if own_tense else None
        if kind == "numeric":
            year = m.group("ny")
            if not (1 <= int(m.group("nd")) <= 31 and 1 <= int(m.group("nm")) <= 12):
                return None  # a version or a reference number; dateparser would swap day and month
            if len(year) == 2:
                year = ("20" if int(year) < 50 else "19") + year
            day = parse(
                f"{m.group('nd')}.{m.group('nm')}.{year}", None, self.lang, ("day", "month", "year")
            )
            return _ref(doc, start, end, day, "day", relative=False) if day else None
        if kind == "dmy":
            day_text = "1" if fold(m.group("dd")) in words.first_day else m.group("dd")
            month = words.months[fold(m.group("dm"))]
            name = words.month_names[month - 1]
            if m.group("dy"):
                day = parse(
                    f"{day_text} {name} {m.group('dy')}", None, self.lang, ("day", "month", "year")
                )
                return _ref(doc, start, end, day, "day", relative=False) if day else None
            if not 1 <= int(day_text) <= 31:
                return None
            if published is None:
                return _ref(doc, start, end, None, "day", relative=True)
            read = parse(f"{day_text} {name}", published, self.lang, ("day", "month"))
            if read is None:
                return None  # no such day: "31 février"
            day = pick_year(read.month, read.day, published, tense=tense)
            return _ref(doc, start, end, day, "day", relative=True)
        if kind == "my":
            month_name = words.month_names[words.months[fold(m.group("mym"))] - 1]
            day = parse(f"{month_name} {m.group('myy')}", None, self.lang, ("month", "year"))
            return _ref(doc, start, end, day, "month", relative=False) if day else None
        if kind in ("ml", "mn"):
            month = words.months[fold(m.group(f"{kind}m"))]
            direction = self._direction(m.group(f"{kind}d"))
            day = published and month_date(month, published, tense=tense, direction=direction)
            return _ref(doc, start, end, day, "month", relative=True)
        if kind == "yl":
            return DateRef(
                span=span_of(doc, start, end), kind="date", iso=m.group("yly"), granularity="year"
            )
        if kind == "wd":
            direction = self._direction(m.group("wdd"))
            day = published and weekday_date(
                words.weekdays[fold(m.group("wdn"))],
                published,
                tense=tense,
                direction=direction,
            )
            return _ref(doc, start, end, day, "day", relative=True)
        if kind == "rel":
            # the pattern lets a space follow an apostrophe ("aujourd' hui"); the keys have none
            granularity, phrase = words.relative[fold(_SPACED_APOSTROPHE.sub(r"\1", m.group()))]
            day = published and parse(phrase, published, self.lang)
            return _ref(doc, start, end, day, granularity, relative=True)
        if kind == "count":
            unit = words.units[unit_key(m.group("cu"))]
            number = parse_number(m.group("cn"), self.lang)
            if number is None or number != int(number):
                return None
            phrase = f"{m.group('dir').lower()} {int(number)} {m.group('cu').lower()}"
            day = published and parse(phrase, published, self.lang)
            return _ref(
                doc, start, end, day, _UNIT_GRANULARITY.get(unit.name, "day"), relative=True
            )
        if kind == "vague":
            return DateRef(span=span_of(doc, start, end), kind="date", relative=True)
        return self._duration(doc, m)

    def _direction(self, word: str | None) -> str | None:
        """Read "dernier" as "last" and "prochain" as "next"; None without such a word."""
        if word is None:
            return None
        return "last" if fold(word) in self.words.last else "next"

    def _duration(self, doc: Doc, m: re.Match[str]) -> DateRef | None:
        """A duration ("30 jours"); "un jour" alone is no duration, it needs a cue before it."""
        if fold(m.group("dn")) in self.words.weak and m.group("cue") is None:
            return None
        number = parse_number(m.group("dn"), self.lang)
        if number is None:
            return None
        unit = self.words.units[unit_key(m.group("du"))]
        if unit.name == "heure" and word_before(m.string, m.start("dn")) in self.words.time_leads:
            return None
        if number_lexicon(self.lang).is_offset(m.string, m.end()):
            return None  # "deux jours après l'appel": a lapse, not a duration
        days = round(number * (unit.seconds or 0) / 86400, 6)
        return DateRef(span=span_of(doc, m.start("dn"), m.end()), kind="duration", days=days)


def _start(ref: DateRef) -> int:
    return ref.span.start


def _overlaps_any(ref: DateRef, others: list[DateRef]) -> bool:
    return any(o.span.start < ref.span.end and ref.span.start < o.span.end for o in others)


def _ref(
    doc: Doc, start: int, end: int, day: dt.date | None, granularity: str, *, relative: bool
) -> DateRef:
    iso = iso_of(day, granularity) if day else None
    return DateRef(
        span=span_of(doc, start, end),
        kind="date",
        iso=iso,
        granularity=granularity,
        relative=relative,
    )


def _published(doc: Doc) -> dt.date | None:
    value = doc._.recoupe_published
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None  # an unreadable publication date resolves nothing, like a missing one


def _tense_at(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the clause a date expression belongs to: past, future, present or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return clause_tense(span.root)


_IMPERFECT_ENDINGS = ("aient", "ait", "ais", "ions", "iez")


@cache
def _future_stems() -> frozenset[str]:
    return frozenset(load("fr", "dates").get("future_stems", ()))


def _conditional(token: Token) -> bool:
    """A conditional, tagged so or written so: the future stem with an imperfect ending.

    spaCy tags "réunirait" as an imperfect; the imperfect of "réunir" is "réunissait".
    """
    if "Cnd" in token.morph.get("Mood", []):
        return True
    if "Imp" not in token.morph.get("Tense", []):
        return False
    text, lemma = token.lower_, token.lemma_.lower()
    for ending in _IMPERFECT_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            stem = text[: -len(ending)]
            return stem.endswith("r") and (stem in (lemma, lemma[:-1]) or stem in _future_stems())
    return False


def clause_tense(token: Token) -> str | None:
    """Tense of the verb governing ``token``: "past", "future", "present" or None (unknown).

    Compound tenses read the auxiliary ("ont convenu" is past, "sera signé" future); an
    infinitive takes its governor's tense, a present governor meaning a plan ("doivent se
    réunir", "va signer"); the simple conditional reads as a future (a plan reported
    after a past verb), the perfect conditional as a past.
    """
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    forms = [verb, *(c for c in verb.children if c.dep_ in _AUX_DEPS)]
    tenses = {t for f in forms for t in f.morph.get("Tense", [])}
    if "Fut" in tenses:
        return "future"
    if any(_conditional(f) for f in forms):
        # reported plans take the simple conditional ("a annoncé qu'il se réunirait
        # dimanche"), alleged past events the perfect one ("il aurait frappé lundi")
        perfect = any(f.dep_ in ("aux", "aux:tense") for f in forms[1:])
        return "past" if perfect and "Part" in verb.morph.get("VerbForm", []) else "future"
    infinitive = any("Inf" in f.morph.get("VerbForm", []) for f in forms)  # "être débattue"
    if infinitive and verb.head.i != verb.i:
        governor = clause_tense(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
        return "future" if governor == "present" else governor
    if tenses & {"Past", "Imp"}:
        return "past"
    return "present" if "Pres" in tenses else None
