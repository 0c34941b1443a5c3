"""Metadata beside plain-text files: NAME.meta.json sidecars and folder manifests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import STORY, check_spans

from recoupe.ingest import read_all
from recoupe.model import Article, IngestResult

OTHER = STORY.replace("Brest", "Quimper").replace("Claire Lemoal", "Anne Le Goff")
META = {
    "outlet": "Le Courrier de l'Ouest",
    "url": "https://exemple.fr/2024/06/03/budget",
    "published": "2024-06-03",
    "language": "fr",
    "title": "Le budget adopté",
}


def by_source(result: IngestResult) -> dict[str, Article]:
    return {article.source: article for article in result.articles}


def write_json(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def check_meta(article: Article, meta: dict[str, str]) -> None:
    assert article.outlet == meta["outlet"]
    assert article.url == meta["url"]
    assert article.published == dt.date.fromisoformat(meta["published"])
    assert article.published_from == "metadata"
    assert article.language == meta["language"]
    assert article.title == meta["title"]


# ---------------------------------------------------------------- sidecars


@pytest.mark.parametrize("sidecar", ["a.meta.json", "a.txt.meta.json"])
def test_a_sidecar_gives_the_metadata_of_its_file(write, tmp_path, sidecar):
    write("a.txt", STORY)
    write_json(tmp_path / sidecar, META)
    result = read_all([tmp_path])
    assert not result.rejected
    (article,) = result.articles  # the sidecar is no article
    check_meta(article, META)
    check_spans(article)


def test_a_sidecar_is_read_when_the_file_is_named(write, tmp_path):
    path = write("a.txt", STORY)
    write_json(tmp_path / "a.meta.json", META)
    result = read_all([path, tmp_path / "a.meta.json"])  # as a shell glob gives them
    (article,) = result.articles
    check_meta(article, META)


@pytest.mark.parametrize(
    ("keys", "field", "expected"),
    [
        ({"publication_date": "2024-06-03T08:30:00+02:00"}, "published", dt.date(2024, 6, 3)),
        ({"date": "Mon, 03 Jun 2024 10:00:00 +0200"}, "published", dt.date(2024, 6, 3)),
        ({"publisher": "La Gazette du Port"}, "outlet", "La Gazette du Port"),
        ({"Outlet": "La Gazette du Port"}, "outlet", "La Gazette du Port"),
        ({"lang": "fr-CA"}, "language", "fr"),
        ({"link": "https://exemple.fr/a"}, "url", "https://exemple.fr/a"),
        ({"author": "Jean Dupont"}, "authors", ("Jean Dupont",)),
        ({"authors": ["Jean Dupont", "Marie Martin"]}, "authors", ("Jean Dupont", "Marie Martin")),
    ],
)
def test_sidecar_keys_and_their_aliases(write, tmp_path, keys, field, expected):
    write("a.txt", STORY)
    write_json(tmp_path / "a.meta.json", keys)
    (article,) = read_all([tmp_path]).articles
    assert getattr(article, field) == expected


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("{not json", "metadata sidecar not used: not JSON"),
        ('["a list"]', "metadata sidecar not used: a sidecar must hold one JSON object"),
        (b"\x00\x01\x02\x03" * 20, "metadata sidecar not used"),
    ],
)
def test_a_bad_sidecar_is_one_rejection_and_the_article_is_still_read(
    write, tmp_path, content, detail
):
    write("a.txt", STORY)
    write("a.meta.json", content)
    result = read_all([tmp_path])
    (article,) = result.articles
    assert article.outlet is None and article.published is None
    (rejected,) = result.rejected
    assert rejected.source == str(tmp_path / "a.meta.json")
    assert rejected.detail.startswith(detail)
    assert rejected.detail.endswith("the files it describes are read without it")


@pytest.mark.parametrize(
    ("keys", "code"),
    [
        ({"published": "le 3 juin"}, "bad_date"),
        ({"language": "français"}, "bad_language"),
        ({"outlett": "La Gazette"}, "metadata_key_unknown"),
    ],
)
def test_a_bad_value_in_a_sidecar_is_a_note_naming_the_file(write, tmp_path, keys, code):
    write("a.txt", STORY)
    write_json(tmp_path / "a.meta.json", {"outlet": "La Gazette du Port", **keys})
    result = read_all([tmp_path])
    assert not result.rejected
    (article,) = result.articles
    assert article.outlet == "La Gazette du Port"
    notes = [note for note in article.notes if note.code == code]
    assert notes and notes[0].detail.startswith("a.meta.json: ")


def test_sidecar_values_win_over_the_format_and_the_text(write, tmp_path):
    write("a.txt", "PARIS, 3 juin 2024 (AFP) - " + STORY)
    write_json(tmp_path / "a.meta.json", {"published": "2024-06-04"})
    (article,) = read_all([tmp_path]).articles
    assert article.published == dt.date(2024, 6, 4)
    assert article.agency == "AFP"
    assert "published_conflict" in [note.code for note in article.notes]


# ---------------------------------------------------------------- manifests


def manifest_list(**extra: object) -> list[dict[str, object]]:
    return [
        {"file": "a.txt", **META, **extra},
        {"file": "b.txt", "outlet": "La Gazette du Port", "published": "2024-06-04"},
    ]


@pytest.mark.parametrize(
    "manifest",
    [
        manifest_list(),
        {"a.txt": META, "b.txt": {"outlet": "La Gazette du Port", "published": "2024-06-04"}},
        {"files": manifest_list()},
        # the shape of a corpus manifest: other keys ignored, date under another name
        [
            {"file": "a.txt", "title": None, "publication_date": "2024-06-03", "chars": 10}
            | {k: v for k, v in META.items() if k != "published"},
            {"file": "b.txt", "outlet": "La Gazette du Port", "publication_date": "2024-06-04"},
        ],
    ],
)
def test_a_json_manifest_describes_the_files_of_its_folder(write, tmp_path, manifest):
    write("a.txt", STORY)
    write("b.txt", OTHER)
    write_json(tmp_path / "manifest.json", manifest)
    result = read_all([tmp_path])
    assert not result.rejected
    articles = by_source(result)
    assert set(articles) == {"a.txt", "b.txt"}
    if isinstance(manifest, list) and manifest[0].get("title", "") is None:
        assert articles["a.txt"].title is None
    else:
        check_meta(articles["a.txt"], META)
    assert articles["b.txt"].outlet == "La Gazette du Port"
    assert articles["b.txt"].published == dt.date(2024, 6, 4)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_a_csv_manifest(write, tmp_path, separator):
    write("a.txt", STORY)
    write("b.txt", OTHER)
    write("c.txt", STORY.replace("Brest", "Morlaix").replace("Claire Lemoal", "Lucie Morvan"))
    rows = [
        ["file", "outlet", "url", "published", "language", "title"],
        ["a.txt", *(META[k] for k in ("outlet", "url", "published", "language", "title"))],
        ["b.txt", "La Gazette du Port", "", "04/06/2024", "", ""],
        ["c.txt", "La Gazette du Port", "", "le 4 juin", "", ""],
    ]
    text = "\n".join(separator.join(row) for row in rows) + "\n"
    write("manifest.csv", "\ufeff" + text)  # as a spreadsheet saves it
    result = read_all([tmp_path])
    articles = by_source(result)
    check_meta(articles["a.txt"], META)
    assert articles["b.txt"].outlet == "La Gazette du Port"
    assert articles["b.txt"].published == dt.date(2024, 6, 4)  # day first
    assert "bad_date" in [note.code for note in articles["c.txt"].notes]
    assert not result.rejected


def test_a_manifest_entry_with_a_folder_matches_from_above_and_from_inside(write, tmp_path):
    write("story/a.txt", STORY)
    write("other/a.txt", OTHER)
    entries = [
        {"folder": "story", "file": "a.txt", "outlet": "La Gazette du Port"},
        {"folder": "other", "file": "a.txt", "outlet": "Le Courrier du Lac"},
    ]
    write_json(tmp_path / "manifest.json", entries)
    outlets = {a.origin: a.outlet for a in read_all([tmp_path]).articles}
    assert outlets == {
        str(tmp_path / "story" / "a.txt"): "La Gazette du Port",
        str(tmp_path / "other" / "a.txt"): "Le Courrier du Lac",
    }
    # the corpus manifest copied into one story's folder still serves it
    write_json(tmp_path / "story" / "manifest.json", entries)
    (article,) = read_all([tmp_path / "story"]).articles
    assert article.outlet == "La Gazette du Port"


@pytest.mark.parametrize("given", ["story", "story/a.txt"])
def test_the_corpus_manifest_just_above_serves_one_story_folder(write, tmp_path, given):
    write("story/a.txt", STORY)
    write_json(tmp_path / "manifest.json", [{"folder": "story", "file": "a.txt", **META}])
    (article,) = read_all([tmp_path / given]).articles
    check_meta(article, META)


def test_a_manifest_two_folders_above_does_not_apply(write, tmp_path):
    write("corpus/story/a.txt", STORY)
    write_json(tmp_path / "manifest.json", [{"file": "corpus/story/a.txt", **META}])
    (article,) = read_all([tmp_path / "corpus" / "story"]).articles
    assert article.outlet is None


def test_a_sidecar_wins_over_the_manifest_key_by_key(write, tmp_path):
    write("a.txt", STORY)
    write_json(tmp_path / "manifest.json", [{"file": "a.txt", **META}])
    write_json(tmp_path / "a.meta.json", {"outlet": "La Gazette du Port"})
    (article,) = read_all([tmp_path]).articles
    assert article.outlet == "La Gazette du Port"
    assert article.url == META["url"]


@pytest.mark.parametrize(
    ("content", "source", "detail"),
    [
        ("[1, 2", "manifest.json", "metadata manifest not used: not JSON"),
        ('"a string"', "manifest.json", "metadata manifest not used: a manifest must hold"),
        (
            '[{"outlet": "La Gazette"}]',
            "manifest.json#1",
            'manifest entry not used: the entry has no "file"',
        ),
        ("[1]", "manifest.json#1", "manifest entry not used: a manifest entry must be an object"),
    ],
)
def test_a_bad_manifest_is_rejected_once_and_the_files_are_still_read(
    write, tmp_path, content, source, detail
):
    write("a.txt", STORY)
    write("b.txt", OTHER)
    write("manifest.json", content)
    result = read_all([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(result.articles) == 2
    (rejected,) = result.rejected
    assert rejected.source == str(tmp_path / source)
    assert rejected.detail.startswith(detail)


def test_a_csv_manifest_without_a_file_column_is_rejected(write, tmp_path):
    write("a.txt", STORY)
    write("manifest.csv", "outlet,url\nLa Gazette,https://exemple.fr\n")
    result = read_all([tmp_path])
    assert len(result.articles) == 1
    (rejected,) = result.rejected
    assert 'no "file" column' in rejected.detail


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    meta=st.dictionaries(
        st.sampled_from(["outlet", "url", "published", "language", "title", "author", "x"]),
        st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.text(max_size=5))),
    )
)
def test_metadata_never_changes_the_text(tmp_path_factory, meta):
    folder = tmp_path_factory.mktemp("prop")
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    write_json(folder / "a.meta.json", meta)
    (article,) = read_all([folder]).articles
    with (folder / "a.txt").open(encoding="utf-8") as fh:
        assert article.text == fh.read()
    check_spans(article)


def test_records_of_a_json_lines_file_keep_their_own_metadata(write, tmp_path):
    records = [
        {"id": "r1", "text": STORY, "outlet": "La Gazette du Port", "published": "2024-06-04"},
        {"id": "r2", "text": OTHER},
    ]
    write("flux.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    write_json(tmp_path / "flux.meta.json", {"outlet": "Le Courrier du Lac", "language": "fr"})
    articles = by_source(read_all([tmp_path]))
    assert articles["r1"].outlet == "La Gazette du Port"
    assert articles["r1"].published == dt.date(2024, 6, 4)
    assert articles["r2"].outlet == "Le Courrier du Lac"  # filled where the record is silent


def test_a_sidecar_wins_over_a_page_s_own_metadata(write, tmp_path):
    page = (
        '<html><head><meta property="og:site_name" content="exemple.fr">'
        "<title>Le budget adopté</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in STORY.splitlines())
        + "</article></body></html>"
    )
    write("page.html", page)
    write_json(tmp_path / "page.meta.json", {"outlet": "Le Courrier du Lac"})
    (article,) = read_all([tmp_path]).articles
    assert article.outlet == "Le Courrier du Lac"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    manifest=st.one_of(
        _JSON.map(json.dumps),
        st.lists(st.sampled_from(["file", "a.txt", "outlet", ",", ";", '"', "\n", "é", " "])).map(
            "".join
        ),
    ),
    name=st.sampled_from(["manifest.json", "manifest.csv"]),
)
def test_any_manifest_content_is_read_or_rejected_never_raised(tmp_path_factory, manifest, name):
    folder = tmp_path_factory.mktemp("man")
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / name).write_text(manifest, encoding="utf-8")
    result = read_all([folder])
    (article,) = result.articles
    assert article.text == STORY
    assert all(r.source.startswith(str(folder / name)) for r in result.rejected)
