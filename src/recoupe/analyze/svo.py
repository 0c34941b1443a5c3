"""Find a sentence's event-bearing clauses in the dependency parse: who, which trigger, what.

A clause is visited from the sentence root, then through coordinated clauses
(``conj``, ``parataxis``) and the complements of verbs of saying, which are not
events themselves: "X a déclaré que Y ont convenu de Z" yields the clause
"Y convenir Z" with X as its speaker. Governors ("pouvoir", "chercher à") hand the
clause to the infinitive they govern; a trigger that governs another ("accepter de
suspendre") keeps the clause. Subordinate clauses add a clause of their own when
they hold an event and a subject of their own, a participle with an agent
("proposée par X"), or "sans" ("sans mettre fin à ..."). A sentence with a verb
and no clause found this way falls back on its first top-level verb.

Everything here is token indices into the Doc; ``claims.py`` turns them into records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from .arguments import (
    FRAGMENT_DEPS,
    NOUN_DEPS,
    NOUN_NP_SKIP,
    SAYING_NOUN_DEPS,
    Arguments,
    Range,
    agent,
)
from .modality import is_hypothetical_noun, is_without, mood_of, polarity_of, stronger
from .reported import Speech
from .triggers import (
    NOMINAL,
    VERBAL,
    Lexicon,
    Trigger,
    governor_of,
    lemma_of,
)

CLAUSE_LINKS = frozenset({"conj", "parataxis"})
SUBORDINATE = frozenset({"advcl", "acl", "acl:relcl", "ccomp", "csubj"})


@dataclass(slots=True)
class Clause:
    """One event-bearing clause: token ranges ``(start, end)`` and what the trigger says."""

    head: int
    clause: Range
    predicate: Range
    lemma: str
    category: str
    modality: str
    mood: str
    polarity: str
    chain: tuple[int, ...]  # clause head, governors, then the verb the trigger depends on
    subject: Range | None = None
    subject_head: int | None = None
    object: Range | None = None
    participants: tuple[Range, ...] = ()
    speaker: Range | None = None  # subject of the verb of saying that frames it
    speaker_head: int | None = None
    cue: int | None = None  # that verb of saying
    impersonal: bool = False  # "il a été rapporté que", "on a appris que"
    reported: bool = False  # the complement of a verb of saying ("X a dit qu'il ...")
    condition: Range | None = None  # set for "la condition clé ... être ..."


@dataclass(frozen=True, slots=True)
class _Frame:
    subject: Token | None = None  # inherited by a clause without its own
    speaker: Token | None = None
    cue: Token | None = None
    impersonal: bool = False
    modality: str | None = None  # "announced" from the verb of saying
    mood: str | None = None  # "conditional" from "aurait déclaré que"
    reported: bool = False


@dataclass(slots=True)
class ClauseFinder:
    """Walk one sentence's parse and collect its ``Clause`` records (one finder per sentence)."""

    args: Arguments
    speech: Speech = field(init=False)
    out: list[Clause] = field(default_factory=list)
    visited: set[int] = field(default_factory=set)
    _base: _Frame = field(default_factory=_Frame)

    def __post_init__(self) -> None:
        self.speech = Speech(self.args)

    @property
    def lex(self) -> Lexicon:
        return self.args.lex

    def find(self, sent: Span) -> list[Clause]:
        """The clauses of ``sent``, main clauses first."""
        root = sent.root
        speaker = self.speech.inverted_incise(root)
        if speaker is not None:
            # "X et Y ont eu un entretien ..., a rapporté Z": the parser made the report the
            # root; what precedes it is the clause, Z its speaker
            self.visited.add(root.i)
            self._base = _Frame(speaker=speaker, cue=root)
            for child in self.args.kids(root):
                if child.i < root.i and self.args.is_clause(child):
                    self._visit(child, self._base)
        else:
            self._visit(root, _Frame())
        doc, args = root.doc, self.args
        subordinate, verbal = args.ids(SUBORDINATE), args.pos_ids(VERBAL)
        for i in range(sent.start, sent.end):
            if args.dep[i] in subordinate and args.pos[i] in verbal and i not in self.visited:
                self._subordinate(doc[i])
        if not self.out:  # a parse that hides its main verb ("C'est pourquoi je dis que ...")
            fragment, verb = args.ids(FRAGMENT_DEPS), args.pos_ids(("VERB",))
            for i in range(sent.start, sent.end):
                top = args.pos[i] in verb and args.dep[i] not in fragment
                if top and i not in self.visited and not doc[i].is_punct:
                    self._visit(doc[i], self._base)
                    break
        return self.out

    # ------------------------------------------------------------ walking

    def _visit(self, head: Token, frame: _Frame) -> Token | None:
        """Collect the clause headed by ``head`` and those linked to it; its subject."""
        if head.i in self.visited:
            return None
        self.visited.add(head.i)
        chain, gov_mood, gov_modality = self._chain(head)
        pred = chain[-1]
        subject = self.args.subject(chain) or frame.subject
        if frame.speaker is None and not frame.impersonal:
            # the parser may hang the incise on the subject ("comme l'indique X, les chefs ...")
            around = [
                *self.args.kids(head),
                *(self.args.kids(subject) if subject is not None else ()),
            ]
            incise = next((c for c in around if self.speech.is_incise(c)), None)
            if incise is not None:  # "« ... », a écrit X" / "comme l'indique X, ..."
                speaker = self.speech.after(incise) or self.speech.speaker(
                    incise, self.args.subject([incise])
                )
                frame = replace(frame, speaker=speaker, cue=incise, impersonal=speaker is None)
        links = [
            c for c in self.args.kids(head) if c.dep_ in CLAUSE_LINKS and self.args.is_clause(c)
        ]
        saying = self.speech.say(pred)
        if saying is not None:
            links = self._report(head, chain, subject, saying, frame, links)
        else:
            self._event_claim(head, chain, subject, frame, links, gov_mood, gov_modality)
        previous = subject
        for link in links:
            if self.speech.is_incise(link):
                continue  # "a-t-il déclaré": it gives the speaker, not a claim
            inherited = previous if self.args.subject([link]) is None else None
            previous = self._visit(link, replace(frame, subject=inherited)) or previous
        return subject

    def _report(self, head, chain, subject, saying, frame, links) -> list[Token]:
        """A verb of saying: visit what it reports, or make its own claim; the links left."""
        pred = chain[-1]
        contents = self.speech.contents(pred, self.visited)
        quoted = self.speech.quoted_subject(pred)
        if quoted is not None:
            # "« La conversation a été bonne », a écrit X": the parser made the quote the subject
            contents.append(quoted)
            if subject is None or subject.i < pred.i:
                subject = next(
                    (
                        c
                        for c in self.args.kids(pred)
                        if c.i > pred.i and c.dep_ in ("nsubj", "obj") and c.pos_ in NOMINAL
                    ),
                    None,
                )
        # a negated verb of saying ("ne mentionnait pas que ...") does not report its clause
        if not contents or polarity_of(chain, self.args) == "negative":
            self._saying_claim(head, chain, subject, saying, frame, links)
            return links
        speaker = self.speech.speaker(pred, subject)
        inner = _Frame(
            speaker=speaker,
            cue=pred,
            impersonal=speaker is None,
            modality="announced" if saying == "announced" else frame.modality,
            mood="conditional" if mood_of(chain, self.args) == "conditional" else frame.mood,
            reported=True,
        )
        for content in contents:
            self._visit(
                content, replace(inner, subject=speaker) if content.dep_ == "xcomp" else inner
            )
        return [c for c in links if c not in contents]

    def _subordinate(self, token: Token) -> None:
        """A subordinate clause that states an event of its own."""
        if self.speech.under_according_to(token):
            return  # "selon un communiqué signé par X": the source, not an event
        head = token.head
        if (
            token.dep_ == "ccomp"
            and self.speech.say(head) is not None
            and polarity_of([head], self.args) == "negative"
        ):
            return  # what "X ne mentionnait pas" is nobody's claim
        base = self._base
        if self.speech.say(token) is not None:
            if any(c.dep_ == "ccomp" for c in self.args.kids(token)):  # "affirmant que ..."
                self._visit(token, replace(base, subject=self._governing_subject(token)))
            return
        trig = self.args.trigger(token)
        if is_without(token, self.args):
            if trig is not None or self.args.event_noun(token, NOUN_DEPS) is not None:
                self._visit(token, replace(base, subject=self._governing_subject(token)))
        elif self.args.subject([token]) is not None:
            if trig is not None or self.args.event_noun(token, NOUN_DEPS) is not None:
                self._visit(token, base)
        elif trig is not None and token.dep_ == "acl" and agent(token) is not None:
            self._visit(token, base)

    def _chain(self, head: Token) -> tuple[list[Token], str | None, str | None]:
        chain = [head]
        mood = modality = None
        token = head
        for _ in range(4):
            if self.args.trigger(token) is not None or self.speech.say(token):
                break
            found = governor_of(token, self.lex)
            if found is None:
                break
            entry, token = found
            mood = stronger(entry.mood, mood) if entry.mood else mood
            modality = entry.modality or modality
            chain.append(token)
        return chain, mood, modality

    # ------------------------------------------------------------ claims

    def _event_claim(self, head, chain, subject, frame, links, gov_mood, gov_modality) -> None:
        pred = chain[-1]
        if self.args.is_passive(pred) and (subject is None or subject.head.i == pred.i):
            # the agent ("par X") does it; the passive subject is the object
            subject = agent(pred)
        participle = pred.dep_ == "acl" and pred.pos_ in VERBAL and agent(pred) is not None
        if participle:  # "la trêve proposée par X": X proposes, the noun is the object
            subject = agent(pred)
        trig = self.args.trigger(pred)
        noun = trig if trig is not None and pred.pos_ in NOMINAL else None
        if trig is None:
            # the event noun may hang on the verb or on a governor ("cette initiative devrait ...")
            found = (self.args.event_noun(t, NOUN_DEPS) for t in reversed(chain))
            trig = noun = next((n for n in found if n is not None), None)
        if trig is None:
            if pred.pos_ not in VERBAL and not any(c.dep_ == "cop" for c in self.args.kids(pred)):
                return  # a verbless fragment with no event noun (a caption, a byline)
            trig = Trigger("OTHER", "stated", lemma_of(pred), pred.i)
        obj = self.args.object(pred, trig, noun)
        if participle and obj is None:
            noun = pred.head
            while noun.dep_ == "nmod" and noun.head.pos_ in NOMINAL and noun.head.i < noun.i:
                noun = noun.head  # "le cessez-le-feu de 30 jours proposé par X"
            start = min(
                [
                    noun.i,
                    *(c.left_edge.i for c in self.args.kids(noun) if c.dep_ not in NOUN_NP_SKIP),
                ]
            )
            obj = self.args.trim(start, pred.left_edge.i)
        mood = stronger(mood_of(chain, self.args, gov_mood), frame.mood)
        polarity = polarity_of(chain, self.args)
        token = self.args.doc[trig.head]
        if token.i != pred.i and is_without(token, self.args):
            polarity = "negative" if polarity == "positive" else "positive"
        if token.pos_ in NOMINAL and is_hypothetical_noun(token, self.args):
            mood = "hypothetical"
        condition = None
        if (
            subject is not None
            and lemma_of(subject) in self.lex.condition_nouns
            and any(c.dep_ == "cop" for c in self.args.kids(pred))
        ):
            # "la condition clé ... devrait être la cessation de ...": a demand
            trig = Trigger("REQUEST", "requested", lemma_of(subject), subject.i)
            condition, subject = obj, None
        elif gov_modality is not None:
            trig = replace(trig, modality=gov_modality)
        self._emit(head, chain, trig, mood, polarity, subject, obj, frame, links)
        self.out[-1].condition = condition

    def _saying_claim(self, head, chain, subject, saying, frame, links) -> None:
        """A verb of saying with no clause: its event noun ("annoncé la trêve"), or STATEMENT."""
        pred = chain[-1]
        noun = self.args.event_noun(pred, SAYING_NOUN_DEPS)
        if noun is not None:
            trig = replace(noun, modality="announced") if saying == "announced" else noun
        else:
            trig = Trigger("STATEMENT", saying, lemma_of(pred), pred.i)
        obj = self.args.object(pred, trig, noun)
        mood = stronger(mood_of(chain, self.args), frame.mood)
        self._emit(
            head, chain, trig, mood, polarity_of(chain, self.args), subject, obj, frame, links
        )

    def _emit(self, head, chain, trig, mood, polarity, subject, obj, frame, links) -> None:
        modality = trig.modality
        if mood != "factual" and modality in ("carried_out", "discussed"):
            modality = "planned"
        if frame.modality == "announced" and modality in ("carried_out", "stated"):
            modality = "announced"
        p_start, p_end = trig.head, trig.head + 1
        if trig.partner is not None:
            p_start, p_end = min(p_start, trig.partner), max(p_end, trig.partner + 1)
        start, end = head.i, head.i + 1
        for child in self.args.kids(head):
            if child not in links:
                start = min(start, child.left_edge.i)
                end = max(end, child.right_edge.i + 1)
        cut = min((c.left_edge.i for c in links if c.i > head.i), default=end)
        clause = self.args.trim(start, min(end, cut))
        subject_span = self.args.subject_phrase(subject) if subject is not None else None
        if clause is None or not (clause[0] <= p_start and p_end <= clause[1]):
            clause = (min(start, p_start), max(end, p_end))
        if (
            subject_span is not None
            and subject_span[0] < clause[0]
            and subject_span[1] <= clause[1]
        ):
            clause = (subject_span[0], clause[1])  # "après que X et Y ont convenu": keep X
        pred = chain[-1]
        self.out.append(
            Clause(
                head=head.i,
                clause=clause,
                predicate=(p_start, p_end),
                lemma=trig.lemma,
                category=trig.category,
                modality=modality,
                mood=mood,
                polarity=polarity,
                chain=tuple(t.i for t in chain),
                subject=subject_span,
                subject_head=subject.i if subject is not None else None,
                object=obj,
                participants=tuple(self.args.participants(pred, obj)),
                speaker=self.args.subject_phrase(frame.speaker)
                if frame.speaker is not None
                else None,
                speaker_head=frame.speaker.i if frame.speaker is not None else None,
                cue=frame.cue.i if frame.cue is not None else None,
                impersonal=frame.impersonal,
                reported=frame.reported,
            )
        )

    def _governing_subject(self, token: Token) -> Token | None:
        """The subject of the clause ``token`` depends on (for "sans ..." and participles)."""
        head = token.head
        for _ in range(4):
            found = self.args.subject([head])
            if found is not None:
                return found
            if head.head.i == head.i:
                break
            head = head.head
        return None
