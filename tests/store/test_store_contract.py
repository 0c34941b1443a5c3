"""The store contract: every backend (SQLite file, PostgreSQL server) passes the same rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from types import SimpleNamespace

import pytest
from sqlalchemy import insert
from store_helpers import analysis, article

from recoupe import codec
from recoupe.store import StoreError, open_store, schema
from recoupe.store.migrations import MIGRATIONS, migrate
from recoupe.store.open import normalise_url
from recoupe.store.rows import dump_profile, load_member, load_profile, member_row, pack
from recoupe.stories import (
    ArticleFeatures,
    Member,
    MemoryStories,
    StoryIndex,
    ThreadProfile,
)
from recoupe.stories.index import TERM


def test_migrations_are_applied_in_order_and_recorded(store):
    info = store.info()
    assert [name for name, _at in info.migrations] == [name for name, _ in MIGRATIONS]
    assert info.pending == ()
    assert info.dialect in ("sqlite", "postgresql")


def test_migrated_tables_match_the_schema_module(store):
    tables = store.info().tables
    for name, table in schema.metadata.tables.items():
        assert set(tables[name]) == {col.name for col in table.columns}, name


def test_reopening_applies_nothing_twice(store, store_url):
    assert migrate(store._engine) == []
    again = open_store(store_url)
    assert [name for name, _ in again.info().migrations] == [name for name, _ in MIGRATIONS]
    again.close()


def test_a_store_from_a_newer_recoupe_is_refused(store, store_url):
    with store._engine.begin() as conn:
        conn.execute(
            insert(schema.migrations).values(name="9999_future", position=99, applied_at="x")
        )
    with pytest.raises(StoreError, match="newer version"):
        open_store(store_url)


def test_articles_are_added_once_and_round_trip(store):
    first = [article(1), article(2, published=None, outlet=None), article(3)]
    assert store.put_articles(first) == ["a0001", "a0002", "a0003"]
    assert store.put_articles([article(2), article(4), article(4)]) == ["a0004"]
    assert store.get_articles(["a0003", "a0001", "zzz"]) == [first[2], first[0]]
    assert [a.id for a in store.iter_articles(batch_size=2)] == ["a0001", "a0002", "a0003", "a0004"]
    assert store.has_articles(["a0002", "nope"]) == {"a0002"}
    assert store.info().counts["articles"] == 4


def test_analyses_are_keyed_by_article_and_pipeline(store):
    store.put_articles([article(1), article(2)])
    assert not store.has_analysis("a0001", "p1")
    store.put_analyses([analysis("a0001", "p1")])
    assert store.has_analysis("a0001", "p1")
    assert not store.has_analysis("a0001", "p2")
    assert store.missing_analyses(["a0002", "a0001"], "p1") == ["a0002"]
    # A second analysis with the same key is ignored, not doubled.
    store.put_analyses([analysis("a0001", "p1")])
    assert store.get_analyses(["a0001", "a0002"], "p1") == {"a0001": analysis("a0001", "p1")}
    store.put_analyses([analysis("a0001", "p2"), analysis("a0002", "p2")])
    assert store.info().pipelines == {"p1": 1, "p2": 2}


def test_sentence_vectors_are_kept_once_by_key(store):
    first = bytes(range(16))
    assert store.put_vectors({"k1": first, "k2": b"\x00" * 8}) == 2
    # a key stored already keeps its vector
    store.put_vectors({"k1": b"\xff" * 16})
    assert store.get_vectors(["k1", "k3", "k1"]) == {"k1": first}
    assert store.get_vectors([]) == {}


def test_a_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.put_articles([article(1)])
        store.put_analyses([analysis("a0001")])
        raise RuntimeError("killed")
    assert store.has_articles(["a0001"]) == set()
    assert store.missing_analyses(["a0001"], "p1") == ["a0001"]
    with store.transaction():
        store.put_articles([article(1)])
        with store.transaction():  # nested: joins the outer one
            store.put_analyses([analysis("a0001")])
    assert store.has_analysis("a0001", "p1")


def features(n: int, *, terms: str, names: str = "", day: str | None = None) -> ArticleFeatures:
    """Hand-made features: one word per term, names comma-separated."""
    return ArticleFeatures(
        article_id=f"a{n:04d}",
        terms=dict.fromkeys(terms.split(), 1.0),
        entities=tuple(sorted(filter(None, names.split(",")))),
        dates=(day,) if day else (),
        published=dt.date(2025, 3, 19),
        title=f"title {n}",
        outlet=f"outlet{n % 3}",
    )


SEQUENCE = [
    features(1, terms="strike port dockers wages union", names="marseille"),
    features(2, terms="election mayor ballot turnout", names="lyon"),
    features(3, terms="strike port dockers union blockade", names="marseille"),
    features(4, terms="election mayor ballot results", names="lyon"),
    features(5, terms="strike port dockers wages blockade union", names="marseille"),
    features(6, terms="flood river rain evacuation", names="nimes"),
]


def test_story_placement_matches_the_memory_backend(store, words_only):
    memory = MemoryStories()
    in_memory = StoryIndex(memory, settings=words_only)
    in_store = StoryIndex(store, settings=words_only)
    for item in SEQUENCE:
        with store.transaction():
            got = in_store.place(item)
        want = in_memory.place(item)
        assert got == want
    assert list(store.iter_stories()) == list(memory.stories())
    stories = list(store.iter_stories())
    assert [s.articles for s in stories] == [
        ("a0001", "a0003", "a0005"),
        ("a0002", "a0004"),
        ("a0006",),
    ]
    assert store.story_of(["a0004", "zz"]) == {"a0004": stories[1].id}
    assert store.info().stories == 3


def test_stories_that_grow_together_keep_the_older_id(store, words_only):
    index = StoryIndex(store, settings=words_only)
    with store.transaction():
        left = index.place(features(1, terms="alpha beta gamma delta"))
        right = index.place(features(2, terms="epsilon zeta eta theta"))
        bridges = [
            index.place(features(n, terms="alpha beta gamma delta epsilon zeta eta theta"))
            for n in (3, 4, 5)
        ]
    assert left.story_id != right.story_id
    assert {p.story_id for p in bridges} == {left.story_id}  # the older id survives
    assert any(("a0002", left.story_id) in p.moved for p in bridges)
    story = store.get_story(right.story_id)  # the id once shown still leads somewhere
    assert story is not None and story.id == left.story_id
    assert story.articles == ("a0001", "a0002", "a0003", "a0004", "a0005")
    assert story.merged == (right.story_id,)
    assert [s.id for s in store.iter_stories()] == [left.story_id]
    assert store.resolve_story("unknown") is None and store.get_story("unknown") is None


def test_candidate_threads_match_the_memory_backend(store, words_only):
    # Live threads within the window, most shared keys first, then the oldest; one absorbed.
    memory = MemoryStories()
    in_memory = StoryIndex(memory, settings=words_only)
    in_store = StoryIndex(store, settings=words_only)
    rows = [
        (1, "alpha beta gamma delta", 0),
        (2, "epsilon zeta eta theta", 0),
        (3, "alpha beta gamma delta epsilon zeta eta theta", 1),  # absorbs the second thread
        (4, "alpha omega sigma", 60),
        (5, "alpha iota kappa", 120),
        (6, "iota kappa lambda", 121),
    ]
    placed = []
    for n, terms, day in rows:
        item = dataclasses.replace(
            features(n, terms=terms), published=dt.date(2025, 1, 1) + dt.timedelta(days=day)
        )
        with store.transaction():
            placed.append(in_store.place(item))
        assert in_memory.place(item) == placed[-1]
    assert placed[2].absorbed == (placed[1].thread_id,)
    keys = [TERM + word for word in ("alpha", "epsilon", "omega", "iota", "kappa", "nothing")]
    windows = [
        (None, None),
        (dt.date(2025, 1, 1), dt.date(2025, 1, 2)),
        (dt.date(2025, 2, 1), None),
        (None, dt.date(2025, 3, 1)),
    ]
    for start, end in windows:
        for limit in (1, 2, 10):
            want = memory.find_threads(keys, start=start, end=end, limit=limit)
            assert store.find_threads(keys, start=start, end=end, limit=limit) == want
    assert len(store.find_threads(keys, start=None, end=None, limit=10)) == 3


def test_threads_and_members_are_stored_as_the_codec_writes_them():
    profile = ThreadProfile(
        id="t1",
        seq=3,
        size=2,
        first=dt.date(2025, 3, 18),
        last=dt.date(2025, 3, 19),
        languages=("fr", "en"),
        terms={"grève": 0.5, "port": 0.25},
        names={"marseille": 1.0},
        dates={"2025-03-18": 2.0},
        embedding=(0.5, -0.25),
        merged=("t2",),
    )
    bare = dataclasses.replace(profile, embedding=())
    assert json.loads(dump_profile(profile)) == codec.to_plain(bare)
    assert load_profile(codec.dumps(bare), pack(profile.embedding)) == profile
    member = Member(
        article_id="a1",
        seq=4,
        story_id="s1",
        terms={"grève": 0.8, "port": 0.6},
        names={"marseille": 1.0},
        embedding=(0.5, -0.25),
        dates=("2025", "2025-03-18"),
        published=dt.date(2025, 3, 19),
        title="Grève « au port »",
        outlet="La Gazette",
        ordinals=(4,),
    )
    row = member_row(member)
    assert load_member(SimpleNamespace(**row)) == member
    vectors = json.loads(row["vectors"])
    plain = codec.to_plain(member)
    assert vectors == {k: plain[k] for k in ("terms", "names", "dates", "ordinals")}
    # a member stored before ranks were read loads with none
    del vectors["ordinals"]
    older = SimpleNamespace(**{**row, "vectors": json.dumps(vectors)})
    assert load_member(older) == dataclasses.replace(member, ordinals=())


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "sqlite:///recoupe.db"),
        ("news.db", "sqlite:///news.db"),
        ("/data/news.db", "sqlite:////data/news.db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_store_urls(given, expected):
    assert normalise_url(given) == expected


def test_the_default_store_is_recoupe_db_here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store()
    store.put_articles([article(1)])
    store.close()
    assert (tmp_path / "recoupe.db").is_file()


@pytest.mark.parametrize("url", ["nosuchdb://x/y", "sqlite:////no/such/folder/x.db"])
def test_bad_store_urls_say_what_is_wrong(url):
    with pytest.raises(StoreError):
        open_store(url)


def failed_analysis(article_id: str, pipeline: str = "p1", why: str = "ValueError: odd"):
    from recoupe.model import Analysis, Note

    note = Note(code="analysis_failed", detail=why)
    return Analysis(article_id=article_id, pipeline=pipeline, notes=(note,))


def test_a_failed_analysis_is_kept_as_failed_and_gives_way_to_the_next(store):
    store.put_articles([article(1), article(2)])
    store.put_analyses([failed_analysis("a0001"), analysis("a0002")])
    assert store.analysis_status(["a0001", "a0002", "zzz"]) == {
        "a0001": {"p1": "ValueError: odd"},
        "a0002": {"p1": None},
    }
    assert store.info().failed == {"p1": 1} and store.info().failed_articles == 1
    # a failed one is replaced by the next; a good one is not replaced by a failed one
    store.put_analyses([analysis("a0001"), failed_analysis("a0002")])
    assert store.get_analyses(["a0001", "a0002"], "p1") == {
        "a0001": analysis("a0001"),
        "a0002": analysis("a0002"),
    }
    assert store.info().failed == {} and store.info().failed_articles == 0


def test_analyses_stored_before_failures_were_recorded_are_marked(store_url, monkeypatch):
    from sqlalchemy import create_engine, text

    from recoupe.store import migrations
    from recoupe.store.open import _make_sqlite_transactional

    engine = create_engine(store_url)
    if engine.dialect.name == "sqlite":
        _make_sqlite_transactional(engine)
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:2])
    migrate(engine)
    rows = [
        {"article_id": "a0001", "pipeline": "p1", "payload": codec.dumps(failed_analysis("a0001"))},
        {"article_id": "a0002", "pipeline": "p1", "payload": codec.dumps(analysis("a0002"))},
    ]
    with engine.begin() as conn:  # the table as 0001 made it: no failed column
        conn.execute(
            text("INSERT INTO analyses (article_id, pipeline, payload) VALUES (:a, :p, :j)"),
            [{"a": r["article_id"], "p": r["pipeline"], "j": r["payload"]} for r in rows],
        )
    engine.dispose()
    monkeypatch.undo()
    store = open_store(store_url)
    assert store.analysis_status(["a0001", "a0002"]) == {
        "a0001": {"p1": "ValueError: odd"},
        "a0002": {"p1": None},
    }
    store.close()
