"""recoupe_attribution: one source per sentence, on hand-written French sentences."""

from __future__ import annotations

import pytest

from recoupe.model import Article, Attribution, TextSpan

pytestmark = pytest.mark.model

SOURCE_KINDS = {"person", "institution", "readout", "agency", "outlet", "self", "unknown"}


def _article(text: str, start: int = 0, end: int | None = None) -> Article:
    end = len(text) if end is None else end
    body = (TextSpan(start=start, end=end, text=text[start:end]),)
    return Article(id="t", source="t.txt", origin="t.txt", text=text, body=body, language="fr")


def _at(attributions: tuple[Attribution, ...], start: str) -> Attribution:
    found = [a for a in attributions if a.span.text.startswith(start)]
    assert found, [a.span.text for a in attributions]
    return found[0]


# text, start of the sentence, source kind, part of the source's name, cue
# fmt: off
ROWS = [
    (
        "Le train est arrivé à l'heure. Les voyageurs sont descendus.",
        "Les voyageurs", "self", None, None,
    ),
    (
        "« Nous sommes prêts », a déclaré Fabien Roussel.",
        "« Nous", "person", "Fabien Roussel", "déclaré",
    ),
    (  # the second sentence of a quotation belongs to its speaker
        "« Nous avons reçu la lettre. Nous allons répondre », a indiqué la porte-parole, "
        "Maud Bregeon.",
        "Nous allons", "person", "Maud Bregeon", "indiqué",
    ),
    (
        "Selon un communiqué de Matignon, la réforme sera présentée en juin.",
        "Selon", "readout", "Matignon", "Selon",
    ),
    ("Selon l'AFP, le port est fermé depuis mardi.", "Selon", "agency", "AFP", "Selon"),
    (
        "Le Parisien, citant des sources policières, a écrit que le suspect avait été interpellé.",
        "Le Parisien", "outlet", "Le Parisien", "écrit",
    ),
    (  # "Elle a ajouté que" continues the reported passage
        "La ministre de la Santé, Agnès Buzyn, a estimé que l'épidémie reculait. "
        "Elle a ajouté que les hôpitaux restaient sous tension.",
        "Elle a ajouté", "person", "Agnès Buzyn", "ajouté",
    ),
    (  # a sentence after "Selon X :" in the same paragraph inherits X
        "Selon la préfecture : le feu est maîtrisé. Les habitants peuvent rentrer chez eux.",
        "Les habitants", "institution", "préfecture", "Selon",
    ),
    (  # an incise with no quote marks
        "Le projet sera présenté en juin, a indiqué la ministre de la Culture, Rachida Dati, "
        "sur France Inter.",
        "Le projet", "person", "Rachida Dati", "indiqué",
    ),
    (
        "Le ministère des Affaires étrangères a annoncé que l'ambassade resterait ouverte.",
        "Le ministère", "institution", "ministère des Affaires étrangères", "annoncé",
    ),
    (
        "« Les deux parties se sont engagées à poursuivre le dialogue », indique le communiqué "
        "de l'Élysée.",
        "« Les deux", "readout", "Élysée", "indique",
    ),
    (  # a fragment quoted after a verb of judgement
        "L'Ordre des médecins a salué « une avancée », tout en appelant à « aller plus loin ».",
        "L'Ordre", "institution", "Ordre des médecins", "salué",
    ),
    (  # reported in an impersonal passive: from nobody named
        "Il a été rapporté que la réunion serait reportée.",
        "Il a été", "unknown", None, "rapporté",
    ),
    (  # someone reported by an unnamed report is the named speaker
        "Il a été rapporté que la ministre, Amélie de Montchalin, a déclaré que le texte "
        "serait retiré.",
        "Il a été", "person", "Amélie de Montchalin", "déclaré",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "start", "kind", "name", "cue"), ROWS)
def test_attribution(analyze_text, text, start, kind, name, cue):
    attribution = _at(analyze_text(text).attributions, start)
    assert attribution.source.kind == kind
    if name is not None:
        assert name in (attribution.source.name or "")
    assert (attribution.cue.text if attribution.cue else None) == cue


def test_one_attribution_per_sentence(analyze_text):
    analysis = analyze_text(
        "Le vote a eu lieu. « Nous avons gagné », a dit Ian Brossat. Fin de séance."
    )
    assert [a.span for a in analysis.attributions] == list(analysis.sentences)
    assert [a.source.kind for a in analysis.attributions] == ["self", "person", "self"]


def test_masked_debris_gets_no_attribution(nlp):
    from recoupe.analyze import analyze

    text = "Publicité : abonnez-vous\nLe ministre a déclaré que la loi serait votée.\n"
    start = text.index("Le ministre")
    end = text.index("\n", start)
    (result,) = analyze([_article(text, start, end)], nlp=nlp)
    attributions = result.analysis.attributions
    assert [a.span.text for a in attributions] == [text[start:end]]
    assert attributions[0].source.name == "Le ministre"


@pytest.mark.seeds
def test_seed_attributions_lie_in_the_text(nlp, seed_paths):
    from recoupe.analyze import analyze

    articles = [_article(path.read_text(encoding="utf-8")) for path in seed_paths]
    for result in analyze(articles, nlp=nlp):
        text, analysis = result.article.text, result.analysis
        assert len(analysis.attributions) == len(analysis.sentences)
        for a in analysis.attributions:
            assert 0 <= a.span.start < a.span.end <= len(text)
            assert text[a.span.start : a.span.end] == a.span.text
            assert a.source.kind in SOURCE_KINDS
            for span in (a.cue, a.source.span):
                if span is not None:
                    assert text[span.start : span.end] == span.text
        assert any(a.source.kind != "self" for a in analysis.attributions)


@pytest.mark.parametrize(
    "text",
    [
        "Plusieurs dirigeants syndicaux, dont celui de la CGT, ont accusé la direction de "
        "vouloir fermer le site.",
        "Le maire, dans un communiqué, a exhorté les habitants à rester chez eux.",
    ],
)
def test_whom_a_verb_accuses_is_not_its_speaker(analyze_text, text):
    # after a comma, "ont accusé X de ...", "a exhorté X à ..." look like an incise (", a
    # déclaré X"), but a verb governing its own clause is none: X is whom it is about
    (attribution,) = analyze_text(text).attributions
    name = (attribution.source.name or "").lower()
    assert not any(w in name for w in ("direction", "habitants"))
