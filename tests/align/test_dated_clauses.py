"""Dated clauses: a clause of a fact its accounts date to another day is a fact of its own."""

from __future__ import annotations

from recoupe.align import align

ANSWER = (
    "Samedi soir, la direction du port de Brélia a cédé aux dockers en grève, qui "
    "réclament une prime de risque pour le travail de nuit."
)
DEMAND = (
    "Cet accord de la direction du port de Brélia devrait satisfaire les dockers en grève, "
    "qui avaient réclamé jeudi une prime de risque pour le travail de nuit."
)
SATURDAY, THURSDAY = "2031-05-10", "2031-05-08"


def _answer(build, text: str = ANSWER):
    saturday = build.date(text, "Samedi soir", SATURDAY)
    claims = [
        build.claim(
            text,
            text[: text.index(",", 20)],
            trigger="cédé",
            lemma="céder",
            category="AGREE",
            dates=[saturday],
        ),
        _demands(build, text, text[text.index("qui") : -1], "réclament"),
    ]
    return build.article(
        text, source="a.txt", claims=claims, dates=[saturday], mentions=[("Brélia", "LOC")]
    )


def _demands(build, text: str, clause: str, trigger: str, *, dates=()):
    """The claim of the relative clause, "qui réclament une prime ..."."""
    return build.claim(
        text, clause, trigger=trigger, lemma="réclamer", category="REQUEST", dates=list(dates)
    )


def _satisfies(build, text: str):
    """The claim of the sentence's main clause, "... devrait satisfaire les dockers"."""
    return build.claim(
        text, text[: text.index(",")], trigger="satisfaire", lemma="satisfaire", category="OTHER"
    )


def _demand(build, day_words: str = "jeudi", day: str = THURSDAY):
    text = DEMAND.replace("jeudi", day_words)
    when = build.date(text, day_words, day)
    claims = [
        _satisfies(build, text),
        _demands(build, text, text[text.index("qui") : -1], "réclamé", dates=[when]),
    ]
    return build.article(
        text, source="b.txt", claims=claims, dates=[when], mentions=[("Brélia", "LOC")]
    )


def _fact_of(dossier):
    (fact,) = [f for f in dossier.facts if len(f.sources) == 2 and f.part_of is None]
    return fact


def test_a_clause_dated_to_another_day_is_a_fact_of_its_own(build) -> None:
    dossier = align([_answer(build), _demand(build)])
    fact = _fact_of(dossier)
    assert fact.date == SATURDAY
    (part,) = [f for f in dossier.facts if f.part_of == fact.id]
    assert part.id == f"{fact.id}.1" and part.date == THURSDAY
    # listed just before the fact, its evidence the two clauses, the dated one its statement
    ids = [f.id for f in dossier.facts]
    assert ids.index(part.id) == ids.index(fact.id) - 1
    assert {e.span.text for e in part.evidence} == {
        "qui réclament une prime de risque pour le travail de nuit",
        "qui avaient réclamé jeudi une prime de risque pour le travail de nuit",
    }
    assert "jeudi" in part.statement
    assert {e.article_id for e in part.evidence} == set(fact.sources)
    # the timeline has the clause's day
    assert any(entry.date == THURSDAY for entry in dossier.timeline)


def test_a_clause_of_the_facts_own_day_stays_in_the_fact(build) -> None:
    dossier = align([_answer(build), _demand(build, "samedi", SATURDAY)])
    _fact_of(dossier)
    assert not [f for f in dossier.facts if f.part_of]


def test_the_day_of_a_statement_dates_no_clause(build) -> None:
    # "a annoncé jeudi": the day the demand was announced, not that of the demand
    text = DEMAND.replace("avaient réclamé jeudi", "réclament, a annoncé jeudi leur chef,")
    when = build.date(text, "jeudi", THURSDAY)
    claims = [
        _satisfies(build, text),
        _demands(build, text, "qui réclament", "réclament"),
        build.claim(
            text,
            "a annoncé jeudi leur chef",
            trigger="annoncé",
            lemma="annoncer",
            category="STATEMENT",
            dates=[when],
        ),
    ]
    demand = build.article(
        text, source="b.txt", claims=claims, dates=[when], mentions=[("Brélia", "LOC")]
    )
    dossier = align([_answer(build), demand])
    assert not [f for f in dossier.facts if f.part_of]
