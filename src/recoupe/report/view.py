"""The cross-referenced view of a dossier that both page reports draw.

``build_view`` turns a ``Dossier`` into what the templates walk: short document
labels, one numbered anchor per cited span, and the coverage matrix cells that link
to them. ``make_environment`` is the Jinja2 environment over the report templates.

The report of a large story (more than ``MATRIX_COLUMNS`` articles) leads with what
matters and folds the long tail: the matrix counts the articles, a long list prints
its first few items and counts and links the rest (``fold``, ``SideView.more``), copies
of one sentence or quote are shown once (``sentences``, ``quote_groups``). Every cited
span keeps its anchor; the JSON is untouched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.runtime import Context

from recoupe.model import (
    Analysis,
    Article,
    Commitment,
    Divergence,
    Dossier,
    DossierQuote,
    Duplicate,
    Entity,
    Evidence,
    Fact,
    Note,
    Origin,
    Side,
    Source,
    SourceProfile,
    SummarySentence,
    TimelineEntry,
)

__all__ = [
    "CERTAIN",
    "FOLD_AFTER",
    "KIND_GLOSS",
    "MATRIX_COLUMNS",
    "ReportView",
    "build_view",
    "certainty",
    "make_environment",
    "safe_link",
    "slug",
    "stats",
]

CONTEXT_CHARS = 90  # article text shown around a cited span, each side
# Divergence kinds that set sources against each other on a fact; an omission or a
# choice of words does not make a source contradict the fact.
_NOT_CONFLICTS = frozenset({"omission", "loaded_language", "naming"})
# A divergence whose confidence is below this bar is shown folded under "Less certain":
# the rule gives it even odds or worse of being a real difference. Not tuned on any
# corpus; a presentation bar that moves nothing in the JSON.
CERTAIN = 0.5
# Confidence in words, from the highest floor it reaches.
_CERTAINTY = ((0.85, "almost certain"), (0.65, "likely"), (0.5, "possible"), (0.0, "doubtful"))
# What each kind of divergence means, in plain words, for the reports' glossary.
KIND_GLOSS = {
    "value": "the accounts give different figures for the same thing",
    "date": "the accounts put the same event on different days or times",
    "detail": "one account gives a detail (a duration, an age ...) the others leave out",
    "scope": "the accounts say the same thing applies to more or less",
    "polarity": "one account says something happened, another that it did not",
    "modality": (
        "agreed, agreed only to negotiate, proposed, refused, only possible or only"
        " suggested: the accounts differ"
    ),
    "condition": "one account attaches a condition the others leave out",
    "attribution": "the accounts credit the same claim, or the whole story, to different sources",
    "omission": "most sources report the fact, some leave it out",
    "qualifier": "the same figure given as exact, approximate, a floor or a ceiling",
    "evolution": "a figure that changes over time (an updated toll), not a disagreement",
    "edit": "copies of one dispatch, one of them edited",
    "quotation": "the outlets print different words for one quotation",
    "place": "the accounts place the same claim in different places",
    "actors": "the accounts credit the same action to different actors, or to more or fewer",
    "stance": "the accounts report different reactions of one person (a demand, an accusation ...)",
    "contrast": "one place described as calm by some outlets, as the scene of clashes by others",
    "loaded_language": "words that take a side, used by some outlets only",
    "naming": "the outlets name the events with different words",
}
# A story of more than MATRIX_COLUMNS articles is large: its coverage matrix has one
# column per state (how many articles report, contradict, leave out each fact), not one
# per article (20 columns of marks fill a laptop screen; 200 columns x 100 facts took
# 4 MB), and its report folds the long tail. Presentation bars, not tuned on a corpus:
# the dev stories have at most 7 articles, so their reports stay whole.
MATRIX_COLUMNS = 20
# In a large story's report, a list of more than FOLD_AFTER items (cited sentences,
# outlets, evidence links) shows its first few and folds the rest into a count and short
# links, each to the item's evidence or article; nothing is dropped from the JSON.
FOLD_AFTER = 8
QUOTES_SHOWN = 3  # whole cited sentences a folded list still prints
LINKS_SHOWN = 8  # links a folded list still prints with their names
UNKNOWN_KEY = "?"  # the label of an article id the dossier does not list
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def make_environment(
    *, autoescape: bool, finalize: Callable[[Any], Any] | None = None
) -> jinja2.Environment:
    """A Jinja2 environment over the report templates, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("recoupe.report", "templates"),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["plural"] = plural
    env.globals["certain_bar"] = CERTAIN
    env.filters["slug"] = slug
    env.filters["fold"] = _fold_here
    env.filters["fold_sentences"] = _fold_sentences_here
    env.filters["by_words"] = by_words
    return env


_Folded = tuple[tuple[Any, ...], tuple[Any, ...]]


@jinja2.pass_context
def _fold_here(context: Context, items: Iterable[Any], shown: int = LINKS_SHOWN) -> _Folded:
    """``fold`` in the report of a large story (the template's ``view``), else no fold."""
    return fold(items, shown) if context["view"].wide else (tuple(items), ())


@jinja2.pass_context
def _fold_sentences_here(context: Context, evidence: Iterable[EvidenceView]) -> _Folded:
    """``fold_sentences`` in the report of a large story, else no fold."""
    return fold_sentences(evidence) if context["view"].wide else (tuple(evidence), ())


def first_sentences(evidence: Iterable[EvidenceView]) -> tuple[EvidenceView, ...]:
    """The first ``QUOTES_SHOWN`` cited spans of different words: copies of one dispatch
    print the same sentence many times, and it is shown once."""
    distinct: dict[str, EvidenceView] = {}
    for ev in evidence:
        distinct.setdefault(_words(ev.text), ev)
        if len(distinct) == QUOTES_SHOWN:
            break
    return tuple(distinct.values())


def fold_sentences(evidence: Iterable[EvidenceView]) -> _Folded:
    """Like ``fold`` for cited spans printed in full: past ``FOLD_AFTER``, the first few of
    different words (``first_sentences``) and the rest."""
    whole = tuple(evidence)
    if len(whole) <= FOLD_AFTER:
        return whole, ()
    shown = first_sentences(whole)
    return shown, tuple(ev for ev in whole if ev not in shown)


def by_words(evidence: Iterable[EvidenceView]) -> tuple[tuple[EvidenceView, int], ...]:
    """The cited spans of the same words as one: the first of each and how many there
    are, in order of first appearance (the Evidence section of a large story lists them
    all under the first)."""
    groups: dict[str, list[EvidenceView]] = {}
    for ev in evidence:
        groups.setdefault(_words(ev.text), []).append(ev)
    return tuple((spans[0], len(spans)) for spans in groups.values())


def _words(text: str) -> str:
    """A sentence's words, for telling copies apart: spaces and case do not count."""
    return " ".join(text.split()).casefold()


def fold(items: Iterable[Any], shown: int = LINKS_SHOWN) -> _Folded:
    """``(items, ())`` for a list of up to ``FOLD_AFTER`` items, else its first ``shown``
    items and the folded rest."""
    whole = tuple(items)
    if len(whole) <= FOLD_AFTER:
        return whole, ()
    return whole[:shown], whole[shown:]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``"1 origin"``, ``"3 origins"``; ``many`` where adding an s will not do."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def safe_link(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address a reader may open, else None."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


@lru_cache(maxsize=1 << 16)  # the same ids are linked to many times
def slug(text: str) -> str:
    """An id safe in an HTML attribute and a Markdown link: ASCII letters, digits and ``-``."""
    return re.sub(r"[^A-Za-z0-9-]", "-", text) or "-"


# ---------------------------------------------------------------- view records


@dataclass(frozen=True, slots=True)
class DocView:
    """One article as the reports name it: ``d1`` ... in dossier order, and its outlet."""

    key: str
    article_id: str
    name: str  # the outlet, else "unknown outlet (FILE)": what the reports call it
    source: str
    title: str | None = None
    url: str | None = None  # as given, shown as text
    link: str | None = None  # the url when it is safe to offer as a link
    published: str | None = None
    language: str | None = None
    agency: str | None = None
    outlet: str | None = None  # None when the article's outlet is unknown
    not_analysed: str | None = None  # why it has no analysis (a language, a failure)

    @property
    def anchor(self) -> str:
        # an article the dossier cites but does not list points at the list itself
        return "articles" if self.key == UNKNOWN_KEY else "doc-" + slug(self.key)


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """A cited span: its number and anchor, its article, offsets, text and context."""

    number: int
    doc: DocView
    start: int
    end: int
    text: str
    before: str = ""
    after: str = ""
    attribution: str | None = None
    cited_by: tuple[tuple[str, str], ...] = ()  # (label, anchor) of each item citing it
    mismatch: bool = False  # the span's text is not the article's text at its offsets

    @property
    def anchor(self) -> str:
        return f"ev-{self.number}"


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One sentence as the Evidence section of a large story shows it: its words once,
    with every cited span that prints them (copies of one dispatch print the same
    sentence in many articles) and every item citing any of them."""

    spans: tuple[EvidenceView, ...]  # in evidence order; the first gives the context

    @property
    def first(self) -> EvidenceView:
        return self.spans[0]

    @property
    def cited_by(self) -> tuple[tuple[str, str], ...]:
        return tuple(dict.fromkeys(item for ev in self.spans for item in ev.cited_by))


@dataclass(frozen=True, slots=True)
class CellView:
    """One cell of the coverage matrix: how one article stands on one fact."""

    doc: DocView
    state: str  # reported | differs | contradicted | omitted | absent
    evidence: tuple[EvidenceView, ...] = ()
    positions: tuple[tuple[str, str], ...] = ()  # (divergence id, the value this side gives)


@dataclass(frozen=True, slots=True)
class FactView:
    fact: Fact
    cells: tuple[CellView, ...]
    evidence: tuple[EvidenceView, ...]
    docs: tuple[DocView, ...]
    omitted: tuple[DocView, ...]
    outlets: int
    actors: tuple[str, ...]
    divergences: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return "fact-" + slug(self.fact.id)

    @property
    def tally(self) -> dict[str, int]:
        """How many articles stand each way on the fact, for the matrix of a wide story."""
        counts = dict.fromkeys(("reported", "differs", "contradicted", "omitted"), 0)
        for cell in self.cells:
            if cell.state in counts:
                counts[cell.state] += 1
        return counts


@dataclass(frozen=True, slots=True)
class SideView:
    side: Side
    docs: tuple[DocView, ...]
    evidence: tuple[EvidenceView, ...]
    large: bool = False  # whether it is a side of a large story, whose report folds

    @property
    def folded(self) -> bool:
        """Whether the side prints only its first sentences: a long side of a large story."""
        return self.large and (len(self.evidence) > FOLD_AFTER or len(self.docs) > FOLD_AFTER)

    @property
    def shown(self) -> tuple[EvidenceView, ...]:
        """The sentences printed in full: all of them, or, on a folded side, the first few
        of different words (copies of one dispatch print one sentence many times)."""
        return self.evidence if not self.folded else first_sentences(self.evidence)

    @property
    def shown_docs(self) -> tuple[DocView, ...]:
        """The articles named in full: all of them, or those of the sentences printed."""
        if not self.folded:
            return self.docs
        return tuple(dict.fromkeys(ev.doc for ev in self.shown))

    @property
    def links(self) -> tuple[tuple[DocView, str], ...]:
        """Each article of the side with the anchor of its first cited sentence on this
        side (of the article itself when it has none)."""
        first: dict[str, str] = {}
        for ev in self.evidence:
            first.setdefault(ev.doc.article_id, ev.anchor)
        return tuple((doc, first.get(doc.article_id, doc.anchor)) for doc in self.docs)

    @property
    def more(self) -> tuple[tuple[DocView, str], ...]:
        """The articles of a folded side that ``shown_docs`` leaves out, as ``links``."""
        if not self.folded:
            return ()
        named = set(self.shown_docs)
        return tuple((doc, anchor) for doc, anchor in self.links if doc not in named)

    @property
    def value_in_label(self) -> bool:
        """Whether the label already says the value ("according to X" / "X"), or there is none."""
        value = self.side.value
        return not value or value.casefold() in self.side.label.casefold()


@dataclass(frozen=True, slots=True)
class DivergenceView:
    divergence: Divergence
    sides: tuple[SideView, ...]

    @property
    def show_values(self) -> bool:
        """Whether the sides' values add anything to their labels."""
        return not all(side.value_in_label for side in self.sides)

    @property
    def anchor(self) -> str:
        return "div-" + slug(self.divergence.id)

    @property
    def certainty(self) -> str:
        """The confidence in words: "likely", "possible" ..."""
        return certainty(self.divergence.confidence)

    @property
    def certain(self) -> bool:
        """Whether it is shown among the certain ones, not folded under "Less certain"."""
        return self.divergence.confidence >= CERTAIN

    @property
    def gloss(self) -> str:
        """What its kind means, in plain words ("" for a kind the glossary lacks)."""
        return KIND_GLOSS.get(self.divergence.kind, "")


@dataclass(frozen=True, slots=True)
class CommitmentView:
    commitment: Commitment
    actors: tuple[str, ...]
    evidence: tuple[EvidenceView, ...]

    @property
    def anchor(self) -> str:
        return "com-" + slug(self.commitment.id)


@dataclass(frozen=True, slots=True)
class TimelineView:
    entry: TimelineEntry
    docs: tuple[DocView, ...]


@dataclass(frozen=True, slots=True)
class SummaryView:
    sentence: SummarySentence
    citations: tuple[EvidenceView, ...]
    docs: tuple[DocView, ...]  # sources credited without a span


@dataclass(frozen=True, slots=True)
class EntityView:
    entity: Entity
    total: int
    per_doc: tuple[tuple[DocView, int], ...]

    @property
    def anchor(self) -> str:
        return "ent-" + slug(self.entity.id)


@dataclass(frozen=True, slots=True)
class QuoteView:
    quote: DossierQuote
    doc: DocView
    speaker: str
    speaker_anchor: str | None


@dataclass(frozen=True, slots=True)
class QuoteGroupView:
    """One quotation as many articles print it: the same speaker, kind and words."""

    first: QuoteView
    also: tuple[QuoteView, ...]  # the other articles printing it, in article order


@dataclass(frozen=True, slots=True)
class NoteView:
    note: Note
    doc: DocView | None = None


@dataclass(frozen=True, slots=True)
class ProfileView:
    profile: SourceProfile
    doc: DocView
    notes: tuple[NoteView, ...]


@dataclass(frozen=True, slots=True)
class OriginView:
    origin: Origin
    docs: tuple[DocView, ...]
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True, slots=True)
class DuplicateView:
    duplicate: Duplicate
    doc: DocView
    of_doc: DocView


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    outlets: int  # distinct known outlets
    first_date: str | None
    last_date: str | None
    origins: int | None  # None when the dossier does not group origins
    unknown_outlets: int = 0  # articles whose outlet is not known

    @property
    def dates(self) -> str:
        """``"2025-04-01 – 2025-04-03"``, one day alone, or ``"undated"``."""
        if not self.first_date:
            return "undated"
        if self.last_date == self.first_date:
            return self.first_date
        return f"{self.first_date} – {self.last_date}"

    @property
    def heading(self) -> str:
        """The heading: 7 articles from 5 outlets, the articles of unknown outlet apart."""
        articles = plural(self.articles, "article")
        if not self.outlets:
            return f"{articles}, outlets unknown"
        head = f"{articles} from {plural(self.outlets, 'outlet')}"
        if not self.unknown_outlets:
            return head
        return f"{head} ({self.unknown_outlets} of unknown outlet)"


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything a report template shows, cross-referenced and in a stable order."""

    dossier_id: str
    stats: Stats
    docs: tuple[DocView, ...]
    summary: tuple[SummaryView, ...]
    facts: tuple[FactView, ...]  # in the dossier's order
    matrix: tuple[FactView, ...]  # facts two or more sources speak to, the most first
    singles: tuple[FactView, ...]  # facts one source alone speaks to, in the dossier's order
    divergences: tuple[DivergenceView, ...]  # most certain first
    wording: tuple[DivergenceView, ...]  # words only some outlets use, story-wide
    timeline: tuple[TimelineView, ...]
    commitments: tuple[CommitmentView, ...]
    entities: tuple[EntityView, ...]
    quotes: tuple[QuoteView, ...]
    profiles: tuple[ProfileView, ...]
    origins: tuple[OriginView, ...]
    duplicates: tuple[DuplicateView, ...]
    evidence: tuple[tuple[DocView, tuple[EvidenceView, ...]], ...]  # grouped by article
    notes: tuple[NoteView, ...]

    @property
    def sentences(self) -> tuple[SentenceView, ...]:
        """The cited spans with the same words as one, in the order of their first span."""
        groups: dict[str, list[EvidenceView]] = {}
        for _, evs in self.evidence:
            for ev in evs:
                groups.setdefault(_words(ev.text), []).append(ev)
        ordered = sorted(groups.values(), key=lambda spans: spans[0].number)
        return tuple(SentenceView(spans=tuple(spans)) for spans in ordered)

    @property
    def quote_groups(self) -> tuple[QuoteGroupView, ...]:
        """The quotes, those that print the same words for the same speaker as one."""
        groups: dict[tuple[str, str, str], list[QuoteView]] = {}
        for qv in self.quotes:
            q = qv.quote.quote
            key = (qv.speaker, q.kind, _words(q.content.text))
            groups.setdefault(key, []).append(qv)
        return tuple(QuoteGroupView(first=g[0], also=tuple(g[1:])) for g in groups.values())

    @property
    def wide(self) -> bool:
        """Whether the story is large (``MATRIX_COLUMNS``): its coverage matrix counts the
        articles instead of giving each a column, and its report folds the long tail."""
        return len(self.docs) > MATRIX_COLUMNS

    @property
    def certain_divergences(self) -> tuple[DivergenceView, ...]:
        return tuple(dv for dv in self.divergences if dv.certain)

    @property
    def uncertain_divergences(self) -> tuple[DivergenceView, ...]:
        """The divergences folded under "Less certain", below the ``CERTAIN`` bar."""
        return tuple(dv for dv in self.divergences if not dv.certain)

    @property
    def glossary(self) -> tuple[tuple[str, str], ...]:
        """(kind, plain words) for each kind the report shows, in order of first use."""
        kinds = dict.fromkeys(dv.divergence.kind for dv in (*self.divergences, *self.wording))
        return tuple((k, KIND_GLOSS[k]) for k in kinds if k in KIND_GLOSS)


def certainty(confidence: float) -> str:
    """A divergence's confidence in words, from "almost certain" to "doubtful"."""
    for floor, words in _CERTAINTY:
        if confidence >= floor:
            return words
    return _CERTAINTY[-1][1]


# ---------------------------------------------------------------- building the view


def build_view(dossier: Dossier) -> ReportView:
    """Cross-reference a dossier for the reports: labels, evidence anchors, matrix."""
    docs = _Docs(dossier.articles, dossier.analyses)
    cites = _citations(dossier)
    evidence = _Evidence(cites, docs, {a.id: a for a in dossier.articles})
    names = {e.id: e.name for e in dossier.entities}
    facts = tuple(_fact_view(f, dossier.divergences, docs, evidence, names) for f in dossier.facts)
    matrix, singles = _matrix_rows(facts)
    return ReportView(
        dossier_id=dossier.id,
        stats=_stats(dossier, docs),
        docs=docs.all,
        summary=tuple(
            SummaryView(
                sentence=s,
                citations=evidence.views(s.evidence),
                docs=docs.many(a for a in s.sources if a not in {e.article_id for e in s.evidence}),
            )
            for s in dossier.summary
        ),
        facts=facts,
        matrix=matrix,
        singles=singles,
        divergences=tuple(_divergence_view(d, docs, evidence) for d in dossier.divergences),
        wording=tuple(_divergence_view(d, docs, evidence) for d in dossier.wording),
        timeline=tuple(TimelineView(entry=t, docs=docs.many(t.sources)) for t in dossier.timeline),
        commitments=tuple(
            CommitmentView(
                commitment=c,
                actors=c.actor_names or tuple(names.get(a, a) for a in c.actors),
                evidence=evidence.views(c.evidence),
            )
            for c in dossier.commitments
        ),
        entities=tuple(_entity_view(e, docs) for e in dossier.entities),
        quotes=tuple(_quote_view(q, docs, names) for q in dossier.quotes if q.quote.kind != "term"),
        profiles=tuple(
            ProfileView(
                profile=p,
                doc=docs.get(p.article_id),
                notes=tuple(NoteView(note=n) for n in p.notes),
            )
            for p in dossier.profiles
        ),
        origins=tuple(
            OriginView(origin=o, docs=docs.many(o.articles), evidence=evidence.views(o.evidence))
            for o in dossier.origins
        ),
        duplicates=tuple(
            DuplicateView(duplicate=d, doc=docs.get(d.article_id), of_doc=docs.get(d.of_id))
            for d in dossier.duplicates
        ),
        evidence=evidence.grouped(),
        notes=tuple(NoteView(note=n) for n in dossier.notes),
    )


class _Docs:
    """Article ids to their ``DocView``; an id the dossier does not list gets a stand-in."""

    def __init__(self, articles: Iterable[Article], analyses: Iterable[Analysis] = ()) -> None:
        why = {a.article_id: why_not_analysed(a) for a in analyses}
        self.all = tuple(_doc_view(i, a, why.get(a.id)) for i, a in enumerate(articles, start=1))
        self._by_id = {d.article_id: d for d in self.all}

    def get(self, article_id: str) -> DocView:
        known = self._by_id.get(article_id)
        if known is not None:
            return known
        return DocView(
            key="?", article_id=article_id, name=f"unknown article {article_id}", source=""
        )

    def many(self, article_ids: Iterable[str]) -> tuple[DocView, ...]:
        seen = dict.fromkeys(article_ids)
        return tuple(self.get(a) for a in seen)


def outlet_name(outlet: str | None, source: str) -> str:
    """How reports name an article: its outlet, else "unknown outlet (FILE)"."""
    return outlet or f"unknown outlet ({source})"


# Analysis notes that mean the article was read but not analysed.
NOT_ANALYSED = frozenset({"language", "too_long", "analysis_failed"})


def why_not_analysed(analysis: Analysis) -> str | None:
    """Why an article was read but not analysed (its note's detail), or None."""
    for note in analysis.notes:
        if note.code in NOT_ANALYSED:
            return note.detail or note.code
    return None


def _doc_view(number: int, article: Article, not_analysed: str | None = None) -> DocView:
    return DocView(
        not_analysed=not_analysed,
        key=f"d{number}",
        article_id=article.id,
        name=outlet_name(article.outlet, article.source),
        source=article.source,
        title=article.title,
        url=article.url,
        link=safe_link(article.url),
        published=_published(article),
        language=article.language,
        agency=article.agency,
        outlet=article.outlet,
    )


def _published(article: Article) -> str | None:
    """The publication day as shown; one the story gave an undated article says so."""
    if article.published is None:
        return None
    day = article.published.isoformat()
    return f"{day} (inferred)" if article.published_from == "inferred" else day


_SpanKey = tuple[str, int, int]


def _key(ev: Evidence) -> _SpanKey:
    return (ev.article_id, ev.span.start, ev.span.end)


_Item = tuple[str, str]  # a citing item's label and anchor
_Cites = dict[_SpanKey, tuple[Evidence, list[_Item]]]


def _citations(dossier: Dossier) -> _Cites:
    """Every cited span once, with the first Evidence naming it and the items citing it."""
    cites: _Cites = {}
    listed: set[tuple[_SpanKey, _Item]] = set()

    def add(item: _Item, evidence: Iterable[Evidence]) -> None:
        for ev in evidence:
            key = _key(ev)
            _, items = cites.setdefault(key, (ev, []))
            if (key, item) not in listed:
                listed.add((key, item))
                items.append(item)

    for number, s in enumerate(dossier.summary, start=1):
        add((f"summary {number}", f"sum-{number}"), s.evidence)
    for f in dossier.facts:
        add((f.id, "fact-" + slug(f.id)), f.evidence)
    for d in (*dossier.divergences, *dossier.wording):
        add((d.id, "div-" + slug(d.id)), (ev for side in d.sides for ev in side.evidence))
    for c in dossier.commitments:
        add((c.id, "com-" + slug(c.id)), c.evidence)
    for o in dossier.origins:
        add((o.id, "origin-" + slug(o.id)), o.evidence)
    return cites


class _Evidence:
    """The numbered evidence spans, in article order then offset order."""

    def __init__(
        self,
        cites: _Cites,
        docs: _Docs,
        articles: dict[str, Article],
    ) -> None:
        order = {d.article_id: i for i, d in enumerate(docs.all)}
        keys = sorted(cites, key=lambda k: (order.get(k[0], len(order)), k[0], k[1], k[2]))
        self._views: dict[_SpanKey, EvidenceView] = {}
        for number, key in enumerate(keys, start=1):
            ev, items = cites[key]
            self._views[key] = _evidence_view(
                number, ev, docs.get(ev.article_id), articles.get(ev.article_id), items
            )

    def views(self, evidence: Iterable[Evidence]) -> tuple[EvidenceView, ...]:
        seen = dict.fromkeys(_key(ev) for ev in evidence)
        return tuple(self._views[k] for k in seen)

    def grouped(self) -> tuple[tuple[DocView, tuple[EvidenceView, ...]], ...]:
        groups: dict[str, list[EvidenceView]] = defaultdict(list)
        for view in self._views.values():
            groups[view.doc.article_id].append(view)
        return tuple((views[0].doc, tuple(views)) for views in groups.values())


def _evidence_view(
    number: int, ev: Evidence, doc: DocView, article: Article | None, items: list[_Item]
) -> EvidenceView:
    start, end = ev.span.start, ev.span.end
    before = after = ""
    mismatch = False
    if article is not None and 0 <= start <= end <= len(article.text):
        mismatch = article.text[start:end] != ev.span.text
        before = _context(article.text[max(0, start - CONTEXT_CHARS) : start], leading=True)
        after = _context(article.text[end : end + CONTEXT_CHARS], leading=False)
    elif article is not None:
        mismatch = True
    return EvidenceView(
        number=number,
        doc=doc,
        start=start,
        end=end,
        text=ev.span.text,
        before=before,
        after=after,
        attribution=source_name(ev.attribution),
        cited_by=tuple(items),
        mismatch=mismatch,
    )


def _context(text: str, *, leading: bool) -> str:
    """A context snippet cut at a word boundary, its whitespace collapsed, with an ellipsis."""
    flat = " ".join(" ¶ ".join(_PARAGRAPH_BREAK.split(text)).split())
    if len(text) < CONTEXT_CHARS:  # the article's start or end: nothing was cut
        return (flat + " " if leading else " " + flat) if flat else ""
    if leading:
        cut = flat.split(" ", 1)[-1] if " " in flat else flat
        return "…" + cut + " "
    cut = flat.rsplit(" ", 1)[0] if " " in flat else flat
    return " " + cut + "…"


def source_name(source: Source | None) -> str | None:
    """Whom an article credits, in words; None when it speaks for itself."""
    if source is None or source.kind == "self":
        return None
    name = source.name or source.kind
    return f"{name} ({source.channel})" if source.channel else name


def _divergence_view(d: Divergence, docs: _Docs, evidence: _Evidence) -> DivergenceView:
    large = len(docs.all) > MATRIX_COLUMNS
    return DivergenceView(
        divergence=d,
        sides=tuple(
            SideView(
                side=s,
                docs=docs.many(_side_articles(s)),
                evidence=evidence.views(s.evidence),
                large=large,
            )
            for s in d.sides
        ),
    )


def _side_articles(side: Side) -> list[str]:
    return [*side.sources, *(ev.article_id for ev in side.evidence)]


def _fact_view(
    fact: Fact,
    divergences: tuple[Divergence, ...],
    docs: _Docs,
    evidence: _Evidence,
    names: dict[str, str],
) -> FactView:
    # article id -> (divergence id, the value its side gives) for each divergence it takes part in
    disputes: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    side_evidence: dict[str, list[Evidence]] = defaultdict(list)
    related = [d for d in divergences if fact.id in d.facts]
    for d in related:
        if d.kind in _NOT_CONFLICTS:
            continue
        for side in d.sides:
            for article_id in _side_articles(side):
                disputes[article_id][(d.id, side.value or side.label)] = None
            for ev in side.evidence:
                side_evidence[ev.article_id].append(ev)
    reporting = set(fact.sources) | {ev.article_id for ev in fact.evidence}
    by_article: dict[str, list[Evidence]] = defaultdict(list)
    for ev in fact.evidence:
        by_article[ev.article_id].append(ev)
    cells = []
    for doc in docs.all:
        own = list(by_article.get(doc.article_id, ()))
        if doc.article_id in reporting:
            state = "differs" if doc.article_id in disputes else "reported"
        elif doc.article_id in disputes:
            state, own = "contradicted", side_evidence[doc.article_id]
        elif doc.article_id in fact.omitted_by:
            state = "omitted"
        else:
            state = "absent"
        cells.append(
            CellView(
                doc=doc,
                state=state,
                evidence=evidence.views(own),
                positions=tuple(disputes.get(doc.article_id, ())),
            )
        )
    sources = docs.many([*fact.sources, *(ev.article_id for ev in fact.evidence)])
    return FactView(
        fact=fact,
        cells=tuple(cells),
        evidence=evidence.views(fact.evidence),
        docs=sources,
        omitted=docs.many(fact.omitted_by),
        outlets=len({d.name for d in sources}),
        actors=tuple(names.get(a, a) for a in fact.actors),
        divergences=tuple(d.id for d in related),
    )


_SPEAKING = frozenset({"reported", "differs", "contradicted"})


def _matrix_rows(facts: tuple[FactView, ...]) -> tuple[tuple[FactView, ...], tuple[FactView, ...]]:
    """The coverage matrix's rows: facts that two or more sources report or contradict,
    the most widely covered first (a long list of facts told once would bury them), then
    the facts one source alone speaks to."""
    speaking = [sum(cell.state in _SPEAKING for cell in fv.cells) for fv in facts]
    ranked = sorted(range(len(facts)), key=lambda i: (-speaking[i], i))
    return (
        tuple(facts[i] for i in ranked if speaking[i] > 1),
        tuple(facts[i] for i in range(len(facts)) if speaking[i] <= 1),
    )


def _entity_view(entity: Entity, docs: _Docs) -> EntityView:
    counts: dict[str, int] = defaultdict(int)
    for m in entity.mentions:
        counts[m.article_id] += 1
    order = {d.article_id: i for i, d in enumerate(docs.all)}
    per_doc = sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    return EntityView(
        entity=entity,
        total=len(entity.mentions),
        per_doc=tuple((docs.get(a), n) for a, n in per_doc),
    )


def _quote_view(dq: DossierQuote, docs: _Docs, names: dict[str, str]) -> QuoteView:
    if dq.speaker_id is not None and dq.speaker_id in names:
        speaker, anchor = names[dq.speaker_id], "ent-" + slug(dq.speaker_id)
    else:
        speaker, anchor = source_name(dq.quote.speaker) or "unattributed", None
    return QuoteView(quote=dq, doc=docs.get(dq.article_id), speaker=speaker, speaker_anchor=anchor)


def stats(dossier: Dossier) -> Stats:
    """The figures of a dossier's heading: articles, outlets, dates, origins."""
    return _stats(dossier, _Docs(dossier.articles))


def _stats(dossier: Dossier, docs: _Docs) -> Stats:
    dates = sorted(a.published.isoformat() for a in dossier.articles if a.published)
    return Stats(
        articles=len(dossier.articles),
        outlets=len({d.outlet for d in docs.all if d.outlet}),
        unknown_outlets=sum(1 for d in docs.all if not d.outlet),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        origins=_independent_origins(dossier),
    )


def _independent_origins(dossier: Dossier) -> int | None:
    """How many independent origins the articles have, None when the dossier does not say.

    Each source profile names the one origin its article belongs to; ``Origin`` records
    of kind ``primary_source`` group statements relayed from one speaker and may overlap
    the article-level groups, so they are not counted here.
    """
    assigned = {p.origin for p in dossier.profiles if p.origin}
    if assigned:
        return len(assigned)
    article_level = [o for o in dossier.origins if o.kind != "primary_source"]
    return len(article_level) or None
