"""Claims: trigger, PLOVER category, modality, mood, polarity, condition, subject, source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recoupe.analyze.claims import MAX_CLAUSE_CHARS
from recoupe.resources import load

pytestmark = pytest.mark.model

# named here: "from conftest import" is ambiguous with several conftest files
GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "gold" / "seeds.json"

CATEGORIES = frozenset(load("fr", "events")["categories"])
MODALITIES = frozenset(
    {"stated", "proposed", "agreed", "announced", "carried_out", "refused", "requested",
     "discussed", "planned"}
)  # fmt: skip
MOODS = frozenset({"factual", "future", "conditional", "hypothetical"})

# text, predicate (as printed), category, modality, mood, polarity, subject, object holds
ROWS = [
    (  # agreement
        "Les ministres des deux pays ont convenu d'une trêve de dix jours.",
        "convenu", "AGREE", "agreed", "factual", "positive",
        "Les ministres des deux pays", "trêve de dix jours",
    ),
    (  # proposal
        "Le gouvernement a proposé un gel des loyers.",
        "proposé", "AGREE", "proposed", "factual", "positive", "Le gouvernement", "gel des loyers",
    ),
    (  # refusal: REJECT, positive
        "Le syndicat a refusé de signer l'accord salarial.",
        "refusé", "REJECT", "refused", "factual", "positive", "Le syndicat", "signer",
    ),
    (  # a negated refusal flips the polarity, not the category
        "Le club n'a jamais refusé de négocier.",
        "refusé", "REJECT", "refused", "factual", "negative", "Le club", "négocier",
    ),
    (  # demand
        "L'opposition a exigé la libération des manifestants.",
        "exigé", "REQUEST", "requested", "factual", "positive", "L'opposition", "libération",
    ),
    (  # "appeler X à ...": a call, not a phone call
        "Le maire a appelé les habitants à quitter la zone.",
        "appelé", "REQUEST", "requested", "factual", "positive", "Le maire", "quitter la zone",
    ),
    (  # negation
        "La direction n'a pas accepté la proposition des syndicats.",
        "accepté", "AGREE", "agreed", "factual", "negative", "La direction", "proposition",
    ),
    (  # conditional: the claim passes to the infinitive "pourrait" governs
        "Le conseil pourrait suspendre les travaux.",
        "suspendre", "RETREAT", "planned", "conditional", "positive", "Le conseil", "travaux",
    ),
    (  # future
        "Les délégations se réuniront à Genève la semaine prochaine.",
        "réuniront", "CONSULT", "planned", "future", "positive", "Les délégations", None,
    ),
    (  # a future the tagger reads as a present
        "Les deux entreprises signeront le contrat en juin.",
        "signeront", "AGREE", "agreed", "future", "positive", "Les deux entreprises", "contrat",
    ),
    (  # "aller" + infinitive; a verb + noun trigger
        "Le pays va imposer des sanctions à ses voisins.",
        "imposer des sanctions", "SANCTION", "planned", "future", "positive", "Le pays", None,
    ),
    (  # hypothetical: a "si" clause
        "Si les négociations échouent, le syndicat lancera une grève.",
        "grève", "PROTEST", "planned", "hypothetical", "positive", "le syndicat", "grève",
    ),
    (  # hypothetical: an event noun called "éventuel"
        "Un éventuel cessez-le-feu entrerait en vigueur lundi.",
        "cessez-le-feu", "RETREAT", "planned", "hypothetical", "positive",
        "Un éventuel cessez-le-feu", None,
    ),
    (  # a clause under a verb of saying is the claim
        "Le porte-parole du ministère a déclaré que les deux parties avaient signé un accord.",
        "signé", "AGREE", "agreed", "factual", "positive", "les deux parties", "accord",
    ),
    (  # coordinated subjects
        "Le président et le Premier ministre ont discuté de la réforme.",
        "discuté", "CONSULT", "discussed", "factual", "positive",
        "Le président et le Premier ministre", "réforme",
    ),
    (  # passive: the agent is the subject
        "L'accord a été signé par les deux gouvernements.",
        "signé", "AGREE", "agreed", "factual", "positive", "les deux gouvernements", "L'accord",
    ),
    (  # a light verb and an event noun
        "Les deux dirigeants ont eu un entretien téléphonique lundi.",
        "entretien téléphonique", "CONSULT", "carried_out", "factual", "positive",
        "Les deux dirigeants", "entretien",
    ),
    (  # "sans" + infinitive negates the event it introduces
        "Le gouvernement a réduit les dépenses sans suspendre les aides sociales.",
        "suspendre", "RETREAT", "carried_out", "factual", "negative", "Le gouvernement", "aides",
    ),
    (  # a verb of saying with an event noun lends it its modality
        "Le directeur a annoncé la suspension des vols.",
        "suspension", "RETREAT", "announced", "factual", "positive", "Le directeur", "vols",
    ),
    (  # a verb of saying alone
        "Le ministre a souligné l'importance du dialogue.",
        "souligné", "STATEMENT", "stated", "factual", "positive", "Le ministre", "importance",
    ),
    (  # a negated verb of saying does not report its clause
        "Le communiqué ne mentionnait pas que l'aide serait suspendue.",
        "mentionnait", "STATEMENT", "stated", "factual", "negative", "Le communiqué", "aide",
    ),
    (  # no trigger: the clause's own verb
        "Le musée restera fermé pendant l'été.",
        "restera", "OTHER", "stated", "future", "positive", "Le musée", None,
    ),
    (  # a demonstration
        "Des milliers de personnes ont manifesté samedi à Lyon.",
        "manifesté", "PROTEST", "carried_out", "factual", "positive",
        "Des milliers de personnes", None,
    ),
    (  # an attack as an event noun
        "L'armée a lancé une offensive contre les rebelles.",
        "offensive", "ASSAULT", "carried_out", "factual", "positive", "L'armée", "rebelles",
    ),
]  # fmt: skip


def claim_at(analysis, predicate):
    """The claim whose trigger reads ``predicate``."""
    found = [c for c in analysis.claims if c.predicate.text == predicate]
    assert found, [(c.predicate.text, c.category) for c in analysis.claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "predicate", "category", "modality", "mood", "polarity", "subject", "obj"), ROWS
)
def test_claim(analyze_text, text, predicate, category, modality, mood, polarity, subject, obj):
    claim = claim_at(analyze_text(text), predicate)
    assert (claim.category, claim.modality, claim.mood, claim.polarity) == (
        category,
        modality,
        mood,
        polarity,
    )
    assert claim.subject is not None and claim.subject.text == subject
    if obj is not None:
        assert claim.object is not None and obj in claim.object.text


@pytest.mark.parametrize(
    ("text", "predicate", "condition", "mood"),
    [
        (
            "Si les négociations échouent, le syndicat lancera une grève.",
            "grève",
            "Si les négociations échouent",
            "hypothetical",
        ),
        (
            "Le syndicat acceptera le plan à condition que les salaires augmentent.",
            "acceptera",
            "à condition que les salaires augmentent",
            "future",
        ),
        (
            "Les deux camps accepteront la trêve sous réserve de garanties.",
            "accepteront",
            "sous réserve de garanties",
            "future",
        ),
        (  # "la condition ... serait X": a demand whose condition is X
            "La condition principale d'un accord serait le retrait des troupes.",
            "condition",
            "le retrait des troupes",
            "conditional",
        ),
    ],
)
def test_condition(analyze_text, text, predicate, condition, mood):
    claim = claim_at(analyze_text(text), predicate)
    assert claim.condition is not None and claim.condition.text == condition
    assert claim.mood == mood


def test_condition_noun_makes_a_request(analyze_text):
    claim = claim_at(
        analyze_text("La condition principale d'un accord serait le retrait des troupes."),
        "condition",
    )
    assert (claim.category, claim.modality) == ("REQUEST", "requested")


@pytest.mark.parametrize(
    ("text", "predicate", "speaker"),
    [
        (
            "Le porte-parole du ministère a déclaré que les deux parties avaient signé un accord.",
            "signé",
            "porte-parole",
        ),
        ("« Nous signerons l'accord demain », a affirmé la ministre.", "signerons", "ministre"),
        (
            "Selon le ministère, les livraisons d'armes reprendront en mai.",
            "livraisons",
            "ministère",
        ),
        (
            "Jean Martin et Paul Durand ont signé la convention, a indiqué la mairie.",
            "signé",
            "mairie",
        ),
    ],
)
def test_attribution(analyze_text, text, predicate, speaker):
    claim = claim_at(analyze_text(text), predicate)
    assert claim.attribution.kind != "self"
    assert claim.attribution.name is not None and speaker in claim.attribution.name


def test_reported_clause_is_the_only_claim(analyze_text):
    analysis = analyze_text(
        "Le porte-parole du ministère a déclaré que les deux parties avaient signé un accord."
    )
    assert [c.lemma for c in analysis.claims] == ["signer"]


def test_negated_report_claims_nothing_inside(analyze_text):
    analysis = analyze_text("Le communiqué ne mentionnait pas que l'aide serait suspendue.")
    assert [c.category for c in analysis.claims] == ["STATEMENT"]


def test_impersonal_report_names_no_source(analyze_text):
    claim = claim_at(
        analyze_text("Il a été rapporté que les troupes se retiraient de la ville."), "retiraient"
    )
    assert claim.category == "RETREAT"
    assert claim.attribution.kind == "unknown"


def test_unattributed_claim_is_the_outlets(analyze_text):
    claim = claim_at(analyze_text("Le gouvernement a proposé un gel des loyers."), "proposé")
    assert claim.attribution.kind == "self"


def test_coordinated_subjects_are_both_actors(analyze_text):
    analysis = analyze_text("Jean Martin et Paul Durand ont signé la convention hier.")
    claim = claim_at(analysis, "signé")
    keys = {m.key for m in analysis.mentions}
    assert len(keys) >= 2
    assert keys <= set(claim.actors)


@pytest.mark.parametrize(
    ("text", "predicate", "name"),
    [
        (  # the verb has no subject: the parse hangs the name on "message"
            "Dans un message publié sur son blog, Rose Lestrade, la cheffe du syndicat des "
            "grutiers, a appelé les grévistes à reprendre le travail.",
            "appelé",
            "Rose Lestrade",
        ),
        (  # the role phrase is the subject, the name an apposition of the fronted phrase
            "Devant le siège de la direction, Léa Marchand, la porte-parole du collectif, a "
            "appelé au calme.",
            "appelé",
            "Léa Marchand",
        ),
        (  # the role phrase is the subject, the name left with no relation ("dep")
            "Lors d'une conférence de presse, Léa Marchand, la présidente du syndicat des "
            "grutiers, a appelé les grévistes à reprendre le travail.",
            "appelé",
            "Léa Marchand",
        ),
        (  # the role phrase is the subject, a first name read as a common noun ("rose")
            "Dans un courrier adressé au maire, Rose Lestrade, la présidente du comité de "
            "quartier, a demandé la réouverture du marché.",
            "demandé",
            "Rose Lestrade",
        ),
    ],
)
def test_the_name_beside_a_fronted_phrase_is_the_subject(analyze_text, text, predicate, name):
    claim = claim_at(analyze_text(text), predicate)
    assert claim.subject is not None and claim.subject.text.startswith(name)
    assert claim.actors[:1] == (name.lower().replace("é", "e"),)


def test_the_trap_a_name_inside_a_fronted_place_is_no_subject(analyze_text):
    analysis = analyze_text("À Valdorra, près du port, les dockers ont manifesté samedi.")
    claim = claim_at(analysis, "manifesté")
    assert claim.subject is not None and claim.subject.text == "les dockers"


def test_pronoun_subject_takes_the_previous_actor(analyze_text):
    analysis = analyze_text(
        "Marie Dupont a rencontré les médecins mardi. Elle a promis une hausse des budgets."
    )
    met, promised = claim_at(analysis, "rencontré"), claim_at(analysis, "promis")
    assert promised.subject is not None and promised.subject.text == "Elle"
    assert met.actors
    assert promised.actors[:1] == met.actors[:1]


def test_dates_and_quantities_in_the_clause_are_attached(analyze_text):
    text = "Les belligérants ont accepté un cessez-le-feu de trente jours à partir de lundi."
    analysis = analyze_text(text)
    claim = claim_at(analysis, "accepté")
    inside = [d for d in analysis.dates if claim.span.start <= d.span.start < claim.span.end]
    assert list(claim.dates) == inside
    assert list(claim.quantities) == [
        q for q in analysis.quantities if claim.span.start <= q.span.start < claim.span.end
    ]
    assert claim.dates or claim.quantities, "the duration should be attached"


WORDS = [
    "Le", "ministre", "a", "déclaré", "que", "qu'", "les", "deux", "pays", "ont", "convenu",
    "d'une", "trêve", "si", "s'ils", "ne", "n'", "pas", "jamais", "sans", "refusé", "de",
    "signer", "accord", "a-t-il", "dit", "selon", "X", "Marie", "Dupont", "pourrait",
    "suspendre", "frappes", "«", "»", '"', ",", ".", "et", "Il", "il", "ils", "Elle", "lundi",
    "30", "jours", "condition", "serait", "la", "à", "sous", "réserve", "\n", "  ",
]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_claims_never_break_on_word_soup(nlp, words):
    from recoupe.analyze.pipeline import prepare_doc
    from recoupe.analyze.to_model import to_analysis
    from recoupe.model import Article, TextSpan

    text = " ".join(words)
    article = Article(
        id="soup", source="soup", origin="soup", text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
    )  # fmt: skip
    # the model and this component only: the other components have their own fuzz tests
    others = [n for n in nlp.pipe_names if n.startswith("recoupe_") and n != "recoupe_claims"]
    doc = nlp(prepare_doc(nlp, article), disable=[n for n in others if n != "recoupe_sentences"])
    for claim in to_analysis(doc, article_id="soup", pipeline="test").claims:
        for span in (claim.span, claim.sentence, claim.predicate, claim.subject, claim.object):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert claim.sentence.start <= claim.span.start <= claim.span.end <= claim.sentence.end


def test_component_outside_recoupe_needs_a_parse():
    """On a Doc without a dependency parse the component finds nothing and does not fail."""
    import spacy

    from recoupe.analyze import claims  # noqa: F401  (registers the factory)

    nlp = spacy.blank("fr")
    nlp.add_pipe("recoupe_claims")
    assert nlp("Les deux pays ont signé un accord.")._.recoupe_claims == []


# ---------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds(analyze_text, seed_paths):
    """(file name, text, analysis) of each seed, its whole text as body."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in seed_paths]
    return [(name, text, analyze_text(text)) for name, text in texts]


@pytest.mark.seeds
def test_seed_claims_are_well_formed(seeds):
    for _, text, analysis in seeds:
        assert analysis.claims
        for claim in analysis.claims:
            sentence = claim.sentence
            spans = [claim.span, claim.predicate, claim.subject, claim.object, claim.condition]
            for span in [sentence, *(s for s in spans if s is not None)]:
                assert text[span.start : span.end] == span.text
                assert span.text and span.text.strip() == span.text
            for span in (s for s in spans if s is not None):
                assert sentence.start <= span.start and span.end <= sentence.end
            assert claim.span.start <= claim.predicate.start
            assert claim.predicate.end <= claim.span.end
            assert len(claim.span.text) <= MAX_CLAUSE_CHARS or claim.span.end == claim.predicate.end
            assert claim.category in CATEGORIES
            assert claim.modality in MODALITIES
            assert claim.mood in MOODS
            assert claim.polarity in ("positive", "negative")


@pytest.mark.seeds
def test_seed_informative_sentences_yield_claims(seeds):
    sentences = claimed = claims = 0
    for _, _, analysis in seeds:
        informative = [s for s in analysis.sentences if len(s.text.split()) >= 6]
        starts = {c.sentence.start for c in analysis.claims}
        sentences += len(informative)
        claimed += sum(1 for s in informative if s.start in starts)
        claims += len(analysis.claims)
    assert claims >= 0.8 * sentences
    assert claimed >= 0.9 * sentences


@pytest.mark.seeds
def test_seed_gold_facts_have_event_claims(seeds):
    """Most sentences that support a gold fact hold a claim with an event category."""
    if not GOLD.is_file():
        pytest.skip(f"gold annotation not found at {GOLD}")
    by_name = {name: (text, analysis) for name, text, analysis in seeds}
    facts = json.loads(GOLD.read_text(encoding="utf-8"))["facts"]
    hits = total = 0
    for support in (s for fact in facts for s in fact["support"]):
        text, analysis = by_name[support["doc"]]
        start = text.find(support["quote"])
        if start < 0:
            continue
        end = start + len(support["quote"])
        total += 1
        hits += any(
            c.span.start < end and start < c.span.end and c.category != "OTHER"
            for c in analysis.claims
        )
    assert total and hits >= 0.85 * total
