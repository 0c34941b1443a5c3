"""Several stories in one input: each is cross-checked on its own, then united (``parts``)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from recoupe import parts
from recoupe.align import align
from recoupe.model import Dossier, Story
from recoupe.run import cross_check, whole_story

FLOODS = (
    "Les crues ont inondé 300 maisons à Valdorra lundi, selon la préfecture de Valdorra.",
    "Les crues ont inondé 450 maisons à Valdorra lundi, selon la préfecture de Valdorra.",
)
STRIKE = (
    "Les cheminots de Brevanne ont fait grève mardi ; 12 trains ont été supprimés.",
    "Les cheminots de Brevanne ont fait grève mardi, a annoncé le syndicat Rail-Uni.",
    "Les cheminots de Brevanne ont fait grève mardi ; 20 trains ont été supprimés.",
)
FESTIVAL = ("Le festival de Montclar a ouvert ses portes vendredi devant 8 000 spectateurs.",)
PLACES = [("Valdorra", "LOC"), ("Brevanne", "LOC"), ("Montclar", "LOC"), ("Rail-Uni", "ORG")]
COUNTED = {"maisons": "maison", "trains": "train", "spectateurs": "spectateur"}


def _articles(build, texts, prefix):
    return [
        build.article(
            text, source=f"{prefix}{n}.txt", mentions=PLACES, quantities=_figures(build, text)
        )
        for n, text in enumerate(texts, 1)
    ]


def _figures(build, text):
    """The counts a text gives: "300 maisons", "8 000 spectateurs"."""
    out = []
    for word, unit in COUNTED.items():
        for m in re.finditer(r"(\d[\d ]*) " + word, text):
            value = float(m.group(1).replace(" ", ""))
            out.append(build.quantity(text, m.group(0), value, unit=unit))
    return out


def _story(items, sid: str) -> Story:
    return dataclasses.replace(whole_story(items), id=sid)


@pytest.fixture
def three(build):
    groups = [
        _articles(build, FLOODS, "crue"),
        _articles(build, STRIKE, "greve"),
        _articles(build, FESTIVAL, "fete"),
    ]
    found = [_story(items, f"s{n}") for n, items in enumerate(groups, 1)]
    analyzed = [item for items in groups for item in items]
    return groups, found, cross_check(analyzed, found)


def _ids(dossier: Dossier) -> list[str]:
    return [
        *(f.id for f in dossier.facts),
        *(d.id for d in dossier.divergences),
        *(w.id for w in dossier.wording),
        *(e.id for e in dossier.entities),
        *(c.id for c in dossier.commitments),
        *(o.id for o in dossier.origins),
    ]


def test_every_id_is_unique_across_stories(three) -> None:
    _groups, _found, dossier = three
    counts = Counter(_ids(dossier))
    assert [i for i, n in counts.items() if n > 1] == []
    assert len(dossier.stories) == 3


def test_no_fact_or_divergence_mixes_two_stories(three) -> None:
    _groups, _found, dossier = three
    story_of = {a: s.id for s in dossier.stories for a in s.articles}
    for fact in dossier.facts:
        assert len({story_of[e.article_id] for e in fact.evidence}) == 1, fact
    for div in dossier.divergences:
        docs = {e.article_id for side in div.sides for e in side.evidence}
        assert len({story_of[d] for d in docs}) == 1, div
    # the stories' own lists partition the top-level ones
    assert sorted(f for s in dossier.stories for f in s.facts) == sorted(
        f.id for f in dossier.facts
    )
    assert sorted(d for s in dossier.stories for d in s.divergences) == sorted(
        d.id for d in dossier.divergences
    )


def test_no_article_is_charged_with_another_storys_facts(three) -> None:
    _groups, _found, dossier = three
    for story in dossier.stories:
        own = set(story.facts)
        for profile in dossier.profiles:
            if profile.article_id in story.articles:
                assert set(profile.facts_omitted) <= own
                assert set(profile.facts_carried) <= own


def test_each_story_is_the_dossier_of_its_articles_alone(three) -> None:
    groups, found, dossier = three
    # largest story first; the two told by several articles each differ on a figure
    assert [s.id for s in dossier.stories] == ["s2", "s1", "s3"]
    assert [len(s.divergences) > 0 for s in dossier.stories] == [True, True, False]
    group_of = {story.id: items for story, items in zip(found, groups, strict=True)}
    for story in dossier.stories:
        alone = align(group_of[story.id])
        part = parts.story_part(dossier, story.id)
        assert part.id == alone.id == story.dossier
        assert [f.statement for f in part.facts] == [f.statement for f in alone.facts]
        assert [f.evidence for f in part.facts] == [f.evidence for f in alone.facts]
        assert [(d.kind, d.reason, d.sides) for d in part.divergences] == [
            (d.kind, d.reason, d.sides) for d in alone.divergences
        ]
        assert [e.name for e in part.entities] == [e.name for e in alone.entities]
        assert part.articles == alone.articles
        assert len(part.profiles) == len(alone.profiles)
    # the first story's ids do not move: its part is align's dossier as it was
    first = parts.story_part(dossier, dossier.stories[0].id)
    assert dataclasses.replace(first, stories=()) == align(group_of[first.stories[0].id])


def test_references_follow_the_renumbered_ids(three) -> None:
    _groups, _found, dossier = three
    facts = {f.id for f in dossier.facts}
    entities = {e.id for e in dossier.entities}
    assert {f for d in dossier.divergences for f in d.facts} <= facts
    assert {t.fact for t in dossier.timeline} <= facts
    assert {a for f in dossier.facts for a in f.actors} <= entities
    assert {q.speaker_id for q in dossier.quotes if q.speaker_id} <= entities
    for profile in dossier.profiles:
        assert set(profile.unique_facts) <= facts
        assert profile.origin is None or profile.origin in {o.id for o in dossier.origins}


def test_a_story_of_one_article_has_facts_and_no_divergence(three) -> None:
    _groups, _found, dossier = three
    (lone,) = [s for s in dossier.stories if len(s.articles) == 1]
    assert lone.facts
    assert lone.divergences == ()


def test_a_single_story_is_left_as_align_made_it(build) -> None:
    items = _articles(build, FLOODS, "crue")
    story = _story(items, "s1")
    dossier = cross_check(items, [story])
    alone = align(items)
    assert dataclasses.replace(dossier, stories=()) == alone
    (listed,) = dossier.stories
    assert listed.facts == tuple(f.id for f in alone.facts)
    assert listed.divergences == tuple(d.id for d in alone.divergences)
    assert parts.story_part(dossier, "s1") is dossier


def test_story_part_finds_a_merged_id_and_refuses_an_unknown_one(three) -> None:
    _groups, _found, dossier = three
    merged = dataclasses.replace(dossier.stories[1], merged=("sold",))
    dossier = dataclasses.replace(dossier, stories=(dossier.stories[0], merged, dossier.stories[2]))
    assert parts.story_part(dossier, "sold").stories == (merged,)
    with pytest.raises(KeyError):
        parts.story_part(dossier, "snowhere")


def test_a_copy_and_its_original_in_two_stories_are_no_pair(build) -> None:
    from recoupe.model import Duplicate

    floods = _articles(build, FLOODS, "crue")
    strike = _articles(build, STRIKE, "greve")
    dup = Duplicate(
        article_id=strike[0].article.id,
        source=strike[0].article.source,
        of_id=floods[0].article.id,
        of_source=floods[0].article.source,
        kind="near",
        similarity=0.9,
    )
    found = [_story(floods, "s1"), _story(strike, "s2")]
    dossier = cross_check([*floods, *strike], found, duplicates=[dup])
    assert dossier.duplicates == ()


def test_no_story_gives_an_empty_dossier() -> None:
    dossier = cross_check([], [])
    assert dossier.articles == () and dossier.stories == ()


def test_a_storys_dates_are_its_articles_dates_in_the_dossier(build) -> None:
    items = _articles(build, FLOODS, "crue")
    # grouped while undated (a date read later, or inferred by align, still counts)
    story = dataclasses.replace(_story(items, "s1"), first=None, last=None)
    (listed,) = cross_check(items, [story]).stories
    assert (listed.first, listed.last) == (items[0].article.published,) * 2
