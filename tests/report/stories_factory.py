"""Hand-made dossiers of several stories for the report tests.

Three invented stories, each cross-checked by hand and united as ``run.cross_check``
unites them: the bus strike of ``dossier_factory`` (four articles), a fire in a town
library (two articles that disagree) and a spring market told by one article. Every
article, outlet and person here is made up.
"""

from __future__ import annotations

import dataclasses

from dossier_factory import HOSTILE, _article, _ev, _mentions, make_dossier, make_hostile_dossier

from recoupe.model import (
    Analysis,
    Commitment,
    Divergence,
    Dossier,
    DossierQuote,
    Entity,
    Fact,
    Origin,
    Quote,
    Side,
    Source,
    SourceProfile,
    Story,
    SummarySentence,
    TextSpan,
    TimelineEntry,
)
from recoupe.parts import Part, unite

__all__ = ["make_hostile_stories_dossier", "make_stories_dossier", "story_of"]

GAZETTE = """Incendie à la médiathèque de Val-Serein

Val-Serein, 2 avril 2025. Un incendie a détruit mardi soir la salle de lecture de la \
médiathèque municipale de Val-Serein. Selon le capitaine Odile Brévannes, des sapeurs-pompiers, \
« le feu est parti d'un local technique ». Aucun blessé n'est à déplorer. La maire, Josiane \
Kerbrat, a annoncé une réouverture partielle en juin.
"""

FLASH = """Val-Serein (APR) - Le feu qui a touché mardi la médiathèque de Val-Serein a fait deux \
blessés légers parmi les agents, selon la préfecture. La maire Josiane Kerbrat promet une \
réouverture en septembre.
"""

BREVE = """Le marché de printemps de Pont-Ardent se tiendra samedi 5 avril place de la Halle, a \
annoncé le comité des fêtes. « Nous attendons quarante exposants », a déclaré son président, \
Marcel Tiphaine.
"""


def story_of(dossier: Dossier, story_id: str, title: str | None) -> Story:
    """The story record of a dossier's articles, as the clustering would give it."""
    dates = [a.published for a in dossier.articles if a.published]
    return Story(
        id=story_id,
        title=title,
        articles=tuple(a.id for a in dossier.articles),
        outlets=tuple(sorted({a.outlet for a in dossier.articles if a.outlet})),
        first=min(dates, default=None),
        last=max(dates, default=None),
    )


def make_fire_dossier() -> Dossier:
    """Two reports of a library fire that disagree on the injured and on the reopening."""
    gazette = _article(
        5,
        GAZETTE,
        source="gazette-val-serein.txt",
        outlet="La Gazette de Val-Serein",
        published="2025-04-02",
        url="https://gazette-val-serein.example/incendie-mediatheque",
        title="Incendie à la médiathèque de Val-Serein",
    )
    flash = _article(
        6,
        FLASH,
        source="apr-flash.txt",
        outlet="Agence Presse Régionale",
        published="2025-04-02",
        url="https://apr.example/depeches/4520",
        title="Val-Serein : le feu à la médiathèque fait deux blessés",
        agency="APR",
    )
    articles = [gazette, flash]
    ids = tuple(a.id for a in articles)
    fire = {
        gazette.id: _ev(
            gazette,
            "Un incendie a détruit mardi soir la salle de lecture de la médiathèque municipale "
            "de Val-Serein.",
        ),
        flash.id: _ev(
            flash,
            "Le feu qui a touché mardi la médiathèque de Val-Serein a fait deux blessés légers "
            "parmi les agents, selon la préfecture.",
            source=Source(kind="institution", name="la préfecture"),
        ),
    }
    none_hurt = _ev(gazette, "Aucun blessé n'est à déplorer.")
    reopen = {
        gazette.id: _ev(
            gazette, "La maire, Josiane Kerbrat, a annoncé une réouverture partielle en juin."
        ),
        flash.id: _ev(flash, "La maire Josiane Kerbrat promet une réouverture en septembre."),
    }
    kerbrat = Entity(
        id="e1",
        name="Josiane Kerbrat",
        label="PER",
        key="josiane kerbrat",
        mentions=_mentions(articles, "Josiane Kerbrat"),
    )
    brevannes = Entity(
        id="e2",
        name="Odile Brévannes",
        label="PER",
        key="odile brevannes",
        mentions=_mentions(articles, "Odile Brévannes"),
    )
    printed = "« le feu est parti d'un local technique »"
    words = "le feu est parti d'un local technique"
    outer = GAZETTE.index(printed)
    inner = outer + printed.index(words)
    quotes = (
        DossierQuote(
            article_id=gazette.id,
            quote=Quote(
                span=TextSpan(start=outer, end=outer + len(printed), text=printed),
                content=TextSpan(start=inner, end=inner + len(words), text=words),
                kind="partial",
                speaker=Source(kind="person", name="le capitaine Odile Brévannes"),
            ),
            speaker_id="e2",
        ),
    )
    facts = (
        Fact(
            id="f1",
            statement=fire[gazette.id].span.text,
            category="ASSAULT",
            date="2025-04-01",
            evidence=tuple(fire.values()),
            sources=ids,
            origins=2,
            reason="shared trigger 'incendie / feu', same place, same day",
        ),
        Fact(
            id="f2",
            statement=reopen[gazette.id].span.text,
            category="COOPERATE",
            modality="announced",
            evidence=tuple(reopen.values()),
            sources=ids,
            origins=2,
            actors=("e1",),
            reason="shared trigger 'réouverture', entity e1",
        ),
        Fact(
            id="f3",
            statement=none_hurt.span.text,
            polarity="negative",
            evidence=(none_hurt,),
            sources=(gazette.id,),
            omitted_by=(flash.id,),
            origins=1,
            reason="single source",
        ),
    )
    divergences = (
        Divergence(
            id="v1",
            confidence=0.8,
            kind="value",
            reason="the injured: none in one report, two in the other",
            facts=("f1", "f3"),
            sides=(
                Side(label="aucun blessé", value="0", sources=(gazette.id,), evidence=(none_hurt,)),
                Side(
                    label="deux blessés légers",
                    value="2",
                    sources=(flash.id,),
                    evidence=(fire[flash.id],),
                ),
            ),
        ),
        Divergence(
            id="v2",
            confidence=0.4,
            kind="date",
            reason="the reopening: June in one report, September in the other",
            facts=("f2",),
            sides=(
                Side(label="juin", sources=(gazette.id,), evidence=(reopen[gazette.id],)),
                Side(label="septembre", sources=(flash.id,), evidence=(reopen[flash.id],)),
            ),
        ),
    )
    return Dossier(
        id="dossier-f12e0000000000aa",
        articles=tuple(articles),
        analyses=tuple(Analysis(article_id=a.id, pipeline="test") for a in articles),
        entities=(kerbrat, brevannes),
        quotes=quotes,
        facts=facts,
        divergences=divergences,
        commitments=(
            Commitment(
                id="c1",
                actors=("e1",),
                actor_names=("Josiane Kerbrat",),
                action="une réouverture partielle",
                modality="announced",
                start="juin",
                according_to=("Josiane Kerbrat",),
                fact="f2",
                evidence=(reopen[gazette.id],),
            ),
        ),
        timeline=(
            TimelineEntry(date="2025-04-01", fact="f1", statement=facts[0].statement, sources=ids),
        ),
        summary=(
            SummarySentence(
                text=fire[gazette.id].span.text,
                fact="f1",
                sources=ids,
                evidence=tuple(fire.values()),
            ),
        ),
        profiles=tuple(
            SourceProfile(
                article_id=a.id,
                source=a.source,
                outlet=a.outlet,
                published=a.published,
                language="fr",
                facts_carried=carried,
                facts_omitted=omitted,
                unique_share=share,
                origin=origin,
            )
            for a, carried, omitted, share, origin in (
                (gazette, ("f1", "f2", "f3"), (), 1 / 3, "o1"),
                (flash, ("f1", "f2"), ("f3",), 0.0, "o2"),
            )
        ),
        origins=(
            Origin(id="o1", articles=(gazette.id,), kind="single"),
            Origin(id="o2", articles=(flash.id,), kind="single"),
        ),
    )


def make_market_dossier() -> Dossier:
    """One short article about a spring market: its facts and a quote, nothing to compare."""
    breve = _article(
        7,
        BREVE,
        source="pont-ardent-infos.txt",
        outlet="Pont-Ardent Infos",
        published="2025-04-03",
        url=None,
        title="Le marché de printemps revient place de la Halle",
    )
    held = _ev(
        breve,
        "Le marché de printemps de Pont-Ardent se tiendra samedi 5 avril place de la Halle, a "
        "annoncé le comité des fêtes.",
        source=Source(kind="institution", name="le comité des fêtes"),
    )
    expected = _ev(
        breve,
        "« Nous attendons quarante exposants », a déclaré son président, Marcel Tiphaine.",
        source=Source(kind="person", name="Marcel Tiphaine"),
    )
    printed = "« Nous attendons quarante exposants »"
    words = "Nous attendons quarante exposants"
    outer = BREVE.index(printed)
    inner = outer + printed.index(words)
    return Dossier(
        id="dossier-3a7c000000000011",
        articles=(breve,),
        analyses=(Analysis(article_id=breve.id, pipeline="test"),),
        entities=(
            Entity(
                id="e1",
                name="Marcel Tiphaine",
                label="PER",
                key="marcel tiphaine",
                mentions=_mentions([breve], "Marcel Tiphaine"),
            ),
        ),
        quotes=(
            DossierQuote(
                article_id=breve.id,
                quote=Quote(
                    span=TextSpan(start=outer, end=outer + len(printed), text=printed),
                    content=TextSpan(start=inner, end=inner + len(words), text=words),
                    kind="direct",
                    speaker=Source(kind="person", name="Marcel Tiphaine"),
                ),
                speaker_id="e1",
            ),
        ),
        facts=(
            Fact(
                id="f1",
                statement=held.span.text,
                category="COOPERATE",
                date="2025-04-05",
                evidence=(held,),
                sources=(breve.id,),
                origins=1,
                reason="single source",
            ),
            Fact(
                id="f2",
                statement=expected.span.text,
                evidence=(expected,),
                sources=(breve.id,),
                origins=1,
                actors=("e1",),
                reason="single source",
            ),
        ),
        timeline=(
            TimelineEntry(
                date="2025-04-05", fact="f1", statement=held.span.text, sources=(breve.id,)
            ),
        ),
        summary=(
            SummarySentence(text=held.span.text, fact="f1", sources=(breve.id,), evidence=(held,)),
        ),
        profiles=(
            SourceProfile(
                article_id=breve.id,
                source=breve.source,
                outlet=breve.outlet,
                published=breve.published,
                language="fr",
                facts_carried=("f1", "f2"),
                unique_facts=("f1", "f2"),
                unique_share=1.0,
                origin="o1",
            ),
        ),
        origins=(Origin(id="o1", articles=(breve.id,), kind="single"),),
    )


def make_stories_dossier() -> Dossier:
    """Three stories united, given smallest-but-one first so that the report's order
    (largest first) is not the dossier's: the fire (2 articles), the bus strike (4), the
    market (1)."""
    fire, bus, market = make_fire_dossier(), make_dossier(), make_market_dossier()
    parts = [
        Part(story=story_of(fire, "s0f12e5a7c9b1", fire.articles[0].title), dossier=fire),
        Part(story=story_of(bus, "s0b05d3e8a4c2", bus.articles[0].title), dossier=bus),
        Part(story=story_of(market, "s0a3c7d2e6f80", None), dossier=market),
    ]
    return unite(parts, dossier_id="dossier-0c0ffee000000001")


def make_hostile_stories_dossier() -> Dossier:
    """The hostile dossier as one story (its title and id hostile too) beside the market."""
    hostile = make_hostile_dossier()
    market = make_market_dossier()
    story = dataclasses.replace(story_of(hostile, HOSTILE, HOSTILE), outlets=(HOSTILE,))
    parts = [
        Part(story=story, dossier=hostile),
        Part(story=story_of(market, "s0a3c7d2e6f80", HOSTILE), dossier=market),
    ]
    return unite(parts, dossier_id=HOSTILE)
