"""Two statements credited to one source are compared without the source's name."""

from __future__ import annotations

from recoupe.align import align

SPEAKER = "le ministre de l'Intérieur Gaspard Lenoir-Vidal"
CALMER = f"Dans la nuit, le port de Brélia avait retrouvé son activité, a déclaré {SPEAKER}."
CALMER_TOO = f"Le port de Brélia avait retrouvé son activité dans la nuit, a observé {SPEAKER}."
TABOO = f"Interrogé sur l'état d'urgence, {SPEAKER} a dit ne pas avoir de tabou."
SCENES = f"Samedi, {SPEAKER} a jugé intolérables les scènes de pillage des boutiques."


def _said(build, text: str, source: str, *, named: bool = True):
    attribution = build.attribution(text, "Lenoir", kind="person", name=SPEAKER, named=named)
    return build.article(text, source=source, attributions=[attribution])


def _fact_of(dossier, article) -> set[str]:
    """The articles of the widest fact holding ``article``'s sentence."""
    holding = [f for f in dossier.facts if article.article.id in f.sources]
    return set(max(holding, key=lambda f: len(f.sources)).sources)


def test_one_claim_by_one_speaker_is_one_fact(build) -> None:
    a, b = _said(build, CALMER, "a.txt"), _said(build, CALMER_TOO, "b.txt")
    assert _fact_of(align([a, b]), a) == {a.article.id, b.article.id}


def test_two_claims_of_one_speaker_are_two_facts(build) -> None:
    articles = [_said(build, text, f"{n}.txt") for n, text in enumerate((CALMER, TABOO, SCENES))]
    dossier = align(articles)
    for article in articles:
        assert _fact_of(dossier, article) == {article.article.id}
