"""Story features: terms, name keys and dates read from text in any language, plus the analysis."""

from __future__ import annotations

import numpy as np
import pytest
from story_helpers import news

from recoupe.model import Analysis, DateRef, Mention, TextSpan
from recoupe.stories import extract_features
from recoupe.stories.features import fold


@pytest.mark.parametrize(
    ("text", "language", "terms", "absent"),
    [
        (
            "Les négociations ont échoué à Genève.",
            "fr",
            {"negociation", "echouer", "geneve"},
            {"les", "ont", "a"},
        ),
        (
            "The negotiations failed in Geneva on Tuesday.",
            "en",
            {"negotiation", "fail", "geneva", "tuesday"},
            {"the", "in", "on"},
        ),
        ("Переговоры в Женеве провалились.", "ru", {"переговоры", "женева"}, set()),
        # A figure in digit groups is one number; years are dates, not terms.
        (
            "1 500 soldats, 175 prisonniers en 2025.",
            "fr",
            {"175", "1500", "soldat"},
            {"2025", "1", "500"},
        ),
        (
            "Près de 1.000 interpellations et 47\u202f000 policiers.",
            "fr",
            {"1000", "47000"},
            {"000"},
        ),
    ],
)
def test_terms_are_folded_lemmas_without_stop_words(text, language, terms, absent):
    features = extract_features(news(text, language=language))
    assert terms <= set(features.terms)
    assert not absent & set(features.terms)


def test_repeated_terms_weigh_more_but_sublinearly():
    features = extract_features(news("grève grève grève grève port", language="fr"))
    assert features.terms["port"] == 1.0
    assert features.terms["greve"] == pytest.approx(1 + np.log(4))


@pytest.mark.parametrize(
    ("text", "names", "absent"),
    [
        (
            "Hier, Maria Lindqvist a rencontré Tomas Berger à Vallstad.",
            {"maria lindqvist", "maria", "lindqvist", "tomas berger", "tomas", "berger"},
            {"hier", "hier maria lindqvist"},
        ),
        # A lone capitalised first word is only a sentence start; a name inside is kept.
        ("Selon elle, le port de Vallstad reste fermé.", {"vallstad"}, {"selon"}),
        # A capitalised first word glued to a name is tried without it too.
        ("Rencontre Maria Lindqvist hier.", {"maria lindqvist"}, set()),
        # Names fold to one key across scripts.
        ("Встреча Марии Линдквист и Томаса Бергера.", {"marii lindkvist", "lindkvist"}, set()),
    ],
)
def test_name_keys_come_from_capitalised_runs(text, names, absent):
    entities = set(extract_features(news(text)).entities)
    assert names <= entities
    assert not absent & entities


def test_years_are_dates_and_the_analysis_adds_days_and_names():
    text = "Lindqvist a révisé mardi le traité de 1998."
    span = TextSpan(start=19, end=24, text="mardi")
    analysis = Analysis(
        article_id="x",
        pipeline="p",
        mentions=(
            Mention(span=TextSpan(start=0, end=9, text="Lindqvist"), label="PER", key="Lindqvist"),
        ),
        dates=(
            DateRef(span=span, kind="date", iso="2025-03-18", granularity="day"),
            DateRef(span=span, kind="duration", iso=None, days=30.0),
            DateRef(span=span, kind="date", iso="2024-05", granularity="month"),
        ),
    )
    plain = extract_features(news(text))
    assert plain.dates == ("1998",)
    assert "lindqvist" not in plain.entities  # a lone first word may be any word
    both = extract_features(news(text), analysis)
    assert both.dates == ("1998", "2024", "2025-03-18")
    assert "lindqvist" in both.entities


def test_only_the_body_is_read():
    text = "MENU Accueil Sport\nLes dockers du port sont en grève."
    article = news(text)
    body = TextSpan(start=19, end=len(text), text=text[19:])
    from dataclasses import replace

    features = extract_features(replace(article, body=(body,)))
    assert "menu" not in features.terms and "docker" in features.terms
    assert features.title == "Les dockers du port sont en grève."


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "http: / / www. exemple. fr / 2025 / 03 / greve /\nLa grève des dockers bloque"
            " le port depuis lundi. Les syndicats réclament une hausse des salaires.",
            "La grève des dockers bloque le port depuis lundi.",
        ),
        (
            "U.S. troops left the base on Monday after a week of talks with the council.",
            "U.S. troops left the base on Monday after a week of talks with the council.",
        ),
        ("Mis à jour le 19 / 03 / 2025 à 12: 42", None),
    ],
)
def test_an_article_without_a_title_is_named_by_its_first_prose_sentence(text, title):
    assert extract_features(news(text)).title == title


def test_a_long_first_sentence_is_shortened_on_a_word_boundary():
    text = "Les dockers " + "du port de commerce " * 12 + "sont en grève."
    title = extract_features(news(text)).title
    assert title is not None and title.endswith("…") and len(title) <= 161
    assert text.startswith(title[:-1]) and text[len(title) - 1] == " "


def test_the_lead_embedding_is_a_unit_vector_weighted_to_the_first_sentences():
    seen: list[list[str]] = []

    def encoder(texts):
        seen.append(list(texts))
        return np.eye(len(texts), 4)

    lines = [
        "http: / / www. exemple. fr / 2025 / 03 / greve-au-port /",
        "Mis à jour le 19 / 03 / 2025 à 12: 42",
        "La grève des dockers bloque le port depuis lundi.",
        "Les syndicats réclament une hausse des salaires.",
        "Le préfet appelle au dialogue social.",
    ]
    features = extract_features(news("\n".join(lines), title="Le titre"), encoder=encoder)
    # A URL and a timestamp are not the lead; the title is.
    assert seen == [["Le titre", *lines[2:]]]
    vector = np.asarray(features.embedding)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-6)
    assert vector[0] > vector[1] > vector[2] > vector[3] > 0


def test_fold_keeps_scripts_and_strips_accents():
    assert fold("Élysée") == "elysee"
    assert fold("Київ") == "киів"


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("La troisième journée de grève a paralysé les trains régionaux.", (3,)),
        ("Pour ce 12e jour d'audience, la cour a entendu les experts.", (12,)),
        ("Après l'acte II de la réforme, puis l'acte 3, le syndicat proteste.", (2, 3)),
        ("La sixième grande journée d'action s'est terminée.", (6,)),
        ("Au second tour, le sortant l'a emporté.", (2,)),
        # ranks of no recurring event's occurrence
        ("Le premier ministre l'a dit pour la première fois le 1er décembre.", ()),
        ("Un acte illégal, a-t-il dit, lors de la 150e édition du salon.", ()),
        ("Après un premier tour de table, la séance a repris le premier jour de l\u2019an.", ()),
    ],
)
def test_ranks_of_a_recurring_events_occurrences(text, ranks):
    assert extract_features(news(text)).ordinals == ranks


def test_a_language_without_rank_words_reads_none():
    assert (
        extract_features(news("The fourth day of the strike, act IV.", language="en")).ordinals
        == ()
    )
