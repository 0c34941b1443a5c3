"""Stories inside a thread: strays rejoin their event's cluster unless a date sets them apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from recoupe.stories import MemoryStories, StoryIndex, StorySettings
from recoupe.stories.features import ArticleFeatures
from recoupe.stories.members import attach_strays

# Rows 0-2 are one event, 3-4 another; row 5 is a brief most like the first event.
SIMILARITY = np.array(
    [
        [1.0, 0.6, 0.5, 0.1, 0.0, 0.15],
        [0.6, 1.0, 0.6, 0.0, 0.1, 0.12],
        [0.5, 0.6, 1.0, 0.1, 0.0, 0.09],
        [0.1, 0.0, 0.1, 1.0, 0.7, 0.05],
        [0.0, 0.1, 0.0, 0.7, 1.0, 0.02],
        [0.15, 0.12, 0.09, 0.05, 0.02, 1.0],
    ]
)
LABELS = [1, 1, 1, 2, 2, 3]
IN_STEP = np.ones((6, 6), dtype=bool)


def test_a_stray_joins_the_cluster_it_is_most_like_above_the_floor():
    assert attach_strays(SIMILARITY, IN_STEP, LABELS, 0.1) == [1, 1, 1, 2, 2, 1]


def test_a_stray_below_the_floor_stays_alone():
    assert attach_strays(SIMILARITY, IN_STEP, LABELS, 0.13) == LABELS


def test_a_stray_out_of_step_with_most_members_stays_alone():
    apart = IN_STEP.copy()
    apart[5, 1:3] = apart[1:3, 5] = False  # published a week after two of the three reports
    assert attach_strays(SIMILARITY, apart, LABELS, 0.1) == LABELS


def test_one_members_outlying_date_is_no_veto():
    apart = IN_STEP.copy()
    apart[5, 2] = apart[2, 5] = False  # one report dated by a page header, a month later
    assert attach_strays(SIMILARITY, apart, LABELS, 0.1) == [1, 1, 1, 2, 2, 1]


def test_a_stray_as_like_the_rest_of_its_thread_stays_alone():
    # Row 5 averages 0.12 with the first event but 0.035 with the second: it joins with no
    # margin or a small one, and stays alone when it must be 0.1 closer to its cluster.
    assert attach_strays(SIMILARITY, IN_STEP, LABELS, 0.1, margin=0.08) == [1, 1, 1, 2, 2, 1]
    assert attach_strays(SIMILARITY, IN_STEP, LABELS, 0.1, margin=0.1) == LABELS


def test_strays_do_not_gather_each_other():
    pair = np.array([[1.0, 0.9], [0.9, 1.0]])
    assert attach_strays(pair, np.ones((2, 2), dtype=bool), [1, 2], 0.1) == [1, 2]


EVENT = "dockers strike port blockade wages union harbour ferry"


def words(n: int, text: str, published: str = "2025-03-19") -> ArticleFeatures:
    return ArticleFeatures(
        article_id=f"a{n}",
        terms=dict.fromkeys(text.split(), 1.0),
        entities=(),
        dates=(),
        published=dt.date.fromisoformat(published),
    )


def place_all(settings: StorySettings, *items: ArticleFeatures) -> dict[str, tuple[str, ...]]:
    backend = MemoryStories()
    index = StoryIndex(backend, settings=settings)
    for item in items:
        index.place(item)
    return {s.id: s.articles for s in backend.stories()}


def test_a_brief_joins_the_story_its_words_belong_to(words_only):
    words_and_strays = replace(words_only, attach=0.2)
    event = [words(n, EVENT) for n in (1, 2, 3)]
    brief = words(4, "dockers strike ferry delays passengers stranded quay evening")
    assert sorted(place_all(words_and_strays, *event, brief).values()) == [("a1", "a2", "a3", "a4")]
    # Without the second bar it stays under the cut, alone.
    alone = place_all(words_only, *event, brief)
    assert sorted(alone.values()) == [("a1", "a2", "a3"), ("a4",)]


def test_a_brief_published_a_week_later_stays_alone(words_only):
    # The gap counts, barely: words still decide the cut.
    dated = replace(words_only, attach=0.2, gap=0.01)
    event = [words(n, EVENT) for n in (1, 2, 3)]
    brief = words(4, "dockers strike ferry delays passengers stranded quay evening", "2025-03-26")
    assert sorted(place_all(dated, *event, brief).values()) == [("a1", "a2", "a3"), ("a4",)]


def test_two_occurrences_of_a_recurring_event_are_two_stories(words_only):
    # The same words for two weekly protests: the rank each report names sets them apart.
    ranked = replace(words_only, cut=0.9, ordinals=0.3)
    fourth = [replace(words(n, EVENT), ordinals=(4,)) for n in (1, 2)]
    fifth = [replace(words(n, EVENT), ordinals=(5,)) for n in (3, 4)]
    assert sorted(place_all(ranked, *fourth, *fifth).values()) == [("a1", "a2"), ("a3", "a4")]
    assert len(place_all(replace(ranked, ordinals=0.0), *fourth, *fifth)) == 1


def test_a_shared_rank_brings_two_reports_over_the_cut(words_only):
    ranked = replace(words_only, cut=0.5, ordinals=0.2)
    one = replace(words(1, "dockers strike port blockade wages"), ordinals=(3,))
    other = replace(words(2, "dockers strike harbour ferry union"), ordinals=(3,))
    assert len(place_all(replace(ranked, ordinals=0.0), one, other)) == 2
    assert len(place_all(ranked, one, other)) == 1
