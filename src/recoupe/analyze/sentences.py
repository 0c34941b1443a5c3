"""``recoupe_sentences``: rule-based sentence starts, placed before the parser.

Parser boundaries are poor on news copy (they split "Jean | Dupont" and keep
paragraphs together), so every line break starts a sentence and sentence-final
punctuation ends one, with closing quote marks and brackets kept on the sentence
they close. The parser respects preset boundaries.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FINAL = frozenset({".", "!", "?", "…", "...", "!?", "?!"})
CLOSERS = frozenset({"»", "”", '"', "’", "'", ")", "]", "›"})


@Language.factory("recoupe_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Set ``is_sent_start`` on every token from line breaks and final punctuation."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # one flag per token (1 starts a sentence, -1 does not), set in one call:
        # assigning token.is_sent_start one by one costs more than the rule itself
        flags = numpy.full((len(doc), 1), -1, dtype="int32")
        after_final = False
        after_break = True
        for i, text in enumerate(token.text for token in doc):
            if text.isspace():
                # whitespace stays with the sentence before it; the next word starts
                if "\n" in text:
                    after_break, after_final = True, False
                continue
            if after_break or (
                # "etc. et ..." and "M. le ministre" stay one sentence; a closer stays behind
                after_final and text not in CLOSERS and text not in FINAL and not text[:1].islower()
            ):
                flags[i, 0] = 1
            after_break = False
            if text in FINAL or _final_token(text):
                after_final = True
            elif text not in CLOSERS:
                after_final = False
        flags[0, 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc


def _final_token(text: str) -> bool:
    """A word with its full stop attached ("Kiev.") ends a sentence; an abbreviation does not.

    Abbreviations are short ("M.", "av.") or all capitals ("U.S."); a word glued to an
    abbreviation by a missing space ("appelM.") ends in one capital before the dot.
    """
    if len(text) <= 3 or not text.endswith((".", "!", "?")):
        return False
    stem = text[:-1]
    return not stem.replace(".", "").isupper() and not (stem[-1].isupper() and stem[:-1].islower())
