"""The HTML pages: stories, a story, an article, an outlet, an entity, the glossary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from recoupe.model import Article
from recoupe.report.view import _CERTAINTY as CERTAINTY_FLOORS
from recoupe.report.view import KIND_GLOSS

from . import glance as glance_mod
from .catalogue import PER_PAGE, SORTS, Catalogue, StoryQuery
from .render import page, page_url

router = APIRouter(include_in_schema=False)

CERTAINTY = tuple((words, floor) for floor, words in CERTAINTY_FLOORS)
OUTLET_STORIES = 10  # latest stories whose dossiers an outlet's page reads


def catalogue_of(request: Request) -> Catalogue:
    return request.app.state.catalogue


def story_query(params: Mapping[str, str]) -> StoryQuery:
    """The stories list's query from a page's parameters; what does not parse is ignored."""
    sort = params.get("sort", "latest")
    return StoryQuery(
        q=params.get("q", "")[:200],
        start=_day(params.get("from")),
        end=_day(params.get("to")),
        outlet=params.get("outlet", ""),
        language=params.get("language", ""),
        min_size=_count(params.get("min_size")),
        max_size=_count(params.get("max_size")),
        sort=sort if sort in SORTS else "latest",
    )


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _count(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 9 else None


def page_number(params: Mapping[str, str]) -> int:
    return _count(params.get("page")) or 1


def page_size(params: Mapping[str, str]) -> int:
    return _count(params.get("per_page")) or PER_PAGE


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    cat = catalogue_of(request)
    query = story_query(request.query_params)
    found = cat.stories(
        query, page=page_number(request.query_params), per_page=page_size(request.query_params)
    )
    return page(
        request,
        "stories.html.j2",
        query=query,
        found=found,
        sorts=SORTS,
        outlets=cat.outlet_names(),
        languages=cat.language_codes(),
        empty=not cat.snapshot().stories,
        page_url=_pages(request, found.pages),
        csv_url=stories_csv_url(query),
    )


def stories_csv_url(query: StoryQuery) -> str:
    """The API's CSV of the stories a list shows: its understood filters, not its page."""
    params = {
        "q": query.q,
        "from": query.start.isoformat() if query.start else "",
        "to": query.end.isoformat() if query.end else "",
        "outlet": query.outlet,
        "language": query.language,
        "min_size": "" if query.min_size is None else str(query.min_size),
        "max_size": "" if query.max_size is None else str(query.max_size),
        "sort": "" if query.sort == "latest" else query.sort,
    }
    kept = urlencode({k: v for k, v in params.items() if v})
    return "/api/v1/stories.csv" + (f"?{kept}" if kept else "")


def _pages(request: Request, pages: int) -> dict[int, str]:
    return {n: page_url(request, n) for n in range(1, pages + 1)}


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    cat = catalogue_of(request)
    story = cat.story(story_id)
    if story is None:
        return not_found(request)
    view = cat.dossiers.get(story).view
    return page(
        request,
        "story.html.j2",
        story=story,
        view=view,
        glance=glance_mod.glance(view),
        disputes=glance_mod.disputes(view),
        evolutions=glance_mod.evolutions(view),
        speakers=glance_mod.quotes_by_speaker(view),
        first_evidence=glance_mod.first_evidence,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    cat = catalogue_of(request)
    article = cat.article(article_id)
    if article is None:
        return not_found(request)
    start, end = highlight(request.query_params.get("hl"), article)
    analysis = cat.dossiers.analyses([article.id]).get(article.id)
    quotes = [q for q in analysis.quotes if q.kind != "term"] if analysis else []
    return page(
        request,
        "article.html.j2",
        article=article,
        row=cat.article_row(article.id),
        before=article.text[:start] if end > start else article.text,
        marked=article.text[start:end],
        after=article.text[end:] if end > start else "",
        quotes=quotes,
    )


def highlight(param: str | None, article: Article) -> tuple[int, int]:
    """The ``hl=START-END`` offsets when they lie inside the text, else (0, 0)."""
    start_text, _, end_text = (param or "").partition("-")
    if not (start_text.isdigit() and end_text.isdigit()):
        return 0, 0
    start, end = int(start_text), int(end_text)
    if 0 <= start < end <= len(article.text):
        return start, end
    return 0, 0


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    params = request.query_params
    found = catalogue_of(request).outlets(page=page_number(params), per_page=page_size(params))
    return page(request, "outlets.html.j2", found=found, page_url=_pages(request, found.pages))


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str) -> HTMLResponse:
    cat = catalogue_of(request)
    outlet = cat.outlet(name)
    if outlet is None:
        return not_found(request)
    snap = cat.snapshot()
    stories = [snap.by_id[s] for s in outlet.stories if s in snap.by_id]
    profile = outlet_profile(cat, name, stories[:OUTLET_STORIES])
    articles = cat.articles(outlet=name, per_page=200).items
    relayed = sum(
        1 for a in cat.full_articles([r.id for r in articles]) if a.agency and a.agency != a.outlet
    )
    return page(
        request,
        "outlet.html.j2",
        outlet=outlet,
        stories=stories,
        unique=profile[0],
        omitted=profile[1],
        checked=min(len(stories), OUTLET_STORIES),
        relayed=relayed,
        sampled=len(articles),
    )


def outlet_profile(cat: Catalogue, name: str, stories: list) -> tuple[list, list]:
    """The facts only ``name`` reports and those it leaves out, in these stories."""
    unique, omitted = [], []
    for story in stories:
        built = cat.dossiers.get(story)
        facts = {fv.fact.id: fv for fv in built.view.facts}
        for profile in built.dossier.profiles:
            if profile.outlet != name:
                continue
            unique += [(story, facts[f]) for f in profile.unique_facts if f in facts]
            omitted += [(story, facts[f]) for f in profile.facts_omitted if f in facts]
    return unique, omitted


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request) -> HTMLResponse:
    q = request.query_params.get("q", "")[:200]
    params = request.query_params
    found = catalogue_of(request).entities(
        q=q, page=page_number(params), per_page=page_size(params)
    )
    return page(
        request, "entities.html.j2", q=q, found=found, page_url=_pages(request, found.pages)
    )


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str) -> HTMLResponse:
    cat = catalogue_of(request)
    entity = cat.entity(key)
    if entity is None:
        return not_found(request)
    snap = cat.snapshot()
    story_ids = dict.fromkeys(
        row.story_id
        for a in sorted(entity.articles)
        if (row := snap.articles.get(a)) is not None and row.story_id
    )
    return page(
        request,
        "entity.html.j2",
        entity=entity,
        stories=[snap.by_id[s] for s in story_ids if s in snap.by_id],
        articles=snap.articles,
    )


@router.get("/glossary", response_class=HTMLResponse)
def glossary_page(request: Request) -> HTMLResponse:
    return page(
        request,
        "glossary.html.j2",
        kinds=list(KIND_GLOSS),
        states=("reported", "differs", "contradicted", "omitted", "absent"),
        certainties=CERTAINTY,
        quote_kinds=("direct", "partial", "indirect", "according_to"),
        labels=("PER", "ORG", "LOC", "MISC"),
    )


def not_found(request: Request) -> HTMLResponse:
    return page(request, "error.html.j2", status=404, title_key="not_found")
