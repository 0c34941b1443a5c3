"""Outlets named in the text itself: a title suffix or a masthead line."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import STORY, body_text, check_spans

from recoupe.ingest import read_all
from recoupe.ingest.outlets import STRONG, WEAK, Suffix, name_strength, title_suffix

HEADLINE = "Le budget de Brest adopté après six heures de débat"


@pytest.mark.parametrize(
    ("title", "outlet", "headline", "strength"),
    [
        (f"{HEADLINE} - Le Courrier du Port", "Le Courrier du Port", HEADLINE, STRONG),
        (f"{HEADLINE} | Lumière", "Lumière", HEADLINE, STRONG),
        (f"{HEADLINE} – La Vigie", "La Vigie", HEADLINE, STRONG),
        (f"{HEADLINE} — Journal des Îles", "Journal des Îles", HEADLINE, STRONG),
        (f"{HEADLINE} | exemple.fr", "exemple.fr", HEADLINE, STRONG),
        (f"{HEADLINE} - Radio-Nord", "Radio-Nord", HEADLINE, STRONG),
        (f"{HEADLINE} - Quimperois", "Quimperois", HEADLINE, WEAK),
        (f"{HEADLINE} - 36 Heures", "36 Heures", HEADLINE, WEAK),
    ],
)
def test_an_outlet_ends_the_title(title, outlet, headline, strength):
    assert title_suffix(title) == Suffix(outlet=outlet, title=headline, strength=strength)


@pytest.mark.parametrize(
    "title",
    [
        HEADLINE,
        f"{HEADLINE} - VIDÉO",  # a page label
        f"{HEADLINE} | En direct",
        f"{HEADLINE} - Jean Dupont",  # a byline
        f"{HEADLINE} - mis à jour",
        "Grève - le trafic reprend lundi à Brest",  # the dash opens the headline
        "Saint-Malo accueille la course",  # a hyphen inside a word
        "Brest - Quimper",  # too little headline before it
    ],
)
def test_no_outlet_ends_the_title(title):
    assert title_suffix(title) is None


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Le Courrier du Port", STRONG),
        ("LA VIGIE", STRONG),
        ("exemple.fr", STRONG),
        ("Quimperois", WEAK),
        ("Jean Dupont", None),
        ("Le conseil a voté", None),
        ("La Une", None),
        ("Faits divers", None),
    ],
)
def test_name_strength(text, strength):
    assert name_strength(text) == strength


def write_many(tmp_path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")


def test_a_strong_title_suffix_names_the_outlet(tmp_path):
    write_many(tmp_path, {"a.txt": f"{HEADLINE} | Lumière\n{STORY}"})
    (article,) = read_all([tmp_path]).articles
    assert article.outlet == "Lumière"
    assert article.title == HEADLINE
    check_spans(article)


def test_a_weak_title_suffix_needs_two_titles(tmp_path):
    other = STORY.replace("Brest", "Morlaix").replace("Claire Lemoal", "Lucie Morvan")
    write_many(tmp_path, {"a.txt": f"{HEADLINE} - Quimperois\n{STORY}"})
    (alone,) = read_all([tmp_path]).articles
    assert alone.outlet is None
    write_many(tmp_path, {"b.txt": f"Le budget de Morlaix voté sans débat - Quimperois\n{other}"})
    articles = read_all([tmp_path]).articles
    assert [a.outlet for a in articles] == ["Quimperois", "Quimperois"]


def test_a_known_outlet_is_kept_and_its_suffix_leaves_the_title(write, tmp_path):
    write("a.txt", f"{HEADLINE} - Quimperois\n{STORY}")
    write("a.meta.json", '{"outlet": "Le Quimperois"}')
    (article,) = read_all([tmp_path]).articles
    assert article.outlet == "Le Quimperois"
    assert article.title == f"{HEADLINE} - Quimperois"  # not the same name: left alone


@pytest.mark.parametrize("masthead", ["Le Courrier du Port", "LA VIGIE", "exemple.fr"])
def test_a_masthead_line_names_the_outlet_and_is_not_body(read_one, masthead):
    article = read_one("m.txt", f"{masthead}\n{HEADLINE}\n{STORY}")
    assert article.outlet == masthead
    assert article.title == HEADLINE
    assert masthead not in body_text(article)
    assert [span.text for span in article.removed] == [masthead]


@pytest.mark.parametrize("first", ["La Une", "Jean Dupont", "INTERNATIONAL"])
def test_a_first_line_that_is_no_masthead(read_one, first):
    article = read_one("m.txt", f"{first}\n{HEADLINE}\n{STORY}")
    assert article.outlet is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(
        st.sampled_from(
            ["Le", "Journal", "de", "Brest", "|", "-", "—", "exemple.fr", "VIDÉO", "a"]
        ),
        max_size=8,
    ).map(" ".join),
    second=st.text(alphabet="Le Courrier|-—.é\u00a0 ", max_size=30),
)
def test_reading_outlets_never_changes_the_text(tmp_path_factory, first, second):
    folder = tmp_path_factory.mktemp("prop")
    (folder / "a.txt").write_text(f"{first}\n{second}\n{STORY}", encoding="utf-8")
    (article,) = read_all([folder]).articles
    with (folder / "a.txt").open(encoding="utf-8") as fh:
        assert article.text == fh.read()
    check_spans(article)


@pytest.mark.parametrize(
    ("meta", "outlet", "title"),
    [
        # no outlet anywhere but the address: the site names the article
        ({"url": "https://www.exemple.fr/2024/06/03/budget"}, "exemple.fr", HEADLINE),
        # a title suffix names it better than the address
        (
            {"url": "https://exemple.fr/a", "title": f"{HEADLINE} | Lumière"},
            "Lumière",
            HEADLINE,
        ),
        # the suffix is the known outlet's, by name or by site: it leaves the title
        (
            {"outlet": "LUMIÈRE", "title": f"{HEADLINE} | Lumière"},
            "LUMIÈRE",
            HEADLINE,
        ),
        ({"outlet": "lumiere.fr", "title": f"{HEADLINE} - Lumiere"}, "lumiere.fr", HEADLINE),
        ({"url": "not an address"}, None, HEADLINE),
    ],
)
def test_outlet_from_the_address_and_a_known_outlet_s_suffix(write, tmp_path, meta, outlet, title):
    write("a.txt", f"{HEADLINE}\n{STORY}")
    write("a.meta.json", json.dumps(meta, ensure_ascii=False))
    (article,) = read_all([tmp_path]).articles
    assert article.outlet == outlet
    assert article.title == title
