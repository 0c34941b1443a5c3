"""The view of a dossier of several stories: the list of stories, then one report each.

A dossier that unites several stories (``parts.unite``) is reported as the list of
its stories, then one section per story that is the report of that story's own
dossier (``parts.story_part``). Every anchor of a story's section starts with the
story's prefix, so that the sections' anchors (``doc-d1``, ``ev-3``, ``summary`` ...)
stay unique on the page and each section's links stay inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import jinja2

from recoupe.model import Dossier, Story
from recoupe.parts import story_part

from .view import NoteView, ReportView, Stats, build_view, plural, slug, stats

__all__ = ["StoriesView", "StoryView", "build_stories_view"]

UNTITLED = "untitled story"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story of the report: its place, title, section anchor and own report."""

    number: int  # 1, 2 ... in the order of the report
    story: Story
    title: str
    anchor: str  # the id of its section; its own anchors start with ``prefix``
    view: ReportView  # the report of its own dossier

    @property
    def prefix(self) -> str:
        return self.anchor + "-"

    @property
    def brief(self) -> bool:
        """Whether it is shown compactly: one article, so nothing to cross-check."""
        return self.view.stats.articles == 1

    @property
    def outlets(self) -> tuple[str, ...]:
        """Its known outlets, each once, in the order of its articles."""
        return tuple(dict.fromkeys(d.outlet for d in self.view.docs if d.outlet))


@dataclass(frozen=True, slots=True)
class StoriesView:
    """The whole input: its figures, its stories (largest first) and its notes."""

    dossier_id: str
    stats: Stats
    stories: tuple[StoryView, ...]
    notes: tuple[NoteView, ...]

    @property
    def heading(self) -> str:
        """``"3 stories · 12 articles from 7 outlets"``."""
        return f"{plural(len(self.stories), 'story', 'stories')} · {self.stats.heading}"

    @property
    def facts(self) -> int:
        return sum(len(sv.view.facts) for sv in self.stories)

    @property
    def divergences(self) -> int:
        return sum(len(sv.view.divergences) for sv in self.stories)


def build_stories_view(dossier: Dossier) -> StoriesView:
    """The list of ``dossier``'s stories, each with the view of its own dossier.

    Stories come largest first (most articles), ties in the dossier's order: a reader
    meets the stories many outlets cover before the long tail of stories of one
    article. The dossier's order follows the arrival of each story's first article,
    which says little to a reader.
    """
    ordered = sorted(dossier.stories, key=lambda s: -len(s.articles))
    used: set[str] = {"top", "stats", "stories", "notes"}  # the page's own anchors
    stories = []
    for number, story in enumerate(ordered, start=1):
        anchor = slug(story.id)
        if anchor in used:  # two stories never share an id; this keeps anchors unique anyway
            anchor = f"{anchor}-{number}"
        used.add(anchor)
        view = build_view(story_part(dossier, story.id))
        stories.append(
            StoryView(
                number=number, story=story, title=_title(story, view), anchor=anchor, view=view
            )
        )
    return StoriesView(
        dossier_id=dossier.id,
        stats=stats(dossier),
        stories=tuple(stories),
        notes=tuple(NoteView(note=n) for n in dossier.notes),
    )


def _title(story: Story, view: ReportView) -> str:
    """The story's title, else its first titled article's, else "untitled story"."""
    if story.title:
        return story.title
    return next((d.title for d in view.docs if d.title), UNTITLED)


def render_report(
    dossier: Dossier, env: jinja2.Environment, body: Callable[..., str], ext: str
) -> str:
    """The report of ``dossier`` with ``env``'s templates: ``dossier.EXT.j2`` around one
    story's ``body``, or for several stories ``stories.EXT.j2`` around one section each
    (``body`` renders a story's sections, given a prefix for its anchors and a depth)."""
    if len(dossier.stories) > 1:
        report = _last_view(dossier, build_stories_view)
        sections = [
            (sv, body(sv.view, prefix=sv.prefix, depth=1, brief=sv.brief)) for sv in report.stories
        ]
        return env.get_template(f"stories.{ext}.j2").render(
            report=report, sections=sections, prefix=""
        )
    view = _last_view(dossier, build_view)
    return env.get_template(f"dossier.{ext}.j2").render(view=view, body=body(view), prefix="")


# The view of the dossier rendered last: the Markdown and HTML reports of one dossier
# are written one after the other from the same view (the views are read, never changed).
_LAST: list[tuple[Dossier, Callable[[Dossier], Any], Any]] = []


def _last_view(dossier: Dossier, build: Callable[[Dossier], T]) -> T:
    """``build(dossier)``, built again only for another dossier (or another builder)."""
    if _LAST and _LAST[0][0] is dossier and _LAST[0][1] is build:
        view: T = _LAST[0][2]
        return view
    built = build(dossier)
    _LAST[:] = [(dossier, build, built)]
    return built
