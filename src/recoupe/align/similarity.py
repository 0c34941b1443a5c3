"""Lexical similarity of statements within one story: TF-IDF fitted on the story itself.

A statement is represented by its content words (folded, lightly stemmed, French
function words left out) plus the lemmas the analysis gives; TF-IDF is fitted per
story, so the words every article repeats (the protagonists, "entretien") weigh
little and the words that tell one fact from another weigh much. Numbers that two
statements share add to their score: "412" or "60 jours" in two accounts rarely
meet by chance (DEPENDENCIES.md §3.5: TF-IDF was the best single method on the seeds).

A statement that points back to the previous sentence ("Il a approuvé ce projet")
borrows that sentence's terms at a lower weight, so that it can meet the accounts
that spell out what "ce projet" was.

Two statements credited to one source are compared without the words that name it:
"la situation était plus calme, a déclaré le ministre X" and "le ministre X a dit ne
pas avoir de tabou" share their speaker, not a claim, and the speaker's name and title
would otherwise make them look alike.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from functools import cache
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from recoupe import resources

from .entities import EntityIndex
from .names import fold, function_words
from .repeated import Repeated, distinct
from .units import VAGUE_COUNTS, Unit, in_digits

__all__ = [
    "NUMBER_BONUS",
    "PEOPLE_PENALTY",
    "block_similarities",
    "numbers_of",
    "penalize_other_people",
    "similarity_matrix",
    "terms_of",
    "unit_numbers",
    "unit_similarity",
]

# Added to the cosine for each number two statements share (at most two count).
NUMBER_BONUS = 0.1
# Factor on the score of two statements naming different people (neither set of
# persons contains the other): two calls with two different leaders are two facts.
PEOPLE_PENALTY = 0.5
# Factor on the score of two statements whose figures count one thing at orders of size
# apart (beyond ``count_ratio``): a toll and another count of the same people.
TALLY_PENALTY = 0.5
# Factor on the score of two statements that both give figures in digits but count
# nothing in common (injured against arrests): two tallies of one day are two facts.
# Leave-one-out on the dev stories and the seeds: every factor from 0.70 to 0.85 gives
# the same groups on all four and the best (dev story 1 pair F1 0.613 -> 0.616, dev story 2 0.623 ->
# 0.634, dev story 3 and seeds unchanged); 0.65 and below cost the seeds a fact, 0.9
# and above change nothing; the plateau chosen with any one story held out holds 0.75.
OTHER_COUNTS_PENALTY = 0.75
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Plural and derivational endings stripped so "grèves"/"grève", "économique"/"économie"
# meet; the stem keeps at least four letters.
_SUFFIXES = (
    "ements",
    "ement",
    "ations",
    "ation",
    "iques",
    "ique",
    "euses",
    "euse",
    "eurs",
    "eur",
    "aient",
    "ait",
    "ees",
    "ee",
    "er",
    "ir",
    "es",
    "s",
    "x",
    "e",
)


@cache
def _synonyms() -> tuple[tuple[re.Pattern[str], dict[str, str]], dict[str, str]]:
    """Phrases (as one pattern) and words mapped to their group's token.

    Words are looked up as written (singular and plural) before their stem, so that
    a group can hold a word whose stem is another group's ("armee" is not "arme").
    """
    phrases: dict[str, str] = {}
    words: dict[str, str] = {}
    exact: dict[str, str] = {}
    for n, group in enumerate(resources.load("fr", "synonyms").get("groups", ())):
        token = f"syn{n}"
        for entry in group:
            folded = fold(entry)
            if " " in folded:
                phrases[folded] = token
            else:
                words[_stem(folded)] = token
                exact[folded] = exact[folded + "s"] = token
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\b") if phrases else re.compile(r"(?!x)x")
    return (pattern, phrases), {**words, **{f"={w}": t for w, t in exact.items()}}


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def terms_of(text: str, lemmas: str = "") -> list[str]:
    """The comparison terms of a statement: stemmed content words (synonyms merged), lemmas."""
    stop = function_words()
    (pattern, phrases), synonyms = _synonyms()
    folded = pattern.sub(_phrase_token(phrases), fold(text))
    words = []
    for w in folded.split():
        if len(w) <= 2 or w in stop or w.isdigit():
            continue
        stem = _stem(w)
        words.append(synonyms.get("=" + w) or synonyms.get(stem, stem))
    lemma_terms = []
    for lemma in lemmas.split():
        folded = fold(lemma)
        stem = _stem(folded)
        lemma_terms.append("=" + (synonyms.get("=" + folded) or synonyms.get(stem, stem)))
    return words + lemma_terms


def _phrase_token(phrases: dict[str, str]):
    def token(match: re.Match[str]) -> str:
        return phrases[match.group()]

    return token


def numbers_of(text: str) -> frozenset[str]:
    """The numbers written in digits in ``text`` ("412", "60", "2,5")."""
    return frozenset(m.group().replace(",", ".") for m in _NUMBER.finditer(text))


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def similarity_matrix(
    texts: Sequence[str],
    lemmas: Sequence[str],
    *,
    contexts: Sequence[tuple[str, str] | None] = (),
    context_weight: float = 0.0,
) -> np.ndarray:
    """Pairwise similarity of the statements: TF-IDF cosine plus shared-number bonus.

    ``contexts`` gives, for a statement that points back to the sentence before it,
    that sentence's text and lemmas: its terms join the statement's vector at
    ``context_weight`` (the statement's own terms weigh 1).
    """
    return _matrices(texts, lemmas, contexts, context_weight)[0]


def block_similarities(texts: Sequence[str], blocks: Sequence[Sequence[int]]) -> list[np.ndarray]:
    """The similarity of the statements within each block (rows and columns in the block's
    order), as ``similarity_matrix`` scores them (TF-IDF fitted on every text, plus the
    shared-number bonus), without the whole matrix of every pair."""
    docs = _terms_once(texts, [""] * len(texts))
    if not any(docs):
        return [np.zeros((len(block), len(block))) for block in blocks]
    matrix = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform(docs)
    nums = [numbers_of(t) for t in texts]
    out = []
    for block in blocks:
        rows = matrix[list(block)]
        out.append((rows @ rows.T).toarray() + _number_bonus([nums[i] for i in block]))
    return out


def unit_similarity(
    units: Sequence[Unit], index: EntityIndex, *, context_weight: float, count_ratio: float = 0.0
) -> tuple[Repeated, Repeated]:
    """The units' similarity with borrowed context, and with their own words only.

    Both carry the shared-number bonus and the penalty for different people. Units alike
    in all that the scores read (a sentence copied from one dispatch into many articles)
    are scored once (``repeated.py``): the matrices read as the full ones would.
    """
    texts = [u.sentence.text for u in units]
    lemmas = [u.lemmas for u in units]
    contexts = [(u.context.text, u.context_lemmas) if u.context else None for u in units]
    people = [frozenset(e for e in u.entities if index.label(e) == "PER") for u in units]
    numbers = [unit_numbers(u) for u in units]
    tallies = [unit_tallies(u) if count_ratio > 1 else {} for u in units]
    speakers = [_speaker(u) for u in units]
    first, rows = distinct(
        [
            (
                texts[i],
                lemmas[i],
                contexts[i],
                numbers[i],
                people[i],
                _tally_key(tallies[i]),
                speakers[i],
            )
            for i in range(len(units))
        ]
    )
    docs = _terms_once(texts, lemmas)
    sim, own, sim_self, own_self = _matrices(
        texts, lemmas, contexts, context_weight, numbers=numbers, keep=first, docs=docs
    )
    sim, own = _speaker_aside(
        sim,
        own,
        [units[i] for i in first],
        [speakers[i] for i in first],
        [numbers[i] for i in first],
        [docs[i] for i in first],
    )
    kept_people = [people[i] for i in first]
    sim, own = penalize_other_people(sim, kept_people), penalize_other_people(own, kept_people)
    if count_ratio > 1:
        kept_tallies = [tallies[i] for i in first]
        sim = penalize_other_tallies(sim, kept_tallies, count_ratio)
        own = penalize_other_tallies(own, kept_tallies, count_ratio)
    return Repeated(sim, rows, itself=sim_self), Repeated(own, rows, itself=own_self)


def _tally_key(tallies: dict[str, list[float]]) -> tuple[tuple[str, tuple[float, ...]], ...]:
    return tuple(sorted((c, tuple(v)) for c, v in tallies.items()))


def unit_tallies(unit: Unit) -> dict[str, list[float]]:
    """The figures in digits of a unit, by what they count (the vague "people" left out)."""
    out: dict[str, list[float]] = {}
    for q in unit.quantities:
        if q.counts and q.counts not in VAGUE_COUNTS and q.value > 0 and in_digits(q):
            out.setdefault(q.counts, []).append(q.value)
    return out


def penalize_other_tallies(
    sim: np.ndarray, tallies: Sequence[dict[str, list[float]]], ratio: float
) -> np.ndarray:
    """``sim`` scaled down for two statements counting one thing with far-apart figures,
    and for two whose figures count nothing in common (``OTHER_COUNTS_PENALTY``).

    "12 policiers blessés" and "40 000 policiers mobilisés" count police both, at
    orders of size no two accounts of one tally differ by: they state two facts; so do
    "35 blessés" and "80 interpellations", whatever words they share ("bilan").
    Statements giving the same figures are compared once, as one group.
    """
    out = _penalize_other_counts(sim, tallies)
    width = math.log(ratio)
    groups = _grouped([_tally_key(t) if t else None for t in tallies])
    by_count: dict[str, list[int]] = {}
    for g, (figures, _) in enumerate(groups):
        for counted, _values in figures:
            by_count.setdefault(counted, []).append(g)
    for g, (figures, rows) in enumerate(groups):
        a = dict(figures)
        for h in sorted({h for c in a for h in by_count[c] if h > g}):
            b = dict(groups[h][0])
            shared = a.keys() & b.keys()
            if not any(abs(math.log(x / y)) <= width for c in shared for x in a[c] for y in b[c]):
                _scale(out, rows, groups[h][1], TALLY_PENALTY)
    return out


def _penalize_other_counts(
    sim: np.ndarray, tallies: Sequence[dict[str, list[float]]]
) -> np.ndarray:
    """``sim`` times ``OTHER_COUNTS_PENALTY`` for each two statements that both count
    something and count nothing in common (one sparse product, no loop over pairs)."""
    out = np.array(sim, dtype=np.float64, copy=True)
    counting = np.array([bool(t) for t in tallies], dtype=bool)
    if counting.sum() < 2:
        return out
    shared = shared_counts([frozenset(t) for t in tallies]).toarray()
    apart = counting[:, None] & counting[None, :] & (shared == 0)
    out[apart] *= OTHER_COUNTS_PENALTY
    return out


def _grouped(keys: Sequence[Any]) -> list[tuple[Any, np.ndarray]]:
    """The distinct non-None ``keys``, in order of first use, with the rows that have each."""
    rows: dict[Any, list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            rows.setdefault(key, []).append(i)
    return [(key, np.asarray(found)) for key, found in rows.items()]


def _scale(out: np.ndarray, rows: np.ndarray, cols: np.ndarray, factor: float) -> None:
    """Every pair of a row of ``rows`` and a row of ``cols`` (both ways) times ``factor``."""
    out[np.ix_(rows, cols)] *= factor
    out[np.ix_(cols, rows)] *= factor


def unit_numbers(unit: Unit) -> frozenset[str]:
    """The numbers of a unit's sentence, each figure the analysis read taken as its value.

    "248 000", "248.000" and "248'000" are one number, 248000; digits outside any
    quantity the analysis found count as written.
    """
    sentence = unit.sentence
    # figures in words ("des centaines", "trois") are too common to tell facts apart
    read = [q for q in unit.quantities if in_digits(q) and q.kind != "ordinal"]
    values = {f"{q.value:g}" for q in read}
    for m in _NUMBER.finditer(sentence.text):
        start = sentence.start + m.start()
        if not any(q.span.start <= start < q.span.end for q in read):
            values.add(m.group().replace(",", "."))
    return frozenset(values)


def _matrices(
    texts: Sequence[str],
    lemmas: Sequence[str],
    contexts: Sequence[tuple[str, str] | None],
    context_weight: float,
    *,
    numbers: Sequence[frozenset[str]] | None = None,
    keep: Sequence[int] | None = None,
    docs: list[list[str]] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(with context, own words only), computed on one fit; ``numbers`` per statement
    (digits as written when not given); then the diagonal of each, a statement with itself.

    With ``keep``, the rows and columns of those statements only, each standing for its
    copies: the weights are still fitted on all statements, and two copies share their
    numbers (the diagonal returned is that of one statement with itself, no bonus).
    """
    whole = keep is None
    kept = range(len(texts)) if keep is None else keep
    n = len(kept)
    docs = _terms_once(texts, lemmas) if docs is None else docs
    if n == 0 or not any(docs):
        return np.zeros((n, n)), np.zeros((n, n)), np.zeros(n), np.zeros(n)
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    # fitted on every statement, then the kept rows taken as they are (their stored
    # order kept, so each product sums in the same order as the full matrix's)
    matrix = vectorizer.fit_transform(docs)[list(kept)]
    nums = numbers if numbers is not None else [numbers_of(t) for t in texts]
    bonus = _number_bonus([nums[i] for i in kept], with_itself=not whole)
    product = (matrix @ matrix.T).toarray()
    own, own_self = product + bonus, product.diagonal().copy()
    kept_contexts = [contexts[i] if i < len(contexts) else None for i in kept]
    borrowing = [k for k, ctx in enumerate(kept_contexts) if ctx is not None]
    if not borrowing or context_weight <= 0:
        return own, own.copy(), own_self, own_self.copy()
    matrix = _borrow_context(matrix, vectorizer, kept_contexts, borrowing, context_weight)
    product = (matrix @ matrix.T).toarray()
    return product + bonus, own, product.diagonal().copy(), own_self


def _terms_once(texts: Sequence[str], lemmas: Sequence[str]) -> list[list[str]]:
    """The terms of each statement, worked out once per distinct text and lemmas (the
    copies of one dispatch share them)."""
    known: dict[tuple[str, str], list[str]] = {}
    docs = []
    for key in zip(texts, lemmas, strict=True):
        if key not in known:
            known[key] = terms_of(*key)
        docs.append(known[key])
    return docs


def _number_bonus(nums: Sequence[frozenset[str]], *, with_itself: bool = False) -> np.ndarray:
    """``NUMBER_BONUS`` for each number two statements share, up to two (on the diagonal
    too when ``with_itself``: a row that stands for copies shares its numbers with them)."""
    shared = shared_counts(nums).toarray()
    if not with_itself:
        np.fill_diagonal(shared, 0.0)
    return NUMBER_BONUS * np.minimum(shared, 2)


def shared_counts(sets: Sequence[Collection[Hashable]]) -> csr_matrix:
    """How many items each two of ``sets`` share, as a sparse matrix (the diagonal holds
    each set's size): one product of sets by items, never a loop over pairs."""
    vocabulary: dict[Hashable, int] = {}
    rows, cols = [], []
    for row, found in enumerate(sets):
        for item in found:
            rows.append(row)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    shape = (len(sets), max(len(vocabulary), 1))
    incidence = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    return (incidence @ incidence.T).tocsr()


def _borrow_context(matrix, vectorizer, contexts, rows, weight):
    """``matrix`` with the rows in ``rows`` joined by their context's vector and renormalised."""
    matrix = matrix.tolil()
    borrowed = vectorizer.transform([terms_of(*contexts[i]) for i in rows])
    for k, i in enumerate(rows):
        row = matrix[i].toarray()[0] + weight * borrowed[k].toarray()[0]
        norm = float(np.linalg.norm(row))
        matrix[i] = row / norm if norm else row
    return matrix.tocsr()


def penalize_other_people(sim: np.ndarray, people: Sequence[frozenset[str]]) -> np.ndarray:
    """``sim`` with pairs of statements naming different sets of people scaled down
    (statements naming the same people compared once, as one group)."""
    out = sim.copy()
    groups = _grouped([found or None for found in people])
    for g, (a, rows) in enumerate(groups):
        for b, cols in groups[g + 1 :]:
            if not (a <= b or b <= a):
                _scale(out, rows, cols, PEOPLE_PENALTY)
    return out


def _speaker(u: Unit) -> str | None:
    """The key of the source the sentence names as its speaker, when its name is inside
    the sentence."""
    source = u.attribution
    if source is None or source.key is None or source.span is None:
        return None
    inside = u.sentence.start <= source.span.start and source.span.end <= u.sentence.end
    return source.key if inside else None


def _without_speaker(u: Unit) -> tuple[str, str]:
    """The sentence's text and lemmas less the words naming its speaker."""
    span = u.attribution.span if u.attribution is not None else None
    if span is None:
        return u.sentence.text, u.lemmas
    start, end = span.start - u.sentence.start, span.end - u.sentence.start
    text = u.sentence.text[:start] + " " + u.sentence.text[end:]
    named = Counter(fold(w) for w in span.text.split())
    kept = []
    for lemma in u.lemmas.split():
        if named[fold(lemma)] > 0:
            named[fold(lemma)] -= 1
        else:
            kept.append(lemma)
    return text, " ".join(kept)


def _speaker_aside(
    sim: np.ndarray,
    own: np.ndarray,
    units: Sequence[Unit],
    speakers: Sequence[str | None],
    numbers: Sequence[frozenset[str]],
    terms: Sequence[list[str]],
) -> tuple[np.ndarray, np.ndarray]:
    """``sim`` and ``own`` with each two statements credited to one source (``speakers``,
    ``_speaker``) scored at most as their words less the source's name score (see the
    module docstring); ``terms`` are the statements' terms, worked out once for the
    story."""
    groups = [(key, rows) for key, rows in _grouped(speakers) if len(rows) > 1]
    if not groups:
        return sim, own
    grouped = {int(i) for _, rows in groups for i in rows}
    docs = [
        terms_of(*_without_speaker(u)) if k in grouped else list(terms[k])
        for k, u in enumerate(units)
    ]
    if not any(docs):
        return sim, own
    matrix = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform(docs)
    sim, own = sim.copy(), own.copy()
    for _key, rows in groups:
        part = matrix[rows]
        words = (part @ part.T).toarray() + _number_bonus([numbers[i] for i in rows])
        np.fill_diagonal(words, np.inf)  # a statement with itself keeps its score
        block = np.ix_(rows, rows)
        sim[block] = np.minimum(sim[block], words)
        own[block] = np.minimum(own[block], words)
    return sim, own
