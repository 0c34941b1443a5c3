"""Divergences within one fact: the slots on which its sentences part.

- ``date``: the sentences name different days for the event;
- ``value`` and ``evolution``: figures of one count that cannot both be true (``values``);
- ``qualifier``: one figure given as exact, approximate or a bound (``qualifiers``);
- ``detail``: a duration, date or number that only some accounts give;
- ``polarity``: one account negates the very verb another asserts (``negation``);
- ``modality``: agreed / proposed / refused / discussed ... differ, or one account has
  a source state what another has the same source only suggest (``_hedging``);
- ``condition``: a condition only some accounts carry;
- ``place``: one claim told at different places ("A ou B" / "B ou C");
- ``attribution``: the accounts credit different primary sources (``attribution``);
- ``actors`` and ``stance``: one action credited to different actors (``actors``), one
  person's reaction told as different acts (``stances``);
- ``edit``: two copies of one sentence of one dispatch whose words differ.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from difflib import SequenceMatcher
from functools import cache, lru_cache

from recoupe import resources
from recoupe.model import Fact

from .actors import actor_divergences
from .attribution import attribution
from .entities import EntityIndex
from .names import fold, folded_pattern
from .negation import Polarity, polarity_of
from .origins import Resolver, accounts_apart
from .qualifiers import qualifier_divergences
from .sides import Found, side, split
from .stances import stance_divergences
from .units import Unit
from .values import DURATION, value_divergences

__all__ = ["MODALITIES", "compare_fact"]

_CONDITION = re.compile(
    r"\b(?:si|s il|s ils|a condition|pourvu que|a moins que|sous reserve|condition)\b"
)
# "depuis (plus de) trois semaines": how long something has gone on, not the event's length
_SINCE = re.compile(r"\bdepuis(?:\s+\w+){0,2}\s*$")
# Claim modalities that say what was done with a proposal; "discussed" against
# "carried_out" is two ways of telling one talk, not a divergence.
MODALITIES = frozenset({"agreed", "proposed", "refused", "requested"})
# Share of the shorter sentence's words (five-letter stems) that a conditional sentence,
# its condition set aside, shares with another: above, they state one claim.
SAME_CLAIM = 0.7
# Share of a condition's words (five-letter stems) that another account's sentence
# carrying most of them states it too, without "si": "reprendra le travail si les salaires
# sont augmentés" against "reprendra le travail, mais les salaires devront être
# augmentés". Dev stories and seeds: the same from 0.3 to 0.7 (the seeds lose the one
# condition divergence of this kind, which no gold entry has); half, away from both ends.
STATED_CONDITION = 0.5
# Share of their words two sentences of one dispatch keep in order to be copies of one
# sentence, one of them edited (difflib's ratio); below, they are two sentences.
EDITED_COPY = 0.6


def _modality(u: Unit) -> str | None:
    claim = u.claim
    return claim.modality if claim is not None and claim.modality in MODALITIES else None


@cache
def _asking() -> tuple[str, ...]:
    data = resources.load("fr", "modality").get("condition", {})
    return tuple(fold(w)[:5] for w in data.get("asking", ()))


def _condition_span(u: Unit) -> tuple[int, int] | None:
    """Where the sentence's condition lies (offsets in the sentence), if it has one.

    "si" after a verb of asking or telling ("sans préciser s'il ...") opens an indirect
    question, not a condition.
    """
    text = u.sentence.text
    spans = [
        (c.condition.start - u.sentence.start, c.condition.end - u.sentence.start)
        for c in u.claims
        if c.condition is not None
    ]
    if not spans and not u.claims:
        folded = fold(text)
        # the condition runs from its marker to the next comma
        spans = [(m.start(), _clause_end(folded, m.end())) for m in _CONDITION.finditer(folded)]
    for start, end in spans:
        before = fold(text[:start]).split()[-2:]
        if not any(w[:5] in _asking() for w in before):
            return start, end
    return None


def _clause_end(text: str, start: int) -> int:
    comma = text.find(",", start)
    return comma if comma >= 0 else len(text)


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    """Five-letter stems of the words of ``text`` longer than three letters (a sentence is
    read once, however many facts hold it)."""
    return frozenset(w[:5] for w in fold(text).split() if len(w) > 3)


def _conditions(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """A condition one account attaches to a claim another states without it.

    The claims must be the same: the conditional sentence without its condition shares
    most of its words (``SAME_CLAIM``) with the other account's sentence.
    """
    spans = {u.index: _condition_span(u) for u in members}
    with_: list[Unit] = []
    without: list[Unit] = []
    for a in (u for u in members if spans[u.index] is not None):
        start, end = spans[a.index] or (0, 0)
        rest = _stems(a.sentence.text[:start] + " " + a.sentence.text[end:])
        condition = _stems(a.sentence.text[start:end])
        same = [
            b
            for b in members
            if spans[b.index] is None
            and b.article_id != a.article_id
            and len(rest & (other := _stems(b.sentence.text)))
            >= SAME_CLAIM * min(len(rest), len(other) or 1)
            # "..., mais les salaires devront être augmentés": the other account states
            # the condition in other words
            and len(condition & other) < STATED_CONDITION * len(condition)
        ]
        if same:
            with_.append(a)
            without += [b for b in same if b not in without]
    if not with_:
        return []
    sides = (side("with a condition", with_), side("without condition", without))
    return [
        Found("condition", "one account attaches a condition the others leave out", ids, sides, 0.5)
    ]


def _durations(u: Unit) -> frozenset[str]:
    """How long the sentence's event lasts: "pendant 60 jours" (not "depuis trois semaines",
    the time something has gone on, which is background, nor the duration of what a
    negated clause says did not happen: "n'a pas voté une trêve de 60 jours")."""
    denied = [c.span for c in u.claims if c.polarity == "negative"]
    kept = [
        q
        for q in u.quantities
        if q.kind == "duration"
        and not _since(u, q.span.start)
        and not any(s.start <= q.span.start and q.span.end <= s.end for s in denied)
    ]
    spans = [q.span for q in u.quantities if q.kind == "duration"]
    found = {f"{q.value:g} {q.unit or ''}".strip() for q in kept} | {
        f"{d.days:g} jour"
        for d in u.dates
        if d.kind == "duration"
        and d.days
        and not _since(u, d.span.start)
        # one expression read by both components ("30 jours") is one duration
        and not any(s.start < d.span.end and d.span.start < s.end for s in spans)
    }
    if not found and not u.quantities and not u.dates:
        found = {
            f"{m.group(1)} {m.group(2).lower().rstrip('s')}"
            for m in DURATION.finditer(u.sentence.text)
            if not _since(u, u.sentence.start + m.start())
        }
    return frozenset(found)


def _since(u: Unit, at: int) -> bool:
    """Whether the expression at ``at`` is introduced by "depuis" (a few words before)."""
    before = fold(u.sentence.text[: max(0, at - u.sentence.start)])
    return bool(_SINCE.search(before))


def compare_fact(
    fact: Fact,
    members: Sequence[Unit],
    resolve: Resolver | None = None,
    *,
    origin_of: Mapping[str, str] | None = None,
    context: Sequence[Unit] = (),
    index: EntityIndex | None = None,
    copies: Collection[frozenset[str]] | None = None,
) -> list[Found]:
    """The divergences between the sentences of one fact, slot by slot.

    ``index`` tells which entities are places, for the places a claim is told at.

    ``context`` is the story's units: a role alone ("le ministre") is read as the one
    named person the story's sources give that role.

    Copies of one dispatch (one origin in ``origin_of``) raise no divergence between
    themselves, unless a copy of one sentence was edited: that is shown as an ``edit``.
    """
    if len({u.article_id for u in members}) < 2:
        return []
    ids = (fact.id,)
    found = _dates(ids, members)
    found += value_divergences(ids, members)
    found += qualifier_divergences(ids, members)
    found += _details(ids, members, context)
    found += _polarity_divergence(ids, members)
    found += _modalities(ids, members)
    found += _hedging(ids, members)
    found += _conditions(ids, members)
    if index is not None:
        found += _places(ids, members, index)
        found += actor_divergences(ids, members, index)
        found += stance_divergences(ids, members, index)
    found += attribution(fact, members, resolve, context=context)
    return [w for f in found if (w := _across_origins(f, origin_of or {}, copies)) is not None]


def _places(ids: tuple[str, ...], members: Sequence[Unit], index: EntityIndex) -> list[Found]:
    """One claim told at different places: two sentences stating the same claim (most of
    their words shared, the places' own words aside) whose places differ, neither
    account's places within the other's ("A ou B" against "B ou C")."""
    where = {u.index: _located(u, index) for u in members}
    told = [u for u in members if where[u.index]]
    parted: dict[frozenset[str], list[Unit]] = {}
    for n, a in enumerate(told):
        for b in told[n + 1 :]:
            wa, wb = where[a.index], where[b.index]
            if a.article_id == b.article_id or wa <= wb or wb <= wa:
                continue
            if _same_claim(_stems_without(a, wa, index), _stems_without(b, wb, index)):
                parted.setdefault(wa, []).append(a)
                parted.setdefault(wb, []).append(b)
    if not parted:
        return []
    sides = tuple(
        side(", ".join(sorted(index.name(e) for e in places)), list(dict.fromkeys(us)))
        for places, us in parted.items()
    )
    return [Found("place", "the accounts place one claim differently", ids, sides, 0.45)]


def _located(u: Unit, index: EntityIndex) -> frozenset[str]:
    """The places a sentence tells something happened at: places named right after a
    word of location ("à Brélia", "près du port de X", "dans le centre de Y"), not a
    place named in passing ("le président de la France")."""
    found = set()
    for start, _end, entity in index.mentions_in(u.article_id, u.sentence.start, u.sentence.end):
        if index.label(entity) != "LOC":
            continue
        at = start - u.sentence.start
        before = fold(u.sentence.text[max(0, at - 30) : at]).split()[-3:]
        if any(w in _locatives() for w in before):
            found.add(entity)
    return frozenset(found)


@cache
def _locatives() -> frozenset[str]:
    data = resources.load("fr", "contrasts").get("places", {})
    return frozenset(fold(w) for w in data.get("locatives", ()))


def _stems_without(u: Unit, places: frozenset[str], index: EntityIndex) -> frozenset[str]:
    """The sentence's stems, the words of its places' names left out."""
    names = _stems(" ".join(index.name(e) for e in places))
    return _stems(u.sentence.text) - names


def _across_origins(
    found: Found, origin_of: Mapping[str, str], copies: Collection[frozenset[str]] | None = None
) -> Found | None:
    """``found`` when its sides come from different origins. Within one origin (copies of
    one dispatch) it is an ``edit`` when two copies of one sentence differ in some words,
    and nothing when they are the same words read two ways (the reading differs, not the
    text) or two different sentences of the dispatch."""
    if accounts_apart([s.sources for s in found.sides], origin_of, copies):
        return found
    wordings = sorted({_words(e.span.text) for s in found.sides for e in s.evidence})
    edited = any(
        SequenceMatcher(None, a, b, autojunk=False).ratio() >= EDITED_COPY
        for n, a in enumerate(wordings)
        for b in wordings[n + 1 :]
    )
    if not edited:
        return None
    return Found(
        "edit",
        f"copies of one dispatch differ, one was edited: {found.reason}",
        found.facts,
        found.sides,
        min(found.confidence, 0.4),
    )


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def _dates(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """Two days for one event: only when two sentences naming different days state the
    same claim (most of their words shared), not two events a loose fact holds."""
    days = split(members, _day)
    dated = [(d, us) for d, us in days.items() if d]
    if len(dated) < 2:
        return []
    stems = {u.index: _stems(u.sentence.text) for u in members}
    same = any(
        _same_claim(stems[a.index], stems[b.index])
        for n, (_, us) in enumerate(dated)
        for _, others in dated[n + 1 :]
        for a in us
        for b in others
        if a.article_id != b.article_id
    )
    if not same:
        return []
    sides = tuple(side(f"on {d}" if d else "no day given", us, d) for d, us in days.items())
    return [Found("date", "the accounts date the event differently", ids, sides, 0.5)]


def _same_claim(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) >= SAME_CLAIM * min(len(a), len(b) or 1)


def _details(
    ids: tuple[str, ...], members: Sequence[Unit], context: Sequence[Unit] = ()
) -> list[Found]:
    found = []
    durations = split(members, _duration_label)
    given = {d for u in members for d in _durations(u)}
    if None in durations and len(durations) == 2:
        # an account that gives the duration in the next or the previous sentence gives it
        durations[None] = [u for u in durations[None] if not given & _durations_near(u, context)]
        if not durations[None]:
            del durations[None]
    if len(durations) > 1:
        sides = tuple(
            side(f"for {d}" if d else "no duration given", us, d) for d, us in durations.items()
        )
        both = len([d for d in durations if d]) > 1
        found.append(
            Found(
                "value" if both else "detail",
                "the accounts give different durations",
                ids,
                sides,
                0.6 if both else 0.35,
            )
        )
    # an age only one account gives is a trivial detail (a portrait's aside): only two
    # different ages for one person are worth showing
    ages = split(members, _age_label)
    if len([a for a in ages if a]) > 1:
        sides = tuple(side(f"aged {a}", us, a) for a, us in ages.items() if a)
        found.append(Found("value", "the accounts give different ages", ids, sides, 0.6))
    return found


def _polarity_divergence(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """One account negates the very verb another states ("n'a pas accepté" / "a accepté")."""
    reads = {u.index: polarity_of(u.sentence.text) for u in members}
    clash = _clashes(members, reads)
    if not clash:
        return []
    stem = min(clash, key=lambda s: (-clash[s], s))
    negative = [u for u in members if stem in reads[u.index].negated]
    positive = [u for u in members if stem in reads[u.index].stated]
    sides = (side("negative", negative, "negative"), side("positive", positive, "positive"))
    reason = f"one account negates what another asserts ('{stem}…')"
    return [Found("polarity", reason, ids, sides, 0.6)]


def _clashes(members: Sequence[Unit], reads: dict[int, Polarity]) -> Counter[str]:
    """Per stem, the pairs of sentences of different articles where one negates what the
    other states: counted per two readings (copies read alike), not pair by pair."""
    kinds: dict[tuple[frozenset[str], frozenset[str]], Counter[str]] = {}
    for u in members:
        read = reads[u.index]
        kinds.setdefault((read.negated, read.stated), Counter())[u.article_id] += 1
    listed = list(kinds.items())
    clash: Counter[str] = Counter()
    for n, ((negated, stated), here) in enumerate(listed):
        for m, ((other_negated, other_stated), there) in enumerate(listed[n:], start=n):
            stems = (negated & other_stated) | (other_negated & stated)
            if not stems:
                continue
            same = sum(here[a] * there[a] for a in here if a in there)
            total = here.total() * there.total() - same
            pairs = total // 2 if m == n else total
            for stem in stems if pairs else ():
                clash[stem] += pairs
    return clash


def _modalities(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    modalities = split(members, _modality)
    if len([m for m in modalities if m]) < 2:
        return []
    sides = tuple(side(m or "stated", us, m) for m, us in modalities.items())
    return [Found("modality", "agreed, proposed or refused: the accounts differ", ids, sides, 0.5)]


def _day(u: Unit) -> str | None:
    return u.day


def _durations_near(u: Unit, context: Sequence[Unit]) -> frozenset[str]:
    """The durations the sentences next to ``u`` in its article give (``context`` is the
    story's units, each at its index)."""
    near: set[str] = set()
    for k in (u.index - 1, u.index + 1):
        if (
            0 <= k < len(context)
            and context[k].index == k
            and context[k].article_id == u.article_id
        ):
            near |= _durations(context[k])
    return frozenset(near)


def _duration_label(u: Unit) -> str | None:
    d = _durations(u)
    return ", ".join(sorted(d)) if d else None


def _age_label(u: Unit) -> str | None:
    """The ages a sentence gives ("Marie, 52 ans"): a detail of its own, no duration."""
    ages = sorted({f"{q.value:g}" for q in u.quantities if q.kind == "age"})
    return ", ".join(ages) if ages else None


def _hedging(ids: tuple[str, ...], members: Sequence[Unit]) -> list[Found]:
    """One source credited by one account with a verb that states ("a déclaré que") and
    by another with one that only suggests ("a suggéré que"): the second reports a weaker
    claim. Only the same source counts: two sources speaking two ways is no divergence."""
    found = []
    by_source = split(members, lambda u: u.attribution.key if u.attribution else None)
    for key, told in by_source.items():
        if key is None:
            continue
        strengths = split(told, _strength)
        if strengths.get("stated") and strengths.get("suggested"):
            name = next((u.attribution.name for u in told if u.attribution), None) or key
            sides = (
                side("stated", strengths["stated"], "stated"),
                side("only suggested", strengths["suggested"], "suggested"),
            )
            reason = f"one account has {name} state it, another has {name} only suggest it"
            found.append(Found("modality", reason, ids, sides, 0.5, about=f"hedging|{key}"))
    return found


def _strength(u: Unit) -> str | None:
    """How firmly the unit's verb of saying credits its source: stated, suggested, None."""
    if u.cue is None:
        return None
    tentative, assertive = _strength_patterns()
    cue = fold(u.cue)
    if tentative.search(cue):
        return "suggested"
    return "stated" if assertive.search(cue) else None


@cache
def _strength_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = resources.load("fr", "reporting").get("strength", {})
    tentative, assertive = data.get("tentative", ()), data.get("assertive", ())
    return folded_pattern(tentative, after=""), folded_pattern(assertive, after="")
