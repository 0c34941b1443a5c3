"""Agreed, or agreed to negotiate: one account has the parties agree to a thing, another
only agree to talk about it."""

from __future__ import annotations

from recoupe.align import align

TALKS = (
    "Mardi, Hugo Lestrade et Léa Marchand ont convenu d'ouvrir des pourparlers sur une "
    "trêve des grèves au port de Valdorra."
)
DEAL = "Mardi, les deux ministres ont accepté une trêve des grèves au port de Valdorra."


def _agreement(build, text: str, trigger: str, lemma: str, polarity: str = "positive"):
    """An AGREE claim on the clause of ``text`` that starts at ``trigger``."""
    sentence = next(s for s in text.split(". ") if trigger in s)
    clause = sentence[sentence.index(trigger) :].rstrip(".")
    return build.claim(
        text,
        clause,
        trigger=trigger,
        lemma=lemma,
        category="AGREE",
        modality="agreed",
        polarity=polarity,
    )


def _agreeing(build, text: str, trigger: str, lemma: str, source: str, polarity="positive"):
    return build.article(
        text,
        source=source,
        mentions=[("Valdorra", "LOC")],
        claims=[_agreement(build, text, trigger, lemma, polarity)],
    )


def _negotiations(dossier) -> list:
    return [d for d in dossier.divergences if d.kind == "modality"]


def test_agreeing_to_a_truce_and_to_negotiate_one_diverge(build) -> None:
    talks = _agreeing(build, TALKS, "convenu", "convenir", "a.txt")
    deal = _agreeing(build, DEAL, "accepté", "accepter", "b.txt")
    (found,) = _negotiations(align([talks, deal]))
    assert [s.value for s in found.sides] == ["negotiate", "agreed"]
    assert found.sides[0].sources == (talks.article.id,)
    assert found.sides[1].sources == (deal.article.id,)
    assert found.facts  # linked to the facts its sentences belong to


def test_the_trap_talks_on_another_thing_are_no_divergence(build) -> None:
    other = "Mardi, les deux ministres ont accepté une hausse des salaires des grutiers."
    talks = _agreeing(build, TALKS, "convenu", "convenir", "a.txt")
    deal = _agreeing(build, other, "accepté", "accepter", "b.txt")
    assert _negotiations(align([talks, deal])) == []


def test_the_trap_a_clause_agreeing_to_a_truce_and_to_talks_is_no_side(build) -> None:
    both = (
        "Mardi, les deux ministres ont accepté une trêve des grèves au port de Valdorra et "
        "d'entamer des discussions sur les salaires."
    )
    talks = _agreeing(build, TALKS, "convenu", "convenir", "a.txt")
    deal = _agreeing(build, both, "accepté", "accepter", "b.txt")
    assert _negotiations(align([talks, deal])) == []


def test_the_trap_one_article_telling_both_is_no_divergence(build) -> None:
    text = f"{TALKS} {DEAL}"
    claims = [
        _agreement(build, text, "convenu", "convenir"),
        _agreement(build, text, "accepté", "accepter"),
    ]
    article = build.article(text, source="a.txt", claims=claims)
    other = build.article("Le port de Valdorra reste fermé.", source="b.txt")
    assert _negotiations(align([article, other])) == []


def test_the_trap_a_refused_truce_is_no_agreement(build) -> None:
    refused = (
        "Mardi, les deux ministres n'ont pas accepté une trêve des grèves au port de Valdorra."
    )
    talks = _agreeing(build, TALKS, "convenu", "convenir", "a.txt")
    deal = _agreeing(build, refused, "accepté", "accepter", "b.txt", polarity="negative")
    assert _negotiations(align([talks, deal])) == []
