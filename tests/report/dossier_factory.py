"""Hand-made dossiers for the report tests: an invented bus strike in an invented town.

Every article, outlet and person here is made up. Spans are found in the article
text by their wording, so every offset slices the text it claims.
"""

from __future__ import annotations

import datetime as dt
import re

from recoupe.model import (
    Analysis,
    Article,
    Commitment,
    Divergence,
    Dossier,
    DossierQuote,
    Duplicate,
    Entity,
    EntityMention,
    Evidence,
    Fact,
    Note,
    Origin,
    Quote,
    Side,
    Source,
    SourceProfile,
    SummarySentence,
    TextSpan,
    TimelineEntry,
)

__all__ = ["HOSTILE", "make_dossier", "make_hostile_dossier", "span"]

COURRIER = """Grève des bus : une trêve de quinze jours à Montvallon

Montvallon, 1er avril 2025. La direction des Transports de l'agglomération de Montvallon (TAM) \
et le Syndicat unitaire des transports (SUT) ont conclu lundi soir un accord de suspension de \
la grève pour quinze jours sur l'ensemble du réseau. Selon Claire Dufresne-Martel, directrice \
générale des TAM, « le service complet reprendra dès mercredi matin ».

Le secrétaire du SUT, Yannick Le Goff, a précisé que la suspension ne tiendrait que si les \
négociations salariales rouvraient avant le 15 avril. Le maire, Hervé Castagnet, a salué \
« un premier pas ». La grève avait commencé le 24 mars.
"""

DEPECHE = """Montvallon (APR) - Les TAM et le syndicat SUT ont signé lundi un accord qui suspend \
la grève des bus pendant quinze jours, a annoncé la direction. Le trafic reprendra normalement \
mercredi 2 avril, selon un communiqué des TAM. Mme Dufresne-Martel a affirmé que la direction \
n'avait pas accepté la prime demandée par les grévistes.
"""

RADIO = """Les TAM et le syndicat SUT ont signé lundi un accord qui suspend la grève des bus \
pendant quinze jours, a annoncé la direction. Seules les lignes de nuit resteront perturbées, \
a indiqué Yannick Le Goff à notre antenne. « Nous restons vigilants », a-t-il ajouté.
"""

TODAY = """La grève du bus est mise en pause pour 10 jours, a dit l'union SUT mardi. Le \
directeur général Claire Dufresne-Martel a dit que la compagnie a accepté de payer la prime. \
Les bus de nuit vont courir normalement aussi.
"""

# Every string field of the hostile dossier carries this: markup, an event handler, a
# script URL, template syntax and every Markdown metacharacter.
HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> {{ 7*7 }} {% raw %} '
    "| *gras* _it_ [lien](javascript:alert(3)) `code` # &lt;b&gt; \\ ~~barré~~"
)


def span(text: str, needle: str, nth: int = 0) -> TextSpan:
    """The span of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return TextSpan(start=start, end=start + len(needle), text=needle)


def _article(
    number: int,
    text: str,
    *,
    source: str,
    outlet: str,
    published: str,
    url: str | None,
    title: str | None = None,
    agency: str | None = None,
    language: str = "fr",
) -> Article:
    return Article(
        id=f"a{number:015d}",
        source=source,
        origin=f"corpus/{source}",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        title=title,
        outlet=outlet,
        url=url,
        published=dt.date.fromisoformat(published),
        published_from="metadata",
        language=language,
        agency=agency,
    )


def _ev(article: Article, needle: str, nth: int = 0, source: Source | None = None) -> Evidence:
    return Evidence(article_id=article.id, span=span(article.text, needle, nth), attribution=source)


def _mentions(articles: list[Article], *forms: str) -> tuple[EntityMention, ...]:
    found = [
        EntityMention(article_id=a.id, span=TextSpan(start=m.start(), end=m.end(), text=m.group()))
        for a in articles
        for form in forms
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", a.text)
    ]
    return tuple(sorted(found, key=lambda m: (m.article_id, m.span.start)))


def make_dossier() -> Dossier:
    """Four invented reports of a suspended bus strike, cross-checked by hand."""
    courrier = _article(
        1,
        COURRIER,
        source="courrier-montvallon.txt",
        outlet="Le Courrier de Montvallon",
        published="2025-04-01",
        url="https://courrier-montvallon.example/greve-tam-treve",
        title="Grève des bus : une trêve de quinze jours à Montvallon",
    )
    depeche = _article(
        2,
        DEPECHE,
        source="apr-depeche.txt",
        outlet="Agence Presse Régionale",
        published="2025-04-01",
        url="https://apr.example/depeches/4412",
        title="Montvallon : accord pour suspendre la grève des bus",
        agency="APR",
    )
    radio = _article(
        3,
        RADIO,
        source="radio-val-dorne.html",
        outlet="Radio Val-d'Orne",
        published="2025-04-01",
        url="http://radio-valdorne.example/info?id=88&page=2",
        title="Bus : la grève suspendue",
    )
    today = _article(
        4,
        TODAY,
        source="montvallon-today.txt",
        outlet="Montvallon Today",
        published="2025-04-02",
        url=None,
        title="Bus strike paused",
    )
    articles = [courrier, depeche, radio, today]
    ids = [a.id for a in articles]
    direction = Source(kind="institution", name="la direction", key="direction")
    le_goff = Source(kind="person", name="Yannick Le Goff", key="yannick le goff")
    union = Source(kind="institution", name="l'union SUT", key="sut")

    entities = (
        Entity(
            id="e1",
            name="Transports de l'agglomération de Montvallon",
            label="ORG",
            key="transports de l'agglomeration de montvallon",
            aliases=("TAM",),
            mentions=_mentions(articles, "Transports de l'agglomération de Montvallon", "TAM"),
        ),
        Entity(
            id="e2",
            name="Syndicat unitaire des transports",
            label="ORG",
            key="syndicat unitaire des transports",
            aliases=("SUT",),
            mentions=_mentions(articles, "Syndicat unitaire des transports", "SUT"),
        ),
        Entity(
            id="e3",
            name="Claire Dufresne-Martel",
            label="PER",
            key="claire dufresne-martel",
            aliases=("Mme Dufresne-Martel",),
            mentions=_mentions(articles, "Claire Dufresne-Martel", "Mme Dufresne-Martel"),
        ),
        Entity(
            id="e4",
            name="Yannick Le Goff",
            label="PER",
            key="yannick le goff",
            mentions=_mentions(articles, "Yannick Le Goff"),
        ),
        Entity(
            id="e5",
            name="Hervé Castagnet",
            label="PER",
            key="herve castagnet",
            mentions=_mentions(articles, "Hervé Castagnet"),
        ),
    )

    def quote(article: Article, printed: str, words: str, kind: str, who: Source) -> Quote:
        outer = span(article.text, printed)
        inner = outer.start + printed.index(words)
        return Quote(
            span=outer,
            content=TextSpan(start=inner, end=inner + len(words), text=words),
            kind=kind,
            speaker=who,
        )

    castagnet = Source(kind="person", name="Le maire, Hervé Castagnet", key="herve castagnet")
    quotes = (
        DossierQuote(
            article_id=courrier.id,
            quote=quote(
                courrier,
                "« le service complet reprendra dès mercredi matin »",
                "le service complet reprendra dès mercredi matin",
                "partial",
                Source(kind="person", name="Claire Dufresne-Martel", key="claire dufresne-martel"),
            ),
            speaker_id="e3",
        ),
        DossierQuote(
            article_id=courrier.id,
            quote=quote(courrier, "« un premier pas »", "un premier pas", "partial", castagnet),
            speaker_id="e5",
        ),
        DossierQuote(
            article_id=radio.id,
            quote=quote(
                radio, "« Nous restons vigilants »", "Nous restons vigilants", "direct", le_goff
            ),
            speaker_id="e4",
        ),
        DossierQuote(
            article_id=today.id,
            quote=quote(
                today,
                "la compagnie a accepté de payer la prime",
                "la compagnie a accepté de payer la prime",
                "indirect",
                Source(kind="person", name="Le directeur général"),
            ),
        ),
    )

    agreement = {
        courrier.id: _ev(
            courrier,
            "La direction des Transports de l'agglomération de Montvallon (TAM) et le Syndicat "
            "unitaire des transports (SUT) ont conclu lundi soir un accord de suspension de la "
            "grève pour quinze jours sur l'ensemble du réseau.",
        ),
        depeche.id: _ev(
            depeche,
            "Les TAM et le syndicat SUT ont signé lundi un accord qui suspend la grève des bus "
            "pendant quinze jours, a annoncé la direction.",
            source=direction,
        ),
        radio.id: _ev(
            radio,
            "Les TAM et le syndicat SUT ont signé lundi un accord qui suspend la grève des bus "
            "pendant quinze jours, a annoncé la direction.",
            source=direction,
        ),
        today.id: _ev(
            today,
            "La grève du bus est mise en pause pour 10 jours, a dit l'union SUT mardi.",
            source=union,
        ),
    }
    resume = {
        courrier.id: _ev(
            courrier,
            "Selon Claire Dufresne-Martel, directrice générale des TAM, « le service complet "
            "reprendra dès mercredi matin ».",
            source=Source(kind="person", name="Claire Dufresne-Martel"),
        ),
        depeche.id: _ev(
            depeche,
            "Le trafic reprendra normalement mercredi 2 avril, selon un communiqué des TAM.",
            source=Source(kind="readout", name="un communiqué des TAM"),
        ),
    }
    condition = _ev(
        courrier,
        "Le secrétaire du SUT, Yannick Le Goff, a précisé que la suspension ne tiendrait que si "
        "les négociations salariales rouvraient avant le 15 avril.",
        source=le_goff,
    )
    bonus_refused = _ev(
        depeche,
        "Mme Dufresne-Martel a affirmé que la direction n'avait pas accepté la prime demandée par "
        "les grévistes.",
        source=Source(kind="person", name="Mme Dufresne-Martel"),
    )
    bonus_accepted = _ev(
        today,
        "Le directeur général Claire Dufresne-Martel a dit que la compagnie a accepté de payer la "
        "prime.",
        source=Source(kind="person", name="Le directeur général Claire Dufresne-Martel"),
    )
    night_disrupted = _ev(
        radio,
        "Seules les lignes de nuit resteront perturbées, a indiqué Yannick Le Goff à notre "
        "antenne.",
        source=le_goff,
    )
    night_normal = _ev(today, "Les bus de nuit vont courir normalement aussi.")
    started = _ev(courrier, "La grève avait commencé le 24 mars.")

    facts = (
        Fact(
            id="f1",
            statement=agreement[courrier.id].span.text,
            category="AGREE",
            modality="agreed",
            polarity="positive",
            date="2025-03-31",
            evidence=tuple(agreement.values()),
            sources=tuple(ids),
            origins=3,
            actors=("e1", "e2"),
            reason="shared trigger 'suspendre la grève', entities e1 e2, duration 15 d / 10 d",
        ),
        Fact(
            id="f2",
            statement=resume[depeche.id].span.text,
            category="COOPERATE",
            modality="announced",
            polarity="positive",
            date="2025-04-02",
            evidence=tuple(resume.values()),
            sources=(courrier.id, depeche.id),
            omitted_by=(radio.id, today.id),
            origins=2,
            actors=("e1",),
            reason="lemma overlap 0.42, same date 2025-04-02",
        ),
        Fact(
            id="f3",
            statement=condition.span.text,
            category="REQUEST",
            modality="requested",
            polarity="positive",
            date=None,
            evidence=(condition,),
            sources=(courrier.id,),
            omitted_by=(depeche.id, radio.id, today.id),
            origins=1,
            actors=("e4", "e2"),
            reason="single source",
        ),
        Fact(
            id="f4",
            statement=bonus_refused.span.text,
            category="REJECT",
            modality="refused",
            polarity="negative",
            evidence=(bonus_refused,),
            sources=(depeche.id,),
            omitted_by=(courrier.id, radio.id),
            origins=1,
            actors=("e3", "e1"),
            reason="single source; contradicted by d4 (polarity)",
        ),
        Fact(
            id="f5",
            statement=night_disrupted.span.text,
            category="ASSAULT",
            modality="stated",
            polarity="positive",
            evidence=(night_disrupted,),
            sources=(radio.id,),
            omitted_by=(courrier.id, depeche.id),
            origins=1,
            actors=("e4",),
            reason="single source",
        ),
        Fact(
            id="f6",
            statement=started.span.text,
            category="ASSAULT",
            modality="carried_out",
            polarity="positive",
            date="2025-03-24",
            evidence=(started,),
            sources=(courrier.id,),
            omitted_by=(depeche.id, radio.id, today.id),
            origins=1,
            reason="single source",
        ),
    )

    divergences = (
        Divergence(
            id="v1",
            confidence=0.9,
            kind="value",
            reason="duration of the suspension: 15 days in three reports, 10 days in one",
            facts=("f1",),
            sides=(
                Side(
                    label="quinze jours",
                    value="15 jours",
                    sources=(courrier.id, depeche.id, radio.id),
                    evidence=(agreement[courrier.id], agreement[depeche.id], agreement[radio.id]),
                ),
                Side(
                    label="10 jours",
                    value="10 jours",
                    sources=(today.id,),
                    evidence=(agreement[today.id],),
                ),
            ),
        ),
        Divergence(
            id="v2",
            confidence=0.7,
            kind="scope",
            reason="whole network, or night lines left out",
            facts=("f1", "f5"),
            sides=(
                Side(
                    label="ensemble du réseau",
                    value="toutes les lignes",
                    sources=(courrier.id, today.id),
                    evidence=(agreement[courrier.id], night_normal),
                ),
                Side(
                    label="sauf les lignes de nuit",
                    value="lignes de nuit perturbées",
                    sources=(radio.id,),
                    evidence=(night_disrupted,),
                ),
            ),
        ),
        Divergence(
            id="v3",
            confidence=0.55,
            kind="polarity",
            reason="the bonus: refused according to one report, accepted according to another",
            facts=("f4",),
            sides=(
                Side(
                    label="prime refusée",
                    value="n'avait pas accepté",
                    sources=(depeche.id,),
                    evidence=(bonus_refused,),
                ),
                Side(
                    label="prime acceptée",
                    value="a accepté",
                    sources=(today.id,),
                    evidence=(bonus_accepted,),
                ),
            ),
        ),
        Divergence(
            id="v4",
            confidence=0.3,
            kind="omission",
            reason="the condition on wage talks is reported by one source only",
            facts=("f3",),
            sides=(
                Side(label="reported", sources=(courrier.id,), evidence=(condition,)),
                Side(label="left out", sources=(depeche.id, radio.id, today.id)),
            ),
        ),
    )

    # words only some outlets use: no two accounts of one fact
    wording = (
        Divergence(
            id="w1",
            kind="naming",
            reason="the articles name the suspension with different words",
            sides=(
                Side(
                    label="'suspension'",
                    value="suspension",
                    sources=(courrier.id,),
                    evidence=(agreement[courrier.id],),
                ),
                Side(
                    label="'pause'",
                    value="pause",
                    sources=(today.id,),
                    evidence=(agreement[today.id],),
                ),
            ),
        ),
    )

    commitments = (
        Commitment(
            id="c1",
            actors=("e1", "e2"),
            actor_names=(
                "Transports de l'agglomération de Montvallon",
                "Syndicat unitaire des transports",
            ),
            action="suspension de la grève",
            modality="agreed",
            scope="l'ensemble du réseau",
            duration="quinze jours",
            start="2025-04-02",
            conditions=("si les négociations salariales rouvraient avant le 15 avril",),
            according_to=("la direction", "Yannick Le Goff"),
            fact="f1",
            evidence=(agreement[courrier.id], condition),
        ),
        Commitment(
            id="c2",
            actors=("e1",),
            actor_names=("Transports de l'agglomération de Montvallon",),
            action="la prime demandée par les grévistes",
            modality="agreed",
            polarity="negative",
            according_to=("Mme Dufresne-Martel",),
            fact="f4",
            evidence=(bonus_refused,),
        ),
    )

    timeline = (
        TimelineEntry(
            date="2025-03-24", fact="f6", statement=started.span.text, sources=(courrier.id,)
        ),
        TimelineEntry(
            date="2025-03-31", fact="f1", statement=facts[0].statement, sources=tuple(ids)
        ),
        TimelineEntry(
            date="2025-04-02",
            fact="f2",
            statement=facts[1].statement,
            sources=(courrier.id, depeche.id),
        ),
    )

    summary = (
        SummarySentence(
            text=agreement[depeche.id].span.text,
            fact="f1",
            sources=tuple(ids),
            evidence=(agreement[courrier.id], agreement[depeche.id], agreement[today.id]),
        ),
        SummarySentence(
            text=resume[depeche.id].span.text,
            fact="f2",
            sources=(courrier.id, depeche.id),
            evidence=tuple(resume.values()),
        ),
        SummarySentence(
            text=condition.span.text, fact="f3", sources=(courrier.id,), evidence=(condition,)
        ),
    )

    profiles = (
        SourceProfile(
            article_id=courrier.id,
            source=courrier.source,
            outlet=courrier.outlet,
            published=courrier.published,
            language="fr",
            facts_carried=("f1", "f2", "f3", "f6"),
            facts_omitted=("f4", "f5"),
            unique_facts=("f3", "f6"),
            unique_share=0.5,
            origin="o2",
        ),
        SourceProfile(
            article_id=depeche.id,
            source=depeche.source,
            outlet=depeche.outlet,
            published=depeche.published,
            language="fr",
            facts_carried=("f1", "f2", "f4"),
            facts_omitted=("f3", "f5", "f6"),
            unique_facts=("f4",),
            unique_share=1 / 3,
            origin="o1",
        ),
        SourceProfile(
            article_id=radio.id,
            source=radio.source,
            outlet=radio.outlet,
            published=radio.published,
            language="fr",
            facts_carried=("f1", "f5"),
            facts_omitted=("f2", "f3", "f6"),
            unique_facts=("f5",),
            unique_share=0.5,
            origin="o1",
        ),
        SourceProfile(
            article_id=today.id,
            source=today.source,
            outlet=today.outlet,
            published=today.published,
            language="fr",
            facts_carried=("f1",),
            facts_omitted=("f2", "f3", "f6"),
            unique_share=0.0,
            origin="o3",
            notes=(
                Note(
                    code="mt_calque",
                    detail="'union' for 'syndicat': an English word-for-word rendering",
                    span=span(TODAY, "l'union SUT"),
                ),
                Note(
                    code="mt_agreement",
                    detail="masculine title before a feminine name",
                    span=span(TODAY, "Le directeur général Claire"),
                ),
                Note(
                    code="mt_calque",
                    detail="'courir' for 'run' (buses)",
                    span=span(TODAY, "courir"),
                ),
            ),
        ),
    )

    origins = (
        Origin(
            id="o1",
            articles=(depeche.id, radio.id),
            kind="shared_wording",
            reason="the radio piece repeats the agency's first sentence word for word",
            evidence=(agreement[depeche.id], agreement[radio.id]),
        ),
        Origin(id="o2", articles=(courrier.id,), kind="single"),
        Origin(id="o3", articles=(today.id,), kind="single"),
    )

    return Dossier(
        id="dossier-5eed0fac7011e5ad",
        articles=tuple(articles),
        analyses=tuple(Analysis(article_id=a.id, pipeline="test") for a in articles),
        entities=entities,
        quotes=quotes,
        facts=facts,
        divergences=divergences,
        wording=wording,
        commitments=commitments,
        timeline=timeline,
        summary=summary,
        profiles=profiles,
        origins=origins,
        notes=(
            Note(
                code="relative_date", detail="'lundi' read as 2025-03-31 from the publication date"
            ),
        ),
    )


def make_hostile_dossier() -> Dossier:
    """A dossier in which every string that comes from an article carries ``HOSTILE``."""
    text = f"Le maire a déclaré {HOSTILE} devant la mairie. Le préfet a répondu {HOSTILE}.\n"
    first = span(text, HOSTILE, 0)
    second = span(text, HOSTILE, 1)
    article = Article(
        id="hostile-1",
        source=f"{HOSTILE}.txt",
        origin=HOSTILE,
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        title=HOSTILE,
        outlet=HOSTILE,
        url="javascript:alert(4)",
        published=dt.date(2025, 4, 1),
        language=HOSTILE,
        agency=HOSTILE,
    )
    other = Article(
        id="hostile-2",
        source="second.txt",
        origin="second.txt",
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        title=HOSTILE,
        outlet="Second",
        # an http(s) address, so it is linked: the quotes must stay inside the attribute
        url='https://example.org/a"onmouseover="alert(5)\'<b>|)[x]',
        published=dt.date(2025, 4, 2),
    )
    who = Source(kind="person", name=HOSTILE, channel=HOSTILE)
    ev1 = Evidence(article_id=article.id, span=first, attribution=who)
    ev2 = Evidence(article_id=other.id, span=second, attribution=who)
    note = Note(code=HOSTILE, detail=HOSTILE, span=first)
    return Dossier(
        id=HOSTILE,
        articles=(article, other),
        analyses=(),
        entities=(
            Entity(
                id=HOSTILE,
                name=HOSTILE,
                label=HOSTILE,
                key=HOSTILE,
                aliases=(HOSTILE,),
                mentions=(EntityMention(article_id=article.id, span=first),),
            ),
        ),
        quotes=(
            DossierQuote(
                article_id=article.id,
                quote=Quote(span=first, content=first, kind=HOSTILE, speaker=who),
                speaker_id=HOSTILE,
            ),
            DossierQuote(
                article_id=other.id,
                quote=Quote(span=second, content=second, kind="direct", speaker=who),
            ),
        ),
        facts=(
            Fact(
                id=HOSTILE,
                statement=HOSTILE,
                category=HOSTILE,
                date=HOSTILE,
                evidence=(ev1,),
                sources=(article.id,),
                omitted_by=(other.id,),
                origins=1,
                actors=(HOSTILE,),
                reason=HOSTILE,
            ),
        ),
        divergences=(
            Divergence(
                id=HOSTILE,
                kind=HOSTILE,
                reason=HOSTILE,
                facts=(HOSTILE,),
                sides=(
                    Side(label=HOSTILE, value=HOSTILE, sources=(article.id,), evidence=(ev1,)),
                    Side(label=HOSTILE, value=HOSTILE, sources=(other.id,), evidence=(ev2,)),
                ),
            ),
        ),
        wording=(
            Divergence(
                id="w" + HOSTILE,
                kind=HOSTILE,
                reason=HOSTILE,
                sides=(Side(label=HOSTILE, value=HOSTILE, sources=(article.id,), evidence=(ev1,)),),
            ),
        ),
        commitments=(
            Commitment(
                id=HOSTILE,
                actors=(HOSTILE,),
                actor_names=(HOSTILE,),
                action=HOSTILE,
                modality=HOSTILE,
                polarity="negative",
                scope=HOSTILE,
                duration=HOSTILE,
                start=HOSTILE,
                conditions=(HOSTILE,),
                according_to=(HOSTILE,),
                fact=HOSTILE,
                evidence=(ev1,),
            ),
        ),
        timeline=(
            TimelineEntry(date=HOSTILE, fact=HOSTILE, statement=HOSTILE, sources=(article.id,)),
        ),
        summary=(
            SummarySentence(text=HOSTILE, fact=HOSTILE, sources=(article.id,), evidence=(ev1,)),
        ),
        profiles=(
            SourceProfile(
                article_id=article.id,
                source=HOSTILE,
                outlet=HOSTILE,
                language=HOSTILE,
                facts_carried=(HOSTILE,),
                facts_omitted=(HOSTILE,),
                unique_facts=(HOSTILE,),
                unique_share=1.0,
                origin=HOSTILE,
                notes=(note,),
            ),
        ),
        origins=(
            Origin(
                id=HOSTILE,
                articles=(article.id, other.id),
                kind=HOSTILE,
                reason=HOSTILE,
                evidence=(ev2,),
            ),
        ),
        duplicates=(
            Duplicate(
                article_id=other.id,
                source="second.txt",
                of_id=article.id,
                of_source=HOSTILE,
                kind=HOSTILE,
                similarity=0.97,
            ),
        ),
        notes=(note,),
    )
