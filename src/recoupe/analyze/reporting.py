"""The reported-speech lexicon of a language, read once from ``resources/<lang>/reporting.toml``.

Shared by the quote, speaker and attribution code: verbs of saying (lemmas and the
forms the lemmatiser misses), "selon"-type cues, document nouns, channels, agencies
and outlets, pseudo-subjects, pronouns and titles. Nothing here is French-specific
except the data; the matchers are built once per component and vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.attrs import LEMMA, LOWER, POS
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from recoupe.resources import load

# Parts of speech a verb of saying never has: "la note", "le juge", "la demande".
NOT_VERB = ("NOUN", "PROPN", "ADJ", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM")


def fold(text: str) -> str:
    """Lower-case ``text`` with typographic apostrophes folded, for list look-ups."""
    return text.replace("’", "'").replace("ʼ", "'").lower()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The reported-speech word lists of one language."""

    lang: str
    mark_pairs: tuple[tuple[str, str], ...]
    min_partial_words: int
    max_term_words: int
    verbs: frozenset[str]
    verb_forms: frozenset[str]
    incise_only: frozenset[str]  # lemmas and forms of verbs that say only in an incise
    light_verbs: dict[str, frozenset[str]]  # "faire" + "savoir": a verb of saying together
    reading_verbs: frozenset[str]  # "peut-on lire dans le communiqué": the document speaks
    incise_modals: frozenset[str]  # "peut-on lire": a modal before the verb of an incise
    addressees: frozenset[str]  # "explique à l'AFP X": the person told stands before X
    cues: tuple[str, ...]
    sentence_cues: tuple[str, ...]  # "Pour X, ...": a cue only at the head of a sentence
    not_sources: tuple[str, ...]
    as_markers: frozenset[str]
    documents: frozenset[str]
    channels: tuple[str, ...]
    channel_re: re.Pattern[str]
    agencies: frozenset[str]
    outlets: frozenset[str]
    agency_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    pseudo_subjects: frozenset[str]
    pronouns: dict[str, str]
    indefinite: frozenset[str]
    titles_m: frozenset[str]
    titles_f: frozenset[str]
    phrase_breaks: frozenset[str]
    determiners: frozenset[str]
    negations: frozenset[str]
    negation_particles: frozenset[str]
    complementisers: frozenset[str]
    impersonal: frozenset[str]
    relatives: frozenset[str]
    euphonic: frozenset[str]
    human_nouns: frozenset[str]  # common nouns that name people or organisations
    anaphoric: frozenset[str]  # "cette fonctionnaire", "le même syndicaliste": points back
    honorifics: frozenset[str]  # "M.", "Me", "Mme": a name follows
    titles: frozenset[str]  # first words of the roles of titles.toml: "ministre", "président"

    def is_saying(self, token: Token, *, strict: bool = False) -> bool:
        """Whether ``token`` is a verb of saying (by lemma, or by form where the lemma is off).

        ``strict`` leaves out the verbs that mean saying only in an incise.
        """
        if token.pos_ in NOT_VERB:
            return False
        lemma = fold(token.lemma_)
        if strict and (lemma in self.incise_only or token.lower_ in self.incise_only):
            return False
        if lemma in self.light_verbs:
            light = self.light_verbs[lemma]
            return any(c.dep_ == "xcomp" and fold(c.lemma_) in light for c in token.children)
        return lemma in self.verbs or token.lower_ in self.verb_forms or lemma in self.reading_verbs

    def document_noun(self, token: Token) -> bool:
        """Whether ``token`` heads a document noun phrase ("le communiqué", "le site web")."""
        word = fold(token.lemma_ if token.pos_ == "NOUN" else token.text)
        if word in self.documents or token.lower_ in self.documents:
            return True
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return nxt is not None and f"{token.lower_} {nxt.lower_}" in self.documents

    def human(self, token: Token) -> bool:
        """Whether common noun ``token`` names people or an organisation ("le syndicat")."""
        return fold(token.lemma_) in self.human_nouns or token.lower_ in self.human_nouns

    def title(self, token: Token) -> bool:
        """Whether ``token`` is a title or an office ("ministre", "président")."""
        return fold(token.lemma_) in self.titles or token.lower_ in self.titles

    def pronoun(self, token: Token) -> str | None:
        """The gender/number code of a subject pronoun ("il", "-il", "-t-elle"), else None."""
        return self.pronouns.get(token.lower_.lstrip("-").removeprefix("t-"))


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang``, parsed once from its resource file."""
    data = load(lang, "reporting")
    verbs = data["verbs"]
    lemmas = frozenset(fold(v) for v in verbs["saying"])
    endings = verbs.get("first_group_endings", ())
    forms = {fold(f) for f in verbs.get("forms", ())}
    for lemma in lemmas:
        forms.update(_inflect(lemma, endings))
    incise_only = {fold(v) for v in verbs.get("incise_only", ())}
    for lemma in list(incise_only):
        incise_only.update(_inflect(lemma, endings))
    ch = data["channels"]
    names = sorted(ch["names"], key=len, reverse=True)
    containers = sorted(ch["containers"], key=len, reverse=True)
    # "sur X", "sur son compte X", "via le réseau social Telegram"
    preps = "|".join(map(re.escape, ch["prepositions"]))
    dets = "|".join(re.escape(d) + ("" if d.endswith("'") else r"\b") for d in ch["determiners"])
    boxes = "|".join(map(re.escape, containers))
    channel_re = re.compile(
        rf"(?i:\b(?:{preps})\s+(?:(?:{dets})\s*)?(?:(?:{boxes})\s+)?)"
        rf"(?P<name>{'|'.join(map(re.escape, names))})(?![\w-])"
    )
    src = data["sources"]
    subj = data["subjects"]
    return Lexicon(
        lang=lang,
        mark_pairs=tuple((a, b) for a, b in data["marks"]["pairs"]),
        min_partial_words=int(data["marks"].get("min_partial_words", 3)),
        max_term_words=int(data["marks"].get("max_term_words", 3)),
        verbs=lemmas,
        verb_forms=frozenset(forms),
        incise_only=frozenset(incise_only),
        light_verbs={fold(k): frozenset(map(fold, v)) for k, v in verbs.get("light", {}).items()},
        reading_verbs=frozenset(fold(v) for v in verbs.get("reading", ())),
        incise_modals=frozenset(fold(v) for v in verbs.get("incise_modals", ())),
        addressees=frozenset(fold(w) for w in subj.get("addressees", ())),
        cues=tuple(data["according_to"]["cues"]),
        sentence_cues=tuple(data["according_to"].get("sentence_cues", ())),
        not_sources=tuple(fold(w) for w in data["according_to"]["not_sources"]),
        as_markers=frozenset(fold(w) for w in data["according_to"]["as_markers"]),
        documents=frozenset(fold(w) for w in data["documents"]["nouns"]),
        channels=tuple(ch["names"]),
        channel_re=channel_re,
        agencies=_with_bare(src["agencies"], subj["determiners"]),
        outlets=_with_bare(src["outlets"], subj["determiners"]),
        agency_nouns=frozenset(fold(w) for w in src["agency_nouns"]),
        outlet_nouns=frozenset(fold(w) for w in src["outlet_nouns"]),
        institution_nouns=frozenset(fold(w) for w in src["institution_nouns"]),
        pseudo_subjects=frozenset(fold(w) for w in subj["pseudo"]),
        pronouns={fold(k): v for k, v in subj["pronouns"].items()},
        indefinite=frozenset(fold(w) for w in subj["indefinite"]),
        titles_m=frozenset(fold(w) for w in subj["titles_m"]),
        titles_f=frozenset(fold(w) for w in subj["titles_f"]),
        phrase_breaks=frozenset(fold(w) for w in subj["phrase_breaks"]),
        determiners=frozenset(fold(w) for w in subj["determiners"]),
        negations=frozenset(fold(w) for w in data["negation"]["adverbs"]),
        negation_particles=frozenset(fold(w) for w in data["negation"]["particles"]),
        complementisers=frozenset(fold(w) for w in data["clauses"]["complementisers"]),
        impersonal=frozenset(fold(w) for w in subj["impersonal"]),
        relatives=frozenset(fold(w) for w in subj["relatives"]),
        euphonic=frozenset(fold(w) for w in subj["euphonic"]),
        human_nouns=_human_nouns(lang, data),
        anaphoric=frozenset(fold(w) for w in data["speakers"]["anaphoric"]),
        honorifics=frozenset(fold(w) for w in load(lang, "titles").get("honorifics", ())),
        titles=frozenset(fold(w).split()[0] for w in load(lang, "titles").get("roles", ())),
    )


def _human_nouns(lang: str, data: dict) -> frozenset[str]:
    # the nouns of [speakers], the institution, agency and outlet nouns, and the roles
    # of titles.toml (each word of a role: "porte-parole", "secrétaire d'État")
    src = data["sources"]
    words = {fold(w) for w in data["speakers"]["human_nouns"]}
    for key in ("institution_nouns", "agency_nouns", "outlet_nouns"):
        words.update(fold(w) for w in src[key])
    for role in load(lang, "titles").get("roles", ()):
        words.add(fold(role).split()[0])
    return frozenset(words)


def _with_bare(names: list[str], determiners: list[str]) -> frozenset[str]:
    # "Le Monde" is also matched as "Monde" (the mention of a name leaves its article out)
    out = set()
    for name in map(fold, names):
        out.add(name)
        for det in map(fold, determiners):
            if name.startswith(det + " ") or (det.endswith("'") and name.startswith(det)):
                out.add(name[len(det) :].strip())
    return frozenset(out)


def _inflect(lemma: str, endings: tuple[str, ...] | list[str]) -> set[str]:
    # first-group verbs: stem + ending ("estimer" -> "estime", "estimé", "estimait")
    if lemma.endswith("er") and " " not in lemma:
        return {lemma[:-2] + ending for ending in endings}
    return set()


class CueMatchers:
    """Finders for verbs of saying and "selon"-type cues, built once per vocabulary."""

    def __init__(self, vocab: Vocab, lex: Lexicon, make_doc: Callable[[str], Doc]) -> None:
        strings = vocab.strings
        # string ids, compared over the Doc's attribute array: no Token object is built
        lemmas = {*lex.verbs, *lex.light_verbs, *lex.reading_verbs}
        self._lemmas = frozenset(strings.add(w) for v in lemmas for w in (v, v.capitalize()))
        self._check = frozenset(strings.add(w) for w in lex.light_verbs)
        self._lex = lex
        self._forms = frozenset(strings.add(w) for w in lex.verb_forms)
        self._not_verb = frozenset(IDS[p] for p in NOT_VERB)
        self.cues = PhraseMatcher(vocab, attr="LOWER")
        self.cues.add("ACCORDING_TO", [make_doc(c) for c in lex.cues])
        self.sentence_cues = PhraseMatcher(vocab, attr="LOWER")
        self.sentence_cues.add("SENTENCE_HEAD", [make_doc(c) for c in lex.sentence_cues])

    def saying_verbs(self, doc: Doc) -> list[Token]:
        """The verbs of saying of ``doc``, in text order."""
        if not len(doc):
            return []
        lemmas, forms, bad, check = self._lemmas, self._forms, self._not_verb, self._check
        rows = doc.to_array([LEMMA, LOWER, POS]).reshape(len(doc), 3).tolist()
        return [
            doc[i]
            for i, (lemma, form, pos) in enumerate(rows)
            if (lemma in lemmas or form in forms)
            and pos not in bad
            and (lemma not in check or self._lex.is_saying(doc[i]))
        ]

    def sentence_heads(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the cues that count only at the head of a sentence ("Pour X,")."""
        found = []
        for _, start, end in self.sentence_cues(doc):
            before = start - 1
            while before >= 0 and doc[before].is_space:
                before -= 1
            if before < 0 or doc[start].is_sent_start or doc[before].text in (".", "!", "?"):
                found.append((start, end))
        return sorted(found)

    def according_to(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of "selon"-type cues, in text order, the longest at each start."""
        best: dict[int, int] = {}
        for _, start, end in self.cues(doc):
            best[start] = max(end, best.get(start, end))
        return sorted(best.items())
