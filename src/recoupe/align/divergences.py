"""Divergences: where the accounts of one fact differ, and what some accounts leave out.

Rules on aligned facts (no French NLI model works offline, DEPENDENCIES.md §3.6):
the sentences of one fact are compared slot by slot, and each slot on which they
part puts its sides next to each other.

- ``date``: the sentences name different days for the event;
- ``value``: different numbers for the same unit ("30 jours" / "60 jours");
- ``detail``: a duration, date or number that only some accounts give;
- ``polarity``: one account negates what another asserts;
- ``modality``: agreed / proposed / refused / discussed ... differ;
- ``condition``: a condition only some accounts carry;
- ``attribution``: the accounts credit different primary sources;
- ``omission``: a fact most articles carry that one leaves out, or a sentence
  saying a statement "did not mention" what the article just reported;
- ``loaded_language`` and ``naming``: wording only some outlets use
  (``resources/fr/loaded.toml``).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from recoupe import resources
from recoupe.model import (
    AnalyzedArticle,
    Divergence,
    Evidence,
    Fact,
    Quantity,
    Side,
    TextSpan,
)

from .dates import article_bases
from .facts import FactGroup
from .names import fold
from .origins import Resolver, source_key
from .units import Unit

__all__ = ["find_divergences"]

_NEGATION = re.compile(
    r"\b(?:ne|n)\s+(?:\w+\s+){0,3}?(?:pas|jamais|plus|aucun|aucune|rien|guere)\b"
)
_CONDITION = re.compile(
    r"\b(?:si|s il|s ils|a condition|pourvu que|a moins que|sous reserve|condition)\b"
)
_DURATION = re.compile(
    r"\b(\d+(?:[.,]\d+)?)\s+(jours?|semaines?|mois|ans|annees?|heures?|minutes?)\b", re.IGNORECASE
)
_VALUE = re.compile(r"\b(\d+(?:[.,]\d+)?)\s+([a-zA-Zàâçéèêëîïôûùüÿœ]{3,})")
# Verbs of reporting that, negated, say a statement left something out.
_SILENCE = re.compile(
    r"\b(?:mentionn|contenai|contient|contenu|evoqu|precis|cit|inclu|fai\w* etat|abord"
    r"|reprend|reprenai|signal)\w*"
)
# Claim modalities that say what was done with a proposal; "discussed" against
# "carried_out" is two ways of telling one talk, not a divergence.
MODALITIES = frozenset({"agreed", "proposed", "refused", "requested"})


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    reason: str
    facts: tuple[str, ...]
    sides: tuple[Side, ...]


def _evidence(u: Unit) -> Evidence:
    return Evidence(article_id=u.article_id, span=u.span, attribution=u.attribution)


def _side(label: str, members: Sequence[Unit], value: str | None = None) -> Side:
    return Side(
        label=label,
        value=value,
        sources=tuple(dict.fromkeys(u.article_id for u in members)),
        evidence=tuple(_evidence(u) for u in members),
    )


def _split(
    members: Sequence[Unit], slot: Callable[[Unit], str | None]
) -> dict[str | None, list[Unit]]:
    by_value: dict[str | None, list[Unit]] = defaultdict(list)
    for u in members:
        by_value[slot(u)].append(u)
    return by_value


def _polarity(u: Unit) -> str:
    claim = u.claim
    if claim is not None and u.claims:
        return claim.polarity
    return "negative" if _NEGATION.search(fold(u.sentence.text)) else "positive"


def _modality(u: Unit) -> str | None:
    claim = u.claim
    return claim.modality if claim is not None and claim.modality in MODALITIES else None


def _has_condition(u: Unit) -> bool:
    if any(c.condition is not None for c in u.claims):
        return True
    return not u.claims and bool(_CONDITION.search(fold(u.sentence.text)))


def _durations(u: Unit) -> frozenset[str]:
    spans = [q.span for q in u.quantities if q.kind == "duration"]
    found = {
        f"{q.value:g} {q.unit or ''}".strip() for q in u.quantities if q.kind == "duration"
    } | {
        f"{d.days:g} jour"
        for d in u.dates
        if d.kind == "duration"
        and d.days
        # one expression read by both components ("30 jours") is one duration
        and not any(s.start < d.span.end and d.span.start < s.end for s in spans)
    }
    if not found and not u.quantities and not u.dates:
        found = {
            f"{m.group(1)} {m.group(2).lower().rstrip('s')}"
            for m in _DURATION.finditer(u.sentence.text)
        }
    return frozenset(found)


def _values(u: Unit) -> dict[str, set[str]]:
    """Numbers of a sentence by the word they count: "12 navires" -> {"navire": {"12"}}.

    Durations, ages and ranks ("tome IV", "2e") are no counts: they are compared apart
    or not at all.
    """
    by_unit: dict[str, set[str]] = defaultdict(set)
    if u.quantities:
        for q in u.quantities:
            if q.kind not in ("duration", "offset", "age", "ordinal"):
                by_unit[fold(q.unit or q.kind).rstrip("s")].add(_figure_label(q))
        return by_unit
    dates = [(d.span.start, d.span.end) for d in u.dates]
    for m in _VALUE.finditer(u.sentence.text):
        at = u.sentence.start + m.start()
        if any(s <= at < e for s, e in dates) or _DURATION.match(m.group()):
            continue
        by_unit[fold(m.group(2)).rstrip("s")].add(m.group(1))
    return by_unit


def _compare_fact(
    fact: Fact, members: Sequence[Unit], resolve: Resolver | None = None
) -> list[_Found]:
    found: list[_Found] = []
    ids = (fact.id,)
    if len({u.article_id for u in members}) < 2:
        return found
    days = _split(members, _day)
    if len([d for d in days if d]) > 1:
        sides = tuple(_side(f"on {d}" if d else "no day given", us, d) for d, us in days.items())
        found.append(_Found("date", "the accounts date the event differently", ids, sides))
    values: dict[str, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for u in members:
        for unit_word, nums in _values(u).items():
            values[unit_word][",".join(sorted(nums))].append(u)
    for unit_word, by_number in sorted(values.items()):
        if len(by_number) > 1:
            sides = tuple(_side(f"{n} {unit_word}", us, n) for n, us in by_number.items())
            found.append(_Found("value", f"different figures for '{unit_word}'", ids, sides))
    durations = _split(members, _duration_label)
    if len(durations) > 1:
        sides = tuple(
            _side(f"for {d}" if d else "no duration given", us, d) for d, us in durations.items()
        )
        kind = "value" if len([d for d in durations if d]) > 1 else "detail"
        found.append(_Found(kind, "the accounts give different durations", ids, sides))
    ages = _split(members, _age_label)
    if len(ages) > 1:
        sides = tuple(_side(f"aged {a}" if a else "no age given", us, a) for a, us in ages.items())
        kind = "value" if len([a for a in ages if a]) > 1 else "detail"
        found.append(_Found(kind, "the accounts give different ages", ids, sides))
    polarities = _split(members, _polarity)
    if len(polarities) > 1:
        sides = tuple(_side(p or "", us, p) for p, us in polarities.items())
        found.append(_Found("polarity", "one account negates what another asserts", ids, sides))
    modalities = _split(members, _modality)
    if len([m for m in modalities if m]) > 1:
        sides = tuple(_side(m or "stated", us, m) for m, us in modalities.items())
        found.append(
            _Found("modality", "agreed, proposed or refused: the accounts differ", ids, sides)
        )
    conditions = _split(members, _condition_label)
    if len(conditions) > 1:
        sides = tuple(_side(c, us) for c, us in conditions.items() if c)
        found.append(_Found("condition", "a condition only some accounts carry", ids, sides))
    # Sources are told apart by who they are ("Varga" and "Ilona Varga" are one),
    # and shown by the name the first account gives.
    sources = _split(members, lambda u: source_key(u.attribution, resolve))
    if len([key for key in sources if key]) > 1:
        sides = tuple(
            _side(f"according to {name}" if name else "not attributed", us, name)
            for us in sources.values()
            for name in (_source_label(us[0]),)
        )
        found.append(_Found("attribution", "the accounts credit different sources", ids, sides))
    return found


def _day(u: Unit) -> str | None:
    return u.day


def _duration_label(u: Unit) -> str | None:
    d = _durations(u)
    return ", ".join(sorted(d)) if d else None


def _figure_label(q: Quantity) -> str:
    """A figure as a side shows it, with its qualifier and range: "about 1000", "10-20"."""
    between = ":" if q.kind == "ratio" else "-"
    figure = f"{q.value:g}" if q.value2 is None else f"{q.value:g}{between}{q.value2:g}"
    return f"{q.qualifier.replace('_', ' ')} {figure}" if q.qualifier else figure


def _age_label(u: Unit) -> str | None:
    """The ages a sentence gives ("Marie, 52 ans"): a detail of its own, no duration."""
    ages = sorted({f"{q.value:g}" for q in u.quantities if q.kind == "age"})
    return ", ".join(ages) if ages else None


def _condition_label(u: Unit) -> str:
    return "with a condition" if _has_condition(u) else "without condition"


def _source_label(u: Unit) -> str | None:
    key = source_key(u.attribution)
    if key is None or u.attribution is None:
        return None
    return u.attribution.name or key


def _omissions(
    facts: Sequence[Fact],
    groups: Sequence[FactGroup],
    units: Sequence[Unit],
    sim: np.ndarray,
    *,
    n_articles: int,
    share: float,
    threshold: float,
) -> list[_Found]:
    found: list[_Found] = []
    need = max(2, math.ceil(share * n_articles))
    by_article: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_article[u.article_id].append(u)
    for fact, group in zip(facts, groups, strict=True):
        if len(fact.sources) < need or not fact.omitted_by:
            continue
        members = [units[m] for m in group.members]
        sides = [_side("reported", members)]
        for article_id in fact.omitted_by:
            near = _nearest(group, by_article[article_id], sim, threshold / 2)
            sides.append(
                _side("left out" + (" (closest account)" if near else ""), near, None)
                if near
                else Side(label="left out", sources=(article_id,))
            )
        found.append(
            _Found(
                "omission",
                f"reported by {len(fact.sources)} of {n_articles} articles, left out by the others",
                (fact.id,),
                tuple(sides),
            )
        )
    return found


def _nearest(
    group: FactGroup, candidates: Sequence[Unit], sim: np.ndarray, floor: float
) -> list[Unit]:
    best, best_u = floor, None
    for u in candidates:
        score = max(float(sim[m, u.index]) for m in group.members)
        if score >= best:
            best, best_u = score, u
    return [best_u] if best_u is not None else []


def _silences(
    facts: Sequence[Fact], groups: Sequence[FactGroup], units: Sequence[Unit]
) -> list[_Found]:
    """Sentences saying a statement left out what the article just reported."""
    found: list[_Found] = []
    previous: dict[int, Unit] = {}
    last: Unit | None = None
    for u in units:
        if last is not None and last.article == u.article:
            previous[u.index] = last
        last = u
    member_of: dict[int, list[int]] = defaultdict(list)
    for f_pos, group in enumerate(groups):
        for m in group.members:
            member_of[m].append(f_pos)
    for u in units:
        text = fold(u.sentence.text)
        if not (_NEGATION.search(text) and _SILENCE.search(text)) or u.index not in previous:
            continue
        before = previous[u.index]
        reported = [before]
        fact_ids = []
        for f_pos in member_of[before.index]:
            fact_ids.append(facts[f_pos].id)
            reported += [units[m] for m in groups[f_pos].members if units[m].index != before.index]
        fact_ids += [facts[f_pos].id for f_pos in member_of[u.index]]
        found.append(
            _Found(
                "omission",
                "the article says a statement left out what it has just reported",
                tuple(dict.fromkeys(fact_ids)),
                (_side("reported", list(dict.fromkeys(reported))), _side("left out", [u])),
            )
        )
    return found


@cache
def _term_patterns(section: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    terms = resources.load("fr", "loaded").get(section, {}).get("terms", ())
    out = []
    for term in terms:
        body = re.escape(term.rstrip("*")).replace(r"\ ", " ")
        tail = r"\w*" if term.endswith("*") else ""
        out.append((term.rstrip("*"), re.compile(rf"\b{body}{tail}\b")))
    return tuple(out)


def _wording(
    analyzed: Sequence[AnalyzedArticle], section: str
) -> dict[str, dict[str, list[TextSpan]]]:
    """For each term of ``section``, the sentences of each article that use it."""
    uses: dict[str, dict[str, list[TextSpan]]] = defaultdict(lambda: defaultdict(list))
    for item in analyzed:
        for sentence in item.analysis.sentences:
            text = fold(sentence.text)
            for term, pattern in _term_patterns(section):
                if pattern.search(text):
                    uses[term][item.article.id].append(sentence)
    return uses


def _loaded(analyzed: Sequence[AnalyzedArticle]) -> list[_Found]:
    ids = [item.article.id for item in analyzed]
    uses = _wording(analyzed, "loaded")
    by_article: dict[str, list[tuple[str, TextSpan]]] = defaultdict(list)
    for term, per_article in uses.items():
        for article_id, spans in per_article.items():
            by_article[article_id] += [(term, s) for s in spans]
    if not by_article or len(by_article) == len(ids):
        return []
    sides = []
    for article_id in ids:
        if article_id not in by_article:
            continue
        terms = sorted({t for t, _ in by_article[article_id]})
        spans = sorted({s for _, s in by_article[article_id]})
        sides.append(
            Side(
                label="uses " + ", ".join(f"'{t}'" for t in terms),
                value=", ".join(terms),
                sources=(article_id,),
                evidence=tuple(Evidence(article_id=article_id, span=s) for s in spans),
            )
        )
    plain = tuple(a for a in ids if a not in by_article)
    sides.append(Side(label="none of these words", sources=plain))
    return [
        _Found(
            "loaded_language",
            f"{len(by_article)} of {len(ids)} articles use loaded or partisan words",
            (),
            tuple(sides),
        )
    ]


def _naming(analyzed: Sequence[AnalyzedArticle]) -> list[_Found]:
    uses = _wording(analyzed, "naming")
    if len(uses) < 2:
        return []
    sides = []
    for term in (t for t, _ in _term_patterns("naming")):
        per_article = uses.get(term)
        if not per_article:
            continue
        evidence = tuple(Evidence(article_id=a, span=spans[0]) for a, spans in per_article.items())
        sides.append(
            Side(label=f"'{term}'", value=term, sources=tuple(per_article), evidence=evidence)
        )
    return [_Found("naming", "the articles name the events with different words", (), tuple(sides))]


def _page_dates(
    analyzed: Sequence[AnalyzedArticle], units: Sequence[Unit], story_date: str | None
) -> list[_Found]:
    """Articles dated far from the story: their "today" is the page's day, not the event's."""
    if story_date is None:
        return []
    bases = article_bases(analyzed)
    found: list[_Found] = []
    for item in analyzed:
        article = item.article
        if article.published is None or bases.get(article.id) is not None:
            continue
        relative = [
            u
            for u in units
            if u.article_id == article.id and any(d.kind == "date" and d.relative for d in u.dates)
        ]
        dated: dict[str, Unit] = {}
        for u in units:
            if u.day == story_date and u.article_id != article.id:
                dated.setdefault(u.article_id, u)
        if not relative:
            continue
        found.append(
            _Found(
                "date",
                f"the article is dated {article.published.isoformat()}, far from the story's "
                f"{story_date}: its relative dates read against that date contradict the others",
                (),
                (
                    _side(f"page dated {article.published.isoformat()}", relative),
                    _side(f"on {story_date}", list(dated.values()), story_date),
                ),
            )
        )
    return found


def find_divergences(
    analyzed: Sequence[AnalyzedArticle],
    facts: Sequence[Fact],
    groups: Sequence[FactGroup],
    units: Sequence[Unit],
    sim: np.ndarray,
    *,
    omission_share: float,
    threshold: float,
    story_date: str | None = None,
    resolve: Resolver | None = None,
) -> tuple[Divergence, ...]:
    """Every divergence of the story, with ids v1, v2 ... (facts in order, then wording).

    ``resolve`` names the entity behind a source, so that two names of one source agree.
    """
    found: list[_Found] = []
    for fact, group in zip(facts, groups, strict=True):
        found += _compare_fact(fact, [units[m] for m in group.members], resolve)
    found += _omissions(
        facts,
        groups,
        units,
        sim,
        n_articles=len(analyzed),
        share=omission_share,
        threshold=threshold,
    )
    found += _silences(facts, groups, units)
    found += _page_dates(analyzed, units, story_date)
    found += _loaded(analyzed)
    found += _naming(analyzed)
    return tuple(
        Divergence(id=f"v{n}", kind=f.kind, reason=f.reason, facts=f.facts, sides=f.sides)
        for n, f in enumerate(found, start=1)
    )
