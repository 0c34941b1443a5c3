"""Stance divergences: one person's reaction told as two different acts."""

from __future__ import annotations

from recoupe.align import align
from recoupe.align.compare import _across_origins
from recoupe.align.sides import Found
from recoupe.model import Evidence, Side, TextSpan

URGED = (
    "Samedi soir, Hugo Lestrade a appelé les grutiers du port de Valdorra à reprendre le "
    "travail après la réunion."
)
ACCUSED = (
    "Samedi soir, Hugo Lestrade a accusé la direction de bloquer le travail des grutiers du "
    "port de Valdorra après la réunion."
)
PEOPLE = ("Hugo Lestrade", "Léa Marchand")


def _article(build, source: str, text: str, trigger: str, lemma: str, category: str, **kw):
    speaker = kw.pop("speaker", "Hugo Lestrade")
    claim = build.claim(
        text, text.rstrip("."), trigger=trigger, lemma=lemma, category=category, **kw
    )
    claim = build.replace(claim, subject=build.at(text, speaker))
    mentions = [(p, "PER") for p in PEOPLE if p in text]
    return build.article(text, source=source, mentions=mentions, claims=[claim])


def _stances(dossier) -> list:
    # the two sentences state one fact, so that the rule reads them side by side
    assert any(len(f.sources) == 2 for f in dossier.facts)
    return [d for d in dossier.divergences if d.kind == "stance"]


def test_one_person_urging_in_one_account_accusing_in_another(build) -> None:
    a = _article(build, "a.txt", URGED, "appelé", "appeler", "REQUEST")
    b = _article(build, "b.txt", ACCUSED, "accusé", "accuser", "ACCUSE")
    (found,) = _stances(align([a, b]))
    assert {s.value for s in found.sides} == {"request", "accuse"}
    assert {s.label for s in found.sides} == {"Hugo Lestrade: appeler", "Hugo Lestrade: accuser"}
    assert {s.sources for s in found.sides} == {(a.article.id,), (b.article.id,)}
    assert "Hugo Lestrade" in found.reason


def test_the_trap_the_same_stance_twice_is_no_divergence(build) -> None:
    a = _article(build, "a.txt", ACCUSED, "accusé", "accuser", "ACCUSE")
    b = _article(build, "b.txt", ACCUSED.replace("Samedi soir", "Dans la soirée"), "accusé",
                 "accuser", "ACCUSE")  # fmt: skip
    assert not _stances(align([a, b]))


def test_the_trap_two_people_each_their_own_stance(build) -> None:
    a = _article(build, "a.txt", URGED, "appelé", "appeler", "REQUEST")
    other = ACCUSED.replace("Hugo Lestrade", "Léa Marchand")
    b = _article(build, "b.txt", other, "accusé", "accuser", "ACCUSE", speaker="Léa Marchand")
    assert not _stances(align([a, b]))


def test_the_trap_a_negated_reaction_is_no_stance(build) -> None:
    a = _article(build, "a.txt", URGED, "appelé", "appeler", "REQUEST")
    b = _article(build, "b.txt", ACCUSED, "accusé", "accuser", "ACCUSE", polarity="negative")
    assert not _stances(align([a, b]))


def _found(a: str, b: str) -> Found:
    span = TextSpan(start=0, end=5, text="texte")
    return Found(
        "stance",
        "r",
        ("f1",),
        (
            Side(label="x", sources=(a,), evidence=(Evidence(article_id=a, span=span),)),
            Side(label="y", sources=(b,), evidence=(Evidence(article_id=b, span=span),)),
        ),
    )


def test_two_dispatches_one_article_runs_together_stay_independent_accounts() -> None:
    # c prints a's dispatch and b's and joined a's origin; a and b copy nothing
    origin_of = {"a": "o1", "c": "o1", "b": "o2"}
    copies = {frozenset(("a", "c")), frozenset(("b", "c"))}
    assert _across_origins(_found("a", "b"), origin_of, copies) is not None


def test_the_trap_copies_of_one_dispatch_raise_nothing_between_themselves() -> None:
    origin_of = {"a": "o1", "b": "o1"}
    assert _across_origins(_found("a", "b"), origin_of, {frozenset(("a", "b"))}) is None
    assert _across_origins(_found("a", "b"), origin_of, None) is None
