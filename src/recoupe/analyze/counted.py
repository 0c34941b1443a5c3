"""What a figure counts: injured, arrests, participants, police, money... as data.

The ``counted`` resource maps nouns ("blessés", "gardes à vue", "forces de l'ordre")
and verbs ("interpeller", "blesser") to a category. The noun written after the figure
decides; a plain "people" noun ("personnes") or a figure without a noun is refined by
the verb it goes with ("312 personnes ont été interpellées" counts arrests). Used by
``recoupe_quantities`` to fill ``Quantity.counts``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from recoupe.resources import load

from .doc import doc_text
from .lexicon import alternation, fold

# Categories a verb may replace: they say who, not what happened to them.
_REFINABLE = frozenset({"people", "participants", None})
# Links from a counted noun to the verb or participle that says what happened to it.
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "obj"})
_MODIFIERS = frozenset({"acl", "amod", "acl:relcl"})
_CLIMB = 3  # coordination and "de" links climbed from a noun to its verb
_ANNOUNCED_REACH = 40  # characters before a figure read for the noun announcing it
# Between a verb and the complement that names the count: at most two words, then a
# lead word ("placés en garde à vue", "placées directement en garde à vue").
_LEAD = r"\s+(?:[\w'’-]+\s+){{0,2}}?(?:{lead})\s*"
_QUOTES = '[«"“]'


@dataclass(frozen=True, slots=True)
class CountedWords:
    """Compiled ``counted`` resource of one language."""

    nouns: re.Pattern[str]  # a listed noun phrase at a position, after "de" or a quote
    noun_category: dict[str, str]  # folded noun phrase -> category
    verbs: dict[str, str]  # verb lemma -> category
    phrases: re.Pattern[str]  # complements that name the count ("en garde à vue")
    phrase_category: dict[str, str]
    ellipsis: re.Pattern[str]  # "dont" right before a figure without a noun
    gap: re.Pattern[str]  # "de moins que" after a figure and its noun: a difference
    # a listed noun, then a comma or colon, right before a figure ("d'arrestations, 212")
    announced: re.Pattern[str]

    def noun_at(self, text: str, pos: int) -> str | None:
        """The category of the listed noun phrase starting at ``pos`` ("gardes à vue")."""
        m = self.nouns.match(text, pos)
        return self.noun_category.get(fold(m.group("noun"))) if m else None

    def noun_before(self, text: str, pos: int) -> str | None:
        """The category of a listed noun that announces the figure at ``pos`` across a
        comma or a colon: "un nombre record d'arrestations, 212 en fin de journée"."""
        m = self.announced.search(text, max(0, pos - _ANNOUNCED_REACH), pos)
        return self.noun_category.get(fold(m.group("noun"))) if m else None

    def by_verb(self, token: Token) -> str | None:
        """The category of the verb or participle ``token`` goes with, if listed."""
        node = token
        for _ in range(_CLIMB):
            # "12 grévistes et 3 agents ... ont été blessés", "des milliers de personnes"
            if node.dep_ not in ("conj", "nmod") or node.head.i == node.i:
                break
            node = node.head
        candidates = [c for c in node.children if c.dep_ in _MODIFIERS]
        if node.dep_ in _SUBJECTS or node.dep_ in _MODIFIERS or node.dep_ == "nummod":
            candidates.append(node.head)
        for verb in candidates:
            found = self._verb_category(verb)
            if found is not None:
                return found
        return None

    def _verb_category(self, verb: Token) -> str | None:
        if verb.pos_ not in ("VERB", "ADJ", "AUX"):
            return None
        # "placées en garde à vue": the complement right after the verb names the count
        m = self.phrases.match(doc_text(verb.doc), verb.idx + len(verb.text))
        if m:
            return self.phrase_category.get(fold(m.group("phrase")))
        return self.verbs.get(verb.lemma_.lower())


@cache
def counted_words(lang: str = "fr") -> CountedWords:
    """The ``counted`` resource of ``lang``, compiled once."""
    data = load(lang, "counted")
    nouns = {fold(n): cat for cat, ns in data["nouns"].items() for n in ns}
    phrases = {fold(p): cat for cat, ps in data["phrases"].items() for p in ps}
    listed = alternation([n for ns in data["nouns"].values() for n in ns])
    complements = alternation([p for ps in data["phrases"].values() for p in ps])
    skip = rf"\s*(?:(?:{alternation(data['before_noun'])})\s*|{_QUOTES}\s*)*"
    lead = _LEAD.format(lead=alternation(data["complement_lead"]))
    return CountedWords(
        nouns=re.compile(rf"{skip}(?P<noun>{listed})", re.IGNORECASE),
        noun_category=nouns,
        verbs={v: cat for cat, vs in data["verbs"].items() for v in vs},
        phrases=re.compile(
            rf"{lead}(?P<phrase>{complements})",
            re.IGNORECASE,
        ),
        phrase_category=phrases,
        ellipsis=re.compile(rf"(?:{alternation(data['ellipsis'])})\s*$", re.IGNORECASE),
        gap=_gap(data.get("difference", ())),
        announced=re.compile(rf"\b(?P<noun>{listed})\s*[,:]\s*$", re.IGNORECASE),
    )


def _gap(words: Sequence[str]) -> re.Pattern[str]:
    """ "de moins" / "de plus" then "que" or a pause, after a figure and at most three
    words of its noun."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(
        rf"(?:\s+[\w'’-]+){{0,3}}?\s+(?:{alternation(words)})(?:\s+que\b|\s+qu['’]|\s*[,.;:)])",
        re.IGNORECASE,
    )


def refine(category: str | None, verb_category: str | None) -> str | None:
    """The noun's category, or the verb's where the noun only says who ("personnes")."""
    if verb_category is not None and category in _REFINABLE:
        return verb_category
    return category
