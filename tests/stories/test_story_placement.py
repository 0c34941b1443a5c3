"""Online placement: same event joins, a different event opens, merges keep the older id."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from story_helpers import news

from recoupe.model import Analysis, DateRef, TextSpan
from recoupe.stories import (
    DEFAULT_SETTINGS,
    LEXICAL_SETTINGS,
    ArticleFeatures,
    MemoryStories,
    StoryIndex,
    cluster,
    extract_features,
    story_id,
)

CALL = news(
    "La Première ministre Maria Lindqvist et le chancelier Tomas Berger se sont entretenus"
    " mardi par téléphone pendant deux heures. Ils ont évoqué un accord sur les quotas de pêche"
    " en mer du Nord, selon un communiqué de la chancellerie.",
    published="2025-03-19",
    outlet="Le Courrier",
)
SAME_CALL = news(
    "Entretien téléphonique de deux heures mardi entre Maria Lindqvist et Tomas Berger : la"
    " Première ministre et le chancelier ont discuté des quotas de pêche en mer du Nord et d'un"
    " possible accord, a indiqué la chancellerie.",
    published="2025-03-19",
    outlet="La Gazette",
)
NEXT_WEEK = news(
    "La Première ministre Maria Lindqvist et le chancelier Tomas Berger se sont de nouveau parlé"
    " mardi par téléphone. Cette fois, ils ont discuté du financement du tunnel ferroviaire sous"
    " le détroit, selon la chancellerie.",
    published="2025-03-26",
    outlet="Le Courrier",
)
FOLLOW_UP = news(
    "Le chancelier Tomas Berger a confirmé mercredi l'accord de pêche conclu avec Maria"
    " Lindqvist : les quotas en mer du Nord seront relevés, après l'entretien téléphonique de"
    " mardi.",
    published="2025-03-20",
    outlet="L'Écho",
)
IN_ENGLISH = news(
    "Prime Minister Maria Lindqvist and Chancellor Tomas Berger spoke by phone for two hours on"
    " Tuesday and discussed an agreement on North Sea fishing quotas, the chancellery said.",
    published="2025-03-19",
    outlet="The Herald",
    language="en",
)
FLOOD = news(
    "Des pluies torrentielles ont fait déborder la rivière à Vallstad ; trois cents habitants"
    " ont été évacués par les pompiers dans la nuit.",
    published="2025-03-19",
    outlet="La Gazette",
)


@pytest.fixture(params=["encoder", "words"])
def place(request):
    """Place articles in order in a fresh index; returns the placements."""
    encoder = request.getfixturevalue("encoder") if request.param == "encoder" else None
    settings = DEFAULT_SETTINGS if encoder else LEXICAL_SETTINGS

    def run(*articles):
        index = StoryIndex(MemoryStories(), settings=settings)
        return [index.place(extract_features(a, encoder=encoder)) for a in articles]

    return run


def test_the_same_event_joins_and_the_next_weeks_event_with_the_same_people_opens(place):
    call, same, next_week, follow_up, flood = place(CALL, SAME_CALL, NEXT_WEEK, FOLLOW_UP, FLOOD)
    assert call.opened and call.story_id == story_id(CALL.id)
    assert not same.opened and same.story_id == call.story_id
    assert next_week.opened, next_week.reason
    assert not follow_up.opened and follow_up.story_id == call.story_id
    assert flood.opened


def test_an_article_in_another_language_joins_through_names_and_the_encoder(encoder):
    index = StoryIndex(MemoryStories())
    first = index.place(extract_features(CALL, encoder=encoder))
    english = index.place(extract_features(IN_ENGLISH, encoder=encoder))
    assert english.story_id == first.story_id, english.reason


def dated(article, iso: str) -> Analysis:
    """An analysis that only resolves one weekday of the text to ``iso``."""
    start = article.text.index("mardi")
    span = TextSpan(start=start, end=start + 5, text="mardi")
    return Analysis(
        article_id=article.id,
        pipeline="p",
        dates=(DateRef(span=span, kind="date", iso=iso, granularity="day", relative=True),),
    )


def test_event_days_that_disagree_lower_the_score(encoder):
    def read(article, day):
        return extract_features(article, dated(article, day), encoder=encoder)

    index = StoryIndex(MemoryStories())
    index.place(read(CALL, "2025-03-18"))
    agree = index.decide(read(SAME_CALL, "2025-03-18"))
    differ = index.decide(read(SAME_CALL, "2025-03-11"))
    assert "days +1.00" in agree.reason and "days -1.00" in differ.reason
    assert agree.score - differ.score == pytest.approx(2 * DEFAULT_SETTINGS.days, abs=1e-3)


def test_stories_older_than_the_window_are_not_candidates(place):
    later = news(CALL.text + " ", published="2025-05-19")
    _first, again = place(CALL, later)
    assert again.opened and again.thread_opened
    assert again.reason.startswith("opened a thread: no candidate; opened story")


def test_a_thread_with_undated_reports_is_a_candidate_whatever_its_dated_ones_say(place):
    # Two undated reports, one dated by a page header a month after the event: the
    # thread's dated range says nothing of the undated ones, nor of the event.
    undated = news(CALL.text, published=None)
    also_undated = news(FOLLOW_UP.text, published=None)
    late_header = news(SAME_CALL.text, published="2025-04-23")
    on_the_day = news(CALL.text + " Les deux dirigeants se reparleront.", published="2025-03-19")
    *_, last = place(undated, also_undated, late_header, on_the_day)
    assert not last.thread_opened, last.reason
    assert not last.opened, last.reason


def test_the_window_still_applies_to_a_thread_mostly_dated(place):
    undated = news(FOLLOW_UP.text, published=None)
    later = news(CALL.text + " ", published="2025-05-19")
    *placed, again = place(CALL, SAME_CALL, undated, later)
    assert len({p.thread_id for p in placed}) == 1
    assert again.reason.startswith("opened a thread: no candidate"), again.reason


def words(n: int, text: str) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=f"a{n}", terms=dict.fromkeys(text.split(), 1.0), entities=(), dates=()
    )


def test_stories_drawn_together_by_later_articles_keep_the_older_id(words_only):
    backend = MemoryStories()
    index = StoryIndex(backend, settings=words_only)
    older = index.place(words(1, "alpha beta gamma delta"))
    younger = index.place(words(2, "epsilon zeta eta theta"))
    assert younger.opened and younger.story_id != older.story_id
    for n in (3, 4, 5):
        index.place(words(n, "alpha beta gamma delta epsilon zeta eta theta"))
    assert backend.resolve(younger.story_id) == older.story_id
    (story,) = backend.stories()
    assert story.id == older.story_id and story.articles == ("a1", "a2", "a3", "a4", "a5")
    assert story.merged == (younger.story_id,)
    assert index.place(words(6, "epsilon zeta eta theta")).story_id == older.story_id


def test_an_early_wrong_join_is_undone_when_the_two_events_fill_in(words_only):
    backend = MemoryStories()
    index = StoryIndex(backend, settings=replace(words_only, cut=0.4))
    first = index.place(words(1, "quake coast alpha beta"))
    # Alone, the second event looks like the first and joins it...
    assert index.place(words(2, "quake coast gamma delta")).story_id == first.story_id
    for n in (3, 4, 5):
        index.place(words(n, "quake alpha beta"))
        index.place(words(n + 10, "coast gamma delta"))
    # ...until both have articles of their own: it then splits off, under its own id.
    stories = {s.id: s.articles for s in backend.stories()}
    assert stories == {
        first.story_id: ("a1", "a3", "a4", "a5"),
        story_id("a2"): ("a2", "a13", "a14", "a15"),
    }
    assert backend.resolve(first.story_id) == first.story_id


def test_placement_is_deterministic_and_ids_depend_on_the_opening_article_only(words_only):
    items = [words(i, text) for i, text in enumerate(["a b c", "x y z", "a b d", "x y w"])]
    runs = []
    for _ in range(2):
        index = StoryIndex(MemoryStories(), settings=words_only)
        runs.append([index.place(item) for item in items])
    assert runs[0] == runs[1]
    assert [p.story_id for p in runs[0]] == [story_id("a0"), story_id("a1")] * 2
    assert story_id("a0").startswith("s") and len(story_id("a0")) == 13


def test_cluster_groups_articles_in_memory():
    stories = cluster([(CALL, None), (FLOOD, None), (SAME_CALL, None)])
    assert [len(s.articles) for s in stories] == [2, 1]
    first = stories[0]
    assert first.articles == (CALL.id, SAME_CALL.id)
    assert first.outlets == ("La Gazette", "Le Courrier")
    assert first.first == first.last == dt.date(2025, 3, 19)
    assert first.title == CALL.text.split(". ")[0] + "."
