"""Omissions: only after the "omitting" article was searched for the fact in any form.

The rule-level tests build units, facts and a similarity matrix by hand, so that each
search step (close wording, actors, figures, dates, angle) is tested alone; the last
tests go through ``align`` on hand-written articles.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from recoupe.align import align
from recoupe.align.facts import FactGroup
from recoupe.align.omissions import omissions, says_left_out
from recoupe.align.units import Unit
from recoupe.model import (
    Analysis,
    AnalyzedArticle,
    Article,
    Claim,
    Fact,
    Quantity,
    TextSpan,
)

THRESHOLD = 0.3


def _unit(index: int, article: int, text: str, **kw) -> Unit:
    span = TextSpan(start=0, end=len(text), text=text)
    return Unit(
        index=index,
        article=article,
        article_id=f"art{article}",
        position=0,
        span=span,
        sentence=span,
        lemmas="",
        claims=tuple(kw.get("claims", ())),
        dates=(),
        quantities=tuple(kw.get("quantities", ())),
        attribution=None,
        entities=tuple(kw.get("entities", ())),
        day=kw.get("day"),
    )


def _claim(text: str, mood: str) -> Claim:
    span = TextSpan(start=0, end=len(text), text=text)
    return Claim(
        span=span, sentence=span, predicate=span, lemma="blesser", category="ASSAULT", mood=mood
    )


def _count(text: str, figure: str, value: float, counts: str) -> Quantity:
    start = text.index(figure)
    span = TextSpan(start=start, end=start + len(figure), text=figure)
    return Quantity(span=span, value=value, kind="count", counts=counts)


def _articles(n: int, published: dict[int, str] | None = None) -> list[AnalyzedArticle]:
    published = published or {}
    out = []
    for a in range(n):
        text = f"article {a}"
        day = published.get(a, "2031-05-14")
        article = Article(
            id=f"art{a}",
            source=f"{a}.txt",
            origin=f"{a}.txt",
            text=text,
            body=(TextSpan(start=0, end=len(text), text=text),),
            published=dt.date.fromisoformat(day),
        )
        out.append(
            AnalyzedArticle(article=article, analysis=Analysis(article_id=f"art{a}", pipeline="t"))
        )
    return out


REPORTED = "Les heurts de mardi à Valdorra ont fait 40 blessés, selon la préfecture de Lorvane."


def _story(
    searched: list[Unit],
    *,
    scores: dict[int, float] | None = None,
    n_reporting: int = 3,
    fact_day: str | None = "2031-05-13",
    published: dict[int, str] | None = None,
    extra: list[tuple[Fact, FactGroup]] = (),
    tightness: float = 0.5,
    mood: str = "factual",
):
    """``n_reporting`` articles telling REPORTED, then the searched article's ``searched`` units.

    ``scores`` gives the similarity of each searched unit (by its index) to the fact's
    sentences, ``tightness`` that of the fact's sentences between them; others score 0.
    """
    reporting = [
        _unit(
            i,
            i,
            REPORTED,
            quantities=[_count(REPORTED, "40 blessés", 40, "injured")],
            entities=["e1"],
            day=fact_day,
            claims=[_claim(REPORTED, mood)],
        )
        for i in range(n_reporting)
    ]
    units = reporting + searched
    sim = np.zeros((len(units), len(units)))
    sim[:n_reporting, :n_reporting] = tightness
    for index, score in (scores or {}).items():
        for m in range(n_reporting):
            sim[m, index] = sim[index, m] = score
    ids = [f"art{a}" for a in range(max(u.article for u in units) + 1)]
    fact = Fact(
        id="f1",
        statement=REPORTED,
        date=fact_day,
        sources=tuple(ids[:n_reporting]),
        omitted_by=tuple(ids[n_reporting:]),
        actors=("e1",),
    )
    facts = [fact, *(f for f, _ in extra)]
    groups = [FactGroup(members=tuple(range(n_reporting)), scores=()), *(g for _, g in extra)]
    return omissions(
        facts,
        groups,
        units,
        sim,
        analyzed=_articles(len(ids), published),
        origin_of={},
        n_articles=len(ids),
        share=0.6,
        threshold=THRESHOLD,
    )


def test_an_article_with_nothing_close_is_charged_with_the_omission() -> None:
    other = "Un concert gratuit aura lieu samedi sur les quais."
    (found,) = _story([_unit(3, 3, other)], scores={3: 0.05})
    assert found.kind == "omission"
    assert [s.sources for s in found.sides if s.label == "left out"] == [("art3",)]
    assert 0.0 < found.confidence <= 1.0
    assert "searched" in found.reason


def test_a_close_sentence_is_the_fact_told_another_way() -> None:
    text = "Mardi, la préfecture a dénombré des dizaines de blessés lors des heurts."
    assert _story([_unit(3, 3, text)], scores={3: 0.31}) == []
    # sharing words only, under the fact threshold, it may be another fact: searched on
    (found,) = _story([_unit(3, 3, text)], scores={3: 0.26})
    assert found.kind == "omission"


def test_a_weaker_match_counts_when_it_names_the_facts_actor() -> None:
    text = "À Valdorra, la journée de mardi a tourné à l'affrontement."
    assert _story([_unit(3, 3, text, entities=["e1"])], scores={3: 0.16}) == []
    # the same score without the actor is not enough: the article is charged
    (found,) = _story([_unit(3, 3, text)], scores={3: 0.16})
    assert found.kind == "omission"


def test_the_same_figure_anywhere_in_the_article_reports_the_fact() -> None:
    text = "On compte 40 blessés après la soirée de mardi."
    unit = _unit(3, 3, text, quantities=[_count(text, "40 blessés", 40, "injured")])
    assert _story([unit], scores={3: 0.02}) == []


def test_another_figure_of_the_same_count_is_a_value_divergence() -> None:
    text = "Les violences de mardi ont fait 55 blessés."
    unit = _unit(3, 3, text, quantities=[_count(text, "55 blessés", 55, "injured")])
    (found,) = _story([unit], scores={3: 0.02})
    assert found.kind == "value"
    assert [s.value for s in found.sides] == ["40", "55"]
    assert found.sides[1].evidence[0].article_id == "art3"
    assert "another figure for injured" in found.reason


def test_a_rounded_figure_is_the_same_figure() -> None:
    text = "Les heurts de mardi ont fait 41 blessés."
    unit = _unit(3, 3, text, quantities=[_count(text, "41 blessés", 41, "injured")])
    assert _story([unit], scores={3: 0.02}) == []


def test_another_figure_told_by_two_facts_is_shown_once() -> None:
    one = "Les violences de mardi ont fait 55 blessés."
    two = "Le bilan de mardi s'établit à 60 blessés."
    a = _unit(3, 3, one, quantities=[_count(one, "55 blessés", 55, "injured")])
    b = _unit(4, 4, two, quantities=[_count(two, "60 blessés", 60, "injured")])
    twin = Fact(
        id="f2",
        statement=REPORTED,
        sources=("art0", "art1", "art2"),
        omitted_by=("art3",),
        actors=("e1",),
    )
    found = _story([a, b], extra=[(twin, FactGroup(members=(0, 1, 2), scores=()))])
    (value,) = found
    assert [s.value for s in value.sides] == ["40", "55", "60"]


def test_figures_are_compared_by_what_they_count_not_by_their_noun() -> None:
    # 55 arrests are no other figure for 40 injured: nothing of the fact is found
    text = "La police a interpellé 55 personnes mardi."
    unit = _unit(3, 3, text, quantities=[_count(text, "55 personnes", 55, "arrests")])
    (found,) = _story([unit], scores={3: 0.02})
    assert found.kind == "omission"


def test_a_figure_of_another_order_of_size_counts_something_else() -> None:
    text = "Les urgences de la région ont soigné 900 blessés cette année."
    unit = _unit(3, 3, text, quantities=[_count(text, "900 blessés", 900, "injured")])
    (found,) = _story([unit], scores={3: 0.02})
    assert found.kind == "omission"


def test_an_article_published_before_the_fact_is_not_charged() -> None:
    other = "La préfecture de Lorvane prépare la manifestation de mardi."
    unit = _unit(3, 3, other)
    assert _story([unit], scores={3: 0.0}, published={3: "2031-05-12"}) == []
    # the same article published after the fact is charged
    (found,) = _story([unit], scores={3: 0.0}, published={3: "2031-05-14"})
    assert found.kind == "omission"


def test_a_plan_for_a_later_day_is_charged_to_an_article_of_the_day_before() -> None:
    # "la préfecture réunira les syndicats mardi": the plan's day is after the page by
    # nature, so an article of the day before may well leave the announcement out
    other = "La préfecture de Lorvane prépare la manifestation de mardi."
    unit = _unit(3, 3, other)
    (found,) = _story([unit], scores={3: 0.0}, published={3: "2031-05-12"}, mood="future")
    assert found.kind == "omission"


def test_no_date_check_without_dates() -> None:
    unit = _unit(3, 3, "La préfecture de Lorvane prépare la manifestation.")
    (found,) = _story([unit], scores={3: 0.0}, fact_day=None)
    assert found.kind == "omission"


def _portrait(first_actor: str) -> tuple[list[Unit], list[tuple[Fact, FactGroup]]]:
    """A portrait (article 3) of one person; the three others tell four more facts."""
    units = [_unit(3 + k, 3, f"Jeanne Morel, portrait {k}.", entities=["e9"]) for k in range(3)]
    extra = []
    for n in range(2, 6):
        fact = Fact(
            id=f"f{n}",
            statement=f"Fait {n} de la journée.",
            sources=("art0", "art1", "art2"),
            omitted_by=("art3",),
            actors=(first_actor,),
        )
        extra.append((fact, FactGroup(members=(0, 1, 2), scores=())))
    return units, extra


def _left(found) -> set[str]:
    return {a for f in found for s in f.sides if s.label == "left out" for a in s.sources}


def test_a_piece_with_another_angle_is_not_charged() -> None:
    units, extra = _portrait("e7")
    # one widely reported fact says nothing of an angle: the piece is charged
    assert _left(_story(units)) == {"art3"}
    # five, of which the piece carries none: a portrait, not an omission
    assert _left(_story(units, extra=extra)) == set()


def test_unless_the_fact_is_about_what_the_piece_is_about() -> None:
    units, extra = _portrait("e9")
    assert _left(_story(units, extra=extra)) == {"art3"}


def test_one_entry_per_fact_listing_every_source_that_leaves_it_out() -> None:
    a = _unit(3, 3, "Un concert gratuit aura lieu samedi.")
    b = _unit(4, 4, "Le marché de Noël ouvre vendredi.")
    twin = Fact(
        id="f2",
        statement=REPORTED,
        sources=("art0", "art1", "art2"),
        omitted_by=("art3", "art4"),
        actors=("e1",),
    )
    found = _story([a, b], scores={}, extra=[(twin, FactGroup(members=(0, 1, 2), scores=()))])
    (entry,) = found
    assert entry.facts == ("f1", "f2")
    assert [s.sources for s in entry.sides if s.label == "left out"] == [("art3",), ("art4",)]


def test_confidence_grows_with_the_sources_and_the_margin() -> None:
    far = _story([_unit(3, 3, "Un concert aura lieu samedi.")], scores={3: 0.0})
    near = _story([_unit(3, 3, "Un concert aura lieu samedi.")], scores={3: 0.14})
    wide = _story([_unit(5, 5, "Un concert aura lieu samedi.")], scores={5: 0.0}, n_reporting=5)
    assert near[0].confidence < far[0].confidence < wide[0].confidence <= 1.0


def test_a_fact_whose_sentences_barely_agree_is_a_less_certain_omission() -> None:
    unit = _unit(3, 3, "Un concert aura lieu samedi.")
    (tight,) = _story([unit], scores={3: 0.0})
    (loose,) = _story([unit], scores={3: 0.0}, tightness=0.1)
    assert loose.confidence < tight.confidence
    assert "loosely" in loose.reason and "loosely" not in tight.reason


@pytest.mark.parametrize(
    "text",
    [
        "Le communiqué de la mairie ne mentionnait pas cette exigence.",
        "Le ministre n'a pas évoqué la fermeture du port.",
        "La préfecture n'en a pas fait état.",
        "Le texte publié mardi ne mentionnait cependant pas les pêcheurs.",
        "Le maire a salué les dockers, sans mentionner le port.",
        "Le communiqué ne fait aucune mention des blessés.",
        "La note du syndicat ne contenait pas ces chiffres.",
    ],
)
def test_a_negated_verb_of_reporting_says_something_was_left_out(text: str) -> None:
    assert says_left_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "« Ne reculez pas ! » écrit le maire Paul Verlaine aux grévistes.",
        "Le maire a précisé que les grévistes ne renonceraient pas.",
        "Le syndicat ne se contente pas de ces promesses, a-t-il dit.",
        "La grève ne reprendra pas lundi, a indiqué le syndicat.",
        "Les pêcheurs ne disparaîtront pas, a assuré Paul Verlaine.",
    ],
)
def test_a_negation_of_another_verb_near_a_verb_of_saying_is_no_silence(text: str) -> None:
    assert not says_left_out(text)


def _kinds(dossier) -> dict[str, list]:
    out: dict[str, list] = {}
    for div in dossier.divergences:
        out.setdefault(div.kind, []).append(div)
    return out


def test_fact_most_articles_carry_is_an_omission_of_the_others(build) -> None:
    same = "Le port de Valdorra a rouvert mardi après douze jours de grève."
    items = [
        build.article(same, source="a.txt"),
        build.article(
            "Après douze jours de grève, le port de Valdorra a rouvert mardi.", source="b.txt"
        ),
        build.article(
            "Le port de Valdorra a enfin rouvert mardi, après douze jours de grève.", source="c.txt"
        ),
        build.article(
            "Un concert gratuit aura lieu samedi sur les quais de Valdorra.", source="d.txt"
        ),
    ]
    (omission,) = _kinds(align(items))["omission"]
    left_out = [s for s in omission.sides if s.label.startswith("left out")]
    assert {s.sources for s in left_out} == {(items[3].article.id,)}
    assert 0.0 < omission.confidence <= 1.0


def test_sentence_saying_a_statement_left_something_out(build) -> None:
    text = (
        "Le syndicat exige le départ du directeur du port de Valdorra. "
        "Le communiqué de la préfecture ne mentionnait pas cette exigence."
    )
    other = "Les dockers de Valdorra ont voté la poursuite de la grève lundi soir."
    items = [build.article(text, source="a.txt"), build.article(other, source="b.txt")]
    (omission,) = _kinds(align(items))["omission"]
    reported, left_out = ({e.span.text for e in side.evidence} for side in omission.sides)
    assert any("exige le départ" in t for t in reported)
    assert any("ne mentionnait pas" in t for t in left_out)
    assert omission.confidence > 0.5
    # an article alone is compared with nothing: its facts, no divergence (issue 10)
    assert align(items[:1]).divergences == ()


def test_a_negated_verb_next_to_a_verb_of_saying_is_no_silence(build) -> None:
    text = (
        "Le syndicat exige le départ du directeur du port de Valdorra. "
        "« Ne faiblissez pas ! » écrit la syndicaliste Ilona Varga aux dockers."
    )
    assert "omission" not in _kinds(align([build.article(text, source="a.txt")]))


def test_a_silence_about_nothing_reported_is_not_shown(build) -> None:
    text = (
        "Le festival de Lorvane ouvre ses portes vendredi. "
        "Le ministre a parlé aux dockers, sans préciser la date de son retour."
    )
    assert "omission" not in _kinds(align([build.article(text, source="a.txt")]))


def test_a_silence_on_its_own_statement_says_what_is_known(build) -> None:
    # "sans préciser sur quelle base": what was left unsaid is not what the other
    # accounts of the announcement say; they stand beside it to compare, not as its proof
    said = "Le préfet de Valdorra a annoncé un fichier des dockers grévistes lundi soir"
    silent = build.article(
        f"La grève des dockers dure depuis dix jours. {said}, sans préciser sur quelle base.",
        source="a.txt",
    )
    plain = build.article(f"{said} au journal du soir.", source="b.txt")
    (omission,) = _kinds(align([silent, plain]))["omission"]
    assert "left something unsaid" in omission.reason
    assert [s.label for s in omission.sides] == ["other accounts", "left unsaid"]
    assert [s.sources for s in omission.sides] == [
        (plain.article.id,),
        (silent.article.id,),
    ]


def test_one_silence_told_two_ways_is_shown_once(build) -> None:
    # A tells what was left unsaid (its previous sentence, same prefect); B only that
    # something was: B's silence lies within A's and gives way to it
    said = "Le préfet Marc Orlan a annoncé un fichier des dockers grévistes lundi soir"
    silence = f"{said}, sans préciser sur quelle base."
    told = build.article(
        f"Le préfet Marc Orlan veut ficher les dockers condamnés. {silence}",
        source="a.txt",
        mentions=[("Marc Orlan", "PER")],
    )
    bare = build.article(
        f"La grève des dockers dure depuis dix jours. {silence}",
        source="b.txt",
        mentions=[("Marc Orlan", "PER")],
    )
    (omission,) = _kinds(align([told, bare]))["omission"]
    assert [s.label for s in omission.sides] == ["reported", "left out"]
