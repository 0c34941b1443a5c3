"""Divergences within one fact: the slots on which its sentences part.

- ``date``: the sentences name different days for the event;
- ``value``: different numbers for the same unit ("30 jours" / "60 jours");
- ``detail``: a duration, date or number that only some accounts give;
- ``polarity``: one account negates what another asserts;
- ``modality``: agreed / proposed / refused / discussed ... differ;
- ``condition``: a condition only some accounts carry;
- ``attribution``: the accounts credit different primary sources (``attribution``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from recoupe.model import Fact, Quantity

from .attribution import attribution
from .names import fold
from .origins import Resolver
from .sides import Found, side, split
from .units import Unit

__all__ = ["MODALITIES", "compare_fact"]

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
# Claim modalities that say what was done with a proposal; "discussed" against
# "carried_out" is two ways of telling one talk, not a divergence.
MODALITIES = frozenset({"agreed", "proposed", "refused", "requested"})


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


def compare_fact(
    fact: Fact,
    members: Sequence[Unit],
    resolve: Resolver | None = None,
    *,
    origin_of: Mapping[str, str] | None = None,
) -> list[Found]:
    """The divergences between the sentences of one fact, slot by slot."""
    found: list[Found] = []
    ids = (fact.id,)
    if len({u.article_id for u in members}) < 2:
        return found
    days = split(members, _day)
    if len([d for d in days if d]) > 1:
        sides = tuple(side(f"on {d}" if d else "no day given", us, d) for d, us in days.items())
        found.append(Found("date", "the accounts date the event differently", ids, sides))
    values: dict[str, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for u in members:
        for unit_word, nums in _values(u).items():
            values[unit_word][",".join(sorted(nums))].append(u)
    for unit_word, by_number in sorted(values.items()):
        if len(by_number) > 1:
            sides = tuple(side(f"{n} {unit_word}", us, n) for n, us in by_number.items())
            found.append(Found("value", f"different figures for '{unit_word}'", ids, sides))
    durations = split(members, _duration_label)
    if len(durations) > 1:
        sides = tuple(
            side(f"for {d}" if d else "no duration given", us, d) for d, us in durations.items()
        )
        kind = "value" if len([d for d in durations if d]) > 1 else "detail"
        found.append(Found(kind, "the accounts give different durations", ids, sides))
    ages = split(members, _age_label)
    if len(ages) > 1:
        sides = tuple(side(f"aged {a}" if a else "no age given", us, a) for a, us in ages.items())
        kind = "value" if len([a for a in ages if a]) > 1 else "detail"
        found.append(Found(kind, "the accounts give different ages", ids, sides))
    polarities = split(members, _polarity)
    if len(polarities) > 1:
        sides = tuple(side(p or "", us, p) for p, us in polarities.items())
        found.append(Found("polarity", "one account negates what another asserts", ids, sides))
    modalities = split(members, _modality)
    if len([m for m in modalities if m]) > 1:
        sides = tuple(side(m or "stated", us, m) for m, us in modalities.items())
        found.append(
            Found("modality", "agreed, proposed or refused: the accounts differ", ids, sides)
        )
    conditions = split(members, _condition_label)
    if len(conditions) > 1:
        sides = tuple(side(c, us) for c, us in conditions.items() if c)
        found.append(Found("condition", "a condition only some accounts carry", ids, sides))
    found += attribution(fact, members, resolve)
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
