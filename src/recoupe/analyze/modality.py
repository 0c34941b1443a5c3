"""Polarity, mood and conditions of a clause, from morphology and the cues in ``modality.toml``.

The rules are documented with the cue words in ``resources/fr/modality.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .arguments import Arguments
from .triggers import Lexicon, lemma_of

ARGUMENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "expl:subj"})
AUX_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "aux:caus", "cop"})
MOOD_RANK = {"factual": 0, "future": 1, "conditional": 2, "hypothetical": 3}


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition clause: token range ``[start, end)`` and the token it depends on."""

    start: int
    end: int
    anchor: int  # the token (outside the condition) the condition clause attaches to
    hypothetical: bool  # "si ...": the claim it restricts is a hypothesis


def is_negated(token: Token, args: Arguments) -> bool:
    """True when ``token`` carries "ne" together with a negation word ("n'a pas accepté")."""
    lex = args.lex
    particle = word = False
    for child in args.kids(token):
        if child.lemma_ in lex.negation_particles:
            particle = True
        elif child.lower_ in lex.negation_words:
            word = True
    if particle and not word:
        # "aucun accord n'a été signé": the negation word sits inside an argument
        word = any(
            grand.lower_ in lex.negation_words
            for child in args.kids(token)
            if child.dep_ in ARGUMENT_DEPS
            for grand in args.kids(child)
        )
    return particle and word


def is_without(token: Token, args: Arguments) -> bool:
    """True when ``token`` is introduced by "sans" ("sans mettre fin", "sans conditions")."""
    without = args.lex.without
    return any(c.dep_ in ("mark", "case") and c.lower_ in without for c in args.kids(token))


def polarity_of(chain: Iterable[Token], args: Arguments) -> str:
    """``negative`` when an odd number of the chain's verbs are negated, else ``positive``."""
    flips = sum(1 for t in chain if is_negated(t, args) or is_without(t, args))
    return "negative" if flips % 2 else "positive"


def mood_of(chain: Iterable[Token], args: Arguments, governed: str | None = None) -> str:
    """The mood of a verb chain from its verbs' forms and its governors' mood (``governed``)."""
    conditional = future = False
    for token in chain:
        for t in (token, *(c for c in args.kids(token) if c.dep_ in AUX_DEPS)):
            form = verb_form(t, args.lex)
            conditional = conditional or form == "conditional"
            future = future or form == "future"
    mood = "conditional" if conditional else "future" if future else "factual"
    return stronger(mood, governed)


def verb_form(token: Token, lex: Lexicon) -> str | None:
    """``future`` or ``conditional`` for a finite verb in that form, else None.

    The morphology is trusted when it says so; a present it gives is checked against
    the future stem and its endings ("signerons", "seraient").
    """
    morph = str(token.morph)
    if "Mood=Cnd" in morph:
        return "conditional"
    if "Tense=Fut" in morph:
        return "future"
    if "VerbForm=Fin" not in morph:
        return None
    text, lemma = token.lower_, lemma_of(token)
    stem = _future_stem(lemma, lex)
    if stem is None or not text.startswith(stem):
        return None
    ending = text[len(stem) :]
    if ending in lex.future_endings:
        return "future"
    if ending in lex.conditional_endings:
        return "conditional"
    return None


def _future_stem(lemma: str, lex: Lexicon) -> str | None:
    for infinitive, stem in lex.irregular_stems.items():
        if lemma.endswith(infinitive):
            return lemma[: len(lemma) - len(infinitive)] + stem
    if lemma.endswith(("er", "ir")):
        return lemma
    if lemma.endswith("re"):
        return lemma[:-1]
    return None


def stronger(mood: str, other: str | None) -> str:
    """The stronger of two moods (hypothetical > conditional > future > factual)."""
    if other is None or MOOD_RANK[other] <= MOOD_RANK[mood]:
        return mood
    return other


def is_hypothetical_noun(token: Token, args: Arguments) -> bool:
    """True when a hypothetical adjective modifies ``token`` ("un éventuel cessez-le-feu")."""
    words = args.lex.hypothetical
    return any(c.dep_ == "amod" and lemma_of(c) in words for c in args.kids(token))


def find_conditions(sent: Span, args: Arguments) -> list[Condition]:
    """The condition clauses of ``sent`` ("si ...", "à condition que ...", "sous réserve de")."""
    doc, lex, lower = sent.doc, args.lex, args.lower
    firsts = args.ids(frozenset(lex.condition_markers))
    found: list[Condition] = []
    covered = sent.start
    for i in range(sent.start, sent.end):
        if i < covered or lower[i] not in firsts:
            continue
        token = doc[i]
        sequences = lex.condition_markers.get(token.lower_)
        if sequences is None:
            continue
        if token.i > sent.start and doc[token.i - 1].lower_ in lex.condition_not_after:
            continue
        for words in sequences:
            last_i = token.i + len(words) - 1
            if last_i >= sent.end or any(doc[token.i + k].lower_ != w for k, w in enumerate(words)):
                continue
            last = doc[last_i]
            if len(words) == 1 and last.dep_ == "advmod":
                continue  # the adverb "si" ("si grave")
            clause = last.head if last.head.i > last_i else last
            if clause.dep_ in ("nsubj", "nsubj:pass") and clause.head.i > clause.i:
                clause = clause.head  # "si" read as a preposition of the subject
            # the clause without what is coordinated to it ("si X et qu'il attend Y")
            right = [
                c.right_edge.i for c in clause.children if c.dep_ not in ("conj", "cc", "punct")
            ]
            end = max([clause.i, last_i, *right]) + 1
            anchor = clause
            while token.i <= anchor.i < end and anchor.head.i != anchor.i:
                anchor = anchor.head
            found.append(
                Condition(
                    start=token.i,
                    end=min(end, sent.end),
                    anchor=anchor.i,
                    hypothetical=words in lex.hypothetical_markers,
                )
            )
            covered = end
            break
    return found
