"""The typed data model shared by every stage of recoupe.

Every record that crosses a stage boundary is defined here once, as a frozen,
slotted, keyword-only dataclass. Offsets are half-open ``[start, end)`` character
indices into ``Article.text``; every derived item carries the ``TextSpan`` it
was read from, so that what cannot be pointed at is not reported.

Vocabularies (plain strings, so that the JSON stays readable):

- ``Mention.label``: ``PER``, ``ORG``, ``LOC``, ``MISC`` (the WikiNER tag set of the
  French spaCy models; institutions named by their seat are re-typed ``ORG``).
- ``Source.kind``: ``person``, ``institution``, ``readout`` (an institution's
  statement, communiqué or website), ``agency``, ``outlet`` (another news outlet),
  ``self`` (the outlet itself, no attribution), ``unknown``. A post on a social
  network is a ``person`` (or ``institution``) source whose ``channel`` names it.
- ``Quote.kind``: ``direct`` (between quote marks, whole sentence or more),
  ``partial`` (a quoted fragment inside a sentence), ``indirect`` ("X a déclaré
  que ..."), ``according_to`` ("selon X, ..."), ``term`` (words between quote marks
  that are no speech: a name, a title, a label used as a noun; its speaker is unknown).
- ``Quantity.kind``: ``count``, ``duration``, ``offset`` (a lapse placing one moment
  after or before another: "un jour après"), ``ratio`` ("12 contre 12"), ``percent``,
  ``money``, ``measure``, ``ordinal``, ``difference`` (the gap between two counts:
  "3 200 manifestants de moins que samedi").
- ``DateRef.granularity``: ``day``, ``week``, ``month``, ``year``;
  ``DateRef.kind``: ``date`` or ``duration``.
- ``Claim.modality``: ``stated``, ``proposed``, ``agreed``, ``announced``,
  ``carried_out``, ``refused``, ``requested``, ``discussed``, ``planned``;
  ``Claim.mood``: ``factual``, ``future``, ``conditional``, ``hypothetical``;
  ``Claim.polarity``: ``positive`` or ``negative``; ``Claim.category``: a PLOVER
  event category (``CONSULT``, ``AGREE``, ``CONCEDE``, ``RETREAT``, ``REQUEST``,
  ``REJECT``, ``ACCUSE``, ``SUPPORT``, ``COOPERATE``, ``AID``, ``ASSAULT``, ...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "Analysis",
    "AnalyzedArticle",
    "Article",
    "Attribution",
    "Claim",
    "Commitment",
    "DateRef",
    "Divergence",
    "Dossier",
    "DossierQuote",
    "Duplicate",
    "Entity",
    "EntityMention",
    "Evidence",
    "Fact",
    "IngestResult",
    "Mention",
    "Note",
    "Origin",
    "Quantity",
    "Quote",
    "Rejected",
    "Side",
    "Source",
    "SourceProfile",
    "Story",
    "SummarySentence",
    "TextSpan",
    "TimelineEntry",
]


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class TextSpan:
    """A half-open ``[start, end)`` slice of ``Article.text`` and the text it holds."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A coded remark about an input or an analysis: something left out, guessed or doubtful."""

    code: str
    detail: str = ""
    span: TextSpan | None = None


# ---------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as read from a source, before any linguistic analysis.

    ``text`` is the article as read: the decoded file for plain text (so offsets
    match the file), the extracted main text for HTML, feeds and archives.
    ``body`` lists the paragraphs that are article content; page debris, the
    dateline and the date line are outside it but stay in ``text``.
    """

    id: str  # content hash of the normalised body text
    source: str  # file base name, or the JSON Lines record id, or "file#n"
    origin: str  # where it was read from: a path, "path#line", a URL inside a WARC
    text: str
    body: tuple[TextSpan, ...]
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    # metadata | dateline | date_line | feed | url | inferred (from the story) | None
    published_from: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None  # a wire agency credited in the text ("(Reuters)", "(AFP)")
    dateline: TextSpan | None = None
    removed: tuple[TextSpan, ...] = ()  # page debris recognised and kept out of the body
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """An input that could not become an article, and why."""

    source: str  # the path (or path#record) as given
    reason: str  # a stable code: empty, binary, encoding, malformed, too_large, unreadable, ...
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """An article recognised as an exact or near copy of an earlier one."""

    article_id: str
    source: str
    of_id: str
    of_source: str
    kind: str  # exact | near
    similarity: float


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """What ingest read: the articles, the inputs it refused and the copies it found.

    Duplicates stay in ``articles`` (a reprint is evidence of relaying); they are
    listed in ``duplicates`` so later stages can count independent origins.
    """

    articles: tuple[Article, ...]
    rejected: tuple[Rejected, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


# ---------------------------------------------------------------- analyze


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named entity mention with its normalised key (titles stripped, accents folded)."""

    span: TextSpan
    label: str
    key: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Who an article says a statement comes from."""

    kind: str
    name: str | None = None  # surface form, titles kept ("le porte-parole de l'Élysée")
    key: str | None = None  # normalised key of the named entity, when there is one
    span: TextSpan | None = None
    channel: str | None = None  # a network or medium: "X", "Truth Social", "site web"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A quotation and who said it.

    ``span`` covers the quotation as printed, quote marks included for ``direct`` and
    ``partial`` quotes; ``content`` is the quoted words alone.
    """

    span: TextSpan
    content: TextSpan
    kind: str
    speaker: Source
    cue: TextSpan | None = None  # the verb of saying or the "selon"
    resolved_by: str | None = None  # subject | inversion | pronoun | according_to | channel | ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """For one statement (a sentence or clause), the source the article gives for it."""

    span: TextSpan
    source: Source
    cue: TextSpan | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number with its unit and what it counts ("30 jours", "12 contre 12")."""

    span: TextSpan
    value: float
    kind: str
    unit: str | None = None
    value2: float | None = None  # the second side of a ratio or the end of a range
    qualifier: str | None = None  # at_least | at_most | about | more_than | less_than
    context: TextSpan | None = None  # the noun phrase the number quantifies
    # what the number counts, from its noun or verb (resources/fr/counted.toml): injured,
    # arrests, custody, participants, police, dead, people, money...; None when unknown
    counts: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DateRef:
    """A date or duration expression, resolved against the publication date when relative."""

    span: TextSpan
    kind: str  # date | duration
    iso: str | None = None  # YYYY-MM-DD (day), YYYY-Www (ISO week), YYYY-MM (month), YYYY
    granularity: str | None = None
    relative: bool = False
    days: float | None = None  # length of a duration, in days
    # what a date tells the day of (analyze/date_roles.py): "main" the sentence's own
    # event, "clause" a complement or relative clause's, "aside" background (a concessive
    # clause, a detached participle, "depuis ..."), "noun" a thing named in passing ("les
    # violences de samedi"); None for durations or when unknown
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """Who did, said, agreed or demanded what: one event statement of an article."""

    span: TextSpan  # the clause that states it
    sentence: TextSpan
    predicate: TextSpan  # the trigger word or phrase
    lemma: str  # the trigger's lemma
    category: str  # PLOVER event category
    subject: TextSpan | None = None
    object: TextSpan | None = None
    actors: tuple[str, ...] = ()  # entity keys of the subject, then of other participants
    polarity: str = "positive"
    modality: str = "stated"
    mood: str = "factual"
    attribution: Source = field(default_factory=lambda: Source(kind="self"))
    dates: tuple[DateRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    condition: TextSpan | None = None  # "si des garanties ... étaient prises en compte"


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Everything the per-article analysis found, in text order."""

    article_id: str
    pipeline: str  # pipeline version: recoupe version + model name and version
    sentences: tuple[TextSpan, ...] = ()
    # one entry per sentence: its content-word lemmas, lowercased, space-separated
    # (for lexical similarity downstream, which must not import spaCy)
    lemmas: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateRef, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalyzedArticle:
    """An article beside its analysis."""

    article: Article
    analysis: Analysis


# ---------------------------------------------------------------- align (the dossier)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A span of one article that supports an item, and whom the article credits for it."""

    article_id: str
    span: TextSpan
    attribution: Source | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityMention:
    """One place an entity is named: an article and the span of its name there."""

    article_id: str
    span: TextSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A person, organisation or place, resolved across the articles of a story.

    ``name`` is the fullest surface form seen; ``aliases`` are the other distinct forms.
    """

    id: str  # e1, e2 ... in order of first mention
    name: str
    label: str  # PER | ORG | LOC | MISC
    key: str  # normalised key of the name
    aliases: tuple[str, ...] = ()
    mentions: tuple[EntityMention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierQuote:
    """A quotation of one article with its speaker resolved to a story entity."""

    article_id: str
    quote: Quote
    speaker_id: str | None = None  # an Entity id, None when unnamed or unresolved


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """One claim about the world, with the sentences or clauses of every article that state it.

    ``sources`` are the articles that report it, ``omitted_by`` those that cover the
    story but leave it out; ``origins`` counts independent origins among ``sources``
    (reprints and relays of one primary statement count once).
    """

    id: str  # f1, f2 ... in story order
    statement: str  # an extractive representative clause or sentence
    category: str | None = None  # PLOVER event category when a claim says it
    modality: str | None = None
    polarity: str | None = None
    date: str | None = None  # ISO date of the event
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()  # article ids
    omitted_by: tuple[str, ...] = ()
    origins: int = 0
    actors: tuple[str, ...] = ()  # entity ids
    reason: str = ""  # why these spans were aligned (scores, shared numbers/entities)
    # for a clause of another fact that its accounts date to another day, that fact's id
    part_of: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Side:
    """One side of a divergence: a position or value and the evidence that states it."""

    label: str
    value: str | None = None
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Divergence:
    """Where accounts differ: values, scope, polarity, attribution, omission or wording."""

    id: str  # v1, v2 ... (w1, w2 ... in Dossier.wording)
    # value | date | detail | scope | polarity | modality | condition | attribution |
    # omission | evolution | edit | loaded_language (of the story, no fact);
    # in Dossier.wording: naming
    kind: str
    reason: str
    facts: tuple[str, ...] = ()
    sides: tuple[Side, ...] = ()
    # how sure the rule is that the accounts really differ on one thing, in [0, 1]:
    # reports list the most certain and most consequential divergences first
    confidence: float = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class Commitment:
    """Who agreed (refused, proposed) to do what, how far, for how long, on which condition."""

    id: str  # c1, c2 ...
    actors: tuple[str, ...]  # entity ids (may be empty when the agent is unnamed)
    actor_names: tuple[str, ...]
    action: str  # the clause
    modality: str  # agreed | refused | proposed | requested | ...
    polarity: str = "positive"
    scope: str | None = None
    duration: str | None = None  # "30 jours", or an ISO-8601 duration
    start: str | None = None  # ISO date
    conditions: tuple[str, ...] = ()
    according_to: tuple[str, ...] = ()  # names of the sources credited
    fact: str | None = None  # the Fact id it belongs to
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """A dated fact on the story's timeline."""

    date: str  # ISO date
    fact: str  # Fact id
    statement: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySentence:
    """One sentence of the extractive summary, with the evidence of every source that says it."""

    text: str
    fact: str | None = None
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceProfile:
    """How one article covers the story: what it carries, leaves out and alone reports."""

    article_id: str
    source: str
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    facts_carried: tuple[str, ...] = ()
    facts_omitted: tuple[str, ...] = ()
    unique_facts: tuple[str, ...] = ()
    unique_share: float = 0.0
    origin: str | None = None  # the Origin id it belongs to
    notes: tuple[Note, ...] = ()  # signs of machine translation and other remarks, with spans


@dataclass(frozen=True, slots=True, kw_only=True)
class Origin:
    """Articles that count as one origin: sharing wording, or relaying one primary statement."""

    id: str  # o1, o2 ...
    articles: tuple[str, ...]
    kind: str  # duplicate | shared_wording | primary_source | single
    reason: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Dossier:
    """The cross-check of one story: entities, quotes, facts, divergences and their evidence."""

    id: str  # a hash of the sorted article ids
    articles: tuple[Article, ...]
    analyses: tuple[Analysis, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[DossierQuote, ...] = ()
    facts: tuple[Fact, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    # the names only some outlets give the events, story-wide: the same records as
    # divergences (ids w1, w2 ...) but no disagreement of any account
    wording: tuple[Divergence, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    profiles: tuple[SourceProfile, ...] = ()
    origins: tuple[Origin, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    notes: tuple[Note, ...] = ()
    # the stories its articles fall into, when they report more than one event
    stories: tuple[Story, ...] = ()


# ---------------------------------------------------------------- stories


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """Articles that report one event, grouped online as they arrive.

    ``id`` stays valid once shown: a story merged into an older one is found under the
    older one's id, which lists it in ``merged``.
    """

    id: str  # "s" + a hash of the article that opened it
    title: str | None = None
    articles: tuple[str, ...] = ()  # article ids, in order of arrival
    outlets: tuple[str, ...] = ()
    first: dt.date | None = None  # earliest and latest publication dates of its articles
    last: dt.date | None = None
    merged: tuple[str, ...] = ()  # ids of the stories merged into this one
    # its own records in a dossier of several stories (``parts.unite``); empty elsewhere
    facts: tuple[str, ...] = ()  # Fact ids
    divergences: tuple[str, ...] = ()  # Divergence ids
    dossier: str | None = None  # the id its own dossier would have (``Dossier.id``)
