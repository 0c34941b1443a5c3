"""Agreed, or agreed to negotiate: one account has the parties agree to something,
another only agree to talk about it.

"Les deux ministres ont accepté une trêve sur le port" and "les deux ministres ont
convenu d'ouvrir des pourparlers sur une trêve du port" tell two different outcomes
of one meeting: a reader of the first believes the truce is agreed. Such sentences
are often aligned apart (the second is mostly about the talks), so they are compared
across the story: an agreement claim (AGREE, told as agreed, in the positive) whose
clause opens on talks (``modality.toml [negotiation]``: "d'ouvrir des pourparlers
sur ...") against one of another article, not copying it, whose clause agrees to the
thing itself and names it with ``MIN_SHARED`` of the same words ("trêve", "port" ...,
synonyms merged). A clause that agrees to both (a truce, and talks on another one)
is no side; two sentences the story dates to different days are an evolution of the
talks, not a divergence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from functools import cache

from recoupe import resources
from recoupe.model import Claim

from .names import fold, folded_pattern
from .origins import accounts_apart
from .sides import Found, side
from .similarity import terms_of
from .units import Unit

__all__ = ["CONFIDENCE", "MIN_SHARED", "negotiation_divergences"]

# Words the negotiated thing and the agreed thing must share (stems, synonyms merged):
# the thing named, not one word of a single-topic story ("salaires").
MIN_SHARED = 3
# Both outcomes may have been reported at different moments of the talks: a lead.
CONFIDENCE = 0.45


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a clause that opens on talks, any word for talks), on folded text."""
    data = resources.load("fr", "modality").get("negotiation", {})
    openings, fillers = (
        folded_pattern(data.get(key, ()), before="", after="").pattern
        for key in ("openings", "fillers")
    )
    talks = folded_pattern(data.get("talks", ()), before="", after=r"\w*").pattern
    opening = re.compile(rf"^(?:(?:d |de |a )?{openings}\s+)?(?:{fillers}\s+)*{talks}")
    return opening, re.compile(rf"\b{talks}")


def _agreed(u: Unit, claim: Claim) -> tuple[bool, frozenset[str]] | None:
    """(whether the claim agrees to talks, the terms of what it agrees to or talks
    about); None for no positive agreement, or one that agrees to both."""
    if claim.category != "AGREE" or claim.modality != "agreed" or claim.polarity != "positive":
        return None
    start = u.sentence.start
    clause = fold(u.sentence.text[claim.predicate.end - start : claim.span.end - start]).strip()
    opening, talk = _patterns()
    opened = opening.match(clause)
    if opened:
        return True, frozenset(terms_of(clause[opened.end() :]))
    if talk.search(clause):
        return None  # agrees to something and to talks of another: no side
    return False, frozenset(terms_of(clause))


def negotiation_divergences(
    units: Sequence[Unit],
    *,
    origin_of: Mapping[str, str] | None = None,
    copies: Collection[frozenset[str]] | None = None,
    fact_of: Mapping[int, str] | None = None,
) -> list[Found]:
    """For each thing agreed to be negotiated, the agreements to the thing itself that
    other articles tell. ``fact_of`` gives the fact of each unit index, for the
    report's links. Sentences naming the same words are read once (copies of one
    dispatch repeat them)."""
    origin_of, fact_of = origin_of or {}, fact_of or {}
    talked: dict[frozenset[str], list[Unit]] = defaultdict(list)
    dealt: dict[frozenset[str], list[Unit]] = defaultdict(list)
    for u in units:
        for claim in u.claims:
            agreement = _agreed(u, claim)
            if agreement is not None:
                talks, terms = agreement
                (talked if talks else dealt)[terms].append(u)

    def apart(u: Unit, v: Unit) -> bool:
        return (
            v.article_id != u.article_id
            and not (u.day and v.day and u.day != v.day)
            and accounts_apart([{u.article_id}, {v.article_id}], origin_of, copies)
        )

    found = []
    for terms, talkers in talked.items():
        dealers = [
            v for theirs, vs in dealt.items() if len(terms & theirs) >= MIN_SHARED for v in vs
        ]
        ones = list(dict.fromkeys(u for u in talkers if any(apart(u, v) for v in dealers)))
        others = list(dict.fromkeys(v for v in dealers if any(apart(u, v) for u in ones)))
        if not ones or not others:
            continue
        facts = tuple(dict.fromkeys(f for w in (*ones, *others) if (f := fact_of.get(w.index))))
        found.append(
            Found(
                "modality",
                "one account has the parties agree to negotiate what another has them agree to",
                facts,
                (side("agreed to negotiate", ones, "negotiate"), side("agreed", others, "agreed")),
                CONFIDENCE,
                about="negotiation",
            )
        )
    return found
