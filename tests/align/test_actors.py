"""Actor divergences: one action of a fact credited to different actors."""

from __future__ import annotations

from recoupe.align import align

PROPOSED_BY_TWO = (
    "Les délégués de l'Ostrie et de la Sorenza ont proposé une trêve de trente jours aux "
    "belligérants du Valdorra."
)
PROPOSED_BY_ONE = (
    "Une trêve de trente jours a été proposée par l'Ostrie aux belligérants du Valdorra."
)
PROPOSED_BY_NOBODY = "Une trêve de trente jours a été proposée aux belligérants du Valdorra."
PLACES = ("Ostrie", "Sorenza", "Valdorra")


def _article(build, source: str, text: str, subject: str | None, *, polarity: str = "positive"):
    trigger = "proposé" if "proposé " in text else "proposée"
    claim = build.claim(
        text,
        text.rstrip("."),
        trigger=trigger,
        lemma="proposer",
        category="AGREE",
        polarity=polarity,
    )
    if subject is not None:
        claim = build.replace(claim, subject=build.at(text, subject))
    mentions = [(p, "LOC") for p in PLACES if p in text]
    return build.article(text, source=source, mentions=mentions, claims=[claim])


def _actors(dossier) -> list:
    # the two sentences state one fact, so that the rule reads them side by side
    assert any(len(f.sources) == 2 for f in dossier.facts)
    return [d for d in dossier.divergences if d.kind == "actors"]


def test_one_account_names_more_actors_than_another(build) -> None:
    a = _article(build, "a.txt", PROPOSED_BY_TWO, "Les délégués de l'Ostrie et de la Sorenza")
    b = _article(build, "b.txt", PROPOSED_BY_ONE, "l'Ostrie")
    (found,) = _actors(align([a, b]))
    assert {s.label for s in found.sides} == {"by Ostrie, Sorenza", "by Ostrie"}
    assert {e.span.text for s in found.sides for e in s.evidence} == {
        PROPOSED_BY_TWO,
        PROPOSED_BY_ONE,
    }
    assert "proposer" in found.reason


def test_the_same_actors_are_no_divergence(build) -> None:
    a = _article(build, "a.txt", PROPOSED_BY_ONE, "l'Ostrie")
    b = _article(build, "b.txt", PROPOSED_BY_ONE.replace("Une", "Cette"), "l'Ostrie")
    assert not _actors(align([a, b]))


def test_an_actor_left_unnamed_is_no_divergence(build) -> None:
    a = _article(build, "a.txt", PROPOSED_BY_ONE, "l'Ostrie")
    b = _article(build, "b.txt", PROPOSED_BY_NOBODY, None)
    assert not _actors(align([a, b]))


def test_a_negated_action_is_not_credited(build) -> None:
    a = _article(build, "a.txt", PROPOSED_BY_TWO, "Les délégués de l'Ostrie et de la Sorenza")
    b = _article(build, "b.txt", PROPOSED_BY_ONE, "l'Ostrie", polarity="negative")
    assert not _actors(align([a, b]))


def test_actors_named_beside_the_subject_agree(build) -> None:
    # "A et B ont proposé" and "A a proposé, avec B, ...": one account names B as a
    # companion, not as someone else credited with the action
    a = _article(build, "a.txt", PROPOSED_BY_TWO, "Les délégués de l'Ostrie et de la Sorenza")
    text = (
        "Avec la Sorenza, l'Ostrie a proposé une trêve de trente jours aux belligérants du "
        "Valdorra."
    )
    b = _article(build, "b.txt", text, "l'Ostrie")
    assert not _actors(align([a, b]))
