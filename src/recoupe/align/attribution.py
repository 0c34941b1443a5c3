"""Attribution divergences: one claim credited to sources that are not the same."""

from __future__ import annotations

from collections.abc import Sequence

from recoupe.model import Fact

from .origins import Resolver, source_key
from .sides import Found, side, split
from .units import Unit

__all__ = ["attribution"]


def attribution(
    fact: Fact, members: Sequence[Unit], resolve: Resolver | None = None
) -> list[Found]:
    """The fact's sentences credit different primary sources.

    Sources are told apart by who they are ("Varga" and "Ilona Varga" are one),
    and shown by the name the first account gives.
    """
    sources = split(members, lambda u: source_key(u.attribution, resolve))
    if len([key for key in sources if key]) < 2:
        return []
    sides = tuple(
        side(f"according to {name}" if name else "not attributed", us, name)
        for us in sources.values()
        for name in (_source_label(us[0]),)
    )
    return [Found("attribution", "the accounts credit different sources", (fact.id,), sides)]


def _source_label(u: Unit) -> str | None:
    key = source_key(u.attribution)
    if key is None or u.attribution is None:
        return None
    return u.attribution.name or key
