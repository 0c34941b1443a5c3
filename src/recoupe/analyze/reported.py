"""Reported speech in the parse: verbs of saying, incises, what they report and who speaks.

"X a déclaré que Y ...", "« ... », a écrit X", "Y ..., a annoncé X", "comme l'indique
X, Y ...": the parser attaches these in many ways, several of them wrong; these
rules find the reported clause and the speaker in each. "selon X" phrases are
recognised so that they are not read as events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .arguments import FRAGMENT_DEPS, QUOTE_OPENERS, SUBJECT_DEPS, Arguments, agent
from .triggers import NOMINAL, VERBAL, Lexicon, saying_modality, verb_lemma

CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class Speech:
    """Reported-speech rules over one Doc's ``Arguments``."""

    args: Arguments

    @property
    def lex(self) -> Lexicon:
        return self.args.lex

    def say(self, token: Token) -> str | None:
        """The modality a verb of saying lends ("stated", "announced"), or None."""
        return saying_modality(token, self.lex)

    def quoted_subject(self, verb: Token) -> Token | None:
        """A quotation the parser made the subject of its verb of saying, as a clause head."""
        quoted = next(
            (
                c
                for c in verb.children
                if c.dep_ in SUBJECT_DEPS
                and c.i < verb.i
                and self.args.doc[c.left_edge.i].text in QUOTE_OPENERS
            ),
            None,
        )
        if quoted is not None and quoted.is_punct:  # the opening mark itself
            quoted = next(
                (c for c in quoted.children if c.pos_ in NOMINAL or c.pos_ in VERBAL), None
            )
        return quoted

    def is_incise(self, token: Token) -> bool:
        """A verb of saying inserted in the clause it reports, with no content of its own."""
        if token.dep_ not in ("parataxis", "advcl", "conj") or token.pos_ not in VERBAL:
            return False
        if any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
            return False
        saying = self.say(token) is not None
        if token.dep_ != "conj" and saying:
            return True
        # ", a écrit X", ", a regretté X": after a comma, its speaker after the verb
        if not self.after_comma(token):
            return False
        if not saying and verb_lemma(token, self.lex) not in self.lex.incise_only:
            return False
        return self.after(token) is not None

    def after_comma(self, verb: Token) -> bool:
        """True when the verb group ("a déclaré") follows a comma."""
        first = min([verb.i, *(c.i for c in verb.children if c.dep_.startswith("aux"))])
        return first > 0 and self.args.doc[first - 1].text == ","

    def after(self, verb: Token) -> Token | None:
        """The noun after a verb of saying that names its speaker (", a déclaré X")."""
        return next(
            (
                c
                for c in verb.children
                if c.i > verb.i
                and c.dep_ in ("nsubj", "obj")
                and c.pos_ in NOMINAL
                and c.i not in self.args.not_subjects
            ),
            None,
        )

    def speaker(self, verb: Token, subject: Token | None) -> Token | None:
        """Who a verb of saying quotes: its subject or a passive's agent; None if impersonal."""
        if self.args.is_passive(verb):
            return agent(verb)
        if subject is None:  # ", a déclaré une lecture de l'appel": the parser made it the object
            return self.after(verb)
        if subject.dep_ == "expl:subj" or subject.lower_ in self.lex.impersonal:
            return None
        return subject

    def contents(self, verb: Token, visited: set[int]) -> list[Token]:
        """The clauses a verb of saying reports; a clause the parser buried in a phrase counts."""
        found = []
        for child in verb.children:
            if child.dep_ == "advcl" and child.i < verb.i:
                if self.args.quoted(child) or self.after_comma(verb):
                    found.append(child)  # "« Nous signerons », a affirmé X"; "X ont signé, a dit Y"
                continue
            if child.dep_ not in CONTENT_DEPS:
                continue
            if self.args.is_clause(child):
                found.append(child)
                continue
            # "que lui et X avaient accepté ...": the verb hangs below the first pronoun
            level = list(child.children)
            for _ in range(3):
                verbal = next((t for t in level if t.pos_ == "VERB"), None)
                if verbal is not None:
                    found.append(verbal)
                    break
                level = [g for t in level for g in t.children]
        if not found and not any(c.dep_ == "obj" for c in verb.children):
            # "il est rapporté que X échangeront ...": the parser lost the "que" clause; take
            # the first verb after the next "que"
            doc, sent_end = self.args.doc, verb.sent.end
            que = next(
                (
                    t
                    for t in doc[verb.i + 1 : sent_end]
                    if t.lower_ in self.lex.complementizers or t.pos_ == "VERB"
                ),
                None,
            )
            if que is not None and que.pos_ != "VERB":
                verbal = next(
                    (
                        t
                        for t in doc[que.i + 1 : sent_end]
                        if t.pos_ == "VERB" and t.dep_ not in FRAGMENT_DEPS
                    ),
                    None,
                )
                if verbal is not None and verbal.i not in visited:
                    found.append(verbal)
        return found

    def inverted_incise(self, root: Token) -> Token | None:
        """The speaker of a root verb of saying that follows its clause (", a rapporté X")."""
        if self.say(root) is None or root.i == 0:
            return None
        if not self.after_comma(root):
            return None
        before = [c for c in root.children if c.i < root.i and c.dep_ in SUBJECT_DEPS]
        if not any(self._holds_clause(c) for c in before):
            return None
        if any(self.args.doc[c.left_edge.i].text in QUOTE_OPENERS for c in before):
            return None  # a quotation made subject: ``_report`` reads it
        return next(
            (
                c
                for c in root.children
                if c.i > root.i and c.dep_ in ("obj", "nsubj") and c.pos_ in NOMINAL
            ),
            None,
        )

    def _holds_clause(self, token: Token) -> bool:
        tokens = self.args.doc[token.left_edge.i : token.right_edge.i + 1]
        return any(t.pos_ == "VERB" and not t.is_punct for t in tokens)

    def under_according_to(self, token: Token) -> bool:
        """True inside a "selon X" phrase, which names a source and states no event."""
        words = self.lex.according_to
        for _ in range(4):
            if any(c.dep_ == "case" and c.lower_ in words for c in token.children):
                return True
            if token.head.i == token.i:
                return False
            token = token.head
        return False
