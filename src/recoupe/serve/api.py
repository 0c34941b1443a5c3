"""The JSON API under ``/api/v1/``: paginated lists and a story's dossier.

The dossier is the contract ``recoupe analyze`` writes (``report.json_contract``);
every evidence span in it also carries W3C Web Annotation selectors
(``export.selectors``), so that annotation tools can anchor it. A story's exports
(``/api/v1/stories/{id}/export/{name}``: its CSV tables, schema.org Claims, PLOVER
events) and the stories list as CSV (``/api/v1/stories.csv``, the list's filters) are
the files ``recoupe analyze --format csv|claims|events`` writes. The OpenAPI
description is at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from recoupe.export import claims, csv_tables, events, selectors, stories_csv
from recoupe.report.json_contract import to_contract

from .catalogue import (
    MAX_PER_PAGE,
    PER_PAGE,
    ArticleRow,
    Catalogue,
    EntityRow,
    OutletRow,
    StoryQuery,
    StoryRow,
)
from .catalogue import Page as CataloguePage
from .dossiers import Built

router = APIRouter(prefix="/api/v1", tags=["v1"])
T = TypeVar("T")

PageNumber = Query(1, ge=1, description="page number, from 1")
PerPage = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE, description="items per page")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int = Field(description="items in the whole list")
    page: int
    per_page: int
    pages: int
    next: int | None = Field(description="the next page's number, null on the last")


class StoryItem(BaseModel):
    id: str
    title: str | None
    articles: int
    outlets: list[str]
    languages: list[str]
    first: dt.date | None
    last: dt.date | None
    divergences: int | None = Field(description="null until the story was cross-checked")
    origins: int | None = Field(description="independent origins; null until cross-checked")
    facts: int | None


class ArticleItem(BaseModel):
    id: str
    source: str
    outlet: str | None
    published: dt.date | None
    language: str | None
    title: str | None
    story: str | None


class ArticleDetail(ArticleItem):
    url: str | None = Field(description="as given by the source; not checked")
    agency: str | None
    text: str


class OutletItem(BaseModel):
    name: str
    articles: int
    stories: int
    first: dt.date | None
    last: dt.date | None


class OutletDetail(BaseModel):
    name: str
    articles: int
    stories: list[str]
    first: dt.date | None
    last: dt.date | None


class EntityItem(BaseModel):
    key: str = Field(description="normalised name: the entity's id")
    name: str
    label: str = Field(description="PER, ORG, LOC or MISC")
    names: list[str]
    articles: int
    quotes: int


class QuoteItem(BaseModel):
    article: str
    kind: str
    text: str
    start: int
    end: int
    selectors: dict[str, Any]


class EntityDetail(EntityItem):
    stories: list[str]
    quoted: list[QuoteItem]


def _cat(request: Request) -> Catalogue:
    return request.app.state.catalogue


def _page(found: CataloguePage[Any], items: list[Any]) -> dict[str, Any]:
    return {
        "items": items,
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
        "next": found.next,
    }


def _story_item(row: StoryRow) -> StoryItem:
    s, f = row.story, row.figures
    return StoryItem(
        id=s.id,
        title=s.title,
        articles=len(s.articles),
        outlets=list(s.outlets),
        languages=list(row.languages),
        first=s.first,
        last=s.last,
        divergences=f.divergences if f else None,
        origins=f.origins if f else None,
        facts=f.facts if f else None,
    )


def story_filters(
    q: Annotated[str, Query(max_length=200, description="words of a title or text")] = "",
    start: Annotated[
        dt.date | None, Query(alias="from", description="with an article on or after")
    ] = None,
    end: Annotated[
        dt.date | None, Query(alias="to", description="with an article on or before")
    ] = None,
    outlet: Annotated[str, Query(description="covered by this outlet")] = "",
    language: Annotated[str, Query(description="with an article in this language")] = "",
    min_size: Annotated[int | None, Query(ge=0, description="at least this many articles")] = None,
    max_size: Annotated[int | None, Query(ge=0, description="at most this many articles")] = None,
    sort: Literal["latest", "largest", "disputed"] = "latest",
) -> StoryQuery:
    """The stories list's search, filters and order, as the list and its CSV take them."""
    return StoryQuery(
        q=q, start=start, end=end, outlet=outlet, language=language,
        min_size=min_size, max_size=max_size, sort=sort,
    )  # fmt: skip


@router.get("/stories", response_model=Page[StoryItem], summary="The stories, filtered")
def list_stories(
    request: Request,
    query: Annotated[StoryQuery, Depends(story_filters)],
    page: int = PageNumber,
    per_page: int = PerPage,
) -> dict[str, Any]:
    found = _cat(request).stories(query, page=page, per_page=per_page)
    return _page(found, [_story_item(r) for r in found.items])


@router.get(
    "/stories.csv",
    summary="The stories, filtered, as one CSV table",
    response_class=Response,
    responses={200: {"content": {"text/csv; charset=utf-8": {}}}},
)
def stories_table(
    request: Request, query: Annotated[StoryQuery, Depends(story_filters)]
) -> Response:
    cat = _cat(request)
    # every matching story on one page: the list holds no more than the store's stories
    every = cat.stories(query, page=1, per_page=max(1, len(cat.snapshot().stories)))
    text = stories_csv(row.story for row in every.items)
    return _download(text, "text/csv; charset=utf-8", "stories.csv")


@router.get(
    "/stories/{story_id}",
    summary="A story's dossier (the analyze JSON contract)",
    response_class=JSONResponse,
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}},
)
def get_story(request: Request, story_id: str) -> JSONResponse:
    dossier = _built(request, story_id).dossier
    contract = to_contract(dossier)
    texts = {a.id: a.text for a in dossier.articles}
    for key, value in contract.items():
        if key != "documents":
            add_selectors(value, texts)
    # plain JSON values already: no second walk through FastAPI's encoder (a third of
    # the time of a 50-article dossier)
    return JSONResponse(contract)


def add_selectors(value: Any, texts: dict[str, str]) -> None:
    """Give every span ``{"doc", "start", "end"}`` inside ``value`` its W3C ``selector``
    list (a TextQuoteSelector and a TextPositionSelector), whether or not the span
    writes its text out."""
    if isinstance(value, list):
        for item in value:
            add_selectors(item, texts)
    elif isinstance(value, dict):
        doc = value.get("doc")
        if isinstance(doc, str) and doc in texts and {"start", "end"} <= value.keys():
            text = texts[doc]
            if 0 <= value["start"] <= value["end"] <= len(text):
                value.update(selectors(text, value["start"], value["end"]))
            return
        for item in value.values():
            add_selectors(item, texts)


def _built(request: Request, story_id: str) -> Built:
    """The cross-checked story ``story_id`` (its dossier and report view), or a 404."""
    cat = _cat(request)
    story = cat.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return cat.dossiers.get(story)


def _table(name: str) -> Callable[[Built], str]:
    """One CSV table of a story, drawn from the report view its page already built."""
    return lambda built: csv_tables(built.dossier, view=built.view)[name]


# A story's exports: the file name's end, its media type and how it is written.
EXPORTS: dict[str, tuple[str, Callable[[Built], str]]] = {
    "facts.csv": ("text/csv; charset=utf-8", _table("facts")),
    "divergences.csv": ("text/csv; charset=utf-8", _table("divergences")),
    "quotes.csv": ("text/csv; charset=utf-8", _table("quotes")),
    "claims.jsonld": ("application/ld+json", lambda built: claims(built.dossier)),
    "events.jsonl": ("application/x-ndjson", lambda built: events(built.dossier)),
}
ExportName = Literal["facts.csv", "divergences.csv", "quotes.csv", "claims.jsonld", "events.jsonl"]


def _download(text: str, media_type: str, filename: str) -> Response:
    return Response(
        text,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/stories/{story_id}/export/{export}",
    summary="A story's export: CSV tables, schema.org Claims (JSON-LD), PLOVER events",
    response_class=Response,
    responses={200: {"content": {media: {} for media, _ in EXPORTS.values()}}},
)
def export_story(request: Request, story_id: str, export: ExportName) -> Response:
    built = _built(request, story_id)
    media_type, write = EXPORTS[export]
    return _download(write(built), media_type, f"{built.dossier.stories[0].id}.{export}")


def _article_item(row: ArticleRow) -> ArticleItem:
    return ArticleItem(
        id=row.id,
        source=row.source,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
        title=row.title,
        story=row.story_id,
    )


@router.get("/articles", response_model=Page[ArticleItem], summary="The articles, latest first")
def list_articles(
    request: Request,
    story: str = Query("", description="of this story"),
    outlet: str = Query("", description="of this outlet"),
    page: int = PageNumber,
    per_page: int = PerPage,
) -> dict[str, Any]:
    found = _cat(request).articles(story=story, outlet=outlet, page=page, per_page=per_page)
    return _page(found, [_article_item(r) for r in found.items])


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="An article")
def get_article(request: Request, article_id: str) -> ArticleDetail:
    cat = _cat(request)
    article, row = cat.article(article_id), cat.article_row(article_id)
    if article is None or row is None:
        raise HTTPException(404, f"no article {article_id!r}")
    item = _article_item(row)
    return ArticleDetail(
        **item.model_dump(), url=article.url, agency=article.agency, text=article.text
    )


def _outlet_item(row: OutletRow) -> OutletItem:
    return OutletItem(
        name=row.name,
        articles=row.articles,
        stories=len(row.stories),
        first=row.first,
        last=row.last,
    )


@router.get("/outlets", response_model=Page[OutletItem], summary="The outlets, most articles first")
def list_outlets(
    request: Request, page: int = PageNumber, per_page: int = PerPage
) -> dict[str, Any]:
    found = _cat(request).outlets(page=page, per_page=per_page)
    return _page(found, [_outlet_item(r) for r in found.items])


@router.get("/outlets/{name:path}", response_model=OutletDetail, summary="An outlet")
def get_outlet(request: Request, name: str) -> OutletDetail:
    row = _cat(request).outlet(name)
    if row is None:
        raise HTTPException(404, f"no outlet {name!r}")
    return OutletDetail(
        name=row.name,
        articles=row.articles,
        stories=list(row.stories),
        first=row.first,
        last=row.last,
    )


def _entity_item(row: EntityRow) -> EntityItem:
    return EntityItem(
        key=row.key,
        name=row.name,
        label=row.label,
        names=[n for n, _ in row.names.most_common()],
        articles=len(row.articles),
        quotes=len(row.quotes),
    )


@router.get("/entities", response_model=Page[EntityItem], summary="People, organisations, places")
def list_entities(
    request: Request,
    q: str = Query("", max_length=200, description="words of a name"),
    page: int = PageNumber,
    per_page: int = PerPage,
) -> dict[str, Any]:
    found = _cat(request).entities(q=q, page=page, per_page=per_page)
    return _page(found, [_entity_item(r) for r in found.items])


@router.get(
    "/entities/{key:path}", response_model=EntityDetail, summary="An entity, its stories and quotes"
)
def get_entity(request: Request, key: str) -> EntityDetail:
    cat = _cat(request)
    row = cat.entity(key)
    if row is None:
        raise HTTPException(404, f"no entity {key!r}")
    snap = cat.snapshot()
    stories = dict.fromkeys(
        r.story_id for a in sorted(row.articles) if (r := snap.articles.get(a)) and r.story_id
    )
    texts = {a.id: a.text for a in cat.full_articles(sorted({a for a, _ in row.quotes}))}
    quoted = [
        QuoteItem(
            article=article_id,
            kind=q["kind"],
            text=q["content"]["text"],
            start=q["content"]["start"],
            end=q["content"]["end"],
            selectors=selectors(
                texts.get(article_id, ""), q["content"]["start"], q["content"]["end"]
            ),
        )
        for article_id, q in row.quotes
    ]
    return EntityDetail(**_entity_item(row).model_dump(), stories=list(stories), quoted=quoted)
