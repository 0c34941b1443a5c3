"""Who is speaking: from a verb of saying or a cue phrase to a ``model.Source``.

Shared by ``recoupe_quotes`` and ``recoupe_attribution``; works on the per-Doc
indexes of ``quote_context.DocContext``. ``SpeakerResolver`` applies the rules:

- the subject of the verb (``nsubj``), skipping time nouns the parser takes for one
  ("Le lundi, ... a déclaré"); an inverted subject after the verb in an incise
  ("..., a déclaré M. X") or in "comme l'indique X"; a verb without a subject of its
  own ("affirmant que", "et a ajouté que") takes the one of the verb it hangs on;
- "il"/"elle" (also "a-t-il") resolve to the subject of the previous sentence when it
  is named, else the last speaker heard nearby, else the last person named nearby;
- a phrase headed by a document noun ("le communiqué", "la note de l'Élysée") is a
  readout credited to the institution it names, or to the last one named before;
- agencies and outlets are recognised from resource lists; a named person is
  ``person``, a named organisation ``institution`` (also a bare name the model took for a
  place, often a first name); an impersonal or indefinite subject ("il a été rapporté",
  "on") leaves the speaker ``unknown``;
- a speaker is a person or an organisation: a common noun must name people (the
  ``[speakers]`` nouns of ``reporting.toml``, the roles of ``titles.toml``, institution
  nouns), else ("le bilan", "un fusil", "des annonces", "la France", "les Français") the
  speaker is ``unknown`` and a pronoun looks further back;
- a subject the parser missed is found by apposition ("Jane Doe, 52 ans, enseignante, se
  désolait"), a present participle takes the subject of its clause, a passive verb of
  saying its agent; a role with a demonstrative or "même" ("cette enseignante", "le
  même syndicaliste") reads like a pronoun, and a bare role that is not a title ("le
  magistrat") takes the one person named in its sentence or the one before.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from recoupe.model import Mention, Source, TextSpan

from .doc import span_of
from .quote_context import DocContext, entity_key
from .reporting import fold

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj")
# Right-hand dependents that end a speaker phrase: clauses, coordination, incises.
CUT_DEPS = ("acl", "acl:relcl", "advcl", "parataxis", "ccomp", "cc", "conj", "dep")
# Left-hand dependents that a speaker phrase starts after.
LEFT_CUTS = ("acl", "acl:relcl", "advcl", "parataxis", "punct", "nsubj", "obl:mod")
# Edges inside a name phrase: "le président brésilien Luiz Lula", "M. Lemaire".
NAME_DEPS = ("appos", "flat:name", "flat", "fixed", "compound")
SPEAKER_LABELS = ("PER", "ORG", "LOC")


def _asks_to(noun: Token) -> bool:
    """Whether an object is followed by what it is asked or accused of ("les habitants à
    rester", "la direction de vouloir"), which the parser may hang on the noun."""
    return any(
        c.dep_ in ("acl", "xcomp")
        and c.pos_ == "VERB"
        and any(m.dep_ == "mark" and m.lower_ in ("à", "de", "d'") for m in c.children)
        for c in noun.children
    )


class SpeakerResolver:
    """Resolve the speaker of verbs of saying and of cue phrases within one Doc."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.lex = ctx.lex
        self._verbs: dict[int, tuple[Source, str | None]] = {}

    # ------------------------------------------------------------ verbs

    def of_verb(self, verb: Token, *, inverted: bool = False) -> tuple[Source, str | None]:
        """The speaker of verb of saying ``verb`` and how it was found (memoised)."""
        if verb.i not in self._verbs:
            found: tuple[Source, str | None] | None = self._of_verb(
                verb, inverted=inverted, depth=0
            )
            if found is None:
                found = (Source(kind="unknown"), None)
            source, how = found
            channel = self.channel_after(verb)
            if channel and source.kind != "unknown":
                source, how = replace(source, channel=channel), "channel"
            self._verbs[verb.i] = (source, how)
        return self._verbs[verb.i]

    def subject_of(self, verb: Token, *, inverted: bool = False) -> tuple[Source, str] | None:
        """The person or organisation that is the subject of any verb, without guessing.

        The same rules as ``of_verb`` (clitic, inverted subject, ``nsubj``, the subject
        of the verb it hangs on) but never the nearest name: None unless a speaker is
        found. Used for verbs that are not verbs of saying ("X approuve une « ... »").
        """
        found = self._of_verb(verb, inverted=inverted, depth=0, guess=False)
        if found is None or found[0].kind in ("unknown", "self"):
            return None
        return found

    def _of_verb(
        self, verb: Token, *, inverted: bool, depth: int, guess: bool = True
    ) -> tuple[Source, str] | None:
        lex = self.lex
        if fold(verb.lemma_) in lex.reading_verbs:  # "peut-on lire dans le communiqué"
            place = next((c for c in verb.rights if c.dep_.startswith("obl")), None)
            if place is not None and lex.document_noun(place):
                return self.of_phrase(place, lo=verb.i + 1) or Source(kind="unknown"), "inversion"
            if place is not None and place.text[:1].isupper():  # "peut-on lire sur le X"
                return self._read_in(place, verb), "inversion"
        clitic = self._clitic(verb)
        if clitic is not None:
            if clitic.lower_.lstrip("-") in lex.indefinite:
                return Source(kind="unknown"), "indefinite"
            found = self.antecedent(verb, lex.pronoun(clitic) or "m")
            return (found, "pronoun") if found else None
        subjects = [
            c for c in verb.children
            if c.dep_ in SUBJECT_DEPS and c.lower_ not in lex.euphonic and not self._pseudo(c)
            and not self.ctx.in_quote(c.idx)
        ]  # fmt: skip
        if inverted or self.incise(verb) or self._as_clause(verb):
            after = self.after_np(verb)
            if after is not None:
                source = self.of_phrase(after, lo=verb.i + 1)
                # "X, 48 ans, raconte ses difficultés": an object, not an inverted subject
                if source is not None and (source.kind != "unknown" or not subjects):
                    return source, "inversion"
        agent = self._agent(verb)
        if agent is not None:
            return agent, "subject"
        if subjects:
            subject = min(subjects, key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))
            low = subject.lower_
            if low in lex.impersonal and any(c.dep_ == "aux:pass" for c in verb.children):
                return Source(kind="unknown"), "impersonal"
            if low in lex.relatives and verb.dep_.startswith("acl") and verb.head.i < verb.i:
                subject = verb.head
            source = self.of_phrase(subject, hi=verb.i - 1 if subject.i < verb.i else None)
            if source is not None:
                how = "pronoun" if lex.pronoun(subject) else "subject"
                return source, how if subject.i < verb.i else "inversion"
        elif depth < 3 and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ == "conj" and not lex.is_saying(head):
                # "X a déclaré que A et a ajouté que B", "et a ajouté" hung on A
                head = self._saying_above(head) or head
            head_is_verb = head.pos_ in ("VERB", "AUX", "ADJ") or lex.is_saying(head)
            if head_is_verb and not self._as_clause(verb):
                above = self._of_verb(head, inverted=False, depth=depth + 1, guess=guess)
                if above is not None:
                    return above
        return self._without_subject(verb, depth=depth, guess=guess)

    def _read_in(self, place: Token, verb: Token) -> Source:
        # the publication a passage is read in: a named one, an outlet if not typed
        found = self.of_phrase(place, lo=verb.i + 1)
        if found is not None and found.kind != "unknown":
            return found
        left, right = self.phrase_bounds(place, lo=verb.i + 1)
        doc = place.doc
        span = span_of(doc, doc[left].idx, doc[right].idx + len(doc[right]))
        return Source(
            kind="outlet", name=span.text, key=entity_key(span.text, self.ctx.lang), span=span
        )

    def _agent(self, verb: Token) -> Source | None:
        # the agent of a passive verb: "a été saluée par X"
        agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
        if agent is None or not any(c.dep_ == "aux:pass" for c in verb.children):
            return None
        found = self.of_phrase(agent, lo=verb.i + 1)
        return found if found is not None and found.kind != "unknown" else None

    def _without_subject(
        self, verb: Token, *, depth: int, guess: bool
    ) -> tuple[Source, str] | None:
        # a verb the parser left without a subject: a participle's clause, an apposed
        # name, and only when guessing the nearest name before it
        main = self._participle_of(verb)
        if main is not None and depth < 3:
            # "X a critiqué ..., les jugeant « ... »": a participle's subject is the clause's
            found = self._of_verb(main, inverted=False, depth=depth + 1, guess=False)
            if found is not None and found[0].kind != "unknown":
                return found
        apposed = self._apposed(verb)
        if apposed is not None:
            return apposed, "apposition"
        return self._nearest(verb) if guess else None

    def _participle_of(self, verb: Token) -> Token | None:
        # the main verb before a present participle with no subject of its own
        if "Part" not in verb.morph.get("VerbForm", []) or "Pres" not in verb.morph.get(
            "Tense", []
        ):
            return None
        head = verb
        for _ in range(4):  # up to the verb the participle hangs on, before it
            if head.head.i == head.i:
                return None
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                break
        inside = self.ctx.in_quote(head.idx)  # "« X ... », a dit Y, annonçant": not X
        if head.pos_ not in ("VERB", "AUX") or head.i >= verb.i or inside:
            return None
        return head

    def _apposed(self, verb: Token) -> Source | None:
        """A person named at the head of the sentence, then described, then the verb with
        no subject of its own: "Jane Doe, 52 ans, enseignante, se désolait de ..."; or
        named right before the verb the parser left without one ("..., et Jane Doe pense")."""
        ctx = self.ctx
        sent = ctx.sent_of(verb)
        if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or ctx.in_quote(verb.idx):
            return None
        for m in reversed(ctx.mentions_in(sent.start_char, verb.idx)):
            if m.label != "PER" or ctx.in_quote(m.span.start):
                continue
            between = ctx.tokens(m.span.end, verb.idx)
            if all(t.is_space or t.pos_ in ("AUX", "ADV", "PRON") for t in between):
                return self._named(m, m.span)  # "Jane Doe (s'est) dit", "Jane Doe pense"
            after = ctx.text[m.span.end : verb.idx].lstrip()
            # no finite verb between the name and the verb, nor before the name: the name
            # heads its sentence ("..., annoncées par X, les jugeant": X is no subject)
            finite = any(
                t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in between
            ) or any(
                t.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS for c in t.children)
                for t in ctx.tokens(sent.start_char, m.span.start)
            )
            return self._named(m, m.span) if after.startswith(",") and not finite else None
        return None

    def _saying_above(self, tok: Token) -> Token | None:
        # the verb of saying whose reported clause holds ``tok``
        for _ in range(4):
            if tok.dep_ not in ("ccomp", "conj", "xcomp") or tok.head.i == tok.i:
                return None
            tok = tok.head
            if self.lex.is_saying(tok):
                return tok
        return None

    def _clitic(self, verb: Token) -> Token | None:
        # "a-t-il déclaré", "estime-t-elle", "dit-il": the clitic sits by the verb or its aux
        doc = verb.doc
        indefinite = self.lex.indefinite
        for i in range(max(verb.i - 3, 0), min(verb.i + 3, len(doc))):
            tok = doc[i]
            low = tok.lower_
            if low.startswith("-") and (self.lex.pronoun(tok) or low.lstrip("-") in indefinite):
                return tok
        return None

    def incise(self, verb: Token) -> bool:
        """Whether ``verb`` opens an incise ("..., a déclaré X"): a comma or a mark before it."""
        if "Pres" in verb.morph.get("Tense", []) and "Part" in verb.morph.get("VerbForm", []):
            return False  # "..., soulignant la nécessité": a participle has no inverted subject
        if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children) or any(
            _asks_to(c) for c in verb.children if c.dep_ == "obj" and c.i > verb.i
        ):
            # "X, dont Y, ont accusé la direction de vouloir ...", "X, dans un communiqué, a
            # exhorté les habitants à rester": a verb governing a clause after it is no
            # incise; the noun after it is whom it is about
            return False
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and (
            doc[i].pos_ in ("AUX", "ADV") or doc[i].is_space or self._reflexive(doc[i], verb)
        ):
            i -= 1
        return i >= 0 and doc[i].text in (",", "—", "–", "»", "”", '"', "“")

    @staticmethod
    def _reflexive(tok: Token, verb: Token) -> bool:
        # "..., s'inquiète X": a clitic object pronoun between the comma and the verb
        return tok.pos_ == "PRON" and tok.head.i == verb.i and tok.dep_ not in SUBJECT_DEPS

    def _as_clause(self, verb: Token) -> bool:
        # "comme l'indique X": the subject follows the verb
        return any(c.dep_ == "mark" and c.lower_ in self.lex.as_markers for c in verb.children)

    def after_np(self, verb: Token) -> Token | None:
        """The head of the noun phrase right after ``verb`` (an inverted subject)."""
        doc = verb.doc
        sent_end = self.ctx.sent_of(verb).end
        i = verb.i + 1
        while i < min(verb.i + 9, sent_end):
            tok = doc[i]
            i += 1
            if tok.is_space or tok.pos_ in ("ADV", "AUX") or tok.lower_ in self.lex.negations:
                continue
            if tok.text == "," and i - 1 > verb.i:  # "a relevé, de son côté, X"
                continue
            if fold(tok.text) in self.lex.addressees and tok.head.i > tok.i:
                i = max(i, tok.head.i + 1)  # "explique à l'AFP X": whom it was told
                while i < sent_end and doc[i].dep_ in ("flat:name", "flat", "fixed"):
                    i += 1
                continue
            stop = tok.lower_ in self.lex.complementisers or tok.text in (":", ".")
            if stop:
                return None
            if tok.pos_ == "ADP":
                # a circumstance before the subject: "», a réagi dans la matinée M. X"
                nxt = self._past_circumstance(tok, sent_end)
                if nxt is None:
                    return None
                i = nxt
                continue
            if self._pseudo(tok):
                continue
            if tok.pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"):
                head = tok
                # up from a determiner or an adjective to its noun, or along a name
                while (
                    head.head.i != head.i and head.head.i < sent_end
                    and self._nominal(head.head) and head.dep_ != "obl:mod"
                    and (head.head.i > head.i or head.dep_ in ("flat:name", "flat", "fixed"))
                ):  # fmt: skip
                    head = head.head
                return head if self._nominal(head) or head.pos_ == "PRON" else None
            return None
        return None

    def _nominal(self, tok: Token) -> bool:
        # a noun, a name, or a role noun the tagger read as an adjective ("syndicaliste")
        return tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and self.lex.human(tok))

    @staticmethod
    def _past_circumstance(adp: Token, sent_end: int) -> int | None:
        # the first token after a short prepositional phrase where a name or a determiner
        # opens the subject ("dans la matinée | M. X", "pour sa part | Me X")
        noun = adp.head
        if noun.i <= adp.i or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        doc = adp.doc
        for j in range(noun.i + 1, min(adp.i + 9, sent_end)):
            tok = doc[j]
            if tok.pos_ == "ADP" or (tok.pos_ == "NOUN" and tok.head.i < j and tok.is_lower):
                continue  # "en fin d'après-midi": a circumstance of two prepositions
            if tok.ent_iob_ == "B" or tok.pos_ == "DET":
                return j
            if tok.text == "," and j + 1 < sent_end:  # "de son côté, X"
                nxt = doc[j + 1]
                return j + 1 if nxt.ent_iob_ == "B" or nxt.pos_ == "DET" else None
            if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _nearest(self, verb: Token) -> tuple[Source, str] | None:
        # broken parse: a subject hung on a word before the verb ("X et Y ont tous deux
        # déclaré"), else the closest named speaker before the verb in its sentence
        sent = self.ctx.sent_of(verb)
        for tok in reversed(verb.doc[sent.start : verb.i]):
            if tok.pos_ == "VERB":
                break
            if tok.dep_ not in SUBJECT_DEPS or not tok.i < tok.head.i <= verb.i:
                continue
            if self._pseudo(tok) or self.ctx.in_quote(tok.idx) or self.lex.pronoun(tok):
                continue
            source = self.of_phrase(tok, hi=verb.i - 1)
            if source is not None and source.kind != "unknown":
                return source, "subject"
        for m in reversed(self.ctx.mentions_in(sent.start_char, verb.idx)):
            if m.label in ("PER", "ORG") and not self.ctx.in_quote(m.span.start):
                return self._named(m, m.span), "nearest"
        return None

    def _pseudo(self, tok: Token) -> bool:
        return (
            tok.lower_ in self.lex.pseudo_subjects or fold(tok.lemma_) in self.lex.pseudo_subjects
        )

    # ------------------------------------------------------------ phrases

    def of_phrase(
        self, head: Token, *, lo: int | None = None, hi: int | None = None
    ) -> Source | None:
        """The source named by the noun phrase headed by ``head`` (None for a pseudo-subject)."""
        lex = self.lex
        if self._pseudo(head):
            return None
        pronoun = head.pos_ == "PRON" and (head.is_stop or not head.text[:1].isupper())
        gender = lex.pronoun(head)
        if gender is not None and (pronoun or head.lower_ in lex.pronouns):
            return self.antecedent(head, gender)
        if head.lower_ in lex.indefinite or pronoun:
            return Source(kind="unknown")
        left, right = self.phrase_bounds(head, lo=lo, hi=hi)
        doc = head.doc
        limit = (doc[hi].idx + len(doc[hi])) if hi is not None else self.ctx.sent_of(head).end_char
        start, end = self._widen(doc[left].idx, doc[right].idx + len(doc[right]), limit)
        if fold(doc[right].text) in lex.honorifics:  # "Me | Jane Doe": the name after a title
            end = self._name_after(end, limit)
        span = span_of(self.ctx.doc, start, end)
        inside = self.ctx.mentions_in(span.start, span.end)
        if lex.document_noun(head):
            institution: Source | Mention | None = self._complement(head, inside)
            if institution is None and not any(c.dep_ == "nmod" for c in head.rights):
                # "le communiqué" alone, not "une étude de l'Insee" with its author unknown
                institution = self._institution_before(span.start)
            if isinstance(institution, Mention):
                return Source(
                    kind="readout", name=institution.span.text, key=institution.key, span=span
                )
            if isinstance(institution, Source):
                return Source(kind="readout", name=institution.name, key=institution.key, span=span)
            return Source(kind="readout", name=span.text, span=span)
        named = self._head_mention(head, inside)
        if named is not None:
            return self._named(named, span)
        words = fold(span.text)
        core = fold(" ".join(t.text for t in doc[left : right + 1] if t.pos_ == "PROPN"))
        for kind, names in (("agency", lex.agencies), ("outlet", lex.outlets)):
            if core in names or words in names:
                return Source(
                    kind=kind,
                    name=span.text,
                    key=entity_key(core or words, self.ctx.lang),
                    span=span,
                )
        if head.pos_ in ("PROPN", "PRON") and not lex.human(head):
            if self._place(head, inside) or any(c.dep_ == "det" for c in head.children):
                return Source(kind="unknown")  # "la France", "les Français", "l'Action"
            # a name the NER missed ("Lula" tagged PRON)
            return Source(
                kind="person", name=span.text, key=entity_key(span.text, self.ctx.lang), span=span
            )
        return self._of_noun(head, span)

    def _of_noun(self, head: Token, span: TextSpan) -> Source:
        """The source of a phrase headed by a common noun: an agency, an outlet, an
        institution, a person by role; "unknown" for a noun that names nobody."""
        lex = self.lex
        noun = fold(head.lemma_)
        if noun in lex.agency_nouns:
            return Source(kind="agency", name=span.text, span=span)
        if noun in lex.outlet_nouns:
            return Source(kind="outlet", name=span.text, span=span)
        if noun in lex.institution_nouns:
            return Source(kind="institution", name=span.text, span=span)
        if not lex.human(head):
            return Source(kind="unknown")  # "le bilan", "des annonces": nobody speaks
        named = self._role_of(span) or self._role_anaphor(head, span)
        if isinstance(named, Source) and not named.key:
            named = None
        if isinstance(named, Source) and self._points_back(head):
            return replace(named, span=span)
        return Source(kind="person", name=span.text, key=named.key if named else None, span=span)

    def _name_after(self, end: int, limit: int) -> int:
        # the end of a person named right after a title ("Me | Jane Doe"), else ``end``
        named = self.ctx.mentions_in(end, min(end + 60, limit))
        if named and named[0].label == "PER" and named[0].span.start < end + 3:
            return named[0].span.end
        return end

    def _place(self, head: Token, inside: list[Mention]) -> bool:
        # a place or a country named with its article ("la France"): never a speaker; a
        # bare one may be a first name the model took for a place
        if not any(c.dep_ == "det" for c in head.children):
            return False
        return any(m.label == "LOC" and m.span.start <= head.idx < m.span.end for m in inside)

    def _points_back(self, head: Token) -> bool:
        """Whether a bare role points back to someone just named: "cette fonctionnaire",
        "le même syndicaliste"."""
        anaphoric = self.lex.anaphoric
        return any(
            c.dep_ in ("det", "amod") and c.i < head.i and fold(c.text) in anaphoric
            for c in head.children
        )

    def _role_anaphor(self, head: Token, span: TextSpan) -> Source | None:
        """The person a bare role stands for when only one was named just before it.

        A role with a demonstrative or "même" ("cette fonctionnaire", "le même
        syndicaliste") reads like a pronoun. A definite one with no complement ("le
        magistrat", not a title such as "le ministre") takes the one person named in its
        sentence or the one before, and none when two were.
        """
        if any(c.dep_ in ("nmod", "amod", "appos") and c.i > head.i for c in head.children):
            return None
        determiners = [c for c in head.children if c.dep_ == "det"]
        if not determiners or "Plur" in head.morph.get("Number", []):
            return None
        gender = "f" if "Fem" in head.morph.get("Gender", []) else "m"
        if self._points_back(head):
            found = self.antecedent(head, gender)
            return found if found is not None and found.kind == "person" else None
        if "Def" not in determiners[0].morph.get("Definite", []) or self.lex.title(head):
            return None  # "le premier ministre" names an office, not the last person named
        ctx = self.ctx
        s_idx = ctx.sentence_index(span.start)
        lo = ctx.sents[s_idx - 1].start_char if s_idx > 0 else 0
        people = {
            m.key: m
            for m in ctx.mentions_in(lo, span.start)
            if m.label == "PER" and not ctx.in_quote(m.span.start)
        }
        if len(people) != 1:
            return None
        (m,) = people.values()
        return self._named(m, m.span)

    def _role_of(self, span: TextSpan) -> Mention | Source | None:
        """The named person a bare role ("le président russe", "la ministre") stands for.

        Either a speaker heard earlier whose phrase starts with the role ("la ministre
        de la Santé, Jane Doe"), or a person named right after those words earlier.
        """
        words = fold(span.text).split()
        while words and words[0] in self.lex.determiners:
            words = words[1:]
        role = " ".join(words)
        if not role:
            return None
        for heard in reversed(self.ctx.heard):
            src = heard.source
            if heard.pos < span.start and src.kind == "person" and src.key and src.name:
                said = fold(src.name).split()
                while said and said[0] in self.lex.determiners:
                    said = said[1:]
                phrase = " ".join(said)
                if phrase != role and (phrase + " ").startswith(role + " "):
                    return src
        text = self.ctx.text
        for m in reversed(self.ctx.mentions_in(0, span.start)):
            if m.label == "PER":
                before = fold(text[max(m.span.start - len(role) - 3, 0) : m.span.start])
                before = before.rstrip(" ,")
                if before.endswith(role) and not before[: -len(role)][-1:].isalpha():
                    return m
        return None

    def phrase_bounds(
        self, head: Token, *, lo: int | None = None, hi: int | None = None
    ) -> tuple[int, int]:
        """Token bounds of the speaker phrase of ``head``, clauses and circumstances cut."""
        left, right = head.left_edge.i, head.right_edge.i
        for child in head.rights:
            first = child.left_edge
            if (
                child.dep_ in CUT_DEPS
                or fold(first.text) in self.lex.phrase_breaks
                or self._pseudo(child)
            ):
                right = min(right, first.i - 1)
                break
        for child in head.lefts:
            if child.dep_ in LEFT_CUTS:
                left = max(left, child.right_edge.i + 1)
            elif child.dep_ == "case":  # "dans le communiqué": the preposition is no part
                left = max(left, child.i + 1)
        left = max(left, lo if lo is not None else left)
        right = min(right, hi if hi is not None else right)
        doc = head.doc
        for i in range(head.i + 1, right + 1):  # a circumstance hung deeper: ", X, en conférence"
            if doc[i].pos_ == "ADP" and fold(doc[i].text) in self.lex.phrase_breaks:
                right = i - 1
                break
        for i in range(head.i - 1, left - 1, -1):
            if doc[i].is_punct and doc[i].text not in ("'", "’"):  # a dateline glued on: "X -- La"
                left = i + 1
                break
        left, right = min(left, head.i), max(right, head.i)
        while right > head.i and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        while left < head.i and (doc[left].is_punct or doc[left].is_space):
            left += 1
        return left, right

    def _widen(self, start: int, end: int, limit: int) -> tuple[int, int]:
        # a name the parser split ("Bruno | Le Maire") is kept whole, and a person named
        # in apposition after a comma ("la ministre de X, Jane Doe,") joins the phrase
        for m in self.ctx.mentions_in(max(start - 60, 0), min(end + 60, limit)):
            if m.span.start < end and m.span.end > start and m.span.end <= limit:
                start, end = min(start, m.span.start), max(end, m.span.end)
        text = self.ctx.text
        after = end
        while after < limit and text[after] in " \u00a0\u202f":
            after += 1
        if after < limit and text[after] != ",":
            # "le ministre de A | et de B, Jane Doe": the rest of a title before the name
            comma = text.find(",", after, min(after + 50, limit))
            rest = self.ctx.tokens(after, comma) if comma > 0 else None
            if rest is not None and not any(t.pos_ in ("VERB", "AUX", "PRON") for t in rest):
                after = comma
        if after < limit and text[after] == ",":
            for m in self.ctx.mentions_in(after, limit):
                if m.label == "PER" and not text[after + 1 : m.span.start].strip():
                    return start, m.span.end
                break
        return start, end

    def _head_mention(self, head: Token, inside: list[Mention]) -> Mention | None:
        """The named entity that *is* the phrase of ``head``, not one of its complements."""
        ranked: list[tuple[int, Mention]] = []
        text = self.ctx.text
        for m in inside:
            if m.label not in SPEAKER_LABELS:
                continue
            root = self._mention_root(m)
            if root is None or (m.label == "LOC" and self._place(root, [m])):
                continue
            person = m.label == "PER"
            covers = root.i == head.i or m.span.start <= head.idx < m.span.end
            before = text[: m.span.start].rstrip(" \u00a0\u202f")
            if covers:
                # an organisation "covering" a lowercase role noun is a NER slip
                # ("ministre de l'Économie" typed ORG): the role is a person
                if person or not head.text[:1].islower():
                    ranked.append((0 if person else 3, m))
            elif self._path(root, head, NAME_DEPS):
                ranked.append((1 if person else 4, m))
            elif person and root.i > head.i and before.endswith(","):
                ranked.append((2, m))  # "le conseiller de X, Jane Doe"
            elif person and root.i > head.i and root.i > 0:
                prev = root.doc[self._first_token(m).i - 1]
                if prev.pos_ not in ("ADP", "DET"):
                    ranked.append((5, m))  # "L'attachée de presse de l'institution Jane Doe"
        return min(ranked, key=lambda r: (r[0], r[1].span.start))[1] if ranked else None

    def _first_token(self, m: Mention) -> Token:
        return self.ctx.tokens(m.span.start, m.span.end)[0]

    def _complement(self, head: Token, inside: list[Mention]) -> Mention | None:
        # "le site web de l'Élysée", "une note de la réunion de Matignon": a chain of nmod
        for m in inside:
            root = self._mention_root(m)
            if root is None or m.label not in ("ORG", "LOC") or root.i == head.i:
                continue
            if self._path(root, head, ("nmod", "amod", *NAME_DEPS)):
                return m
        return None

    def _mention_root(self, m: Mention) -> Token | None:
        span = self.ctx.tokens(m.span.start, m.span.end)
        return span.root if len(span) else None

    @staticmethod
    def _path(tok: Token, head: Token, deps: tuple[str, ...]) -> bool:
        for _ in range(6):
            if tok.i == head.i:
                return True
            if tok.dep_ not in deps or tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def _named(self, m: Mention, span: TextSpan) -> Source:
        text = fold(m.span.text)
        if text in self.lex.agencies:
            kind = "agency"
        elif text in self.lex.outlets:
            kind = "outlet"
        else:
            kind = "person" if m.label in ("PER", "MISC") else "institution"
        return Source(kind=kind, name=span.text, key=m.key, span=span)

    def _institution_before(self, pos: int) -> Source | Mention | None:
        # a document noun alone ("le communiqué"): the institution last credited or named
        para = self.ctx.paragraph(pos)
        for heard in reversed(self.ctx.heard):
            src = heard.source
            if heard.pos < pos and src.kind in ("readout", "institution") and src.key:
                return src
        for m in reversed(self.ctx.mentions_in(0, pos)):
            if m.label == "ORG" and self.ctx.paragraph(m.span.start) >= para - 2:
                return m
        return None

    # ------------------------------------------------------------ pronouns

    def antecedent(self, token: Token, gender: str) -> Source | None:
        """The named speaker a subject pronoun at ``token`` stands for, or None."""
        ctx = self.ctx
        pos = token.idx
        sent = ctx.sentence(pos)
        for a, b in ctx.quoted:  # a quote's incise: look back from where the quote starts
            if a < pos and sent is not None and b > sent.start_char:
                pos = min(pos, a)
        para = ctx.paragraph(pos)
        s_idx = ctx.sentence_index(pos)
        unnamed = None  # "Le maire a annoncé sa démission. Il a expliqué que ..."
        here = ctx.sents[s_idx] if s_idx >= 0 else None
        if here is not None and here.start_char < pos:
            # "X regrette des « ... », estime-t-il": the subject named before the quote
            subject = self._subject_before(here, pos)
            if subject is not None and subject.key and self._agrees(subject, gender):
                return subject
        if s_idx > 0:
            prev = ctx.sents[s_idx - 1]
            if ctx.paragraph(prev.start_char) >= para - 1:
                source = self.main_subject(prev)
                if source is not None and source.kind == "readout" and not source.key:
                    source = None  # "Le bilan est lourd. ..., a-t-il ajouté": not a speaker
                if source is not None and self._agrees(source, gender):
                    if source.key:
                        return source
                    if source.kind not in ("unknown", "self"):
                        unnamed = source
        # the speaker heard last or the person named last, whichever is nearer
        said = next(
            (
                h
                for h in reversed(ctx.heard)
                if h.pos < pos and h.paragraph >= para - 1
                and h.source.kind not in ("unknown", "self")
                and self._agrees(h.source, gender) and (h.source.key or h.source.name)
            ),
            None,
        )  # fmt: skip
        named = self._person_before(pos, para, gender)  # its span is always set (_named)
        if (
            named is not None
            and named.span is not None
            and (said is None or named.span.start > said.pos)
        ):
            return named
        return said.source if said is not None else unnamed

    def _person_before(self, pos: int, para: int, gender: str) -> Source | None:
        # the last person named before ``pos`` outside quotes, in this paragraph or the one
        # before, who agrees with the pronoun
        ctx = self.ctx
        reported = [(h.pos, h.end) for h in ctx.heard if h.end is not None]
        for m in reversed(ctx.mentions_in(0, pos)):
            if ctx.paragraph(m.span.start) < para - 1:
                break
            if any(a <= m.span.start < b for a, b in reported):
                continue  # "X a déclaré que M. Y ...": Y is talked about, X speaks
            if m.label == "PER" and not ctx.in_quote(m.span.start):
                source = self._named(m, m.span)
                if self._agrees(source, gender):
                    return source
        return None

    def _subject_before(self, sent: Span, pos: int) -> Source | None:
        # the subject of the root verb of ``sent`` when it stands before character ``pos``
        for c in sent.root.children:
            if c.dep_ in SUBJECT_DEPS and c.idx < pos and not self.ctx.in_quote(c.idx):
                if self._pseudo(c) or self.lex.pronoun(c) or c.lower_ in self.lex.indefinite:
                    return None
                return self.of_phrase(c, hi=sent.root.i - 1 if c.i < sent.root.i else None)
        return None

    def main_subject(self, sent: Span) -> Source | None:
        """The named subject of the root verb of ``sent`` (outside quotes), or None."""
        root = sent.root
        for c in root.children:
            if c.dep_ in SUBJECT_DEPS and not self._pseudo(c) and not self.ctx.in_quote(c.idx):
                if self.lex.pronoun(c) or c.lower_ in self.lex.indefinite:
                    return None
                return self.of_phrase(c, hi=root.i - 1 if c.i < root.i else None)
        return None

    def _agrees(self, source: Source, gender: str) -> bool:
        first = fold(source.name.split()[0]) if source.name else ""
        if gender.startswith("f") and first in self.lex.titles_m:
            return False
        return not (gender.startswith("m") and first in self.lex.titles_f)

    # ------------------------------------------------------------ channels

    def channel_after(self, verb: Token) -> str | None:
        """The network a statement was posted on: "a écrit X sur Telegram" (same sentence)."""
        ctx = self.ctx
        end = self.ctx.sent_of(verb).end_char
        for a, _ in ctx.quoted:  # stop at the next quotation
            if verb.idx < a < end:
                end = a
        m = self.lex.channel_re.search(ctx.text, verb.idx, end)
        return m.group("name") if m else None
