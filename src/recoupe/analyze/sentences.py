"""``recoupe_sentences``: rule-based sentence starts, placed before the parser.

Parser boundaries are poor on news copy (they split "Donald | Trump" and keep
paragraphs together), so every line break starts a sentence and sentence-final
punctuation ends one, with closing quote marks and brackets kept on the sentence
they close. The parser respects preset boundaries.
"""

from __future__ import annotations

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
        after_final = False
        after_break = True
        for token in doc:
            if token.is_space:
                # whitespace stays with the sentence before it; the next word starts
                token.is_sent_start = token.i == 0
                if "\n" in token.text:
                    after_break, after_final = True, False
                continue
            text = token.text
            if after_break:
                start = True
            elif after_final:
                # "etc. et ..." and "M. le ministre" stay one sentence; a closer stays behind
                start = text not in CLOSERS and not text[:1].islower() and text not in FINAL
            else:
                start = False
            token.is_sent_start = start
            after_break = False
            if text in FINAL or _final_token(text):
                after_final = True
            elif text not in CLOSERS:
                after_final = False
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
