"""What a date expression tells the day of: the sentence's event, a clause's, or a thing's.

"Le maire a condamné lundi les violences de samedi": "lundi" dates the sentence's event
(role ``main``), "samedi" only the violences named in passing (role ``noun``). In "Il a
annoncé qu'il réunirait dimanche le conseil", "dimanche" dates the event of a
complement or relative clause (role ``clause``). Background gets role ``aside``: a
concessive or conditional clause ("Même si la mobilisation a progressé samedi, ..."), a
participle set off by commas ("Né le 3 mars 1990, ..."), a gerund ("en promettant ...
samedi prochain") and the start of a period ("depuis le 17 novembre"). Alignment dates a
fact by ``main`` dates first, ``clause`` dates next, and never by an ``aside`` or
``noun`` date, so that a birth date, an earlier attack or a law's year does not date an
unrelated fact.

The noun, period and concessive cases are read from the words before the expression
(``resources/fr/dates.toml``: "de", "du", "d'" after a noun that is not a time word;
"depuis"; "même si", "alors que"...), because the parser often hangs an adverbial
weekday on the nearest noun ("arrêté à la gare lundi") and makes a concessive clause's
verb the root. The rest comes from the dependency parse: the verb that governs the
expression is the sentence's root, a verb coordinated with it or an inserted reporting
clause ("», a déclaré X lundi") for ``main``; any other verb for ``clause``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from recoupe.resources import load

from .doc import doc_text
from .lexicon import fold

__all__ = ["date_role"]

_MAIN_DEPS = frozenset({"ROOT", "parataxis"})
_AUX_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "cop"})
_ORDINAL = re.compile(r"\w+i[eè]mes?$")
_OF = frozenset({"de", "du", "d'", "des"})
_QUOTE_PAIRS = (("«", "»"), ("“", "”"))
# Punctuation that closes a gerund's clause before a date.
_SEGMENT_ENDS = frozenset({",", ";", ":", "(", ")"})
# How many words back a "depuis" still governs the date ("depuis le début du
# mouvement, le 17 novembre").
_SINCE_REACH = 12


@dataclass(frozen=True, slots=True)
class _RoleWords:
    adverbial: frozenset[str]
    fillers: frozenset[str]
    background: tuple[str, ...]
    since: frozenset[str]


@cache
def _role_words(lang: str) -> _RoleWords:
    data = load(lang, "dates")
    return _RoleWords(
        adverbial=frozenset(fold(w) for w in data.get("adverbial_before_de", ())),
        fillers=frozenset(
            w if w.endswith("'") else fold(w) for w in data.get("before_date_fillers", ())
        ),
        background=tuple(fold(w) for w in data.get("background_leads", ())),
        since=frozenset(fold(w) for w in data.get("period_start", ())),
    )


def _words_before(
    text: str, start: int, count: int, *, strip: str = "", folded: bool = True
) -> list[str]:
    """Up to ``count`` words before ``start``, nearest first, lowercase and (when
    ``folded``) without accents; "d'" and "l'" kept apart.

    Only white space separates words, and the characters in ``strip`` (a comma, say).
    """
    words: list[str] = []
    end = start
    while len(words) < count:
        found = _last_word(text, end, strip)
        if found is None:
            break
        begin, stop = found
        word = text[begin:stop].lower().replace("’", "'")
        cut = word.rfind("'") + 1
        if word[cut:]:
            words.append(fold(word[cut:]) if folded else word[cut:])
        if cut:
            words.append(word[:cut])
        end = begin
    return words[:count]


def _last_word(text: str, end: int, strip: str) -> tuple[int, int] | None:
    """Where the last word before ``end`` lies, past white space, then the characters in
    ``strip``, then white space again: read backwards from ``end``, so that looking a few
    words back costs those words, not the text before them."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    while stop > 0 and text[stop - 1] in strip:
        stop -= 1
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    begin = stop
    while begin > 0 and _is_word_char(text[begin - 1]):
        begin -= 1
    return (begin, stop) if begin < stop else None


def _is_word_char(char: str) -> bool:
    """A character of a word (``[\\w'’-]``): a letter, digit or underscore, an apostrophe
    or a hyphen."""
    return char.isalnum() or char in "_'’-"


def _names_a_thing(text: str, start: int, words: _RoleWords) -> bool:
    """True when the expression follows "de"/"du"/"d'" that hangs it on a non-time noun.

    Accents are kept for the preposition: "dès samedi" starts a time, "des" does not.
    """
    before = _words_before(text, start, 4, folded=False)
    while before and (_filler(before[0], words) or _ORDINAL.match(before[0])):
        before.pop(0)
    if not before or before[0] not in _OF:
        return False
    return len(before) < 2 or fold(before[1]) not in words.adverbial


def _filler(word: str, words: _RoleWords) -> bool:
    return word in words.fillers or fold(word) in words.fillers


def _governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _is_main(verb: Token) -> bool:
    """The sentence's root verb, a verb coordinated with it, or an inserted reporting clause."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in _MAIN_DEPS


def date_role(
    doc: Doc, start: int, end: int, *, lang: str = "fr", deictic: bool = False
) -> str | None:
    """``main``, ``clause``, ``aside`` or ``noun`` for the date expression at ``[start, end)``.

    ``deictic``: the expression counts from the day it is said ("aujourd'hui", "hier",
    "ce soir"); inside a quotation that is the speaker's day, which the article does not
    give (a statement quoted the next day), so it is ``aside``.
    """
    words = _role_words(lang)
    if _names_a_thing(doc_text(doc), start, words):
        return "noun"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    opening = doc_text(doc)[span.sent.start_char : start]
    if deictic and _quoted(opening):
        return "aside"
    if set(_words_before(opening, len(opening), _SINCE_REACH, strip=",")) & words.since:
        return "aside"  # "depuis le 17 novembre": where a period starts, not an event's day
    if _background(opening, words.background):
        return "aside"
    if _after_gerund(span):
        return "aside"
    verb = _governing_verb(span.root)
    if verb is None:
        return "main"  # a verbless heading or dateline dates what it heads
    if (_bare_participle(verb) and _detached(verb)) or _gerund(verb):
        return "aside"
    return "main" if _is_main(verb) else "clause"


def _quoted(opening: str) -> bool:
    """The sentence up to the date leaves a quotation open."""
    if any(opening.count(a) > opening.count(b) for a, b in _QUOTE_PAIRS):
        return True
    return opening.count('"') % 2 == 1


def _background(opening: str, leads: tuple[str, ...]) -> bool:
    """The date's comma-delimited segment lies in a concessive or conditional clause.

    "Même si la grève a repris samedi, le gouvernement ...": read from the text, since
    the parser often makes such a clause's verb the root.
    """
    segment = f" {fold(opening.rsplit(',', 1)[-1])} "
    return any(f" {lead} " in segment for lead in leads)


def _after_gerund(span: Span) -> bool:
    """A gerund ("en annonçant ...") opens the date's comma-delimited segment before it.

    The date is then part of what the gerund tells, even where the parser hung it on
    the main verb (as it does across quotation marks: « en annonçant une réunion
    "dimanche" »).
    """
    doc = span.doc
    for i in range(span.start - 1, span.sent.start, -1):
        token = doc[i]
        if token.text in _SEGMENT_ENDS:
            return False
        if _present_participle(token) and _after_en(token):
            return True
    return False


def _present_participle(token: Token) -> bool:
    morph = token.morph
    return morph.get("VerbForm", []) == ["Part"] and morph.get("Tense", []) == ["Pres"]


def _after_en(token: Token) -> bool:
    """The participle follows "en", perhaps with clitic pronouns between ("en se mettant")."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].pos_ == "PRON" and token.i - i <= 2:
        i -= 1
    return i >= 0 and doc[i].lower_ == "en"


def _gerund(verb: Token) -> bool:
    """A present participle or gerund clause ("en promettant ... samedi prochain"): what it
    dates is the content of the circumstance, not the sentence's event."""
    return (
        verb.dep_ == "advcl"
        and verb.morph.get("VerbForm", []) == ["Part"]
        and (verb.morph.get("Tense", []) == ["Pres"])
    )


def _detached(verb: Token) -> bool:
    """A participle set off by a comma ("Né le 3 mars 1990, le suspect ...")."""
    doc = verb.doc
    first = verb.left_edge.i
    before = doc[first - 1].text if first > 0 else ""
    after = doc[verb.right_edge.i + 1].text if verb.right_edge.i + 1 < len(doc) else ""
    return (first == verb.sent.start or before == ",") and after == ","


def _bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary: an adjunct, even where the parser made it root."""
    if "Part" not in verb.morph.get("VerbForm", []) or "Past" not in verb.morph.get("Tense", []):
        return False
    return not any(c.dep_ in _AUX_DEPS for c in verb.children)
