"""Debris inside body paragraphs: cut into ``removed``, the text itself untouched."""

from __future__ import annotations

import pytest
from ingest_helpers import PARAGRAPHS, check_spans, uncovered

from recoupe.ingest.body import clean_body
from recoupe.ingest.metadata import read_layout

LEDE, *REST = PARAGRAPHS
TAIL = "\n".join(REST)
# a paragraph too long to be a caption
LONG = (
    "Les élus ont longuement débattu du prix des cantines, de la rénovation des écoles "
    "du centre-ville, du calendrier des travaux du tramway et de la hausse des tarifs de "
    "stationnement, avant de voter le budget à une courte majorité peu avant minuit, "
    "sous les applaudissements du public venu nombreux assister à la séance du conseil "
    "municipal, la dernière de l'année."
)

# Each row: the paragraphs of a plain-text article (between LEDE and the rest of the
# invented story), the body paragraphs expected in their place, and the removed texts.
ROWS = [
    pytest.param(
        ["À LIRE AUSSI Le port de Brest attend ses grues»Les dockers ont voté la grève lundi."],
        ["Les dockers ont voté la grève lundi."],
        ["À LIRE AUSSI Le port de Brest attend ses grues»"],
        id="read-more-glued-to-a-paragraph",
    ),
    pytest.param(
        ["Lire aussi\u00a0Anne Roy - Faut-il encore croire au tramway\u00a0?"],
        [],
        ["Lire aussi\u00a0Anne Roy - Faut-il encore croire au tramway\u00a0?"],
        id="read-more-line-ending-in-a-question",
    ),
    pytest.param(
        ["» LIRE AUSSI - Le maire veut « rendre la ville aux piétons »"],
        [],
        ["» LIRE AUSSI - Le maire veut « rendre la ville aux piétons »"],
        id="read-more-after-a-stray-quote",
    ),
    pytest.param(
        [
            "Les bus seront gratuits le samedi dès janvier. C'est une promesse tenue. "
            "pic.twitter.com/Ab12Cd34Ef— Claire Lemoal (@clemoal) 7 janvier 2019",
            "Les bus seront gratuits le samedi dès janvier. C'est une promesse tenue. "
            "pic.twitter.com/Ab12Cd34Ef",
        ],
        [],
        [
            "Les bus seront gratuits le samedi dès janvier. C'est une promesse tenue. "
            "pic.twitter.com/Ab12Cd34Ef— Claire Lemoal (@clemoal) 7 janvier 2019",
            "Les bus seront gratuits le samedi dès janvier. C'est une promesse tenue. "
            "pic.twitter.com/Ab12Cd34Ef",
        ],
        id="social-post-printed-twice",
    ),
    pytest.param(
        [
            "La maire a salué le vote. Merci aux élus pour ce budget.— Claire Lemoal "
            "(@clemoal) 3 mars 2024  Merci aux élus pour ce budget. L'opposition a voté contre."
        ],
        ["La maire a salué le vote.", "L'opposition a voté contre."],
        [
            "Merci aux élus pour ce budget.— Claire Lemoal (@clemoal) 3 mars 2024  "
            "Merci aux élus pour ce budget."
        ],
        id="social-post-inside-a-paragraph",
    ),
    pytest.param(
        ["Le vote a eu lieu.— Claire Lemoal (@clemoal) 3 mars 2024 Le débat reprendra demain."],
        ["Le vote a eu lieu.", "Le débat reprendra demain."],
        ["— Claire Lemoal (@clemoal) 3 mars 2024"],
        id="signature-without-a-second-print",
    ),
    pytest.param([LEDE], [], [LEDE], id="repeated-paragraph-keeps-the-first"),
    pytest.param(
        ["Faut-il rénover la piscine ? - Regarder sur Brest Télé"],
        [],
        ["Faut-il rénover la piscine ? - Regarder sur Brest Télé"],
        id="embedded-player-title",
    ),
    pytest.param(
        ["Revivez le conseil municipal en vidéo :"],
        [],
        ["Revivez le conseil municipal en vidéo :"],
        id="embedded-player-invitation",
    ),
    pytest.param(
        [
            "Les dockers ont voté la grève. À LIRE AUSSI Le port attend ses grues»"
            "La direction a proposé une réunion."
        ],
        ["Les dockers ont voté la grève.", "La direction a proposé une réunion."],
        ["À LIRE AUSSI Le port attend ses grues»"],
        id="read-more-glued-between-two-sentences",
    ),
    pytest.param(
        ["Le maire a conclu la séance, a-t-il dit. Lire la suite"],
        ["Le maire a conclu la séance, a-t-il dit."],
        ["Lire la suite"],
        id="more-link-after-the-last-sentence",
    ),
    pytest.param(["(...)"], [], ["(...)"], id="teaser-end"),
    pytest.param(
        ["Le maire a conclu la séance. (…)"],
        ["Le maire a conclu la séance."],
        ["(…)"],
        id="teaser-end-after-a-sentence",
    ),
    pytest.param(
        ["Voir https://www.exemple.fr/budget pour le détail des chiffres."],
        ["Voir", "pour le détail des chiffres."],
        ["https://www.exemple.fr/budget"],
        id="address-inside-a-paragraph",
    ),
    pytest.param(
        ["Des élus quittent la salle, lundi soir. PHOTO YVES MARTIN, OUEST PRESSE"],
        [],
        ["Des élus quittent la salle, lundi soir. PHOTO YVES MARTIN, OUEST PRESSE"],
        id="caption-with-credit-in-capitals",
    ),
    pytest.param(["Anne Kerivel/Agences"], [], ["Anne Kerivel/Agences"], id="agency-signature"),
    pytest.param(
        ["Des élus en séance, lundi soir. Photo : Yves Martin / Ouest Presse"],
        [],
        ["Des élus en séance, lundi soir. Photo : Yves Martin / Ouest Presse"],
        id="caption-with-its-credit",
    ),
    pytest.param(
        ["Des élus en séance, lundi soir (Photo AFP)"],
        [],
        ["Des élus en séance, lundi soir (Photo AFP)"],
        id="caption-with-its-credit-in-brackets",
    ),
    pytest.param(
        [LONG + " (Photo : Yves Martin / AFP)"],
        [LONG],
        ["(Photo : Yves Martin / AFP)"],
        id="credit-after-the-last-sentence",
    ),
]


@pytest.mark.parametrize(("lines", "body", "removed"), ROWS)
def test_debris_inside_the_body_is_removed(read_one, lines, body, removed):
    text = LEDE + "\n" + "\n".join(lines) + "\n" + TAIL + "\n"
    article = read_one("debris.txt", text)
    assert article.text == text
    assert [span.text for span in article.body] == [LEDE, *body, *REST]
    assert [span.text for span in article.removed] == removed
    check_spans(article)
    assert uncovered(article) == ""


@pytest.mark.parametrize(
    ("first", "body", "removed"),
    [
        pytest.param("VIDÉO. " + LEDE, LEDE, "VIDÉO.", id="kicker-in-capitals"),
        pytest.param("ENTRETIEN - " + LEDE, LEDE, "ENTRETIEN -", id="kicker-with-a-dash"),
        pytest.param("Municipales " + LEDE, LEDE, "Municipales", id="rubric-glued-to-the-lead"),
    ],
)
def test_labels_glued_to_the_lead_are_removed(read_one, first, body, removed):
    text = first + "\n" + TAIL + "\n"
    article = read_one("lead.txt", text)
    assert article.text == text
    assert article.body[0].text == body
    # a label before a dash may also be read as a dateline: either way it is not body
    dateline = [article.dateline.text] if article.dateline else []
    assert [span.text for span in article.removed] + dateline == [removed]
    check_spans(article)


@pytest.mark.parametrize(
    "line",
    [
        # prose that starts or ends like debris stays body
        "Lire aussi les conclusions du rapport permet de comprendre le choix de la ville.",
        "Vidéo. La mairie a publié les images de la séance sur son site.",
        "Jeanne Le Gall a dénoncé le budget lors de son passage à Brest.",
        "Selon Le Télégramme, la séance a duré plus de six heures.",
        "Le magazine PHOTO publie ce mois-ci un portrait du maire.",
        "Le conseil a voté.Le maire a remercié les élus de leur patience.",
        "Voir le port de Brest au petit matin, c'est comprendre la ville, dit-elle.",
        "Le compte @mairie_brest a publié le programme de la fête de la musique.",
        "Le message a été relayé par la députée Anne-Marie Roy (@amroy)",
        "Le maire a montré une photo prise à Brest/Quimper en 1950 aux élus.",
        "Le conseil a voté. Une image vaut mieux que mille mots, selon l'AFP",
        "Le rapport est clair. Lire aussi le compte rendu permet de comprendre le vote.",
    ],
)
def test_prose_is_never_cut(read_one, line):
    article = read_one("prose.txt", LEDE + "\n" + line + "\n" + TAIL + "\n")
    assert line in [span.text for span in article.body]
    assert article.removed == ()


def test_an_article_of_debris_only_keeps_its_body(read_one):
    text = "(...)\n(...)\nLe maire a conclu la séance du conseil municipal.\n"
    article = read_one("little.txt", text)
    assert article.text == text
    assert article.body
    check_spans(article)


@pytest.mark.parametrize(
    ("first", "dateline", "place"),
    [
        pytest.param("Brest | ", "Brest |", "Brest", id="bar"),
        pytest.param("BREST — ", "BREST —", "BREST", id="capitals-and-dash"),
        pytest.param(
            "Boulogne sur Mer - ", "Boulogne sur Mer -", "Boulogne sur Mer", id="particle"
        ),
        pytest.param("Brest, 3 mars | ", "Brest, 3 mars |", "Brest", id="with-a-date"),
        pytest.param("Brest (AFP) | ", "Brest (AFP) |", "Brest", id="bar-after-a-known-dateline"),
    ],
)
def test_a_dateline_glued_to_the_lead_is_told_apart(read_one, first, dateline, place):
    text = first + LEDE + "\n" + TAIL + "\n"
    article = read_one("dateline.txt", text)
    assert article.text == text
    assert article.dateline is not None and article.dateline.text == dateline
    assert article.body[0].text == LEDE
    assert clean_body(text, read_layout(text))[0].place == place
    check_spans(article)


@pytest.mark.parametrize("first", ["Budget municipal — ", "— ", "Le maire — ", "Brest - la ville "])
def test_a_lead_that_only_looks_like_a_dateline_stays_body(read_one, first):
    text = first + LEDE + "\n" + TAIL + "\n"
    article = read_one("lead.txt", text)
    assert article.dateline is None
    assert article.body[0].text == (first + LEDE).strip()


def test_a_dated_post_signature_is_noted(read_one):
    post = "Merci aux élus pour ce budget.— Claire Lemoal (@clemoal) 1er mars 2024"
    undated = "Le vote est acquis.— Claire Lemoal (@clemoal)"
    article = read_one("post.txt", LEDE + "\n" + post + "\n" + undated + "\n" + TAIL + "\n")
    (note,) = [n for n in article.notes if n.code == "post_date"]
    assert note.detail == "2024-03-01"
    assert note.span is not None
    assert note.span.text == "— Claire Lemoal (@clemoal) 1er mars 2024"
    assert article.text[note.span.start : note.span.end] == note.span.text


@pytest.mark.parametrize(
    ("line", "day"),
    [
        pytest.param(
            "Belle soirée au port.— Claire Lemoal (@clemoal) December 7, 2031",
            None,
            id="signature-with-an-english-date",
        ),
        pytest.param(
            "Belle soirée au port. Une publication partagée par Claire Lemoal (@clemoal) "
            "le 7 janv. 2031 à 10h04 PST",
            "2031-01-07",
            id="photo-post-signature",
        ),
        pytest.param(
            "Belle soirée au port. Publiée par Claire Lemoal sur samedi 6 décembre 2031",
            "2031-12-06",
            id="page-post-signature",
        ),
    ],
)
def test_other_post_signatures_are_removed(read_one, line, day):
    article = read_one("post.txt", LEDE + "\n" + line + "\n" + TAIL + "\n")
    assert [span.text for span in article.removed] == [line]
    assert [n.detail for n in article.notes if n.code == "post_date"] == ([day] if day else [])


@pytest.mark.parametrize(
    "line",
    [
        "Une publication partagée par des milliers d'internautes le 7 janvier 2031 a fait réagir.",
        "La vidéo, publiée par la mairie sur son site, a été vue 3000 fois.",
    ],
)
def test_prose_about_posts_stays_body(read_one, line):
    article = read_one("prose.txt", LEDE + "\n" + line + "\n" + TAIL + "\n")
    assert line in [span.text for span in article.body]
