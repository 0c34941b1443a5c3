"""Entity resolution: the mentions of every article merged into story entities.

Mentions are grouped by comparison key; keys that spell one name are then merged:
persons by surname (Jaro-Winkler or phonetic key) with compatible first names, a
surname alone with the one full name of the story that carries it (or, when the
story has several, the one its own article names; a surname the model reads as a person
also joins the one full name it took for something else, a name tagged MISC),
places and organisations by
key, by the same key read loosely (spaces, "du" for "de"), by near-identical spelling,
and through wrapper phrases ("région de X", "avenue des X").
Two people who share a surname but not a first name never merge.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from recoupe import resources
from recoupe.model import AnalyzedArticle, Entity, EntityMention, Mention, TextSpan

from .names import (
    compact,
    first_names_compatible,
    name_key,
    split_name,
    surnames_match,
    word_count,
)

__all__ = ["EntityIndex", "resolve_entities"]

LABEL_PREFERENCE = ("PER", "ORG", "LOC", "MISC")
# Organisation and place names this close (rapidfuzz ratio) are one name misspelt.
NEAR_SPELLING = 94.0
# Letters a surname and the word glued to it must each have ("Martinez" is not "Martin").
GLUED_MIN = 5
# Letters a loosely read key needs before two names are merged on it ("Radio Vent TV" and
# "RadioVent TV").
LOOSE_MIN = 5
_OF_FORMS = frozenset({"de", "du", "des", "d"})
_ARTICLES = frozenset({"la", "le", "les", "l"})


@dataclass(slots=True)
class _Group:
    """Mentions sharing one key (for a lone surname: one key within one article)."""

    key: str
    words: int  # words of the name as printed, a hyphenated compound counting as one
    mentions: list[tuple[int, str, Mention]] = field(default_factory=list)  # (order, article, m)

    @property
    def label(self) -> str:
        return _majority_label(Counter(m.label for _, _, m in self.mentions))


def _majority_label(counts: Counter[str]) -> str:
    """The most frequent label; ties go to the more specific one (PER > ORG > LOC > MISC)."""
    best = max(counts.values())
    tied = [lab for lab, n in counts.items() if n == best]
    return min(tied, key=_label_rank)


def _label_rank(label: str) -> int:
    return LABEL_PREFERENCE.index(label) if label in LABEL_PREFERENCE else len(LABEL_PREFERENCE)


def _span_order(m: Mention) -> tuple[int, int]:
    return (m.span.start, m.span.end)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            # the smaller index stays the root, so the result does not depend on call order
            self.parent[max(a, b)] = min(a, b)


@cache
def _wrapper_heads() -> frozenset[str]:
    return frozenset(resources.load("fr", "entities").get("wrapper_heads", ()))


def mention_key(mention: Mention) -> str:
    """The comparison key of a mention: its own key when given, else its text, normalised."""
    return name_key(mention.key or mention.span.text) or name_key(mention.span.text)


def _wrapped(key: str) -> str | None:
    """For "region de x" (a wrapper head, up to two words, then de/du/des/d), the key ``x``."""
    words = key.split()
    if len(words) < 3 or words[0] not in _wrapper_heads():
        return None
    for i in range(1, min(4, len(words) - 1)):
        if words[i] in ("de", "du", "des", "d"):
            rest = words[i + 1 :]
            while len(rest) > 1 and rest[0] in ("la", "le", "les", "l"):
                rest = rest[1:]
            return " ".join(rest) or None
    return None


def resolve_entities(analyzed: Sequence[AnalyzedArticle]) -> tuple[Entity, ...]:
    """Merge the mentions of ``analyzed`` (in story order) into entities with ids e1, e2 ..."""
    groups = _group_mentions(analyzed)
    uf = _UnionFind(len(groups))
    _merge_persons(groups, uf)
    _merge_others(groups, uf)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        clusters[uf.find(i)].append(i)
    entities = [_entity(groups, members) for members in clusters.values()]
    entities.sort(key=_first_order)
    return tuple(
        Entity(
            id=f"e{n}",
            name=e.name,
            label=e.label,
            key=e.key,
            aliases=e.aliases,
            mentions=e.mentions,
        )
        for n, (_first, e) in enumerate(entities, start=1)
    )


def _first_order(item: tuple[int, _Built]) -> int:
    return item[0]


def metadata_mentions(item: AnalyzedArticle) -> list[Mention]:
    """Mentions of the byline's authors and the credited agency, where the text names them.

    Bylines and datelines lie outside the analysed body, yet they name people and
    agencies the story's entities should hold ("Reuters", the reporter).
    """
    article = item.article
    taken = [(m.span.start, m.span.end) for m in item.analysis.mentions]
    found: list[Mention] = []
    named = [(a, "PER") for a in article.authors]
    if article.agency:
        named.append((article.agency, "ORG"))
    for name, label in named:
        start = article.text.find(name) if name else -1
        if start < 0:
            continue
        end = start + len(name)
        if any(s < end and e > start for s, e in taken):
            continue
        taken.append((start, end))
        span = TextSpan(start=start, end=end, text=article.text[start:end])
        found.append(Mention(span=span, label=label, key=name_key(name)))
    return found


def _group_mentions(analyzed: Sequence[AnalyzedArticle]) -> list[_Group]:
    by_key: dict[tuple[str, str], _Group] = {}
    order = 0
    person_keys = {
        mention_key(m)
        for item in analyzed
        for m in item.analysis.mentions
        if m.label == "PER" and word_count(m.span.text) == 1
    }
    for item in analyzed:
        article_id = item.article.id
        mentions = list(item.analysis.mentions) + metadata_mentions(item)
        for m in sorted(mentions, key=_span_order):
            key = mention_key(m)
            if not key:
                continue
            # a lone surname is resolved per article: its article says which full name it means
            scope = article_id if key in person_keys else ""
            group = by_key.setdefault((key, scope), _Group(key=key, words=word_count(m.span.text)))
            group.words = min(group.words, word_count(m.span.text))
            group.mentions.append((order, article_id, m))
            order += 1
    return sorted(by_key.values(), key=_group_order)


def _group_order(group: _Group) -> int:
    return group.mentions[0][0]


def _merge_persons(groups: list[_Group], uf: _UnionFind) -> None:
    persons = [i for i, g in enumerate(groups) if g.label == "PER"]
    full = [i for i in persons if groups[i].words > 1]
    # full names: one spelling with or without hyphens, or the same surname spelling
    # with compatible first names
    for a_pos, i in enumerate(full):
        first_i, sur_i = split_name(groups[i].key)
        for j in full[a_pos + 1 :]:
            first_j, sur_j = split_name(groups[j].key)
            if compact(groups[i].key) == compact(groups[j].key) or (
                surnames_match(sur_i, sur_j) and first_names_compatible(first_i, first_j)
            ):
                uf.union(i, j)
    # a surname alone: the unique full-name person with that surname in the story,
    # else the unique one its own article names
    for i, g in enumerate(groups):
        if g.words != 1 or g.label not in ("PER", "MISC"):
            continue
        surname = compact(g.key)
        candidates = sorted(
            {uf.find(j) for j in full if _surname_of(groups[j].key, surname)},
        )
        if len(candidates) > 1:
            articles = {a for _, a, _ in g.mentions}
            local = sorted(
                {
                    uf.find(j)
                    for j in full
                    if _surname_of(groups[j].key, surname)
                    and articles & {a for _, a, _ in groups[j].mentions}
                }
            )
            candidates = local
        if not candidates and g.label == "PER":
            # the full name the model took for something else (tagged MISC) that a lone
            # surname the model reads as a person carries
            candidates = sorted(
                {
                    uf.find(j)
                    for j, other in enumerate(groups)
                    if other.words > 1 and other.label == "MISC" and _surname_of(other.key, surname)
                }
            )
        if len(candidates) == 1:
            uf.union(candidates[0], i)
        elif not candidates:
            # several articles use the same lone surname and no full name: one person
            for j, other in enumerate(groups):
                if j != i and other.words == 1 and compact(other.key) == surname:
                    uf.union(i, j)


def _surname_of(full_key: str, surname: str) -> bool:
    """Whether a lone (compacted) surname is the surname of a full name, hyphens or not.

    A surname glued to the next word, as machine translation leaves them ("Dupontajoute"),
    counts when the surname is long enough to be safe and the glued rest is a word.
    """
    words = full_key.split()
    _first, sur = split_name(full_key)
    sur = compact(sur)
    if surnames_match(sur, surname):
        return True
    if (
        len(sur) >= GLUED_MIN
        and surname.startswith(sur)
        and len(surname) - len(sur) >= GLUED_MIN - 1
    ):
        return True
    return any(compact(" ".join(words[-k:])) == surname for k in range(2, len(words)))


def _loose_key(key: str) -> str:
    """A key read loosely: spaces dropped ("Radio Vent"), "du"/"des"/"de la" read "de"."""
    words = key.split()
    kept = [w for i, w in enumerate(words) if not (w in _ARTICLES and i and words[i - 1] == "de")]
    return "".join("de" if w in _OF_FORMS else w for w in kept)


def _merge_others(groups: list[_Group], uf: _UnionFind) -> None:
    others = [i for i, g in enumerate(groups) if g.label != "PER"]
    index: dict[str, int] = {}
    loose: dict[str, int] = {}
    for i in others:
        key = groups[i].key
        if key in index:
            uf.union(index[key], i)
        else:
            index[key] = i
        spelled = _loose_key(key)
        if len(spelled) < LOOSE_MIN:
            continue
        if spelled in loose:
            uf.union(loose[spelled], i)
        else:
            loose[spelled] = i
    for i in others:
        inner = _wrapped(groups[i].key)
        if inner and inner in index:
            uf.union(index[inner], i)
    keys = sorted(index)
    for a_pos, a in enumerate(keys):
        for b in keys[a_pos + 1 :]:
            if min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= NEAR_SPELLING:
                uf.union(index[a], index[b])


def _rank_by(counts: Counter[str], *, by_words: bool):
    """A sort key: more words first (when ``by_words``), then more frequent, then shorter."""

    def rank(text: str) -> tuple[int, int, int, str]:
        words = -len(text.split()) if by_words else 0
        return (words, -counts[text], len(text), text)

    return rank


@dataclass(slots=True)
class _Built:
    name: str
    label: str
    key: str
    aliases: tuple[str, ...]
    mentions: tuple[EntityMention, ...]


def _entity(groups: list[_Group], members: list[int]) -> tuple[int, _Built]:
    items = sorted(entry for i in members for entry in groups[i].mentions)
    label = _majority_label(Counter(m.label for _, _, m in items))
    surfaces = Counter(" ".join(m.span.text.split()) for _, _, m in items)
    keys = Counter(groups[i].key for i in members for _ in groups[i].mentions)
    # the fullest key (most words, then most frequent) names the entity; "région de X"
    # is a way of naming X, not a fuller name of it
    plain_keys = [k for k in keys if _wrapped(k) is None] or list(keys)
    key = sorted(plain_keys, key=_rank_by(keys, by_words=True))[0]
    plain = [s for s in surfaces if name_key(s) == key]
    name = sorted(plain or surfaces, key=_rank_by(surfaces, by_words=False))[0]
    aliases = tuple(sorted(s for s in surfaces if s != name))
    mentions = tuple(EntityMention(article_id=a, span=m.span) for _, a, m in items)
    return items[0][0], _Built(name=name, label=label, key=key, aliases=aliases, mentions=mentions)


class EntityIndex:
    """Finds the entity a span or a key refers to, for quotes, attributions and claims."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self._keys: dict[str, str] = {}
        self._surnames: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        for ent in entities:
            self._names[ent.id] = ent.name
            self._labels[ent.id] = ent.label
            self._keys.setdefault(ent.key, ent.id)
            for m in ent.mentions:
                self._spans[m.article_id].append((m.span.start, m.span.end, ent.id))
                self._keys.setdefault(name_key(m.span.text), ent.id)
            for alias in ent.aliases:
                self._keys.setdefault(name_key(alias), ent.id)
            if ent.label == "PER":
                self._surnames[split_name(ent.key)[1]].add(ent.id)
        for spans in self._spans.values():
            spans.sort()

    def name(self, entity_id: str) -> str:
        """The display name of an entity."""
        return self._names[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._names

    def label(self, entity_id: str) -> str:
        """The type of an entity (PER, ORG, LOC, MISC)."""
        return self._labels[entity_id]

    def at(self, article_id: str, start: int, end: int) -> str | None:
        """The entity with a mention inside ``[start, end)`` of an article (the first one)."""
        for s, e, ent_id in self._spans.get(article_id, ()):
            if s >= start and e <= end:
                return ent_id
            if s >= end:
                break
        return None

    def overlapping(self, article_id: str, start: int, end: int) -> list[str]:
        """The entities with a mention overlapping ``[start, end)``, in text order, no repeats."""
        found: list[str] = []
        for s, e, ent_id in self._spans.get(article_id, ()):
            if s < end and e > start and ent_id not in found:
                found.append(ent_id)
            if s >= end:
                break
        return found

    def mentions_in(self, article_id: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """The mentions ``(start, end, entity id)`` inside ``[start, end)`` of an article."""
        return [(s, e, i) for s, e, i in self._spans.get(article_id, ()) if s >= start and e <= end]

    def lookup(self, text: str) -> str | None:
        """The entity a name or key designates, by key, alias or unique surname."""
        key = name_key(text)
        if not key:
            return None
        if key in self._keys:
            return self._keys[key]
        words = key.split()
        # "le porte-parole de l'Élysée": the longest known tail of the phrase
        for i in range(1, len(words)):
            tail = " ".join(words[i:])
            if tail in self._keys:
                return self._keys[tail]
        surname = split_name(key)[1]
        ids = self._surnames.get(surname, set())
        if len(ids) == 1:
            return next(iter(ids))
        return None

    def key_of(self, key: str) -> str | None:
        """The entity of a normalised mention key (as carried by claims and sources)."""
        return self.lookup(key) if key else None
