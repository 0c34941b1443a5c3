"""Metadata read from the text: datelines, date lines, bylines, agency marks, titles, debris."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import PARAGRAPHS, STORY, body_text, check_spans, uncovered

from recoupe.ingest.metadata import read_layout
from recoupe.model import Article, TextSpan

LEDE = PARAGRAPHS[0]
REST = "\n".join(PARAGRAPHS[1:]) + "\n"


def removed_texts(article: Article) -> list[str]:
    return [span.text for span in article.removed]


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("first_line", "dateline", "agency", "published"),
    [
        (
            "VANNES, 19 mars (AFP) -- Le tribunal a rendu sa décision.",
            "VANNES, 19 mars (AFP) --",
            "AFP",
            None,
        ),
        ("WASHINGTON – Le Sénat a voté le texte.", "WASHINGTON –", None, None),
        (
            "PARIS, 3 juin 2024 (AFP) - Le gouvernement a tranché.",
            "PARIS, 3 juin 2024 (AFP) -",
            "AFP",
            "2024-06-03",
        ),
        (
            "KIEV (Reuters) - Les autorités ont annoncé un couvre-feu.",
            "KIEV (Reuters) -",
            "Reuters",
            None,
        ),
        (
            "Lyon, 12 février 2025 (Reuters) -- La ville a voté.",
            "Lyon, 12 février 2025 (Reuters) --",
            "Reuters",
            "2025-02-12",
        ),
        (
            "NEW YORK, 1er juillet (AP) -- Les marchés ont reculé.",
            "NEW YORK, 1er juillet (AP) --",
            "AP",
            None,
        ),
        (
            "PÉKIN, 4 avril (Xinhua) -- Le ministère a publié un rapport.",
            "PÉKIN, 4 avril (Xinhua) --",
            "Xinhua",
            None,
        ),
        (
            "SAINT-PÉTERSBOURG (TASS) -- Le gouverneur a démissionné.",
            "SAINT-PÉTERSBOURG (TASS) --",
            "TASS",
            None,
        ),
        (
            "Le Caire, 2 mai (MENA) - Les pourparlers reprennent.",
            "Le Caire, 2 mai (MENA) -",
            "MENA",
            None,
        ),
        ("(AFP) - Le président a quitté la réunion.", "(AFP) -", "AFP", None),
        (
            "QUIMPER, 8 octobre 2025 (APO) -- Les dockers ont repris le travail.",
            "QUIMPER, 8 octobre 2025 (APO) --",
            "APO",
            "2025-10-08",
        ),
    ],
)
def test_dateline_is_read_and_kept_out_of_the_body(
    read_one, first_line, dateline, agency, published
):
    article = read_one("d.txt", first_line + "\n" + REST)
    assert article.dateline is not None
    assert article.dateline.text == dateline
    assert article.agency == agency
    assert article.body[0].start > article.dateline.start
    assert article.body[0].text == first_line[len(dateline) :].strip()
    assert article.published == (dt.date.fromisoformat(published) if published else None)
    assert article.published_from == ("dateline" if published else None)


@pytest.mark.parametrize(
    "first_line",
    [
        "Paul Verdier a déclaré mardi que le texte serait voté.",
        "Le Président – dit-on – n'a rien voulu entendre.",
        "Marie Durand (LFI) a voté contre le projet de loi.",
        "Paris a vécu une journée de grève, selon les syndicats.",
    ],
)
def test_no_dateline_in_ordinary_sentences(read_one, first_line):
    article = read_one("n.txt", first_line + "\n" + REST)
    assert article.dateline is None
    assert article.body[0].text == first_line


def test_dateline_without_year_leaves_the_date_unknown_with_a_note(read_one):
    article = read_one("y.txt", "VANNES, 19 mars (AFP) -- " + LEDE + "\n" + REST)
    assert article.published is None
    assert article.published_from is None
    assert [note.code for note in article.notes] == ["published_without_year"]


def test_dateline_year_comes_from_the_url_when_the_text_has_none(read_one):
    record = {
        "text": f"BREST, 19 mars (AFP) -- {LEDE}",
        "url": "https://journal.example/2025/03/19/a",
    }
    article = read_one("u.jsonl", json.dumps(record) + "\n")
    assert article.published == dt.date(2025, 3, 19)
    assert article.published_from == "dateline"


# ---------------------------------------------------------------- date lines


@pytest.mark.parametrize(
    ("date_line", "published"),
    [
        ("19 Mars 2025", "2025-03-19"),
        ("23.04.2025", "2025-04-23"),
        ("23.04.2025 France", "2025-04-23"),
        ("Publié le 12/05/2024 à 10h30", "2024-05-12"),
        ("mardi 18 mars 2025", "2025-03-18"),
        ("Le 1er février 2025", "2025-02-01"),
        ("2024-05-12", "2024-05-12"),
        ("Publié le 12 mai 2024 à 10h30, mis à jour le 13 mai 2024 à 08h00", "2024-05-12"),
    ],
)
def test_date_line_gives_the_publication_date(read_one, date_line, published):
    article = read_one("dl.txt", date_line + "\n" + STORY)
    assert article.published == dt.date.fromisoformat(published)
    assert article.published_from == "date_line"
    assert removed_texts(article) == [date_line]
    assert body_text(article) == "\n".join(PARAGRAPHS)


def test_publication_date_wins_over_update_date(read_one):
    article = read_one("up.txt", "Mis à jour le 13/05/2024\nPublié le 12/05/2024\n" + STORY)
    assert article.published == dt.date(2024, 5, 12)


def test_a_sentence_that_starts_with_a_date_is_body(read_one):
    line = "19 mars 2025 restera une date noire pour les commerçants du centre-ville."
    article = read_one("s.txt", line + "\n" + REST)
    assert article.published is None
    assert article.body[0].text == line


def test_metadata_date_wins_and_a_conflicting_date_line_is_noted(read_one):
    record = {"text": f"23.04.2025\n{LEDE}", "published": "2025-03-19"}
    article = read_one("c.jsonl", json.dumps(record) + "\n")
    assert article.published == dt.date(2025, 3, 19)
    assert article.published_from == "metadata"
    assert "published_conflict" in [note.code for note in article.notes]


# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("byline", "authors", "agency"),
    [
        ("Par Jean Dupont", ("Jean Dupont",), None),
        ("Par Jean Dupont et Marie Martin", ("Jean Dupont", "Marie Martin"), None),
        ("Par Jean Dupont, à Kiev", ("Jean Dupont",), None),
        ("Par Jean Dupont avec AFP", ("Jean Dupont",), "AFP"),
        ("Par l'AFP", (), "AFP"),
        ("Par AFP et Belga", (), "AFP"),
        ("Par Jean Dupont (AFP)", ("Jean Dupont",), "AFP"),
        ("Par Jean Dupont, AFP/Belga", ("Jean Dupont",), "AFP"),
        ("Par Jean Dupont / Reuters", ("Jean Dupont",), "Reuters"),
        ("Par Jean Dupont - La Presse canadienne", ("Jean Dupont",), "La Presse canadienne"),
        (
            "Par Jean Dupont et Marie Martin (avec Reuters)",
            ("Jean Dupont", "Marie Martin"),
            "Reuters",
        ),
        ("Par la rédaction avec AFP", (), "AFP"),
        ("Par Jean-Luc Martin", ("Jean-Luc Martin",), None),
        ("Par La Presse canadienne", (), "La Presse canadienne"),
        ("Par Anne-Sophie de La Roche", ("Anne-Sophie de La Roche",), None),
        ("Par la rédaction", (), None),
        ("Jean Dupont, à Kiev", ("Jean Dupont",), None),
        ("Marie Martin, envoyée spéciale à Odessa", ("Marie Martin",), None),
        ("Yann Le Goff", ("Yann Le Goff",), None),
    ],
)
def test_byline_under_the_title_gives_the_authors(read_one, byline, authors, agency):
    title = "Le budget de Brest adopté après six heures de débat"
    article = read_one("b.txt", f"{title}\n{byline}\n{STORY}")
    assert article.title == title
    assert article.authors == authors
    assert article.agency == agency
    assert removed_texts(article) == [byline]
    assert body_text(article) == "\n".join(PARAGRAPHS)


def test_contribution_line_gives_contributors_and_leaves_the_body(read_one):
    article = read_one("c.txt", STORY + "Anne Kerivel et Paul Guen ont contribué à ce rapport.\n")
    assert article.authors == ("Anne Kerivel", "Paul Guen")
    assert body_text(article) == "\n".join(PARAGRAPHS)


def test_lone_name_of_a_person_the_article_names_is_a_caption_not_an_author(read_one):
    article = read_one("cap.txt", LEDE + "\nClaire Lemoal\n" + REST)
    assert article.authors == ()
    assert removed_texts(article) == ["Claire Lemoal"]


def test_name_repeated_in_a_caption_beside_it_is_a_caption(read_one):
    text = LEDE + "\nRonan Tanguy\nRonan Tanguy, photo d'illustration\n" + REST
    article = read_one("cap2.txt", text)
    assert article.authors == ()
    assert removed_texts(article) == ["Ronan Tanguy", "Ronan Tanguy, photo d'illustration"]


@pytest.mark.parametrize(
    ("signature", "agency"),
    [
        ("Gaëlle Morvan", None),
        ("Gaëlle Morvan (AFP)", "AFP"),
        ("Gaëlle Morvan (avec Reuters)", "Reuters"),
        ("Gaëlle Morvan avec Belga", "Belga"),
        ("Gaëlle Morvan/Agences", None),  # a staff credit, no agency named
    ],
)
def test_closing_lone_name_signs_the_article(read_one, signature, agency):
    article = read_one("sig.txt", STORY + signature + "\n")
    assert article.authors == ("Gaëlle Morvan",)
    assert article.agency == agency
    assert body_text(article) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("credit", ["Gaëlle Morvan/AFP", "Gaëlle Morvan / Reuters"])
def test_a_name_slash_agency_is_a_photo_credit_not_a_byline(read_one, credit):
    title = "Le budget de Brest adopté après six heures de débat"
    article = read_one("ph.txt", f"{title}\n{credit}\n{STORY}")
    assert article.authors == ()
    assert article.agency is None


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, le maire a démissionné.",
        "Maison Blanche",
        "Guerre en Ukraine",
    ],
)
def test_not_bylines(read_one, line):
    article = read_one("nb.txt", LEDE + "\n" + line + "\n" + REST)
    assert article.authors == ()
    assert line in body_text(article).split("\n")


# ---------------------------------------------------------------- agency marks


@pytest.mark.parametrize(
    ("ending", "agency", "mark"),
    [
        ("\n(AFP)\n", "AFP", "(AFP)"),
        (" (Reuters)\n", "Reuters", "(Reuters)"),
        (" — AFP\n", "AFP", "— AFP"),
        ("\navec Reuters\n", "Reuters", "avec Reuters"),
        ("\nAvec AFP et Reuters\n", "AFP", "Avec AFP et Reuters"),
        ("\nSource : Anadolu\n", "Anadolu", "Source : Anadolu"),
        (" (avec Belga)\n", "Belga", "(avec Belga)"),
        ("\n(UNIAN)\n", "UNIAN", "(UNIAN)"),
        # lower case, with the desk's initials, as Swiss sites print it
        (" (ats/xyz)\n", "ATS", "(ats/xyz)"),
        (" (afp/ab)\n", "AFP", "(afp/ab)"),
        # the agency's name alone after the last sentence
        (" AP\n", "AP", "AP"),
        (" Reuters/AFP\n", "Reuters", "Reuters/AFP"),
        (" — (Belga)\n", "Belga", "— (Belga)"),
        # a line of agencies only is a dispatch credit, not a photo credit
        ("\nAFP/Belga\n", "AFP", "AFP/Belga"),
        ("\n(AFP/Reuters)\n", "AFP", "(AFP/Reuters)"),
        ("\nAgence France-Presse\n", "AFP", "Agence France-Presse"),
        ("\nLa Presse canadienne\n", "La Presse canadienne", "La Presse canadienne"),
        ("\n(PC)\n", "La Presse canadienne", "(PC)"),
        ("\nAgence QMI\n", "Agence QMI", "Agence QMI"),
        (" (ATS/Keystone)\n", "ATS", "(ATS/Keystone)"),
        ("\nAvec Xinhua\n", "Xinhua", "Avec Xinhua"),
        (" (dpa)\n", "dpa", "(dpa)"),
        (" (APS)\n", "APS", "(APS)"),
        ("\nSource : Agence Anadolu\n", "Anadolu", "Source : Agence Anadolu"),
        (" (EFE)\n", "EFE", "(EFE)"),
        ("\n(Kyodo)\n", "Kyodo", "(Kyodo)"),
        ("\nAvec TASS et RIA Novosti\n", "TASS", "Avec TASS et RIA Novosti"),
        (" (ANSA)\n", "ANSA", "(ANSA)"),
        ("\nPress Association\n", "PA Media", "Press Association"),
    ],
)
def test_trailing_agency_mark(read_one, ending, agency, mark):
    article = read_one("ag.txt", STORY.rstrip("\n") + ending)
    assert article.agency == agency
    assert removed_texts(article) == [mark]
    assert body_text(article) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    "ending",
    [
        " Le maire a parlé à l'AFP.\n",  # a source quoted, not the dispatch's origin
        " Selon Reuters, le vote est acquis.\n",
        " Le port de Brest\n",
        "\nAFP/Jean Dupont\n",  # a photo credit
    ],
)
def test_an_agency_named_in_the_text_is_not_the_origin(read_one, ending):
    article = read_one("cite.txt", STORY.rstrip("\n") + ending)
    assert article.agency is None


@pytest.mark.parametrize("ending", ["\nFin\n", " Fin\n", "\nPlus\n", " Plus\n", "\n(FIN)\n"])
def test_end_marks_are_removed_without_an_agency(read_one, ending):
    article = read_one("fin.txt", STORY.rstrip("\n") + ending)
    assert article.agency is None
    assert body_text(article) == "\n".join(PARAGRAPHS)
    assert len(article.removed) == 1


# ---------------------------------------------------------------- debris


@pytest.mark.parametrize(
    "debris",
    [
        "Photo : Yves Martin / Ouest Presse",
        "Photo d'illustration",
        "Image d'archives",
        "© AFP",
        "© Ville de Brest 2025",
        "Crédit : Marie Martin",
        "Crédits photo : Ville de Brest",
        "REUTERS/Jean Dupont",
        "Ronan Tanguy, photo d'illustration",
        "Nouvelles des partenaires",
        "Lire aussi : Le budget de Rennes en baisse",
        "À lire aussi",
        "LIRE AUSSI >> La rentrée à Quimper",
        "Voir aussi",
        "Publicité",
        "Partager",
        "Tweeter",
        "Partager Tweeter E-mail",
        "Facebook | Twitter | LinkedIn",
        "Plus",
        "Fin",
        "Lire la suite",
        "1200 jours depuis le début de la guerre",
        "1155 jour depuis l'invasion du pays",
        "Abonnez-vous à notre newsletter",
        "Temps de lecture : 3 min",
        "Accueil > Bretagne > Brest",
        "Avec agences",
    ],
)
def test_debris_is_removed_from_the_body_and_kept_in_removed(read_one, debris):
    article = read_one("deb.txt", LEDE + "\n" + debris + "\n" + REST)
    assert removed_texts(article) == [debris]
    assert body_text(article) == "\n".join(PARAGRAPHS)
    assert article.authors == ()


PROSE = [
    "Photo : le maire a longuement expliqué devant le conseil que la rénovation des écoles "
    "serait financée par l'emprunt et par une hausse modérée des impôts locaux dès l'an prochain.",
    "Lire aussi les conclusions du rapport permet de comprendre pourquoi la ville a choisi "
    "d'emprunter davantage cette année, selon plusieurs élus de l'opposition municipale.",
    "Par ailleurs, le maire a annoncé la création d'un fonds de soutien aux associations "
    "sportives et culturelles, doté de deux millions d'euros sur trois ans.",
    "Publicité mensongère : l'association de consommateurs a porté plainte contre l'enseigne.",
    "Fin de partie pour le projet de tramway, abandonné faute de financement.",
    "Plus de 300 personnes ont manifesté samedi devant la mairie.",
    "Partager les richesses est devenu le slogan de la campagne municipale.",
    "Crédit Agricole a annoncé une hausse de ses bénéfices au premier trimestre.",
    "© Tous droits réservés est la mention que le maire a fait afficher sur chaque document "
    "municipal distribué aux habitants lors de la réunion publique de samedi dernier à Brest.",
    "Jean Dupont, à Kiev depuis trois semaines, raconte la vie quotidienne sous les sirènes.",
]


@pytest.mark.parametrize("line", PROSE)
def test_a_line_of_prose_is_never_removed(read_one, line):
    article = read_one("prose.txt", LEDE + "\n" + line + "\n" + REST)
    assert line in [span.text for span in article.body]


_TRIGGERS = "Photo Crédit © Lire aussi Par Publicité Partager Fin Plus Jean Dupont : AFP ( )"
_PLAIN = "le maire a dit que la ville de Brest votera budget mardi 19 mars 2025 , ."
_WORDS = st.sampled_from([*_TRIGGERS.split(), *_PLAIN.split()])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=25, max_size=40))
def test_any_line_of_25_words_stays_in_the_body(words):
    line = " ".join(words)
    text = LEDE + "\n" + line + "\n" + REST
    layout = read_layout(text)
    start = text.index(line)
    covering = [s for s in layout.body if s.start <= start and start + len(line.strip()) <= s.end]
    assert covering, layout


# ---------------------------------------------------------------- titles


def test_short_first_line_without_final_period_is_the_title(read_one):
    title = "Le budget de Brest adopté après six heures de débat"
    article = read_one("t.txt", title + "\n\n" + STORY)
    assert article.title == title
    assert body_text(article) == "\n".join(PARAGRAPHS)
    assert uncovered(article) == title


@pytest.mark.parametrize(
    "first_line",
    [
        PARAGRAPHS[0],  # the lede ends with a period
        "Le budget est adopté.",
        "Brest budget",  # too short to be a title
    ],
)
def test_first_line_that_is_not_a_title_stays_body(read_one, first_line):
    article = read_one("nt.txt", first_line + "\n" + REST)
    assert article.title is None
    assert article.body[0].text == first_line


def test_rubric_in_capitals_above_the_title_is_set_aside(read_one):
    title = "Le budget de Brest adopté après six heures de débat"
    article = read_one("r.txt", f"BRETAGNE\n{title}\n{STORY}")
    assert article.title == title
    assert removed_texts(article) == ["BRETAGNE"]
    assert body_text(article) == "\n".join(PARAGRAPHS)


def test_a_single_short_line_is_body_not_title(read_one):
    article = read_one("one.txt", "Le budget de Brest adopté après six heures de débat\n")
    assert article.title is None
    assert len(article.body) == 1


# ---------------------------------------------------------------- the layout as a whole


def test_layout_of_a_page_with_everything(read_one):
    text = (
        "23.04.2025 Bretagne\n"
        "1200 jours depuis le début du chantier du port\n\n"
        "Le budget de Brest adopté après six heures de débat\n\n"
        f"{LEDE}\n\n"
        "Gaëlle Morvan\n"
        "Claire Lemoal\n"
        "Claire Lemoal, photo d'illustration\n"
        "Photo : Ville de Brest, CC BY 2.0\n\n"
        f"{REST}\n"
        "Nouvelles des partenaires"
    )
    article = read_one("page.txt", text)
    assert article.published == dt.date(2025, 4, 23)
    assert article.title == "Le budget de Brest adopté après six heures de débat"
    assert article.authors == ("Gaëlle Morvan",)
    assert body_text(article) == "\n".join(PARAGRAPHS)
    assert uncovered(article) == article.title
    assert len(article.removed) == 7


def test_read_layout_spans_slice_the_text():
    text = "PARIS, 3 juin 2024 (AFP) - " + STORY + "(AFP)"
    layout = read_layout(text)
    for span in [*layout.body, *layout.removed, layout.dateline]:
        assert isinstance(span, TextSpan)
        assert text[span.start : span.end] == span.text


def test_check_spans_on_every_parametrised_article_helper(read_one):
    check_spans(read_one("x.txt", STORY))
