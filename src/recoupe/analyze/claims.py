"""``recoupe_claims``: who did, said, agreed or demanded what, as ``model.Claim`` records.

Runs last. For each event-bearing clause (``svo.ClauseFinder``) it builds a Claim:
the trigger and its PLOVER category (``resources/<lang>/events.toml``), modality,
mood, polarity and condition (``modality.toml``), the subject and object spans,
the actors (mention keys of the subject, then of the object and participants), the
dates and quantities inside the clause, and the attribution. Every informative
clause yields a claim: a verb of saying alone gives ``STATEMENT``, a clause with
no trigger ``OTHER`` (its own verb), so the fact aligner loses nothing.

Attribution, first found: the ``Attribution`` record covering the trigger
(``recoupe_attribution``) unless it says ``self``, the quote holding it (its
speaker), the verb of saying that frames it ("X a déclaré que ..."; an impersonal
"il a été rapporté que" gives ``unknown``), the ``self`` record, "selon X" in the
sentence, else ``Source(kind="self")``.

Subject pronouns: "il"/"ils" in a reported clause ("X a dit qu'il ...") take the
speaker's actors when the number agrees, else those of the last claim of the same
or the previous paragraph whose subject agrees in number; "je"/"nous" take the
actors of the claim's source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from recoupe.model import Claim, Source, TextSpan

from .arguments import Arguments
from .doc import doc_text, outputs, source_text
from .modality import Condition, find_conditions
from .svo import Clause, ClauseFinder
from .triggers import Lexicon, lemma_of, lexicon

MAX_CLAUSE_CHARS = 400
PERSON_LABELS = frozenset({"PER"})
HEAD_NAME_DEPS = frozenset({"appos", "flat:name", "flat", "nmod"})

Range = tuple[int, int]


@Language.factory(
    "recoupe_claims",
    default_config={"lang": "fr"},
    requires=["token.dep", "token.lemma", "token.pos", "token.morph"],
    assigns=["doc._.recoupe_claims"],
)
def make_claims(nlp: Language, name: str, lang: str) -> ClaimReader:
    """Build the claims component for resource language ``lang``."""
    return ClaimReader(lexicon(lang))


class ClaimReader:
    """The ``recoupe_claims`` component: fills ``doc._.recoupe_claims``."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        found = outputs(doc, "recoupe_claims")
        if doc.has_annotation("DEP"):  # a pipeline without a parser has no clauses to read
            found.extend(read_claims(doc, self.lex))
        return doc


def read_claims(doc: Doc, lex: Lexicon) -> list[Claim]:
    """The claims of an analysed ``doc``, sentence by sentence, in text order."""
    return _DocReader(doc, lex).read()


class _Index:
    """Sorted lookups into the records the earlier components left on the Doc."""

    def __init__(self, doc: Doc) -> None:
        self.records: dict[str, list] = {}
        self.starts: dict[str, list[int]] = {}
        for kind in ("mentions", "dates", "quantities"):
            records = _ordered(doc, f"recoupe_{kind}")
            self.records[kind] = records
            self.starts[kind] = [r.span.start for r in records]
        self.quotes = _ordered(doc, "recoupe_quotes")
        self.attributions = _ordered(doc, "recoupe_attributions")

    def within(self, kind: str, start: int, end: int) -> list:
        """The records of ``kind`` whose spans lie inside ``[start, end)``."""
        starts = self.starts[kind]
        lo, hi = bisect_left(starts, start), bisect_right(starts, end)
        return [r for r in self.records[kind][lo:hi] if r.span.end <= end]


class _DocReader:
    """One pass over a Doc's sentences; keeps the subject history for pronouns."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.index = _Index(doc)
        self.text = source_text(doc)
        dates = frozenset(_token_indices(doc, self.index.records["dates"]))
        self.args = Arguments(doc, lex, not_subjects=dates)
        self.according = self.args.ids(lex.according_to)
        pronouns = lex.singular | lex.plural | lex.speaker_pronouns
        self.pronouns = self.args.ids(frozenset(pronouns | {f"-{p}" for p in pronouns}))
        self.pron = doc.vocab.strings["PRON"]
        self.history: list[tuple[int, tuple[str, ...], bool]] = []  # paragraph, actors, plural
        self.paragraph = 0

    def read(self) -> list[Claim]:
        doc, claims = self.doc, []
        text = doc_text(doc)
        last_end = 0
        for sent in doc.sents:
            if not text[sent.start_char : sent.end_char].strip():
                continue
            if "\n" in text[last_end : sent.start_char]:
                self.paragraph += 1
            last_end = sent.end_char
            clauses = ClauseFinder(self.args).find(sent)
            if not clauses:
                continue
            conditions = find_conditions(sent, self.args)
            if conditions:
                # a clause inside a condition ("si des garanties sont données") is not claimed
                clauses = [c for c in clauses if not _inside(c, conditions)] or clauses
            pairs = _attach_conditions(doc, clauses, conditions)
            sentence = self._span(sent.start_char, len(text[: sent.end_char].rstrip()))
            according = self._according_to(sent)
            for clause in clauses:
                claims.append(self._claim(clause, sentence, pairs, according))
        return claims

    def _claim(
        self, clause: Clause, sentence: TextSpan, conditions: list, according: Source | None
    ) -> Claim:
        doc = self.doc
        span = self._chars(clause.clause, limit=MAX_CLAUSE_CHARS, keep=clause.predicate)
        predicate = self._chars(clause.predicate)
        speaker_keys = self._keys(clause.speaker, (), (), history=True) if clause.speaker else ()
        source = self._attribution(clause, predicate, according, speaker_keys)
        first_person = speaker_keys or ((source.key,) if source.key else ())
        third_person = speaker_keys if clause.reported else ()
        subject_actors = self._keys(clause.subject, first_person, third_person, history=True)
        if subject_actors and clause.subject_head is not None:
            plural = len(subject_actors) > 1 or "Plur" in doc[clause.subject_head].morph.get(
                "Number", []
            )
            self.history.append((self.paragraph, subject_actors, plural))
        actors = list(subject_actors)
        for part in (clause.object, *clause.participants):
            actors.extend(
                k for k in self._keys(part, first_person, third_person) if k not in actors
            )
        mood = clause.mood
        condition = self._chars(clause.condition) if clause.condition else None
        for cond, owner in conditions:
            if owner is clause and condition is None:
                condition = self._chars((cond.start, cond.end))
                if cond.hypothetical:
                    mood = "hypothetical"
        return Claim(
            span=span,
            sentence=sentence,
            predicate=predicate,
            lemma=clause.lemma,
            category=clause.category,
            subject=self._chars(clause.subject) if clause.subject else None,
            object=self._chars(clause.object) if clause.object else None,
            actors=tuple(actors),
            polarity=clause.polarity,
            modality=clause.modality,
            mood=mood,
            attribution=source,
            dates=tuple(self.index.within("dates", span.start, span.end)),
            quantities=tuple(self.index.within("quantities", span.start, span.end)),
            condition=condition,
        )

    def _span(self, start: int, end: int) -> TextSpan:
        return TextSpan(start=start, end=end, text=self.text[start:end])

    def _chars(
        self, tokens: Range, *, limit: int | None = None, keep: Range | None = None
    ) -> TextSpan:
        """The TextSpan of a token range, cut to ``limit`` characters without losing ``keep``."""
        args = self.args
        start, end = tokens
        first = args.idx[start]
        if limit is not None:
            floor = keep[1] if keep else start + 1
            space = args.pos_ids(("SPACE",))
            while end > floor and (
                args.end_char(end) - first > limit or args.pos[end - 1] in space
            ):
                end -= 1
        return self._span(first, args.end_char(end))

    def _keys(
        self, tokens: Range | None, first_person, third_person, *, history: bool = False
    ) -> tuple[str, ...]:
        """Mention keys inside a token range, its personal pronouns resolved."""
        if tokens is None:
            return ()
        doc, args = self.doc, self.args
        start, end = tokens
        keys = [m.key for m in self.index.within("mentions", args.idx[start], args.end_char(end))]
        for i in range(start, end):
            if args.pos[i] != self.pron or args.lower[i] not in self.pronouns:
                continue
            token = doc[i]
            if token.dep_ == "expl:subj":  # "il y a", "il faut"
                continue
            word = token.lower_.lstrip("-")
            if word in self.lex.speaker_pronouns:
                found = tuple(first_person)
            elif word in self.lex.singular or word in self.lex.plural:
                found = self._resolve(word in self.lex.plural, third_person, history)
            else:
                continue
            keys.extend(found)
        return tuple(dict.fromkeys(keys))

    def _resolve(self, plural: bool, third_person, history: bool) -> tuple[str, ...]:
        if third_person and (len(third_person) > 1) == plural:
            return tuple(third_person)
        if not history:
            return ()
        for paragraph, actors, many in reversed(self.history):
            if paragraph < self.paragraph - 1:
                break
            if many == plural:
                return actors
        return ()

    def _attribution(self, clause: Clause, predicate: TextSpan, according, speaker_keys) -> Source:
        at = predicate.start
        covering = [a for a in self.index.attributions if a.span.start <= at < a.span.end]
        found = min(covering, key=_span_length).source if covering else None
        if found is not None and found.kind != "self":
            return found
        quoted = [q for q in self.index.quotes if q.content.start <= at < q.content.end]
        if quoted:
            return min(quoted, key=_content_length).speaker
        # "self" from the attribution component means it found no source; a frame found
        # here ("il a été rapporté que", "X a déclaré que") still names one
        if clause.impersonal:
            return Source(kind="unknown")
        # svo sets speaker_head whenever it sets speaker
        if clause.speaker is not None and clause.speaker_head is not None:
            return self._source(clause.speaker, self.doc[clause.speaker_head], speaker_keys)
        return found or according or Source(kind="self")

    def _according_to(self, sent: Span) -> Source | None:
        """The source named by "selon X" in the sentence ("selon laquelle" names none)."""
        lower, doc = self.args.lower, self.doc
        for i in range(sent.start, sent.end):
            if lower[i] not in self.according:
                continue
            token = doc[i]
            if token.dep_ == "case" and token.head.pos_ in ("NOUN", "PROPN"):
                head = token.head
                tokens = (token.i + 1, head.right_edge.i + 1)
                return self._source(tokens, head, self._keys(tokens, (), ()))
        return None

    def _source(self, tokens: Range, head: Token, keys: tuple[str, ...]) -> Source:
        """A Source for a speaker phrase: its kind and key from the mention at its head.

        The head is the speaker's own noun, or a name in apposition ("le conseiller de
        X, Y" is Y); a document ("le communiqué de l'Élysée") is a readout keyed by the
        institution it names; a pronoun takes its resolved key.
        """
        span = self._chars(tokens)
        mentions = self.index.within("mentions", span.start, span.end)
        if lemma_of(head) in self.lex.readouts:
            own = mentions[:1]
            kind = "readout"
        else:
            heads = {head.i, *(c.i for c in head.children if c.dep_ in HEAD_NAME_DEPS)}
            own = [m for m in mentions if any(_overlaps(self.doc[i], m.span) for i in heads)]
            if own:
                kind = "person" if own[0].label in PERSON_LABELS else "institution"
            elif head.pos_ == "PRON" and keys:
                kind = "person"
            else:
                kind = "unknown"
        key = own[0].key if own else (keys[0] if head.pos_ == "PRON" and keys else None)
        return Source(kind=kind, name=span.text, key=key, span=span)


def _attach_conditions(doc: Doc, clauses: list[Clause], conditions: list[Condition]) -> list:
    """Pair each condition with the clause it restricts: the nearest one up its head chain."""
    owners: dict[int, Clause] = {}
    for clause in clauses:
        for i in clause.chain:
            owners.setdefault(i, clause)
    pairs = []
    for cond in conditions:
        token, owner = doc[cond.anchor], None
        for _ in range(12):
            owner = owners.get(token.i)
            if owner is not None or token.head.i == token.i:
                break
            token = token.head
        if owner is None:
            # the smallest clause around the condition, else the last one before it
            around = [c for c in clauses if c.clause[0] <= cond.start < c.clause[1]]
            before = [c for c in clauses if c.predicate[0] < cond.start]
            owner = min(around, key=_clause_length, default=None)
            owner = owner or (before[-1] if before else None)
        pairs.append((cond, owner))
    return pairs


def _inside(clause: Clause, conditions: list[Condition]) -> bool:
    return any(c.start <= clause.predicate[0] < c.end for c in conditions)


def _token_indices(doc: Doc, records: list) -> set[int]:
    """The indices of the tokens that records' spans overlap."""
    found: set[int] = set()
    for record in records:
        span = doc.char_span(record.span.start, record.span.end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def _overlaps(token: Token, span: TextSpan) -> bool:
    return token.idx < span.end and span.start < token.idx + len(token.text)


def _ordered(doc: Doc, name: str) -> list:
    return sorted(getattr(doc._, name) or (), key=_span_order)


def _span_order(record) -> tuple[int, int]:
    return (record.span.start, record.span.end)


def _span_length(record) -> int:
    return record.span.end - record.span.start


def _content_length(quote) -> int:
    return quote.content.end - quote.content.start


def _clause_length(clause: Clause) -> int:
    return clause.clause[1] - clause.clause[0]
