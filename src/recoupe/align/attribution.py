"""Attribution divergences: one claim credited to sources that are not the same.

Sources are made canonical before they are compared (``resources/fr/sources.toml``):

- case, accents and civilities do not count, and a name the entity index resolves
  ("M. Varga", "Ilona Varga", "la préfète Ilona Varga") is that entity;
- a spokesperson, a service or a statement of a body is the body ("le porte-parole de
  la mairie" is "la mairie"), and a body is the office holder who speaks for it ("le
  ministère de la Pêche" is "le ministre de la Pêche");
- a role alone ("le ministre de la Pêche", "le Premier ministre", "le président") is
  the one named person the story's sources give that role, when exactly one; a
  nationality or other lowercase word in the role does not count;
- a name that is no name (it opens with a conjunction or a subordinator, the parse
  took a clause for it) is no source, and a name running into a clause or a quotation
  is cut there; an epithet or pronoun ("l'intéressé", "ce dernier") identifies a
  source only when the analysis resolved it.

A divergence needs two sides credited to identified, non-equivalent sources whose
sentences may state one claim (a figure or what it counts, or an event category in
common): an unattributed sentence or an anonymous source ("une source policière",
"les autorités") is shown as a side but never makes the divergence by itself, and
two people saying different things in one loosely aligned fact make none.

``quotations`` works on the whole story: one quotation credited to speakers who are
not one, or credited by some outlets and printed with no speaker by another.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from weakref import WeakKeyDictionary

from recoupe import resources
from recoupe.model import AnalyzedArticle, Evidence, Fact, Quote, Side, Source, TextSpan

from .names import fold, name_key
from .origins import PRIMARY_KINDS, Resolver, accounts_apart
from .sides import Found, side
from .units import VAGUE_COUNTS, WEAK_CATEGORIES, Unit, in_digits

__all__ = [
    "Role",
    "Who",
    "attribution",
    "canonical",
    "quotations",
    "role_resolver",
    "same_source",
]

# Confidence of a divergence between identified sources, more when both are named
# entities, less when one side is a body that takes in the other ("le gouvernement").
CONFIDENCE = 0.6
CONFIDENCE_NAMED = 0.75
CONFIDENCE_UMBRELLA = 0.3
# A quotation credited by some accounts and printed with no speaker by another.
CONFIDENCE_UNCREDITED = 0.5
# Quoted words shorter than this are a common phrase anyone may say ("c'est une honte").
QUOTE_WORDS = 4

_WORD = re.compile(r"\w+")
_PREPOSITIONS = frozenset({"de", "du", "des", "d", "a", "au", "aux", "en", "pour", "chez"})
_DEFINITE = frozenset({"le", "la", "l"})
# Where a role phrase ends: a comma, a bracket, a quote mark or a dash.
_ROLE_END = re.compile(r"[,(«»\"“”–—]")
_QUOTE = re.compile(r"[«»\"“”]")
# After the name, "à" or "de" and an infinitive: the name is whom a verb exhorts or
# accuses ("a exhorté les dockers à rentrer"), not who speaks.
_ADDRESSEE = re.compile(
    r"\s+(?:à|de|d['’])\s*(?!(?:notre|votre|leur|entre|autre|contre)\b)"
    r"[a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re|oir)\b"
)


@dataclass(frozen=True, slots=True)
class Role:
    """A role or office: its head ("ministre") and the words of its complement."""

    head: str
    complement: frozenset[str] = frozenset()

    def fits(self, other: Role) -> bool:
        """Same head, and one complement says no more than the other."""
        if self.head != other.head:
            return False
        a, b = self.complement, other.complement
        return a <= b or b <= a


@dataclass(frozen=True, slots=True)
class Who:
    """A source made canonical: who it is and how it is known."""

    label: str  # the name shown, cut to the name itself
    ids: frozenset[str]  # the entities (or keys) it names: a person, the body it speaks for
    roles: frozenset[Role]  # the offices it names or holds
    person: bool  # a person speaking in their own name, not a body or its spokesperson
    named: bool  # identifiable: a name, or a definite role or body ("la préfecture")
    umbrella: bool = False  # a body that takes in others ("le gouvernement")
    key: str = ""  # a person's name, folded ("varga", "ilona varga")


def _strings(value: object) -> list[str]:
    return [str(x) for x in value] if isinstance(value, list) else []


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Folded word tuples, longest first, so that "premier ministre" wins over "ministre"."""
    found = {tuple(fold(x).split()) for x in items}
    return tuple(sorted((p for p in found if p), key=len, reverse=True))


@cache
def _body_roles() -> dict[tuple[str, ...], str]:
    table = resources.load("fr", "sources").get("institution_roles", {})
    pairs = table.items() if isinstance(table, dict) else ()
    return {tuple(fold(k).split()): " ".join(fold(v).split()) for k, v in pairs}


@cache
def _masculines() -> dict[str, str]:
    """Folded feminine office names and the form the roles use ("prefete" -> "prefet")."""
    table = resources.load("fr", "sources").get("role_feminines", {})
    pairs = table.items() if isinstance(table, dict) else ()
    return {" ".join(fold(k).split()): " ".join(fold(v).split()) for k, v in pairs}


@cache
def _lists() -> dict[str, tuple[tuple[str, ...], ...]]:
    words = resources.load("fr", "sources").get("words", {})
    titles = resources.load("fr", "titles")
    lists = {
        name: _phrases(_strings(words.get(name)))
        for name in (
            "institutions",
            "spokespersons",
            "umbrellas",
            "epithets",
            "not_name_openers",
            "clause_openers",
        )
    }
    lists["roles"] = _phrases(_strings(titles.get("roles")) + list(_body_roles().values()))
    lists["bodies"] = tuple(sorted(_body_roles(), key=len, reverse=True))
    lists["skip"] = _phrases(
        _strings(titles.get("determiners")) + _strings(titles.get("honorifics"))
    )
    return lists


def _match(words: Sequence[str], at: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of the longest phrase starting at ``at`` (0: none)."""
    for p in phrases:
        if tuple(words[at : at + len(p)]) == p:
            return len(p)
    return 0


@lru_cache(maxsize=1 << 16)  # a story names its few sources thousands of times
def _clean_name(name: str) -> str | None:
    """The name cut where a clause or a quotation starts; None when it is no name at all."""
    raw = _QUOTE.split(name, maxsplit=1)[0]
    tokens = list(_WORD.finditer(raw))
    words = [fold(t.group()) for t in tokens]
    if not words or _match(words, 0, _lists()["not_name_openers"]):
        return None
    for i in range(1, len(words)):
        if _match(words, i, _lists()["clause_openers"]):
            raw = raw[: tokens[i].start()]
            break
    return raw.strip(" ,;:()-–—") or None


@dataclass(frozen=True, slots=True)
class _Parsed:
    role: Role | None
    definite: bool  # opens with le/la/l' (or speaks for a body)
    body: str | None  # for a spokesperson, the name of the body it speaks for


@lru_cache(maxsize=1 << 16)
def _parse(name: str, key: str | None) -> _Parsed:
    """The role a name gives (its part before a comma), whether it opens definite, and
    the body a spokesperson speaks for.

    "le ministère français de la Pêche" -> Role("ministre", {"peche"}); "le porte-parole
    de la mairie" -> Role("maire"), body "la mairie"; "le président Jean Varga" ->
    Role("president").
    """
    part = _ROLE_END.split(name, maxsplit=1)[0]
    matches = list(_WORD.finditer(part))
    tokens = [(fold(m.group()), m.group()[:1].isupper()) for m in matches]
    words = [w for w, _ in tokens]
    lists = _lists()
    at, body = 0, None
    definite = bool(words) and words[0] in _DEFINITE
    while at < len(words):
        skip = _match(words, at, lists["skip"])
        talk = 0 if skip else _match(words, at, lists["spokespersons"])
        if talk and at + talk < len(words) and words[at + talk] in _PREPOSITIONS:
            skip = talk + 1
            body = part[matches[at + skip].start() :] if at + skip < len(words) else None
            definite = True
        if not skip:
            break
        at += skip
    seat = _seat_roles().get(tuple(words[at:]))
    role = seat or _role(tokens, at, set(fold(key).split()) if key else set())
    return _Parsed(role, definite, body)


@cache
def _seat_roles() -> dict[tuple[str, ...], Role]:
    """Seats that stand for an office ("l'Élysée": the president), by their folded words."""
    table = resources.load("fr", "sources").get("seat_roles", {})
    pairs = table.items() if isinstance(table, dict) else ()
    roles = {}
    for seat, office in pairs:
        tokens = [(fold(m.group()), m.group()[:1].isupper()) for m in _WORD.finditer(office)]
        role = _role(tokens, 0, set())
        if role:
            roles[tuple(fold(seat).split())] = role
    return roles


def _role(tokens: Sequence[tuple[str, bool]], at: int, name_words: set[str]) -> Role | None:
    words = [w for w, _ in tokens]
    lists = _lists()
    size = _match(words, at, lists["bodies"])
    head = _body_roles()[tuple(words[at : at + size])] if size else None
    size = size or _match(words, at, lists["roles"]) or _match(words, at, lists["institutions"])
    if not size:
        return None
    rest = list(tokens[at + size :])
    while rest and not rest[0][1] and rest[0][0] not in _PREPOSITIONS:
        rest = rest[1:]  # "français", "provisoire": a lowercase adjective after the head
    complement: set[str] = set()
    if rest and rest[0][0] in _PREPOSITIONS:
        complement = {w for w, _ in rest[1:] if w not in _PREPOSITIONS | _DEFINITE | name_words}
    head = head or " ".join(words[at : at + size])
    return Role(_masculines().get(head, head), frozenset(complement))


# canonical() by resolver, then by what a source says (its span aside): a story names
# its few sources thousands of times, once per fact and per sentence of the story
_KNOWN: WeakKeyDictionary[Resolver, dict[tuple, Who | None]] = WeakKeyDictionary()
_KNOWN_UNRESOLVED: dict[tuple, Who | None] = {}


def canonical(source: Source | None, resolve: Resolver | None = None) -> Who | None:
    """The canonical form of a primary source; None for the outlet's own voice, an
    unknown source, an unresolved epithet or a name that is no name."""
    if source is None or source.kind not in PRIMARY_KINDS:
        return None
    known = _KNOWN_UNRESOLVED if resolve is None else _KNOWN.setdefault(resolve, {})
    said = _said(source)
    if said not in known:
        if len(known) >= 1 << 16:
            known.clear()
        known[said] = _canonical(source, resolve)
    return known[said]


def _said(source: Source) -> tuple:
    return (source.kind, source.name, source.key, source.channel)


def _canonical(source: Source, resolve: Resolver | None) -> Who | None:
    name = _clean_name(source.name) if source.name else source.key
    if name is None:
        return None
    words = fold(name).split()
    lists = _lists()
    parsed = _parse(name, source.key)
    proper = _has_proper_name(name, parsed.role)
    if parsed.role and not proper and source.key == name_key(name):
        source = replace(source, key=None)  # the role's own words are no name
    ids = {_resolved(source, resolve, proper) or source.key or ""}
    if parsed.body:
        body = Source(kind="institution", name=parsed.body, key=name_key(parsed.body))
        ids.add(
            _resolved(body, resolve, _has_proper_name(parsed.body, _parse(parsed.body, None).role))
            or ""
        )
    ids.discard("")
    if not ids and _match(words, 0, lists["epithets"]) == len(words):
        return None  # "l'intéressé", "ce dernier": no one until the analysis resolves it
    umbrella = any(_match(words, i, lists["umbrellas"]) for i in range(len(words)))
    person = source.kind == "person" and parsed.body is None
    return Who(
        label=name,
        ids=frozenset(ids),
        roles=frozenset({parsed.role} if parsed.role else ()),
        person=person,
        named=bool(ids) or proper or parsed.definite,
        umbrella=umbrella and not ids,
        key=name_key(source.key) if person and source.key else "",
    )


def _has_proper_name(name: str, role: Role | None) -> bool:
    """Whether a capitalised word past the first is a name, not a word of the role
    ("le Premier ministre", "le ministère de la Pêche" have none)."""
    role_words = set(role.head.split()) | role.complement if role else set()
    return any(t[:1].isupper() and fold(t) not in role_words for t in _WORD.findall(name)[1:])


def _resolved(source: Source, resolve: Resolver | None, proper: bool) -> str | None:
    """The entity of a source; a role without a name or key is not looked up, as the
    index would take a word of its complement for the speaker ("de la Pêche")."""
    if resolve is None or not (source.key or proper):
        return None
    return resolve(source)


def _holders(whos: Iterable[Who]) -> list[tuple[Role, str]]:
    """The roles the named persons of the story hold: ("premier ministre", entity)."""
    return [(r, i) for w in whos if w.person for r in w.roles for i in w.ids]


def _with_holder(who: Who, holders: Sequence[tuple[Role, str]]) -> Who:
    """A source given the one named person holding its role, if exactly one does.

    A person's roles gain those the story gives them. A role alone ("le Premier
    ministre") or a body ("le ministère de la Pêche", a seat) whose role is held by
    one named person is that person; when several hold it, a role alone is no longer
    identified, and a body is told apart by its name only. A body's role without a
    complement ("la présidence") names no one.
    """
    if who.person and who.ids:
        held = {r for r, i in holders if i in who.ids}
        return replace(who, roles=who.roles | held)
    found = {i for r, i in holders if any(r.fits(own) for own in who.roles)}
    if len(found) > 1:
        return replace(who, named=False) if who.person else replace(who, roles=frozenset())
    # a body's bare role says too little to name someone ("la présidence": of where?)
    if found and (who.person or any(r.complement for r in who.roles)):
        return replace(who, ids=who.ids | found)
    return who


class _FullNames:
    """The names of several words among ``people``, by their last word, with the ids of
    the people who bear each (in order): looked up once per surname, not by a scan."""

    def __init__(self, people: Sequence[Who]) -> None:
        self.ending: dict[str, set[str]] = {}
        self.ids: dict[str, list[frozenset[str]]] = {}
        for p in people:
            if " " in p.key:
                self.ending.setdefault(p.key.rsplit(" ", 1)[1], set()).add(p.key)
            self.ids.setdefault(p.key, []).append(p.ids)


def _with_full_name(who: Who, people: _FullNames) -> Who:
    """A surname alone ("M. Varga") is the one full name of the story that ends with it."""
    if not who.key or " " in who.key:
        return who
    fulls = people.ending.get(who.key, set())
    if len(fulls) != 1:
        return who
    (full,) = fulls
    return replace(who, ids=who.ids.union(*people.ids[full]))


def same_source(a: Who, b: Who) -> bool:
    """Whether two canonical sources are one: an entity in common, or one role (a body
    and its office holder, a role alone); two named holders of one title are two."""
    if a.ids & b.ids:
        return True
    if any(r.fits(s) for r in a.roles for s in b.roles):
        # one role, and at least one side known by it alone: two named holders of one
        # title (two presidents, two seats) are two sources
        return not (a.ids and b.ids)
    return not (a.ids or b.ids) and name_key(a.label) == name_key(b.label)


def role_resolver(units: Sequence[Unit], resolve: Resolver | None = None) -> Resolver:
    """``resolve``, that also names the one person the story's sources give a role alone
    ("le Premier ministre" -> the entity of "le Premier ministre Jean Varga")."""
    holders = _holders(w for u in units if (w := canonical(u.attribution, resolve)))

    known: dict[tuple, str | None] = {}

    def resolve_role(source: Source) -> str | None:
        said = _said(source)
        if said not in known:
            known[said] = _resolve_role(source)
        return known[said]

    def _resolve_role(source: Source) -> str | None:
        found = resolve(source) if resolve else None
        who = canonical(source, resolve)
        if found or who is None or who.ids:
            return found
        named = _with_holder(who, holders).ids
        return next(iter(named)) if len(named) == 1 else None

    return resolve_role


def _groups(whos: Sequence[Who]) -> list[list[int]]:
    """Indices of ``whos`` grouped by one source (transitively), in order."""
    parent = list(range(len(whos)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(whos)):
        for j in range(i):
            if find(i) != find(j) and same_source(whos[i], whos[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(whos)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _confidence(named: Sequence[Who]) -> float:
    if any(w.umbrella for w in named):
        return CONFIDENCE_UMBRELLA
    return CONFIDENCE_NAMED if all(w.ids for w in named) else CONFIDENCE


def attribution(
    fact: Fact,
    members: Sequence[Unit],
    resolve: Resolver | None = None,
    *,
    context: Sequence[Unit] = (),
) -> list[Found]:
    """The fact's sentences credit identified sources that are not equivalent.

    Roles alone are read against the sources of ``context`` (the story's units) and of
    the fact itself; each side is shown by the name its first account gives.
    """
    credited = [
        (u, w) for u in members if (w := canonical(u.attribution, resolve)) and not _addressee(u)
    ]
    story = [w for _, w in credited] + [
        w for u in context if (w := canonical(u.attribution, resolve))
    ]
    holders = _holders(story)
    people = _FullNames(story)
    whos = [_with_full_name(_with_holder(w, holders), people) for _, w in credited]
    whos = _undecided(whos)
    groups = _said_alike(_groups(whos), whos, [u for u, _ in credited])
    firsts = [next((whos[i] for i in g if whos[i].named), whos[g[0]]) for g in groups]
    named = [w for w in firsts if w.named]
    if len(named) < 2:
        return []
    sides = [
        side(f"according to {w.label}", [credited[i][0] for i in g], w.label)
        for g, w in zip(groups, firsts, strict=True)
    ]
    bare = [u for u in members if u.index not in {c.index for c, _ in credited}]
    if bare:
        sides.append(side("not attributed", bare))
    reason = _reason(named)
    return [Found("attribution", reason, (fact.id,), tuple(sides), _confidence(named))]


def _said_alike(
    groups: list[list[int]], whos: Sequence[Who], units: Sequence[Unit]
) -> list[list[int]]:
    """The groups, less the named ones that share no claim with another named group.

    One loosely aligned fact may hold two statements of two people on one subject
    ("X welcomed the deployment", "Y announced the arrests"): they credit no one claim
    to different sources. Two groups share a claim when some sentences of theirs give
    one figure or one event category; a sentence the analysis read nothing in is
    given the benefit of the doubt.
    """
    named = [g for g in groups if any(whos[i].named for i in g)]

    def alike(g: list[int], h: list[int]) -> bool:
        if _names_the_other(g, h) or _names_the_other(h, g):
            return False
        return any(_same_claim(units[i], units[j]) for i in g for j in h)

    def _names_the_other(g: list[int], h: list[int]) -> bool:
        """A sentence of ``g`` that also names ``h``'s source ("X welcomed ..., and Y
        said ...") credits both: it does not give the claim to X rather than Y."""
        others = frozenset().union(*(whos[j].ids for j in h))
        return any(others & set(units[i].entities) for i in g)

    return [g for g in groups if g not in named or any(h is not g and alike(g, h) for h in named)]


def _same_claim(u: Unit, v: Unit) -> bool:
    """Whether two sentences may state one claim: a figure or what a figure counts in
    common (injured, arrests; not the vague "people"), or one event category."""
    if not (u.claims or u.quantities) or not (v.claims or v.quantities):
        return True
    if _figures(u) & _figures(v):
        return True
    events = {c.category for c in u.claims} - WEAK_CATEGORIES
    return bool(events & ({c.category for c in v.claims} - WEAK_CATEGORIES))


def _figures(u: Unit) -> set[str]:
    """The figures of a sentence and what they count."""
    found = set()
    for q in u.quantities:
        if in_digits(q):
            found.add(f"{q.value:g}")
            if q.counts and q.counts not in VAGUE_COUNTS:
                found.add(q.counts)
    return found


def _undecided(whos: Sequence[Who]) -> list[Who]:
    """A role alone that no source gives to anyone ("le Premier ministre") may be the
    named person of another account whose role is not known ("M. Varga"): it is not
    told apart from them."""
    unknown = any(w.person and w.ids and not w.roles for w in whos)
    return [
        replace(w, named=False) if unknown and w.person and w.roles and not w.ids else w
        for w in whos
    ]


def _addressee(u: Unit) -> bool:
    """Whether the unit's source is whom its verb addresses, read after the source's span."""
    span = u.attribution.span if u.attribution else None
    if span is None or not u.sentence.start <= span.end <= u.sentence.end:
        return False
    return bool(_ADDRESSEE.match(u.sentence.text[span.end - u.sentence.start :]))


def _reason(named: Sequence[Who]) -> str:
    more = f" (and {len(named) - 2} more)" if len(named) > 2 else ""
    return (
        f"the accounts credit the claim to sources that are not the same: "
        f"{named[0].label} and {named[1].label}{more}"
    )


def quotations(
    analyzed: Sequence[AnalyzedArticle],
    resolve: Resolver | None = None,
    *,
    origin_of: Mapping[str, str] | None = None,
    copies: Collection[frozenset[str]] | None = None,
    min_words: int = QUOTE_WORDS,
) -> list[Found]:
    """One quotation (the same words, or one inside the other) that the accounts credit
    to speakers who are not one, or to a speaker in some and to no one in another.

    An article that prints the words once without a speaker and once credited gives
    them a speaker. Copies of one dispatch (one origin in ``origin_of``, or a pair of
    ``copies``) count once (``origins.accounts_apart``).
    """
    said = [
        (item.article.id, q, f" {fold(q.content.text)} ")
        for item in analyzed
        for q in item.analysis.quotes
        if q.kind in ("direct", "partial") and _word_count(q.content.text) >= min_words
    ]
    sentences = {item.article.id: item.analysis.sentences for item in analyzed}
    found: list[Found] = []
    for group in _same_words([words for _, _, words in said]):
        if len({said[i][0] for i in group}) > 1:
            credits = _quote_credits([said[i][:2] for i in group], resolve, origin_of or {}, copies)
            found += [_in_sentences(f, sentences) for f in credits]
    return found


def _word_count(text: str) -> int:
    """Words of two letters or more: an elided "c'" or "l'" does not count."""
    return sum(len(w) > 1 for w in fold(text).split())


def _same_words(texts: Sequence[str]) -> list[list[int]]:
    """Indices of ``texts`` grouped when one holds the other, in order."""
    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        home = next(
            (g for g in groups if any(text in texts[j] or texts[j] in text for j in g)), None
        )
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return groups


def _quote_credits(
    said: Sequence[tuple[str, Quote]],
    resolve: Resolver | None,
    origin_of: Mapping[str, str],
    copies: Collection[frozenset[str]] | None = None,
) -> list[Found]:
    """The divergence of one quotation's credits, if any."""
    credited = [(a, q, w) for a, q in said if (w := canonical(q.speaker, resolve)) and w.named]
    holders = _holders([w for _, _, w in credited])
    people = _FullNames([w for *_, w in credited])
    whos = [_with_full_name(_with_holder(w, holders), people) for *_, w in credited]
    groups = _groups(whos)
    credits = {a for a, _, _ in credited}
    bare = [(a, q) for a, q in said if a not in credits]
    sides = [
        _quote_side(f"said by {whos[g[0]].label}", [credited[i][:2] for i in g], whos[g[0]].label)
        for g in groups
    ]
    if bare:
        sides.append(_quote_side("quoted with no speaker", bare, None))
    if len(sides) < 2 or not accounts_apart([s.sources for s in sides], origin_of, copies):
        return []
    if len(groups) > 1:
        named = [whos[g[0]] for g in groups]
        return [Found("attribution", _reason(named), (), tuple(sides), _confidence(named))]
    reason = (
        f"a quotation some accounts credit to {whos[0].label} is printed by another with no speaker"
    )
    return [Found("attribution", reason, (), tuple(sides), CONFIDENCE_UNCREDITED)]


def _in_sentences(found: Found, sentences: Mapping[str, Sequence[TextSpan]]) -> Found:
    """``found`` with each quotation shown by its sentence, and the speaker's sentence
    when the name stands in another one."""
    sides = []
    for s in found.sides:
        spans = [
            (e.article_id, e.attribution, sentence)
            for e in s.evidence
            for at in (e.span, e.attribution.span if e.attribution else None)
            if at is not None
            for sentence in sentences.get(e.article_id, ())
            if sentence.start <= at.start < sentence.end
        ]
        evidence = tuple(
            Evidence(article_id=a, span=span, attribution=who)
            for a, who, span in dict.fromkeys(spans)
        )
        sides.append(replace(s, evidence=evidence or s.evidence))
    return replace(found, sides=tuple(sides))


def _quote_side(label: str, said: Sequence[tuple[str, Quote]], value: str | None) -> Side:
    return Side(
        label=label,
        value=value,
        sources=tuple(dict.fromkeys(a for a, _ in said)),
        evidence=tuple(Evidence(article_id=a, span=q.span, attribution=q.speaker) for a, q in said),
    )
