"""Read-only queries over the store for the web view: stories, articles, outlets, entities.

The lists are drawn from an in-memory snapshot of the stories and the articles'
metadata, taken again whenever the store has placed new articles (one cheap query per
request tells). Full-text search asks the database; entities, which only analyses
hold, are indexed on first use.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select

from recoupe.model import Article, Story
from recoupe.store import schema
from recoupe.store.sql import SqlStore

from .dossiers import Dossiers, Figures

T = TypeVar("T")
SORTS = ("latest", "largest", "disputed")
PER_PAGE = 50
MAX_PER_PAGE = 200


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list, and where it stands in the whole."""

    items: tuple[T, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None


def paginate(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """The ``page``-th slice of ``items`` (pages count from 1, sizes are clamped)."""
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    start = (page - 1) * per_page
    return Page(
        items=tuple(items[start : start + per_page]),
        total=len(items),
        page=page,
        per_page=per_page,
    )


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article's metadata as the lists show it."""

    id: str
    source: str
    seq: int
    outlet: str | None
    published: dt.date | None
    language: str | None
    title: str | None
    story_id: str | None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as the stories list shows it; ``figures`` once its dossier was built."""

    story: Story
    languages: tuple[str, ...]
    figures: Figures | None = None


@dataclass(frozen=True, slots=True)
class OutletRow:
    name: str
    articles: int
    stories: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuery:
    """The stories list's search, filters and order."""

    q: str = ""
    start: dt.date | None = None  # stories with an article on or after this day
    end: dt.date | None = None  # ... on or before this day
    outlet: str = ""
    language: str = ""
    min_size: int | None = None
    max_size: int | None = None
    sort: str = "latest"


@dataclass(slots=True)
class EntityRow:
    """A person, organisation or place across the store, by its normalised key."""

    key: str
    labels: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    quotes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (article, quote)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0] if self.names else self.key

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0] if self.labels else "MISC"


@dataclass(frozen=True, slots=True)
class _Snapshot:
    mark: tuple[int, int]
    stories: tuple[Story, ...]  # latest first
    by_id: dict[str, Story]
    articles: dict[str, ArticleRow]
    languages: dict[str, tuple[str, ...]]  # story id -> languages of its articles


class Catalogue:
    """The store's stories, articles, outlets and entities, for pages and API."""

    def __init__(self, store: SqlStore, dossiers: Dossiers) -> None:
        self._store = store
        self.dossiers = dossiers
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._entities: tuple[tuple[int, int], dict[str, EntityRow]] | None = None

    # ------------------------------------------------------------ snapshot

    def snapshot(self) -> _Snapshot:
        """The stories and articles as the store holds them now."""
        m = schema.story_members
        with self._store.reading() as conn:
            row = conn.execute(select(func.count(), func.coalesce(func.max(m.c.seq), 0))).one()
        mark = (int(row[0]), int(row[1]))
        with self._lock:
            if self._snapshot is None or self._snapshot.mark != mark:
                self._snapshot = self._take(mark)
            return self._snapshot

    def _take(self, mark: tuple[int, int]) -> _Snapshot:
        stories = list(self._store.iter_stories())
        stories.sort(key=_latest_first, reverse=True)
        a, m = schema.articles, schema.story_members
        query = select(
            a.c.id, a.c.seq, a.c.source, a.c.outlet, a.c.published, a.c.language,
            m.c.title, m.c.story_id,
        ).select_from(a.outerjoin(m, m.c.article_id == a.c.id))  # fmt: skip
        with self._store.reading() as conn:
            articles = {row.id: ArticleRow(**row._mapping) for row in conn.execute(query)}
        languages = {
            s.id: tuple(sorted({lang for i in s.articles if (lang := _language(articles.get(i)))}))
            for s in stories
        }
        return _Snapshot(
            mark=mark,
            stories=tuple(stories),
            by_id={s.id: s for s in stories},
            articles=articles,
            languages=languages,
        )

    # ------------------------------------------------------------ stories

    def stories(
        self, query: StoryQuery, *, page: int = 1, per_page: int = PER_PAGE
    ) -> Page[StoryRow]:
        """The stories matching ``query``, in its order, one page of them."""
        snap = self.snapshot()
        found = [s for s in snap.stories if _fits(s, query, snap.languages[s.id])]
        if query.q.strip():
            hits = self._search(query.q.strip(), snap)
            found = [s for s in found if s.id in hits]
        rows = [StoryRow(s, snap.languages[s.id], self.dossiers.figures(s.id)) for s in found]
        if query.sort == "largest":
            rows.sort(key=_largest, reverse=True)
        elif query.sort == "disputed":
            rows.sort(key=_disputed, reverse=True)
        return paginate(rows, page, per_page)

    def story(self, story_id: str) -> Story | None:
        """The story ``story_id`` (an id merged into another finds that one)."""
        return self._store.get_story(story_id)

    def _search(self, q: str, snap: _Snapshot) -> set[str]:
        """The stories whose title or one of whose articles' text holds ``q``."""
        folded = q.casefold()
        hits = {s.id for s in snap.stories if s.title and folded in s.title.casefold()}
        a = schema.articles
        with self._store.reading() as conn:
            ids = conn.scalars(select(a.c.id).where(a.c.payload.icontains(q, autoescape=True)))
            for article_id in ids:
                row = snap.articles.get(article_id)
                if row is not None and row.story_id:
                    hits.add(row.story_id)
        return hits

    def outlet_names(self) -> list[str]:
        """Every known outlet, alphabetically (for the filter's choices)."""
        snap = self.snapshot()
        return sorted({r.outlet for r in snap.articles.values() if r.outlet}, key=str.casefold)

    def language_codes(self) -> list[str]:
        snap = self.snapshot()
        return sorted({r.language for r in snap.articles.values() if r.language})

    # ------------------------------------------------------------ articles

    def articles(
        self,
        *,
        story: str = "",
        outlet: str = "",
        page: int = 1,
        per_page: int = PER_PAGE,
    ) -> Page[ArticleRow]:
        """Stored articles, latest arrival first, of one story or outlet when given."""
        rows = sorted(self.snapshot().articles.values(), key=_seq, reverse=True)
        if story:
            rows = [r for r in rows if r.story_id == story]
        if outlet:
            rows = [r for r in rows if r.outlet == outlet]
        return paginate(rows, page, per_page)

    def article_row(self, article_id: str) -> ArticleRow | None:
        return self.snapshot().articles.get(article_id)

    def full_articles(self, ids: Sequence[str]) -> list[Article]:
        return self._store.get_articles(ids)

    def article(self, article_id: str) -> Article | None:
        found = self._store.get_articles([article_id])
        return found[0] if found else None

    # ------------------------------------------------------------ outlets

    def outlets(self, *, page: int = 1, per_page: int = PER_PAGE) -> Page[OutletRow]:
        """Every outlet, the one with most articles first."""
        rows = self._outlet_rows(self.snapshot())
        rows.sort(key=_outlet_order)
        return paginate(rows, page, per_page)

    def outlet(self, name: str) -> OutletRow | None:
        snap = self.snapshot()
        return next((r for r in self._outlet_rows(snap, only=name)), None)

    def _outlet_rows(self, snap: _Snapshot, only: str | None = None) -> list[OutletRow]:
        groups: dict[str, list[ArticleRow]] = defaultdict(list)
        for row in snap.articles.values():
            if row.outlet and (only is None or row.outlet == only):
                groups[row.outlet].append(row)
        out = []
        for name, rows in groups.items():
            dates = sorted(r.published for r in rows if r.published)
            stories = tuple(dict.fromkeys(r.story_id for r in rows if r.story_id))
            out.append(
                OutletRow(
                    name=name,
                    articles=len(rows),
                    stories=stories,
                    first=dates[0] if dates else None,
                    last=dates[-1] if dates else None,
                )
            )
        return out

    # ------------------------------------------------------------ entities

    def entities(self, *, q: str = "", page: int = 1, per_page: int = PER_PAGE) -> Page[EntityRow]:
        """People, organisations and places, the most often named first."""
        rows = list(self._entity_index().values())
        if q.strip():
            folded = q.strip().casefold()
            rows = [r for r in rows if any(folded in n.casefold() for n in r.names)]
        rows.sort(key=_entity_order)
        return paginate(rows, page, per_page)

    def entity(self, key: str) -> EntityRow | None:
        return self._entity_index().get(key)

    def _entity_index(self) -> dict[str, EntityRow]:
        snap = self.snapshot()
        with self._lock:
            if self._entities is not None and self._entities[0] == snap.mark:
                return self._entities[1]
        index = _index_entities(self.dossiers.analyses_plain(list(snap.articles)))
        with self._lock:
            self._entities = (snap.mark, index)
        return index


def _index_entities(analyses: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, EntityRow]:
    index: dict[str, EntityRow] = {}
    for article_id, plain in analyses:
        for mention in plain.get("mentions", ()):
            key = mention.get("key")
            if not key:
                continue
            row = index.setdefault(key, EntityRow(key=key))
            row.labels[mention.get("label") or "MISC"] += 1
            row.names[mention["span"]["text"]] += 1
            row.articles.add(article_id)
        for quote in plain.get("quotes", ()):
            key = (quote.get("speaker") or {}).get("key")
            if key and quote.get("kind") != "term":
                index.setdefault(key, EntityRow(key=key)).quotes.append((article_id, quote))
    return index


def _language(row: ArticleRow | None) -> str | None:
    return row.language if row is not None else None


def _fits(story: Story, q: StoryQuery, languages: tuple[str, ...]) -> bool:
    size = len(story.articles)
    if q.start is not None and (story.last is None or story.last < q.start):
        return False
    if q.end is not None and (story.first is None or story.first > q.end):
        return False
    if q.outlet and q.outlet not in story.outlets:
        return False
    if q.language and q.language not in languages:
        return False
    if q.min_size is not None and size < q.min_size:
        return False
    return not (q.max_size is not None and size > q.max_size)


def _latest_first(story: Story) -> tuple[bool, dt.date, int]:
    return (story.last is not None, story.last or dt.date.min, len(story.articles))


def _largest(row: StoryRow) -> tuple[int, dt.date]:
    return (len(row.story.articles), row.story.last or dt.date.min)


def _disputed(row: StoryRow) -> tuple[bool, int, int]:
    figures = row.figures
    if figures is None:
        return (False, 0, len(row.story.articles))
    return (True, figures.divergences, len(row.story.articles))


def _seq(row: ArticleRow) -> int:
    return row.seq


def _outlet_order(row: OutletRow) -> tuple[int, str]:
    return (-row.articles, row.name.casefold())


def _entity_order(row: EntityRow) -> tuple[int, str]:
    return (-len(row.articles), row.key)
