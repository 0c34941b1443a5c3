"""Source profiles: what each article carries, leaves out and alone reports, and signs of
machine translation in its text.

Translation signs (``resources/fr/translation.toml``), each a ``Note`` with its span:

- ``glued_words``: a lowercase word run into a capitalised one inside a token
  ("appelM."), where a translation engine lost a space;
- ``english_phrase``: two or more capitalised common English words in mid-sentence;
- ``capitalised_function_word``: a French function word capitalised in mid-sentence
  ("l'idée Pour un"), a calque of English title case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from recoupe import resources
from recoupe.model import AnalyzedArticle, Fact, Note, SourceProfile, TextSpan

from .names import fold, function_words

__all__ = ["build_profiles", "translation_signs"]

_GLUED = re.compile(r"\b[a-zà-öø-ÿœ]{2,}[A-ZÀ-ÖØ-Þ][\w.]*")
_TITLE_RUN = re.compile(r"(?<![.!?:«\"“]\s)(?<!^)\b(?:[A-Z][a-z]+\s+){1,}[A-Z][a-z]+\b")
_CAPITAL_WORD = re.compile(r"(?<=[a-zà-ÿ,]\s)([A-ZÀ-Ý][a-zà-ÿ]+)\b")


@cache
def _english() -> frozenset[str]:
    return frozenset(resources.load("fr", "translation").get("english_words", ()))


def translation_signs(item: AnalyzedArticle) -> tuple[Note, ...]:
    """Notes on the spans of ``item``'s sentences that look machine-translated."""
    text = item.article.text
    notes: list[Note] = []
    english = _english()
    grammar = function_words()
    for sentence in item.analysis.sentences:
        body = sentence.text
        for m in _GLUED.finditer(body):
            notes.append(_note("glued_words", "a space lost between two words", sentence, m, text))
        for m in _TITLE_RUN.finditer(body):
            words = [fold(w) for w in m.group().split()]
            if sum(w in english for w in words) >= 2:
                notes.append(
                    _note("english_phrase", "an untranslated English phrase", sentence, m, text)
                )
        for m in _CAPITAL_WORD.finditer(body):
            if fold(m.group(1)) in grammar and len(m.group(1)) > 2:
                notes.append(
                    _note(
                        "capitalised_function_word",
                        "a function word capitalised in mid-sentence (English title case)",
                        sentence,
                        m,
                        text,
                    )
                )
    return tuple(sorted(notes, key=_note_order))


def _note(code: str, detail: str, sentence: TextSpan, m: re.Match[str], text: str) -> Note:
    start = sentence.start + m.start()
    end = sentence.start + m.end()
    return Note(code=code, detail=detail, span=TextSpan(start=start, end=end, text=text[start:end]))


def _note_order(note: Note) -> tuple[int, str]:
    return (note.span.start if note.span else -1, note.code)


def build_profiles(
    analyzed: Sequence[AnalyzedArticle], facts: Sequence[Fact], origin_of: dict[str, str]
) -> tuple[SourceProfile, ...]:
    """One profile per article, in story order."""
    profiles = []
    for item in analyzed:
        article = item.article
        carried = tuple(f.id for f in facts if article.id in f.sources)
        # a fact two other articles report is a fact the story has; one alone is not
        omitted = tuple(f.id for f in facts if article.id not in f.sources and len(f.sources) >= 2)
        unique = tuple(f.id for f in facts if f.sources == (article.id,))
        profiles.append(
            SourceProfile(
                article_id=article.id,
                source=article.source,
                outlet=article.outlet,
                published=article.published,
                language=article.language,
                facts_carried=carried,
                facts_omitted=omitted,
                unique_facts=unique,
                unique_share=round(len(unique) / len(carried), 3) if carried else 0.0,
                origin=origin_of.get(article.id),
                notes=translation_signs(item),
            )
        )
    return tuple(profiles)
