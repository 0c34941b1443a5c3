"""A clause's arguments in the dependency parse: subject, object, participants, event noun.

``Arguments`` is built once per Doc: it caches trigger lookups and keeps integer
views of the tokens' attributes (one ``Doc.to_array`` call) so that the scans the
claims component makes over every sentence stay cheap. Ranges are half-open token
index pairs ``(start, end)``.
"""

from __future__ import annotations

from spacy.attrs import DEP, IDX, LENGTH, LOWER, ORTH, POS
from spacy.tokens import Doc, Token

from .triggers import NOMINAL, VERBAL, Lexicon, Trigger, lemma_of, trigger_of

Range = tuple[int, int]

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "expl:subj", "csubj"})
# where an event noun is looked for when the verb is no trigger, in this order
NOUN_DEPS = ("obj", "obl:arg", "xcomp", "nsubj", "nsubj:pass", "obl")
SAYING_NOUN_DEPS = ("obj", "obl:arg", "xcomp")
LOOSE_DEPS = frozenset({"obl", "obl:mod", "obl:arg", "advmod", "nmod"})
PARTICIPANT_DEPS = frozenset({"obl:arg", "obl", "obl:mod", "iobj", "obj"})
NP_SKIP = frozenset({"acl:relcl", "parataxis", "punct", "advcl"})
NOUN_NP_SKIP = NP_SKIP | {"nsubj", "nsubj:pass", "cop", "aux:tense", "aux:pass"}
FRAGMENT_DEPS = frozenset({"fixed", "flat", "compound", "aux", "aux:tense", "aux:pass", "cop"})
# parts of speech a coordinated subject may extend over ("lui et le président X")
SUBJECT_GAP = frozenset({"PROPN", "NOUN", "DET", "ADJ", "CCONJ", "PRON", "NUM", "ADP"})
EDGE_PUNCT = (",", ";", ":", ".", "-", "–", "—", "(", ")", "…")
QUOTE_OPENERS = frozenset({"«", "“", '"'})
PAIRS = (("«", "»"), ("“", "”"), ("(", ")"))


class Arguments:
    """Argument finding over one Doc (create one per Doc; it caches per token)."""

    def __init__(self, doc: Doc, lex: Lexicon, *, not_subjects: frozenset[int] = frozenset()):
        self.doc = doc
        self.lex = lex
        self.not_subjects = not_subjects  # tokens of dates ("Le lundi, X a dit")
        self._triggers: dict[int, Trigger | None] = {}
        self._ids: dict[tuple, frozenset[int]] = {}
        self._kids: dict[int, list[Token]] = {}
        attrs = [ORTH, LOWER, DEP, POS, IDX, LENGTH]
        table = doc.to_array(attrs).T.tolist() if len(doc) else [[]] * len(attrs)
        self.orth, self.lower, self.dep, self.pos, self.idx, self.length = table
        strings = doc.vocab.strings
        self._edge = frozenset(strings[t] for t in EDGE_PUNCT)
        self._edge_deps = frozenset(strings[d] for d in ("cc", "mark"))
        self._cc = strings["cc"]
        self._space = strings["SPACE"]
        self._quote = strings['"']
        self._pairs = tuple((strings[a], strings[b]) for a, b in PAIRS)

    def kids(self, token: Token) -> list[Token]:
        """``token.children``, built once per token (the walk asks for them many times)."""
        found = self._kids.get(token.i)
        if found is None:
            found = self._kids[token.i] = list(token.children)
        return found

    def end_char(self, end: int) -> int:
        """The character offset where the token range ending (exclusive) at ``end`` ends."""
        return self.idx[end - 1] + self.length[end - 1]

    def ids(self, labels: frozenset[str]) -> frozenset[int]:
        """The ids of dependency labels (or words), to compare with ``self.dep``."""
        key = ("s", labels)
        if key not in self._ids:
            self._ids[key] = frozenset(self.doc.vocab.strings[label] for label in labels)
        return self._ids[key]

    def pos_ids(self, tags) -> frozenset[int]:
        """The ids of part-of-speech tags, to compare with ``self.pos``."""
        key = ("p", frozenset(tags))
        if key not in self._ids:
            self._ids[key] = frozenset(self.doc.vocab.strings[tag] for tag in tags)
        return self._ids[key]

    # ------------------------------------------------------------ triggers

    def trigger(self, token: Token) -> Trigger | None:
        """``trigger_of`` for ``token``, cached."""
        if token.i not in self._triggers:
            self._triggers[token.i] = trigger_of(token, self.lex)
        return self._triggers[token.i]

    def event_noun(self, pred: Token, deps: tuple[str, ...]) -> Trigger | None:
        """The event noun of a clause whose verb is no trigger ("ont eu un entretien")."""
        if pred.pos_ in NOMINAL:
            found = self.trigger(pred)
            if found is not None:
                return found
        children = [
            c for dep in deps for c in self.kids(pred) if c.dep_ == dep and c.pos_ in NOMINAL
        ]
        for child in children:
            found = self.trigger(child)
            if found is not None:
                return found
        if deps is SAYING_NOUN_DEPS:
            return None  # "a souligné l'importance du dialogue" states, it reports no talks
        for child in children:  # "un point clé des discussions"
            for grand in self.kids(child):
                if grand.dep_ in ("nmod", "conj") and grand.pos_ in NOMINAL:
                    found = self.trigger(grand)
                    if found is not None:
                        return found
        return None

    def holds_event(self, token: Token) -> bool:
        """True when the phrase ``token`` heads holds an event noun."""
        tokens = self.doc[token.left_edge.i : token.right_edge.i + 1]
        return any(t.pos_ in NOMINAL and self.trigger(t) is not None for t in tokens)

    # ------------------------------------------------------------ arguments

    def object(self, pred: Token, trig: Trigger, noun: Trigger | None) -> Range | None:
        """What the claim is about: the event noun's phrase, else the verb's complement."""
        if noun is not None:
            token = self.doc[noun.head]
            if token.dep_ in SUBJECT_DEPS:
                return None  # the event noun is the subject ("l'entretien a duré ...")
            return self.phrase(token, NOUN_NP_SKIP)
        by_dep: dict[str, Token] = {}
        for child in self.kids(pred):
            by_dep.setdefault(child.dep_, child)
        passive = self.is_passive(pred)
        order = ("obj", "xcomp", "nsubj:pass") if passive else ("xcomp", "obj", "ccomp", "obl:arg")
        for dep in order:
            if dep in by_dep:
                return self.phrase(self.antecedent(by_dep[dep]), NP_SKIP)
        if trig.category in ("OTHER", "STATEMENT"):
            return None
        # a misattached complement ("convenu lors d'un appel d'un cessez-le-feu"): the first
        # phrase after the verb that holds an event noun
        for child in self.kids(pred):
            if child.i > pred.i and child.dep_ in LOOSE_DEPS and self.holds_event(child):
                return self.phrase(child, NP_SKIP)
        return None

    def participle_object(self, participle: Token) -> Range | None:
        """The noun phrase a participle modifies ("le cessez-le-feu de 30 jours proposé")."""
        noun = participle.head
        while noun.dep_ == "nmod" and noun.head.pos_ in NOMINAL and noun.head.i < noun.i:
            noun = noun.head
        lefts = [c.left_edge.i for c in self.kids(noun) if c.dep_ not in NOUN_NP_SKIP]
        return self.trim(min([noun.i, *lefts]), participle.left_edge.i)

    def participants(self, pred: Token, obj: Range | None) -> list[Range]:
        """Other named parties of the verb: its object, "avec X", "à X", "entre X et Y"."""
        found = []
        for child in self.kids(pred):
            if child.dep_ not in PARTICIPANT_DEPS or child.pos_ not in NOMINAL:
                continue
            if obj is not None and obj[0] <= child.i < obj[1]:
                continue
            case = next((c.lower_ for c in self.kids(child) if c.dep_ == "case"), None)
            if case is None or case in self.lex.participant_prepositions:
                span = self.phrase(child, NP_SKIP)
                if span is not None:
                    found.append(span)
        return found

    def antecedent(self, token: Token) -> Token:
        """What a relative pronoun stands for ("l'accord qui ...": "accord"), else ``token``."""
        if token.pos_ != "PRON" or "PronType=Rel" not in str(token.morph):
            return token
        clause = token.head
        return clause.head if clause.dep_ in ("acl:relcl", "acl") else token

    def subject(self, chain: list[Token]) -> Token | None:
        """The first subject along a verb chain; not "-t" ("a-t-il") nor a date ("Le lundi").

        A verb the parse gave no subject may have it inside the phrase fronted before it
        (``fronted_subject``).
        """
        for token in chain:
            for child in self.kids(token):
                if (
                    child.dep_ in SUBJECT_DEPS
                    and child.lower_ not in self.lex.inversion_clitics
                    and not child.is_punct
                    and child.i not in self.not_subjects
                ):
                    return self.named_before(child) or self.antecedent(child)
        return self.fronted_subject(chain[0]) if chain else None

    def named_before(self, subject: Token) -> Token | None:
        """The name set off by commas just before a common-noun subject that the parse
        attached elsewhere: in "..., Hugo Lestrade, le maire de Valdorra, a dit", the
        subject is the man the role phrase "le maire" stands beside."""
        if subject.pos_ != "NOUN":
            return None
        start = subject.left_edge.i
        if start < 2 or self.doc[start - 1].text != ",":
            return None
        name = self.doc[start - 2]
        while name.dep_ == "flat:name" and name.head.i < name.i:
            name = name.head
        if (
            _named(name)
            and name.dep_ in _NAME_DEPS
            and name.head.i < name.i
            and name.i > 0
            and self.doc[name.i - 1].text == ","
            and name.i not in self.not_subjects
        ):
            return name
        return None

    def fronted_subject(self, verb: Token) -> Token | None:
        """A name set off by commas at the end of the phrase fronted before a finite verb
        with no subject, which the parse attached to that phrase: "Dans un courrier au
        préfet, Hugo Lestrade, le maire de Valdorra, a demandé ..." (the parse may read
        "Hugo Lestrade" as a modifier of "courrier")."""
        auxiliary = any(c.dep_ in ("aux:tense", "aux:pass") for c in self.kids(verb))
        if not auxiliary and "VerbForm=Fin" not in str(verb.morph):
            return None
        fronted = [
            c
            for c in self.kids(verb)
            if c.i < verb.i and c.dep_ in ("obl:mod", "obl", "advcl") and c.pos_ in NOMINAL
        ]
        for phrase in fronted:
            end = phrase.right_edge.i
            if end + 1 >= verb.i or self.doc[end + 1].text != ",":
                continue
            if any(not t.is_punct and t.dep_ != "aux:tense" for t in self.doc[end + 2 : verb.i]):
                continue  # words between the phrase and its verb: another construction
            for t in self.doc[phrase.i + 1 : end + 1]:
                if (
                    _named(t)
                    and t.dep_ in _NAME_DEPS
                    and self.doc[t.i - 1].text == ","
                    and t.i not in self.not_subjects
                ):
                    return t
        return None

    def subject_phrase(self, subject: Token) -> Range | None:
        """The subject phrase: all subjects of its verb, and a coordination the parse cut off.

        An antecedent ("l'accord qui ...") or an agent ("par X") is its own phrase.
        """
        span = self.phrase(subject, NP_SKIP)
        if span is None:
            return None
        start, end = span
        doc = self.doc
        while start < end - 1 and doc[start].dep_ == "case" and doc[start].head.i == subject.i:
            start += 1  # "par X" (an agent), "selon X"
        if subject.dep_ not in SUBJECT_DEPS:
            return self.trim(start, end)
        verb = subject.head
        verbal = self.pos_ids(VERBAL)
        for child in self.kids(verb):
            if (
                child.dep_ in SUBJECT_DEPS
                and child.lower_ not in self.lex.inversion_clitics
                and abs(child.i - subject.i) < 12
            ):
                other = self.phrase(child, NP_SKIP)
                if other is None or (other[1] <= verb.i) != (end <= verb.i):
                    continue
                union = (min(start, other[0]), max(end, other[1]))
                if not any(self.pos[i] in verbal for i in range(*union)):
                    start, end = union  # not across a clause ("comme l'indique X, Y")
        gap = start
        while not doc[gap].is_sent_start and doc[gap - 1].pos_ in SUBJECT_GAP:
            if doc[gap - 1].dep_ == "mark":
                break
            gap -= 1
        if gap < start and any(doc[i].pos_ == "CCONJ" for i in range(gap, start)):
            start = gap  # "que lui et le président X avaient ...": the parse split the subject
        return self.trim(start, end)

    def is_passive(self, token: Token) -> bool:
        """True for a passive verb; not for verbs conjugated with "être" ("sont convenus")."""
        if lemma_of(token) in self.lex.active_with_etre:
            return False
        if "Voice=Pass" in str(token.morph):
            return True
        return any(c.dep_ == "aux:pass" for c in self.kids(token))

    def is_clause(self, token: Token) -> bool:
        """True when ``token`` heads a clause: a verb, or a word with a subject or a copula."""
        if token.dep_ in FRAGMENT_DEPS or token.dep_ == "punct":
            return False
        if token.pos_ in VERBAL:
            return True
        return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "cop" for c in self.kids(token))

    def quoted(self, token: Token) -> bool:
        """True when the phrase ``token`` heads opens with a quotation mark."""
        return self.doc[token.left_edge.i].text in QUOTE_OPENERS

    # ------------------------------------------------------------ spans

    def phrase(self, token: Token, skip: frozenset[str]) -> Range | None:
        """The phrase ``token`` heads, without the dependents in ``skip``."""
        start, end = token.i, token.i + 1
        for child in self.kids(token):
            if child.dep_ not in skip:
                start = min(start, child.left_edge.i)
                end = max(end, child.right_edge.i + 1)
        return self.trim(start, end)

    def trim(self, start: int, end: int) -> Range | None:
        """A range without edge punctuation, spaces, leading "et"/"que", lone quote marks."""
        orth, dep, pos = self.orth, self.dep, self.pos
        while start < end:
            first, last = start, end - 1
            if (
                pos[first] == self._space
                or orth[first] in self._edge
                or dep[first] in self._edge_deps
            ):
                start += 1
            elif pos[last] == self._space or orth[last] in self._edge or dep[last] == self._cc:
                end -= 1
            elif self._unbalanced(start, end, first, opening=True):
                start += 1
            elif self._unbalanced(start, end, last, opening=False):
                end -= 1
            else:
                break
        return (start, end) if end > start else None

    def _unbalanced(self, start: int, end: int, i: int, *, opening: bool) -> bool:
        orth = self.orth
        mark = orth[i]
        if mark == self._quote:
            return orth[start:end].count(mark) % 2 == 1
        for open_, close in self._pairs:
            if opening and mark == open_:
                return close not in orth[start + 1 : end]
            if not opening and mark == close:
                return open_ not in orth[start : end - 1]
        return False


def agent(verb: Token) -> Token | None:
    """The agent of a passive or a participle ("par X")."""
    return next((c for c in verb.children if c.dep_ == "obl:agent"), None)


# How the parse attaches a name set off by commas that it did not take for the subject:
# a modifier or apposition of the fronted phrase, a conjunct of it, or no relation.
_NAME_DEPS = frozenset({"appos", "nmod", "conj", "dep"})


def _named(token: Token) -> bool:
    """A proper noun, or the first word of a person's name the tagger read as a common
    noun ("Rose" of a "Rose Lestrade" the recogniser tags as a person)."""
    return token.pos_ == "PROPN" or (token.ent_type_ == "PER" and token.ent_iob_ == "B")
