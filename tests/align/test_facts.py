"""Facts: the same statement in several articles becomes one fact; unrelated ones do not."""

from __future__ import annotations

import json

from recoupe import report
from recoupe.align import align
from recoupe.align.entities import EntityIndex, resolve_entities
from recoupe.align.facts import FactGroup, _fact_date, story_dates
from recoupe.align.units import build_units

A = (
    "Le port de Valdorra a rouvert mardi après une grève de douze jours. "
    "Les dockers ont obtenu une hausse de salaire de 4 %. "
    "La mairie organisera un concert gratuit samedi."
)
B = (
    "Après douze jours de grève, le port de Valdorra a rouvert mardi. "
    "Les syndicats saluent une hausse de salaire de 4 % pour les dockers. "
    "Un navire pétrolier attend toujours au large."
)
C = (
    "Le trafic a repris mardi au port de Valdorra, fermé par une grève de douze jours. "
    "Le ministre des Transports se rendra sur place jeudi."
)


def _story(build):
    return [
        build.article(A, source="a.txt", mentions=[("Valdorra", "LOC")]),
        build.article(B, source="b.txt", mentions=[("Valdorra", "LOC")]),
        build.article(C, source="c.txt", mentions=[("Valdorra", "LOC")]),
    ]


def _fact_with(dossier, words: str):
    return [f for f in dossier.facts if any(words in e.span.text for e in f.evidence)]


def test_same_statement_in_three_articles_is_one_fact(build) -> None:
    dossier = align(_story(build))
    (reopened,) = [f for f in _fact_with(dossier, "rouvert") if len(f.sources) >= 2]
    assert len(reopened.sources) == 3
    assert reopened.omitted_by == ()
    assert reopened.statement in {e.span.text for e in reopened.evidence}


def test_pay_rise_is_aligned_across_two_articles_only(build) -> None:
    dossier = align(_story(build))
    pay = [f for f in _fact_with(dossier, "4 %") if len(f.sources) == 2]
    assert pay
    texts = dossier.articles
    c_id = next(a.id for a in texts if a.source == "c.txt")
    assert pay[0].omitted_by == (c_id,)


def test_unrelated_sentences_stay_single_source_facts(build) -> None:
    dossier = align(_story(build))
    for words in ("concert gratuit", "navire pétrolier", "ministre des Transports"):
        (fact,) = _fact_with(dossier, words)
        assert len(fact.sources) == 1
        assert fact.reason == "reported by one article only"


def test_one_sentence_per_article_per_fact(build) -> None:
    dossier = align(_story(build))
    for fact in dossier.facts:
        assert len({e.article_id for e in fact.evidence}) == len(fact.evidence)


def test_evidence_spans_slice_their_article(build) -> None:
    dossier = align(_story(build))
    texts = {a.id: a.text for a in dossier.articles}
    for fact in dossier.facts:
        for ev in fact.evidence:
            assert texts[ev.article_id][ev.span.start : ev.span.end] == ev.span.text
            assert ev.span.end - ev.span.start <= 450


def test_fact_date_comes_from_its_sentence(build) -> None:
    text_a = "Le port de Valdorra a rouvert mardi après une grève de douze jours."
    text_b = "Après douze jours de grève, le port de Valdorra a rouvert mardi."
    a = build.article(text_a, source="a.txt", dates=[build.date(text_a, "mardi", None)])
    b = build.article(text_b, source="b.txt", dates=[build.date(text_b, "mardi", "2031-05-13")])
    dossier = align([a, b])
    (fact,) = dossier.facts
    # a's "mardi" is read against its publication date (Wednesday 14 May 2031)
    assert fact.date == "2031-05-13"
    assert dossier.timeline[0].date == "2031-05-13"


def test_same_input_twice_gives_identical_json(build) -> None:
    first = report.render(align(_story(build)), "json")
    second = report.render(align(list(reversed(_story(build)))), "json")
    assert first == second
    assert json.loads(first)["facts"]


def test_story_date_is_the_day_of_the_most_widely_reported_fact(build) -> None:
    texts = [
        "Le sommet des maires s'est ouvert lundi à Valdorra. Le port sera agrandi dès jeudi.",
        "Les maires se sont réunis lundi à Valdorra. Les travaux du port commencent jeudi.",
        "Lundi, les maires ont ouvert leur sommet à Valdorra. Le chantier du port démarre jeudi.",
    ]
    items = [build.article(t, source=f"{n}.txt") for n, t in enumerate(texts)]
    units = build_units(items, EntityIndex(resolve_entities(items)), max_chars=450)
    opening, works = "2031-05-12", "2031-05-15"
    units = [build.replace(u, day=opening if u.position == 0 else works) for u in units]
    first = [u.index for u in units if u.position == 0]
    second = [u.index for u in units if u.position == 1]
    groups = [
        FactGroup(members=tuple(first), scores=()),
        # the works told three times in overlapping facts of two articles each
        FactGroup(members=(second[0], second[1]), scores=()),
        FactGroup(members=(second[0], second[2]), scores=()),
        FactGroup(members=(second[1], second[2]), scores=()),
    ]
    story, _anchors = story_dates(groups, units, len(items))
    assert story == opening


def _units_of(build, texts: list[str], days: list[str | None]):
    items = [build.article(t, source=f"{n}.txt") for n, t in enumerate(texts)]
    units = build_units(items, EntityIndex(resolve_entities(items)), max_chars=450)
    return [build.replace(u, day=days[u.article]) for u in units]


LEAD, PLAN = "2031-05-10", "2031-05-11"
MAYOR = [
    "Le maire de Valdorra a condamné les dégradations depuis la mairie.",
    "Depuis la mairie, le maire de Valdorra a condamné les dégradations commises.",
    "Le maire de Valdorra a fermement condamné les dégradations du centre.",
    "Le maire, qui a condamné les dégradations, a annoncé un conseil municipal dimanche.",
    "Le maire, qui a condamné les dégradations, a annoncé un conseil municipal, dimanche.",
]


def test_fact_date_follows_most_independent_accounts(build) -> None:
    """Three outlets tell the fact with no day; one dispatch, printed twice, names the day
    of a plan it mentions: the copies are one account, and three undated accounts of the
    lead day outweigh it."""
    units = _units_of(build, MAYOR, [None, None, None, PLAN, PLAN])
    group = FactGroup(members=tuple(u.index for u in units), scores=())
    anchors = [LEAD] * 5
    ids = [u.article_id for u in units]
    copies = {ids[3]: "o1", ids[4]: "o1"}
    assert _fact_date(group, units, anchors, copies) == LEAD
    # counted as two accounts, the copies would win
    assert _fact_date(group, units, anchors, {}) == PLAN


def test_a_named_day_wins_a_tie_with_undated_accounts(build) -> None:
    """The trap: one account naming the day against two that name none is a tie, and the
    named day, the more precise one, is kept."""
    units = _units_of(build, MAYOR[:2] + MAYOR[3:4], [None, None, PLAN])
    group = FactGroup(members=tuple(u.index for u in units), scores=())
    assert _fact_date(group, units, [LEAD] * 3, {}) == PLAN
