"""The claim lexicon: event triggers, verbs of saying and modality cues, read from resources.

``fr/events.toml`` maps French lemmas and head + dependent phrases to a PLOVER
category and a modality; ``fr/modality.toml`` holds the negation, governor, mood
and condition cues. Both are read once per language (``lexicon(lang)`` is cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from recoupe.errors import ResourceError
from recoupe.resources import load

# Dependents whose lemma can complete a head into a phrase ("mettre fin", "aide militaire").
PHRASE_DEPS = frozenset(
    {"obj", "amod", "nmod", "obl:arg", "fixed", "compound", "flat", "nsubj:pass"}
)
# Dependents whose preposition can complete a head ("appeler à", "insister sur"); not
# circumstantials ("appeler à tout moment").
PREP_DEPS = frozenset({"xcomp", "obl:arg", "ccomp", "nmod"})
REFLEXIVE_DEPS = frozenset({"expl:comp", "expl:pass", "expl", "obj", "iobj"})
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A matched trigger: category, modality, lemma key and the tokens that spell it."""

    category: str
    modality: str
    lemma: str
    head: int  # token index of the trigger word
    partner: int | None = None  # token index of a phrase's second word, when near


@dataclass(frozen=True, slots=True)
class Governor:
    """A verb or adjective that hands its clause to the infinitive it governs."""

    mood: str | None = None
    modality: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """Everything the claims component reads from one language's resources."""

    categories: frozenset[str]
    verbs: dict[str, tuple[str, str]]
    reflexive: dict[str, tuple[str, str]]
    phrases: dict[str, tuple[str, str]]
    phrase_heads: frozenset[str]  # first words of ``phrases``: only they need a phrase lookup
    adjectives: dict[str, tuple[str, str]]
    nouns: dict[str, tuple[str, str]]
    saying: dict[str, str]  # lemma -> modality it lends (stated | announced)
    saying_with_que: frozenset[str]
    incise_only: frozenset[str]
    complementizers: frozenset[str]
    according_to: frozenset[str]
    participant_prepositions: frozenset[str]
    reflexive_clitics: frozenset[str]
    copulas: frozenset[str]
    inversion_clitics: frozenset[str]
    active_with_etre: frozenset[str]
    infinitive_endings: tuple[str, ...]
    er_endings: tuple[str, ...]  # longest first
    readouts: frozenset[str]
    singular: frozenset[str]
    plural: frozenset[str]
    speaker_pronouns: frozenset[str]
    impersonal: frozenset[str]
    negation_particles: frozenset[str]
    negation_words: frozenset[str]
    without: frozenset[str]
    governors: dict[str, Governor]
    hypothetical: frozenset[str]
    condition_markers: dict[str, tuple[tuple[str, ...], ...]]  # first word -> sequences
    condition_not_after: frozenset[str]
    hypothetical_markers: frozenset[tuple[str, ...]]
    future_endings: frozenset[str]
    conditional_endings: frozenset[str]
    irregular_stems: dict[str, str]
    condition_nouns: frozenset[str]


@cache
def lexicon(lang: str) -> Lexicon:
    """The claim lexicon of ``lang``, read once from ``events.toml`` and ``modality.toml``."""
    events = load(lang, "events")
    cues = load(lang, "modality")
    categories = frozenset(events["categories"])

    def table(name: str) -> dict[str, tuple[str, str]]:
        entries = {key: (value[0], value[1]) for key, value in events.get(name, {}).items()}
        for key, (category, _) in entries.items():
            if category not in categories:
                raise ResourceError(
                    f"{lang}/events.toml [{name}] {key!r}: category {category!r} is not "
                    "listed in [categories]; add it there or fix the entry"
                )
        return entries

    saying = events.get("saying", {})
    markers: dict[str, list[tuple[str, ...]]] = {}
    for marker in cues["condition"]["markers"]:
        words = tuple(marker.split())
        markers.setdefault(words[0], []).append(words)
    pronouns = events.get("pronouns", {})
    syntax = events["syntax"]
    return Lexicon(
        categories=categories,
        verbs=table("verbs"),
        reflexive=table("reflexive"),
        phrases=table("phrases"),
        phrase_heads=frozenset(key.split()[0] for key in events.get("phrases", {})),
        adjectives=table("adjectives"),
        nouns=table("nouns"),
        saying={
            **{lemma: "stated" for lemma in saying.get("stated", ())},
            **{lemma: "announced" for lemma in saying.get("announced", ())},
        },
        saying_with_que=frozenset(saying.get("with_que", ())),
        incise_only=frozenset(saying.get("incise_only", ())),
        complementizers=frozenset(syntax["complementizers"]),
        according_to=frozenset(syntax["according_to"]),
        participant_prepositions=frozenset(syntax["participant_prepositions"]),
        reflexive_clitics=frozenset(syntax["reflexive_clitics"]),
        copulas=frozenset(syntax["copulas"]),
        inversion_clitics=frozenset(syntax["inversion_clitics"]),
        active_with_etre=frozenset(events.get("active_with_etre", {}).get("lemmas", ())),
        infinitive_endings=tuple(events["lemmas"]["infinitive_endings"]),
        er_endings=tuple(sorted(events["lemmas"]["er_endings"], key=len, reverse=True)),
        readouts=frozenset(saying.get("readouts", ())),
        singular=frozenset(pronouns.get("singular", ())),
        plural=frozenset(pronouns.get("plural", ())),
        speaker_pronouns=frozenset(pronouns.get("speaker", ())),
        impersonal=frozenset(pronouns.get("impersonal", ())),
        negation_particles=frozenset(cues["negation"]["particles"]),
        negation_words=frozenset(cues["negation"]["words"]),
        without=frozenset(cues["negation"]["without"]),
        governors={
            key: Governor(mood=value.get("mood"), modality=value.get("modality"))
            for key, value in cues["governors"].items()
        },
        hypothetical=frozenset(cues["mood"]["hypothetical"]),
        condition_markers={
            first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in markers.items()
        },
        condition_not_after=frozenset(cues["condition"]["not_after"]),
        hypothetical_markers=frozenset(tuple(m.split()) for m in cues["condition"]["hypothetical"]),
        future_endings=frozenset(cues["tense"]["future_endings"]),
        conditional_endings=frozenset(cues["tense"]["conditional_endings"]),
        irregular_stems=dict(cues["tense"]["irregular_stems"]),
        condition_nouns=frozenset(cues["condition"]["nouns"]),
    )


def lemma_of(token: Token) -> str:
    """The lower-cased lemma of ``token`` (the French models capitalise some)."""
    return token.lemma_.lower()


def verb_lemma(token: Token, lex: Lexicon) -> str:
    """The infinitive of a verb, guessed when the lemmatizer left it inflected ("indique")."""
    lemma = lemma_of(token)
    if token.pos_ not in VERBAL or lemma.endswith(lex.infinitive_endings):
        return lemma
    for ending in lex.er_endings:
        if lemma.endswith(ending) and len(lemma) > len(ending) + 1:
            return lemma[: -len(ending)] + "er"
    return lemma


def is_reflexive(token: Token, lex: Lexicon) -> bool:
    """True when ``token`` has a reflexive clitic ("se", "s'") among its dependents."""
    clitics = lex.reflexive_clitics
    return any(c.dep_ in REFLEXIVE_DEPS and lemma_of(c) in clitics for c in token.children)


def trigger_of(token: Token, lex: Lexicon) -> Trigger | None:
    """The event trigger ``token`` heads, or None: phrases first, then single lemmas."""
    lemma = verb_lemma(token, lex)
    pos = token.pos_
    if pos not in VERBAL and pos not in NOMINAL and pos != "ADJ":
        return None
    for child in token.children if lemma in lex.phrase_heads else ():
        dep = child.dep_
        if dep in PHRASE_DEPS:
            hit = lex.phrases.get(f"{lemma} {lemma_of(child)}")
            if hit is not None:
                near = abs(child.i - token.i) <= 3
                return Trigger(
                    hit[0], hit[1], f"{lemma} {lemma_of(child)}", token.i, child.i if near else None
                )
        # "appeler à", "appeler X à faire": the preposition of a complement, or of the
        # infinitive the object governs
        targets = [child] if dep in PREP_DEPS else []
        if dep == "obj":
            targets = [g for g in child.children if g.dep_ in ("acl", "xcomp")]
        for target in targets:
            prep = _preposition(target)
            hit = lex.phrases.get(f"{lemma} {prep}") if prep is not None else None
            if hit is not None:
                return Trigger(hit[0], hit[1], lemma, token.i)
    if pos in VERBAL:
        hit = (lex.reflexive.get(lemma) if is_reflexive(token, lex) else None) or lex.verbs.get(
            lemma
        )
    elif pos == "ADJ":
        hit = lex.adjectives.get(lemma) or lex.verbs.get(lemma)
    else:
        hit = lex.nouns.get(lemma)
    return Trigger(hit[0], hit[1], lemma, token.i) if hit is not None else None


def saying_modality(token: Token, lex: Lexicon) -> str | None:
    """The modality a verb of saying lends ("stated", "announced"), or None if not one."""
    if token.pos_ not in VERBAL:
        return None
    lemma = verb_lemma(token, lex)
    found = lex.saying.get(lemma)
    if found is None and lemma in lex.saying_with_que:
        has_que = any(
            c.dep_ == "ccomp"
            and any(m.dep_ == "mark" and m.lower_ in lex.complementizers for m in c.children)
            for c in token.children
        )
        found = "stated" if has_que else None
    return found


def governor_of(token: Token, lex: Lexicon) -> tuple[Governor, Token] | None:
    """The governor entry of ``token`` and the infinitive it hands over to, or None."""
    lemma = verb_lemma(token, lex)
    entry = lex.governors.get(lemma)
    if entry is not None:
        for child in token.children:
            if child.dep_ == "xcomp":
                return entry, child
        for child in token.children:  # "pourrait être de cesser ...": through "être"
            if lemma_of(child) in lex.copulas:
                for grand in child.children:
                    if grand.dep_ == "xcomp":
                        return entry, grand
        return None
    for child in token.children:
        if child.dep_ == "obj":
            entry = lex.governors.get(f"{lemma} {lemma_of(child)}")
            if entry is not None:
                for grand in child.children:
                    if grand.dep_ in ("acl", "xcomp") and grand.pos_ in VERBAL:
                        return entry, grand
    return None


def _preposition(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("case", "mark") and child.i < token.i:
            return child.lower_
        if child.i > token.i:
            break
    return None
