"""Official accounts: which party's readout each outlet's story rests on.

Talks between two parties (a call, a summit, a negotiation) are told from each party's
official account: a readout, a communiqué, a statement on its website. One outlet writes
from one party's account, another from the other's, and the same facts come out
differently. A source that two independent articles credit as a readout ("selon le
communiqué de X", "comme l'indique le site de Y") is an official account of the story.
When the story has two, each article is read for those it credits in any way ("selon
X", "X a annoncé", X's spokesperson), and articles resting on accounts that share none
(one only X's, another only Y's) are an ``attribution`` divergence of the whole story,
not of one fact: the sides show where each article credits each account.

A source one article alone calls a readout (a toll "communiqué" by a news channel) is
no account the coverage rests on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from .attribution import canonical
from .entities import EntityIndex
from .origins import Resolver, accounts_apart
from .sides import Found, side
from .units import Unit

__all__ = ["CONFIDENCE", "MIN_ARTICLES", "official_accounts"]

# Independent articles that must call a source's statement a readout for it to be an
# official account of the story: one outlet's wording is not the coverage's.
MIN_ARTICLES = 2
# Sentences shown for each article on a side.
PER_ARTICLE = 2
# Which account an outlet writes from is a lead for the reader, not a contradiction.
CONFIDENCE = 0.4


def official_accounts(
    units: Sequence[Unit],
    index: EntityIndex,
    resolve: Resolver | None = None,
    *,
    origin_of: Mapping[str, str] | None = None,
    copies: Collection[frozenset[str]] | None = None,
) -> list[Found]:
    """The story's official accounts, when its articles rest on different ones."""
    origin_of = origin_of or {}
    credits: dict[str, dict[str, list[Unit]]] = defaultdict(lambda: defaultdict(list))
    readers: dict[str, set[str]] = defaultdict(set)
    for u in units:
        who = canonical(u.attribution, resolve)
        if who is None or u.attribution is None:
            continue
        for source in who.ids:
            credits[u.article_id][source].append(u)
            if u.attribution.kind == "readout":
                readers[source].add(u.article_id)
    official = {
        source
        for source, articles in readers.items()
        if len(articles) >= MIN_ARTICLES and _independent(articles, origin_of, copies)
    }
    if len(official) < 2:
        return []
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for article, credited in credits.items():
        resting = frozenset(credited) & official
        if resting:
            groups[resting].append(article)
    if not any(
        not a & b and accounts_apart([groups[a], groups[b]], origin_of, copies)
        for a in groups
        for b in groups
    ):
        return []
    sides = tuple(
        side(
            _label([_name(s, index) for s in sorted(resting)]),
            [u for a in articles for s in sorted(resting) for u in credits[a][s][:PER_ARTICLE]],
        )
        for resting, articles in sorted(groups.items(), key=lambda g: (len(g[0]), sorted(g[0])))
    )
    names = " and ".join(_name(s, index) for s in sorted(official))
    reason = f"the articles rest on different official accounts of the story ({names})"
    return [Found("attribution", reason, (), sides, CONFIDENCE, about="official accounts")]


def _label(names: Sequence[str]) -> str:
    """ "rests on X's account", "rests on X's and Y's accounts"."""
    owners = " and ".join(f"{n}'s" for n in names)
    return f"rests on {owners} account" if len(names) == 1 else f"rests on {owners} accounts"


def _independent(
    articles: Collection[str],
    origin_of: Mapping[str, str],
    copies: Collection[frozenset[str]] | None,
) -> bool:
    """Whether two of the articles are independent accounts."""
    listed = sorted(articles)
    return any(
        accounts_apart([{a}, {b}], origin_of, copies)
        for n, a in enumerate(listed)
        for b in listed[n + 1 :]
    )


def _name(source: str, index: EntityIndex) -> str:
    """An entity's name; a source the index does not know is shown by its key."""
    return index.name(source) if source in index else source
