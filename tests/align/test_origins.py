"""Origins, commitments, timeline, summary, profiles and story dates."""

from __future__ import annotations

import datetime as dt

import pytest

from recoupe.align import align
from recoupe.align.dates import resolve_day
from recoupe.align.profiles import translation_signs
from recoupe.model import DateRef, Duplicate, TextSpan

WIRE = (
    "Les dockers du port de Valdorra ont voté mardi la reprise du travail après douze jours. "
    "Le syndicat a obtenu une hausse des salaires de quatre pour cent pour les équipes de nuit. "
    "La direction du port promet de nouvelles grues avant la fin de l'année prochaine."
)
REWRITE = (
    "Selon une dépêche, les dockers du port de Valdorra ont voté mardi la reprise du travail "
    "après douze jours. Le syndicat a obtenu une hausse des salaires de quatre pour cent pour "
    "les équipes de nuit. Un concert est prévu samedi."
)
OWN = "Notre reporter a vu les premiers navires entrer dans le port de Valdorra mercredi matin."


def test_reprinted_sentences_make_one_origin(build) -> None:
    items = [
        build.article(WIRE, source="a.txt"),
        build.article(REWRITE, source="b.txt"),
        build.article(OWN, source="c.txt"),
    ]
    dossier = align(items)
    shared = [o for o in dossier.origins if o.kind == "shared_wording"]
    assert [set(o.articles) for o in shared] == [{items[0].article.id, items[1].article.id}]
    vote = next(f for f in dossier.facts if len(f.sources) == 2 and "voté" in f.statement)
    assert vote.origins == 1


def test_many_reprints_show_the_links_that_joined_them_not_every_pair(build) -> None:
    from recoupe.align.origins import EVIDENCE_PAIRS

    copies = [build.article(f"{WIRE} Édition {n}.", source=f"{n}.txt") for n in range(6)]
    (origin,) = align(copies).origins
    assert origin.kind == "shared_wording" and len(origin.articles) == 6
    # five links (a spanning tree of six articles), each shown by at most two pairs of
    # sentences: not the 15 pairs of articles times their three shared sentences
    assert len(origin.evidence) <= 5 * EVIDENCE_PAIRS * 2
    assert {e.article_id for e in origin.evidence} == set(origin.articles)


def test_ingest_duplicates_are_one_origin(build) -> None:
    a = build.article(WIRE, source="a.txt")
    b = build.article(OWN, source="b.txt")
    dup = Duplicate(
        article_id=b.article.id,
        source="b.txt",
        of_id=a.article.id,
        of_source="a.txt",
        kind="near",
        similarity=0.9,
    )
    dossier = align([a, b], duplicates=[dup])
    (origin,) = [o for o in dossier.origins if o.kind == "duplicate"]
    assert set(origin.articles) == {a.article.id, b.article.id}
    assert dossier.duplicates == (dup,)


def test_one_primary_source_relayed_by_two_outlets_counts_once(build) -> None:
    text_a = "La préfecture a annoncé la réouverture du port de Valdorra pour lundi."
    text_b = "Le port de Valdorra rouvrira lundi, a annoncé la préfecture de région."
    a = build.article(
        text_a,
        source="a.txt",
        mentions=[("préfecture", "ORG")],
        attributions=[
            build.attribution(text_a, "annoncé", kind="institution", name="la préfecture")
        ],
    )
    b = build.article(
        text_b,
        source="b.txt",
        mentions=[("préfecture", "ORG")],
        attributions=[build.attribution(text_b, "rouvrira", kind="institution", name="préfecture")],
    )
    dossier = align([a, b])
    (fact,) = [f for f in dossier.facts if len(f.sources) == 2]
    assert fact.origins == 1
    assert [o.kind for o in dossier.origins].count("primary_source") == 1


def test_commitment_gathers_actor_duration_condition_and_sources(build) -> None:
    text = (
        "Le syndicat a accepté une trêve des grèves de 30 jours si la direction gèle les "
        "licenciements, selon la préfecture."
    )
    claim = build.claim(
        text,
        "Le syndicat a accepté une trêve des grèves de 30 jours si la direction gèle les "
        "licenciements",
        trigger="accepté",
        lemma="accepter",
        category="AGREE",
        modality="agreed",
        actors=["syndicat"],
        dates=[build.date(text, "30 jours", None, kind="duration", days=30)],
        condition="si la direction gèle les licenciements",
    )
    item = build.article(
        text,
        source="a.txt",
        mentions=[("syndicat", "ORG")],
        claims=[claim],
        attributions=[build.attribution(text, "accepté", kind="institution", name="la préfecture")],
    )
    (commitment,) = align([item]).commitments
    assert commitment.actor_names == ("syndicat",)
    assert commitment.modality == "agreed"
    assert commitment.duration == "30 jours"
    assert commitment.conditions == ("si la direction gèle les licenciements",)
    assert commitment.according_to == ("la préfecture",)


def test_summary_cites_sources_and_timeline_is_ordered(build) -> None:
    text_a = "Le port de Valdorra a rouvert mardi après douze jours de grève."
    text_b = (
        "Après douze jours de grève, le port de Valdorra a rouvert mardi. Un bal aura lieu lundi."
    )
    a = build.article(text_a, source="a.txt", dates=[build.date(text_a, "mardi", "2031-05-13")])
    b = build.article(
        text_b,
        source="b.txt",
        dates=[
            build.date(text_b, "mardi", "2031-05-13"),
            build.date(text_b, "lundi", "2031-05-12"),
        ],
    )
    dossier = align([a, b])
    assert dossier.summary[0].sources == (a.article.id, b.article.id)
    assert [t.date for t in dossier.timeline] == sorted(t.date for t in dossier.timeline)
    profile_b = next(p for p in dossier.profiles if p.source == "b.txt")
    assert profile_b.unique_share == 0.5


@pytest.mark.parametrize(
    ("words", "iso", "expected"),
    [
        ("mardi", None, "2031-05-13"),  # base is Wednesday 14 May 2031
        ("mercredi", None, "2031-05-14"),  # the same weekday is the base day
        ("hier", None, "2031-05-13"),
        ("3 mai", None, "2031-05-03"),
        ("mardi dernier", None, None),
        ("la semaine dernière", None, None),
        ("lundi", "2031-05-12", "2031-05-12"),
    ],
)
def test_dates_resolved_against_the_story_base(words: str, iso, expected) -> None:
    ref = DateRef(span=TextSpan(start=0, end=len(words), text=words), kind="date", iso=iso)
    assert resolve_day(ref, dt.date(2031, 5, 14)) == expected


@pytest.mark.parametrize("base", [dt.date.min, dt.date.max])
@pytest.mark.parametrize("words", ["hier", "demain", "mardi", "3 mai"])
def test_a_base_at_the_ends_of_the_calendar_resolves_nothing(base, words: str) -> None:
    # an article dated year 1 or 9999 that did not come through ingest (a store, an API)
    ref = DateRef(span=TextSpan(start=0, end=len(words), text=words), kind="date", iso=None)
    assert resolve_day(ref, base) is None


@pytest.mark.parametrize(
    ("sentence", "code", "shown"),
    [
        ("Peu après l'appelM. Durand a parlé.", "glued_words", "appelM."),
        (
            "Ensuite, Breaking News Update a diffusé la vidéo.",
            "english_phrase",
            "Breaking News Update",
        ),
        ("Il a accepté l'idée Pour une trêve en principe.", "capitalised_function_word", "Pour"),
    ],
)
def test_machine_translation_signs(build, sentence: str, code: str, shown: str) -> None:
    notes = translation_signs(build.article(sentence, source="a.txt"))
    assert (code, shown) in {(n.code, n.span.text) for n in notes}


def test_clean_french_has_no_translation_signs(build) -> None:
    text = "Le président Jean Morel a reçu mardi la Fédération nationale des dockers à Valdorra."
    assert translation_signs(build.article(text, source="a.txt")) == ()


def test_accounts_apart_by_origin_or_by_the_copy_pairs() -> None:
    from recoupe.align.origins import accounts_apart

    # c runs a's dispatch and b's, and joined a's origin only
    origin_of = {"a": "o1", "c": "o1", "b": "o2", "d": "o3"}
    copies = {frozenset(("a", "c")), frozenset(("b", "c"))}
    assert accounts_apart([{"a"}, {"d"}], origin_of)  # two origins
    assert accounts_apart([{"a"}, {"b"}], origin_of, copies)  # a and b copy nothing
    assert not accounts_apart([{"a"}, {"c"}], origin_of, copies)  # one origin
    assert not accounts_apart([{"b"}, {"c"}], origin_of, copies)  # a copy pair
    assert accounts_apart([{"b"}, {"c"}], origin_of)  # without the pairs: two origins
    # an article on both sides is no account against itself
    assert not accounts_apart([{"a", "c"}, {"c"}], origin_of, copies)
    # two articles of one origin (joined through others) that print nothing of each other
    drawn = {"x": "o1", "y": "o1", "z": "o1"}
    joined = {frozenset(("x", "z")), frozenset(("y", "z"))}
    assert accounts_apart([{"x"}, {"y"}], drawn, joined)
    assert not accounts_apart([{"x"}, {"y"}], drawn)


OTHER_WIRE = (
    "À Valdorra, les dockers en grève depuis douze jours ont voté mardi la reprise du "
    "travail au port. Le ministre Hugo Lestrade a salué un accord responsable pour toute "
    "la région portuaire de Valdorra. Les armateurs redoutent encore des retards de "
    "livraison jusqu'à la fin du mois prochain."
)


def test_an_article_blending_two_dispatches_does_not_make_them_one_origin(build) -> None:
    wire = build.article(WIRE, source="a.txt")
    other = build.article(OTHER_WIRE, source="b.txt")
    first, second = WIRE.split(". ")[:2], OTHER_WIRE.split(". ")[1:]
    blend = build.article(". ".join([*first, *second]), source="c.txt")
    dossier = align([wire, other, blend])
    grouped = {frozenset(o.articles) for o in dossier.origins if o.kind != "primary_source"}
    a, b, c = (x.article.id for x in (wire, other, blend))
    assert grouped == {frozenset((a, c)), frozenset((b,))}
    # the vote, told by both dispatches and by the blend in the first one's words
    vote = next(f for f in dossier.facts if set(f.sources) == {a, b, c})
    assert vote.origins == 2
    # the minister's praise, which the blend prints in the second dispatch's words
    praise = next(f for f in dossier.facts if "Lestrade" in f.statement)
    assert set(praise.sources) == {b, c} and praise.origins == 1
