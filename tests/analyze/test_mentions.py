"""Entity mentions: key normalisation, title stripping, seats, repairs of NER errors."""

from __future__ import annotations

import pytest

from recoupe.analyze.doc import register_extensions
from recoupe.analyze.names import name_bounds, normalise_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("M. Zelensky", "zelensky"),
        ("la Maison-Blanche", "maison blanche"),
        ("La Maison Blanche", "maison blanche"),
        ("Le président russe Vladimir Poutine", "vladimir poutine"),
        ("président américain Donald Trump", "donald trump"),
        ("Mme Ursula von der Leyen", "ursula von der leyen"),
        ("l'attachée de presse de la Maison Blanche Jane Hollister", "jane hollister"),
        ("la porte-parole du ministère, Claire Vasseur", "claire vasseur"),
        ("le secrétaire d'État américain Antony Blinken", "antony blinken"),
        ("le secrétaire d’Etat américain Antony Blinken", "antony blinken"),
        ("son homologue polonais Andrzej Duda", "andrzej duda"),
        ("le ministre des Affaires étrangères Sergueï Lavrov", "serguei lavrov"),
        ("le conseiller à la sécurité nationale Jake Sullivan", "jake sullivan"),
        ("Jake Sullivan, conseiller du président", "jake sullivan"),
        ("le président Verdier de la France", "verdier"),
        ("Charles de Gaulle", "charles de gaulle"),
        ("le porte-parole du Kremlin", "kremlin"),
        ("l’Ukraine", "ukraine"),
        ("d'Israël", "israel"),
        ("Le Pen", "le pen"),
        ("Ligue nationale de hockey et la", "ligue nationale de hockey"),
        (
            "Organisation du traité de l'Atlantique Nord (OTAN)",
            "organisation du traite de atlantique nord otan",
        ),
        ("Зеленський", "zelenskiy"),
        ("Président", ""),
        ("le premier ministre", ""),
        ("le ministre des Transports", ""),
    ],
)
def test_normalise_key(text, key):
    assert normalise_key(text) == key


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("M. Dupont", "Dupont"),
        ("le président américain Joe Biden", "Joe Biden"),
        ("le président des États-Unis, Joe Biden", "Joe Biden"),
        ("la Maison-Blanche", "Maison-Blanche"),
    ],
)
def test_name_bounds_give_the_name_as_printed(text, name):
    start, end = name_bounds(text)
    assert text[start:end] == name


def mentions_of(analysis):
    return [(m.span.text, m.label, m.key) for m in analysis.mentions]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "L'Élysée a annoncé mardi que le Kremlin avait refusé l'offre de Matignon.",
            [
                ("Élysée", "ORG", "elysee"),
                ("Kremlin", "ORG", "kremlin"),
                ("Matignon", "ORG", "matignon"),
            ],
        ),
        (
            "Le Quai d'Orsay et Downing Street ont réagi, comme Bercy.",
            [
                ("Quai d'Orsay", "ORG", "quai orsay"),
                ("Downing Street", "ORG", "downing street"),
                ("Bercy", "ORG", "bercy"),
            ],
        ),
        (
            "M. Dupont a rencontré le président américain Joe Biden à Berlin.",
            [
                ("Dupont", "PER", "dupont"),
                ("Joe Biden", "PER", "joe biden"),
                ("Berlin", "LOC", "berlin"),
            ],
        ),
        (
            "Le ministre Kowalczyk a signé l'accord avec Mme Wiśniewska.",
            [("Kowalczyk", "PER", "kowalczyk"), ("Wiśniewska", "PER", "wisniewska")],
        ),
        (
            "L'attachée de presse de la Maison Blanche Jane Hollister a confirmé la rencontre.",
            [
                ("Maison Blanche", "ORG", "maison blanche"),
                ("Jane Hollister", "PER", "jane hollister"),
            ],
        ),
        (
            "Le secrétaire d'Etat américain Antony Blinken a rencontré les chefs d'État africains.",
            [("Antony Blinken", "PER", "antony blinken")],
        ),
        (
            "La ministre des Transports, Hélène Marchal, a salué le compromis.",
            [("Hélène Marchal", "PER", "helene marchal")],
        ),
        (
            "L'armée a reçu des systèmes de missiles Patriot.",
            [("Patriot", "MISC", "patriot")],
        ),
        # a past participle after a name describes it; a listed one ends the name
        (
            "Des symboles comme le Pont Saint-Clair tagué ont choqué.",
            [("Pont Saint-Clair", "LOC", "pont saint clair")],
        ),
        (
            "L'Organisation des Nations unies a réagi.",
            [("Organisation des Nations unies", "ORG", "organisation des nations unies")],
        ),
    ],
)
def test_mentions(analyze_text, text, expected):
    assert mentions_of(analyze_text(text)) == expected


def run_on_entities(nlp, text: str, ents: list[tuple[str, str]]):
    """Run recoupe_mentions on a tokenised ``text`` whose NER output is set by hand.

    ``ents`` are (surface, label) in text order; each is looked for after the previous one.
    """
    register_extensions()
    doc = nlp.make_doc(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        pos = start + len(surface)
        spans.append(doc.char_span(start, pos, label=label, alignment_mode="expand"))
    doc.ents = spans
    for token in doc:  # sentence starts as recoupe_sentences sets them: after each line break
        token.is_sent_start = token.i == 0 or "\n" in doc[token.i - 1].text
    finder = nlp.get_pipe("recoupe_mentions")
    return [(m.span.text, m.label, m.key) for m in finder(doc)._.recoupe_mentions]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        (  # an entity glued across a line break is cut; the piece takes its label elsewhere
            "Grève au port de Brest\n\nDurand et Martin négocient. Durand a signé.",
            [("Brest\n\nDurand", "LOC"), ("Martin", "PER"), ("Durand", "PER")],
            [
                ("Brest", "LOC", "brest"),
                ("Durand", "PER", "durand"),
                ("Martin", "PER", "martin"),
                ("Durand", "PER", "durand"),
            ],
        ),
        (  # the NER swallowed the person named after the seat
            "Le porte-parole du Kremlin Dmitri Peskov a démenti.",
            [("Kremlin Dmitri Peskov", "LOC")],
            [("Kremlin", "ORG", "kremlin"), ("Dmitri Peskov", "PER", "dmitri peskov")],
        ),
        (  # junk: a title word alone, page furniture, an elision
            "Photo : le Président a dit qu'il viendrait.",
            [("Photo", "PER"), ("Président", "PER"), ("qu'", "MISC")],
            [],
        ),
        (  # trailing function words are trimmed, a one-letter platform name is kept
            "Les joueurs de la Ligue nationale de hockey et la presse sur X réagissent.",
            [("Ligue nationale de hockey et la", "ORG"), ("X", "ORG")],
            [("Ligue nationale de hockey", "ORG", "ligue nationale de hockey"), ("X", "ORG", "x")],
        ),
        (  # a name found once is found again where the NER missed it
            "Olivia Marchetti a parlé. Selon Marchetti, tout va bien.",
            [("Olivia Marchetti", "PER")],
            [("Olivia Marchetti", "PER", "olivia marchetti"), ("Marchetti", "PER", "marchetti")],
        ),
    ],
)
def test_repairs(nlp, text, ents, expected):
    assert run_on_entities(nlp, text, ents) == expected


@pytest.mark.model
def test_labels_agree_within_a_document(nlp):
    text = "Lisbonne a voté. Le maire de Lisbonne parle de Lisbonne."
    ents = [("Lisbonne", "PER"), ("Lisbonne", "LOC"), ("Lisbonne", "LOC")]
    assert [label for _, label, _ in run_on_entities(nlp, text, ents)] == ["LOC", "LOC", "LOC"]


@pytest.mark.model
def test_masked_regions_give_no_mentions(nlp):
    from recoupe.analyze import analyze
    from recoupe.model import Article, TextSpan

    text = "Photo : Jean Valjean\nMarie Curie est arrivée à Varsovie."
    body_start = text.index("Marie")
    article = Article(
        id="masked",
        source="masked.txt",
        origin="masked.txt",
        text=text,
        body=(TextSpan(start=body_start, end=len(text), text=text[body_start:]),),
        language="fr",
    )
    (result,) = analyze([article], nlp=nlp)
    assert all(m.span.start >= body_start for m in result.analysis.mentions)
    assert "Marie Curie" in [m.span.text for m in result.analysis.mentions]


@pytest.mark.model
@pytest.mark.seeds
def test_seed_mentions_are_honest(seed_analyses):
    for text, analysis in seed_analyses:
        assert analysis.mentions
        for m in analysis.mentions:
            assert text[m.span.start : m.span.end] == m.span.text
            assert "\n" not in m.span.text
            assert m.span.text == m.span.text.strip()
            assert m.key and m.label in {"PER", "ORG", "LOC", "MISC"}
