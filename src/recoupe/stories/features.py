"""What story clustering reads of one article: content terms, name keys, dates, an embedding.

Every language is handled from ``Article.text`` alone: a regex tokeniser, simplemma
lemmas and per-language stop words for terms, capitalised word runs for names, four-digit
years for dates. When the per-article analysis found more (NER mention keys, dates resolved
against the publication date), that is added. Terms never come from spaCy lemmas, so an
article gets the same terms whichever pipeline analysed it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources as importlib_resources
from itertools import pairwise

import numpy as np
import simplemma
from anyascii import anyascii
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

from recoupe import resources
from recoupe.model import Analysis, Article

# A sentence encoder: texts in, one row per text out (USE-multilingual gives 512 columns).
Encoder = Callable[[Sequence[str]], np.ndarray]

# The lead (title and first sentences) says which event an article reports; later
# sentences drift to background. Weights halve sentence by sentence (news' inverted
# pyramid); on ECB+ dev this separates sibling events better than the whole-text mean.
LEAD_SENTENCES = 8
LEAD_DECAY = 0.5
TITLE_CHARS = 160

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_URL = re.compile(r"https?\s*:|www\s*\.|://")
# The lead is prose: a URL, a timestamp or a byline left in the body says nothing of the
# event and, embedded, makes unrelated articles look alike.
PROSE_WORDS = 4  # at least this many words of letters...
PROSE_SHARE = 0.6  # ...making at least this share of the words
# "47 000", "2.418", "152\u202f000": one number, not "47" and a "000" that every large
# figure shares; the figure itself (a toll, a sum) is a word of its event.
_DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?![\d]|[.,]\d)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFeatures:
    """The clustering view of one article; computed once, per article, anywhere."""

    article_id: str
    terms: dict[str, float]  # folded lemma -> 1 + ln(count)
    entities: tuple[str, ...]  # folded name keys: whole names and their words, sorted
    dates: tuple[str, ...]  # ISO days (YYYY-MM-DD) and years (YYYY) named, sorted
    published: dt.date | None = None
    # ranks of a recurring event's occurrences it names ("la troisième journée de grève"), sorted
    ordinals: tuple[int, ...] = ()
    embedding: tuple[float, ...] = ()  # unit vector of the lead; empty without an encoder
    title: str | None = None
    outlet: str | None = None
    language: str | None = None


def extract_features(
    article: Article, analysis: Analysis | None = None, *, encoder: Encoder | None = None
) -> ArticleFeatures:
    """The features of ``article`` (and of its analysis, when given) for story clustering."""
    return with_analysis(text_features(article, encoder=encoder), analysis)


def text_features(article: Article, *, encoder: Encoder | None = None) -> ArticleFeatures:
    """The features ``article``'s text gives alone, before its analysis is known (they can
    be read while the analysis runs); ``with_analysis`` adds the analysis's."""
    body = _body_text(article)
    lang = (article.language or "").lower()
    sentences = list(_sentences(body))
    lead = _lead(article, sentences)
    embedding: tuple[float, ...] = ()
    if encoder is not None and lead:
        embedding = _lead_embedding(encoder, lead)
    return ArticleFeatures(
        article_id=article.id,
        terms=_term_weights(body, lang),
        entities=_names(set(_name_keys(sentences, lang)), lang),
        dates=_days_and_years({m.group(1) for m in _YEAR.finditer(body)}),
        published=article.published,
        ordinals=occurrence_ranks(f"{article.title or ''}\n{body}", lang),
        embedding=embedding,
        title=article.title or _headline(body),
        outlet=article.outlet or article.agency,
        language=lang or None,
    )


def with_analysis(features: ArticleFeatures, analysis: Analysis | None) -> ArticleFeatures:
    """``features`` of an article's text with the names and days its analysis found."""
    if analysis is None:
        return features
    entities = set(features.entities)
    for mention in analysis.mentions:
        entities.update(_keys_of_name(mention.key or mention.span.text))
    dates = set(features.dates)
    for ref in analysis.dates:
        if ref.kind == "date" and ref.iso:
            dates.add(ref.iso if ref.granularity == "day" else ref.iso[:4])
    return replace(
        features,
        entities=_names(entities, features.language or ""),
        dates=_days_and_years(dates),
    )


def occurrence_ranks(text: str, lang: str) -> tuple[int, ...]:
    """The ranks of a recurring event's occurrences ``text`` names: "la troisième journée
    de grève", "le 12e jour du procès", "l'acte II" (the words of ``resources/<lang>/
    recurring.toml``; none without them)."""
    ranked, numbered, words = _occurrence_patterns(lang)
    folded = fold(text).replace("\u2019", "'")
    ranks = set()
    for m in ranked.finditer(folded):
        ranks.add(words[m.group(1)] if m.group(1) else int(m.group(2)))
    for m in numbered.finditer(folded):
        rank = m.group(1)
        ranks.add(int(rank) if rank.isdigit() else _roman(rank))
    return tuple(sorted(r for r in ranks if 0 < r <= MAX_RANK))


# The highest rank read: "le 150e anniversaire" is no occurrence of a weekly event.
MAX_RANK = 60
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_NEVER = re.compile(r"(?!)")


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


@cache
def _occurrence_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    data = _optional_resource(lang, "recurring")
    words = {fold(w): int(rank) for w, rank in data.get("ordinals", {}).items()}
    occurrence = data.get("occurrence", {})
    nouns, numbered = occurrence.get("nouns", []), occurrence.get("numbered", [])
    if not words or not nouns:
        return _NEVER, _NEVER, words
    between = occurrence.get("between", [])
    gap = rf"(?:(?:{_alt(between)})\s+)?" if between else ""
    suffixes = _alt(occurrence.get("suffixes", ["e"]))
    idioms = occurrence.get("not_followed_by", [])
    not_idiom = rf"(?!\s+(?:{_alt(idioms)})\b)" if idioms else ""
    ranked = re.compile(
        rf"\b(?:({_alt(words)})|(\d{{1,2}})(?:{suffixes}))\s+{gap}(?:{_alt(nouns)})\b{not_idiom}"
    )
    by_number = (
        re.compile(rf"\b(?:{_alt(numbered)})\s+(\d{{1,2}}|[ivxl]{{1,6}})\b") if numbered else _NEVER
    )
    return ranked, by_number, words


def _alt(items: Iterable[str]) -> str:
    """A regex alternation of the folded ``items``, longest first."""
    return "|".join(re.escape(fold(i)) for i in sorted(items, key=len, reverse=True))


def _names(keys: set[str], lang: str) -> tuple[str, ...]:
    # A stop word is no name on its own: "de" of "Pont de Valdorra", a capitalised "Le".
    stop = stop_words(lang)
    return tuple(sorted(key for key in keys if key not in stop))


def _days_and_years(dates: set[str]) -> tuple[str, ...]:
    return tuple(sorted(d for d in dates if len(d) in (4, 10)))


def lead_sentences(article: Article) -> list[str]:
    """The sentences whose embedding stands for ``article``: its title and first prose."""
    return _lead(article, list(_sentences(_body_text(article))))


def _lead(article: Article, sentences: list[str]) -> list[str]:
    prose = [sentence for sentence in sentences if _is_prose(sentence)]
    return ([article.title] if article.title else []) + prose[:LEAD_SENTENCES]


def fold(word: str) -> str:
    """Lowercase ``word`` and strip its accents (Cyrillic and other scripts are kept)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _body_text(article: Article) -> str:
    if not article.body:
        return article.text
    return "\n".join(span.text for span in article.body)


def _sentences(text: str) -> Iterator[str]:
    for line in text.splitlines():
        for piece in _SENTENCE_END.split(line.strip()):
            if piece:
                yield piece


def _headline(body: str) -> str | None:
    """A title for an article that has none: the first sentence of its first line of
    prose (a URL or a timestamp is not one), whole when a sentence split would leave an
    abbreviation ("U.S."), shortened on a word boundary when long."""
    line = next((ln.strip() for ln in body.splitlines() if _is_prose(ln)), None)
    if line is None:
        return None
    first = next(_SENTENCE_END.finditer(line), None)
    if first is not None and _is_prose(line[: first.start()]):
        line = line[: first.start()]
    if len(line) <= TITLE_CHARS:
        return line
    cut = line.rfind(" ", 0, TITLE_CHARS)
    return line[: cut if cut > 0 else TITLE_CHARS].rstrip(" ,;:") + "…"


def _is_prose(sentence: str) -> bool:
    if _URL.search(sentence):
        return False
    words = _TOKEN.findall(sentence)
    lettered = sum(1 for w in words if any(c.isalpha() for c in w))
    return lettered >= PROSE_WORDS and lettered >= PROSE_SHARE * len(words)


def _term_weights(text: str, lang: str) -> dict[str, float]:
    stop = stop_words(lang)
    counts: Counter[str] = Counter()
    for match in _TOKEN.finditer(_DIGIT_GROUPS.sub(_join_digits, text)):
        word = match.group()
        if word.isdigit():
            # Years are dates (below); other short numbers are too common to tell events apart.
            if len(word) < 3 or _YEAR.fullmatch(word):
                continue
            counts[word] += 1
            continue
        term = _lemma(word.lower(), lang)
        if len(term) > 1 and term not in stop:
            counts[term] += 1
    return {term: 1.0 + math.log(n) for term, n in sorted(counts.items())}


def _join_digits(match: re.Match[str]) -> str:
    return re.sub(r"\D", "", match.group())


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    if lang in SUPPORTED_LANGUAGES:
        word = simplemma.lemmatize(word, lang=lang)
    return fold(word)


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The folded stop words of ``lang`` (empty when the language has no list)."""
    return frozenset(fold(w) for w in _optional_resource(lang, "stopwords").get("words", ()))


def _optional_resource(lang: str, name: str) -> dict:
    """``resources/<lang>/<name>.toml``, or nothing when the language has none."""
    ref = importlib_resources.files(resources).joinpath(lang or "_", f"{name}.toml")
    return resources.load(lang, name) if lang and ref.is_file() else {}


def _name_keys(sentences: list[str], lang: str) -> Iterator[str]:
    """Keys of runs of capitalised words; a lone capitalised first word is not a name.

    A run stops at any word that is not capitalised and at punctuation between words.
    """
    stop = stop_words(lang)
    for sentence in sentences:
        run: list[str] = []
        starts_sentence = False
        previous_end = 0
        for position, match in enumerate(_TOKEN.finditer(sentence)):
            word = match.group()
            joined = not sentence[previous_end : match.start()].strip()
            previous_end = match.end()
            if run and not joined:
                yield from _run_keys(run, starts_sentence)
                run = []
            if word[0].isupper() and fold(word) not in stop:
                if not run:
                    starts_sentence = position == 0
                run.append(word)
                continue
            yield from _run_keys(run, starts_sentence)
            run = []
        yield from _run_keys(run, starts_sentence)


def _run_keys(run: list[str], starts_sentence: bool) -> Iterator[str]:
    if not run or (starts_sentence and len(run) == 1):
        return
    yield from _keys_of_name(" ".join(run))
    if starts_sentence and len(run) > 2:
        # The first word may be a capitalised common word ("Meeting John Smith ...").
        yield from list(_keys_of_name(" ".join(run[1:])))[:1]


def _keys_of_name(name: str) -> Iterator[str]:
    """The whole name, its words and its word pairs, so that "Chancellor Tomas Berger"
    and "Tomas Berger" share keys; anyascii folds scripts too (Latin and Cyrillic alike)."""
    words = [w for w in anyascii(name).lower().replace(".", " ").split() if len(w) > 1]
    if not words:
        return
    yield " ".join(words)
    if len(words) > 1:
        yield from words
    if len(words) > 2:
        yield from (f"{a} {b}" for a, b in pairwise(words))


def _lead_embedding(encoder: Encoder, lead: list[str]) -> tuple[float, ...]:
    vectors = np.asarray(encoder(lead), dtype=np.float64)
    weights = LEAD_DECAY ** np.arange(len(lead), dtype=np.float64)
    mean = weights @ vectors
    norm = float(np.linalg.norm(mean))
    if norm == 0.0:
        return ()
    return tuple(np.asarray(mean / norm, dtype=np.float32).tolist())
