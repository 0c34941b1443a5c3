"""``recoupe_sentences``: rule-based sentence starts, placed before the parser.

Parser boundaries are poor on news copy (they split "Jean | Dupont" and keep
paragraphs together), so every line break starts a sentence and sentence-final
punctuation ends one, with closing quote marks and brackets kept on the sentence
they close. The parser respects preset boundaries.

Scraped copy loses spaces between sentences ("la fin.Le lendemain", "partit!Puis",
"en 2018.La", a link title glued to the lead "des «rues apaisées»La"). The tokenizer
keeps some of these as one token; such a token is split (its characters unchanged, so
offsets hold) and the capital starts a sentence; so is one glued after an acronym
("16 h GMT.Le premier ministre") or after a closing quote (« ... ».Selon). Not split: abbreviations
(``resources/<lang>/sentences.toml``), "M.Dupont" and initials (a capital before the
dot), decimals, addresses, handles and hashtags. A heading glued to its paragraph's
first sentence by a no-break space ("Renforts attendus au port\u00a0Des dockers ont...")
is cut off when the words before the space are few and unpunctuated and the word after
it opens sentences (``heading_glue_openers``) rather than names; so is one glued with
no space at all ("Heurts en provinceSelon les autorités").
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from recoupe import resources

from .doc import doc_text

if TYPE_CHECKING:
    from thinc.types import Ints2d

FINAL = frozenset({".", "!", "?", "…", "...", "!?", "?!"})
# A run of words with no sentence end is cut into sentences of at most this many tokens,
# after its last comma, semicolon or colon where there is one: every later step (parse,
# claims, the reports that quote a sentence) grows with a sentence's length, and a page
# of 300 KB with no full stop took minutes, gigabytes and a 300 MB dossier. The longest
# sentence of the dev and seed stories has 103 tokens, so none is cut.
MAX_SENTENCE_TOKENS = 400
# Marks that pause a sentence without ending it: what follows one after a closing quote
# goes on with the sentence ("« Partez ! », a-t-il dit" is one), and a sentence too long
# is cut after one.
PAUSES = frozenset({",", ";", ":"})
CLOSERS = frozenset({"»", "”", '"', "’", "'", ")", "]", "›"})
# "fin.Le", "2018.La", "partit!Puis": a lower-case letter or a digit, final
# punctuation, then a capitalised word; "jaunes»Les": a closing quote, then one.
_GLUED = re.compile(
    r"(?P<left>.*?[a-zà-öø-ÿ0-9])(?P<mark>[.!?]+|[»”])(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’][\w'’-]*)"
)
# "vers 16 h GMT.Le premier": an acronym of two capitals or more, then a full stop
_GLUED_ACRONYM = re.compile(
    r"(?P<left>(?:.*[^\w.])?[A-ZÀ-ÖØ-Þ]{2,})(?P<mark>[.!?]+)"
    r"(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’][\w'’-]*)"
)
# "actes ».Selon": the tokenizer keeps the full stop on the next word
_AFTER_CLOSER = re.compile(r"(?P<mark>[.!?]+)(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’][\w'’-]*)")
_NOT_PROSE = re.compile(r"[/@#]|www|\.[a-z]{2,4}\.")
# "Heurts aussi en provinceSelon les autorités": a heading glued to its paragraph with
# no mark nor space; split only before a word that opens sentences (heading_glue_openers)
_GLUED_BARE = re.compile(r"(?P<left>[a-zà-öø-ÿ]{3,})(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)")
# Most words a heading glued by a no-break space may have.
HEADING_WORDS = 10


@Language.factory(
    "recoupe_sentences",
    assigns=["token.is_sent_start"],
    default_config={"lang": "fr"},
)
def make_sentences(nlp: Language, name: str, lang: str) -> SentenceSplitter:
    return SentenceSplitter(lang=lang)


class SentenceSplitter:
    """Set ``is_sent_start`` on every token from line breaks and final punctuation."""

    def __init__(self, *, lang: str = "fr") -> None:
        self.abbreviations = _abbreviations(lang)
        self.openers = _heading_openers(lang)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        glued, bare = _split_glued(doc, self.abbreviations, self.openers)
        headed = _after_glued_heading(doc, self.openers) | bare
        # one flag per token (1 starts a sentence, -1 does not), set in one call:
        # assigning token.is_sent_start one by one costs more than the rule itself
        flags = numpy.full((len(doc), 1), -1, dtype="int32")
        after_final = False
        after_break = True
        words: int | None = 0  # words since the sentence started; None once punctuated
        for i, text in enumerate(token.text for token in doc):
            if text.isspace():
                # whitespace stays with the sentence before it; the next word starts
                if "\n" in text:
                    after_break, after_final = True, False
                continue
            if (
                after_break
                or i in glued
                or (i in headed and words is not None and words <= HEADING_WORDS)
                or (
                    # "etc. et ..." and "M. le ministre" stay one sentence; a closer stays
                    # behind, and so does what goes on after one ("« ... ! », a dit X")
                    after_final
                    and text not in CLOSERS
                    and text not in FINAL
                    and not text[:1].islower()
                    and text[:1] not in PAUSES
                )
            ):
                flags[i, 0] = 1
                words = 0
            after_break = False
            if words is not None:
                words = words + 1 if text[:1].isalnum() else None
            if text in FINAL or _final_token(text):
                after_final = True
            elif text not in CLOSERS:
                after_final = False
        flags[0, 0] = 1
        if len(doc) > MAX_SENTENCE_TOKENS:
            _bound(doc, flags)
        doc.from_array([SENT_START], cast("Ints2d", flags.astype("uint64")))
        return doc


def _bound(doc: Doc, flags: numpy.ndarray) -> None:
    """Start a sentence wherever one would run past ``MAX_SENTENCE_TOKENS``: after the
    last pause in its second half, else at the limit."""
    start = 0
    pause = -1  # the last pause since ``start``
    for i in range(1, len(doc)):
        if flags[i, 0] == 1:
            start, pause = i, -1
            continue
        if doc[i - 1].text in PAUSES:
            pause = i
        if i - start >= MAX_SENTENCE_TOKENS:
            cut = pause if pause - start >= MAX_SENTENCE_TOKENS // 2 else i
            flags[cut, 0] = 1
            start, pause = cut, -1


def _final_token(text: str) -> bool:
    """A word with its full stop attached ("Kiev.") ends a sentence; an abbreviation does not.

    Abbreviations are short ("M.", "av.") or all capitals ("U.S."); a word glued to an
    abbreviation by a missing space ("appelM.") ends in one capital before the dot.
    """
    if len(text) <= 3 or not text.endswith((".", "!", "?")):
        return False
    stem = text[:-1]
    return not stem.replace(".", "").isupper() and not (stem[-1].isupper() and stem[:-1].islower())


@cache
def _heading_openers(lang: str) -> frozenset[str]:
    return frozenset(resources.load(lang, "sentences").get("heading_glue_openers", ()))


def _after_glued_heading(doc: Doc, openers: frozenset[str]) -> set[int]:
    """Indices of opening words glued by a no-break space to a lower-case word before.

    The analysis parses text whose no-break spaces became plain ones; the text as read
    (``doc._.recoupe_text``, when set) tells where they were.
    """
    read = doc._.recoupe_text if Doc.has_extension("recoupe_text") else None
    text = read if read is not None else doc_text(doc)
    found = set()
    for token in doc:
        if token.text not in openers or token.idx == 0 or text[token.idx - 1] != "\u00a0":
            continue
        before = doc[token.i - 1] if token.i else None
        if before is not None and before.is_space and "\n" not in before.text and token.i > 1:
            before = doc[token.i - 2]
        if before is not None and before.text.isalpha() and before.text.islower():
            found.add(token.i)
    return found


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in resources.load(lang, "sentences")["abbreviations"])


def _split_glued(
    doc: Doc, abbreviations: frozenset[str], openers: frozenset[str] = frozenset()
) -> tuple[set[int], set[int]]:
    """Split tokens that glue two sentences: the indices of the tokens that start one, and
    of those that start one only if what precedes them is a heading (glued bare)."""
    splits: list[tuple[Token, list[str], bool]] = []
    for token in doc:
        before = doc[token.i - 1].text if token.i else ""
        parts = _glued_parts(token.text, abbreviations, before)
        if parts is not None:
            splits.append((token, parts, False))
        elif (bare := _bare_parts(token.text, openers)) is not None:
            splits.append((token, bare, True))
    if not splits:
        return set(), set()
    with doc.retokenize() as retokenizer:
        for token, parts, _ in splits:
            retokenizer.split(token, parts, heads=[(token, 0)] * len(parts))
    # each split adds len(parts) - 1 tokens: shift the later starts; the last part starts
    starts: set[int] = set()
    headed: set[int] = set()
    added = 0
    for i, count, is_bare in sorted((t.i, len(parts), b) for t, parts, b in splits):
        (headed if is_bare else starts).add(i + added + count - 1)
        added += count - 1
    return starts, headed


def _bare_parts(text: str, openers: frozenset[str]) -> list[str] | None:
    """``[left, right]`` of a word glued to a sentence opener ("provinceSelon"), else None."""
    if len(text) < 5 or text.islower() or not text[:1].islower():
        return None  # most words: all lower case, or capitalised
    match = _GLUED_BARE.fullmatch(text)
    if match is None or match["right"] not in openers or _NOT_PROSE.search(text):
        return None
    return [match["left"], match["right"]]


def _glued_parts(text: str, abbreviations: frozenset[str], before: str = "") -> list[str] | None:
    """``[left, mark, right]`` of a token that glues two sentences (``[mark, right]`` when
    the sentence ended on the closing quote ``before`` it), else None."""
    if (after_closer := _AFTER_CLOSER.fullmatch(text)) and before in CLOSERS:
        return [after_closer["mark"], after_closer["right"]]  # "»" then ".Selon"
    match = _GLUED.fullmatch(text) or _GLUED_ACRONYM.fullmatch(text)
    if match is None or _NOT_PROSE.search(text):
        return None
    left, mark = match["left"], match["mark"]
    if mark == "." and (left.rsplit(".", 1)[-1].casefold() in abbreviations or "." in left):
        return None
    return [left, mark, match["right"]]
