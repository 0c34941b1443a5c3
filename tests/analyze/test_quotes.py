"""recoupe_quotes: quotation forms, kinds and speakers, on hand-written French sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recoupe.analyze.quotemarks import find_marked
from recoupe.analyze.reporting import lexicon
from recoupe.model import Article, Quote, TextSpan

pytestmark = pytest.mark.model

NBSP = "\u00a0"
OPENING = "«“‘\"'„‹"
CLOSING = "»”’\"'“›"
SPEAKER_KINDS = {"person", "institution", "readout", "agency", "outlet", "unknown"}


def _article(text: str) -> Article:
    body = (TextSpan(start=0, end=len(text), text=text),)
    return Article(id="t", source="t.txt", origin="t.txt", text=text, body=body, language="fr")


def _quote(quotes: tuple[Quote, ...], content: str, kind: str | None = None) -> Quote:
    found = [q for q in quotes if q.content.text == content and (kind is None or q.kind == kind)]
    assert found, [(q.kind, q.content.text) for q in quotes]
    return found[0]


# text, kind, content, speaker kind, part of the speaker's name, resolved_by
# fmt: off
MARKED = [
    (  # guillemets with non-breaking spaces, inverted subject
        f"«{NBSP}Nous ne céderons rien{NBSP}», a déclaré Bruno Le Maire.",
        "direct", "Nous ne céderons rien", "person", "Bruno Le Maire", "inversion",
    ),
    (  # curly double quotes introduced after a colon
        "Le Premier ministre a prévenu : “Le budget sera voté avant l'été.”",
        "direct", "Le budget sera voté avant l'été.", "person", "Le Premier ministre", "subject",
    ),
    (  # straight double quotes, a fragment governed by the verb
        'Le syndicat a dénoncé "une provocation inacceptable" lundi.',
        "partial", "une provocation inacceptable", "institution", "Le syndicat", "subject",
    ),
    (  # single curly quotes: the apostrophe inside does not close them
        "‘C’est une victoire’, a affirmé Marine Tondelier.",
        "direct", "C’est une victoire", "person", "Marine Tondelier", "inversion",
    ),
    (  # a quotation of two sentences
        "« Nous avons reçu la lettre. Nous allons répondre dans la semaine », a indiqué "
        "le porte-parole du gouvernement.",
        "direct", "Nous avons reçu la lettre. Nous allons répondre dans la semaine",
        "person", "le porte-parole du gouvernement", "inversion",
    ),
    (  # a fragment inside reported speech
        "Jean Castex a affirmé que la réforme était « une nécessité absolue ».",
        "partial", "une nécessité absolue", "person", "Jean Castex", "subject",
    ),
    (  # "a-t-elle déclaré" goes back to the person named in the previous sentence
        "Ségolène Royal a visité l'usine mardi. "
        "« Les salariés méritent mieux », a-t-elle déclaré.",
        "direct", "Les salariés méritent mieux", "person", "Ségolène Royal", "pronoun",
    ),
    (  # "Il a ajouté :" after a quote by a named speaker
        "« Nous irons jusqu'au bout », a martelé le maire de Marseille, Benoît Payan. "
        "Il a ajouté : « Personne ne nous fera reculer. »",
        "direct", "Personne ne nous fera reculer.", "person", "Benoît Payan", "pronoun",
    ),
    (  # a post on a social network
        "« Merci à tous les bénévoles », a écrit Paul Verdier sur X.",
        "direct", "Merci à tous les bénévoles", "person", "Paul Verdier", "channel",
    ),
    (
        "« La situation est sous contrôle », a écrit le gouverneur régional "
        "sur son compte Telegram.",
        "direct", "La situation est sous contrôle", "person", "le gouverneur régional", "channel",
    ),
    (  # a document subject is a readout credited to the institution it names
        "« Les deux parties se sont engagées à poursuivre le dialogue », indique le communiqué "
        "de l'Élysée.",
        "direct", "Les deux parties se sont engagées à poursuivre le dialogue",
        "readout", "Élysée", "inversion",
    ),
    (  # a second quoted sentence with no cue keeps the speaker of the first
        "« Nous sommes prêts », a déclaré Fabien Roussel. « La campagne commence aujourd'hui. »",
        "direct", "La campagne commence aujourd'hui.", "person", "Fabien Roussel", "continuation",
    ),
    (  # two straight-quoted fragments in one sentence are paired one by one
        "La ministre a estimé qu'il s'agissait d'\"un accord historique\" "
        "et d'\"une étape décisive\".",
        "partial", "une étape décisive", "person", "La ministre", "subject",
    ),
    (  # a reflexive verb of saying in the incise
        "« C'est un succès », s'est félicité le ministre de l'Économie.",
        "direct", "C'est un succès", "person", "le ministre de l'Économie", "inversion",
    ),
    (  # an apposition after the role names the speaker
        "Le porte-parole de l'armée, le colonel Pierre Dupont, a démenti : "
        "« Aucune frappe n'a visé les civils. »",
        "direct", "Aucune frappe n'a visé les civils.", "person", "Pierre Dupont", "subject",
    ),
    (  # the person told stands between the verb and the speaker
        "« La situation est grave », explique à l'AFP Jean Dupont, porte-parole de la préfecture.",
        "direct", "La situation est grave", "person", "Jean Dupont", "inversion",
    ),
    (  # "peut-on lire dans": the document read is the source
        "« Nous ne lâcherons rien », peut-on lire dans le communiqué du syndicat.",
        "direct", "Nous ne lâcherons rien", "readout", "communiqué du syndicat", "inversion",
    ),
    (  # a quotation over two paragraphs reopens its marks; the speaker comes at the end
        "« Le chantier a pris du retard.\n« Il sera fini en mai », a assuré le maire.",
        "direct", "Le chantier a pris du retard.", "person", "le maire", "continuation",
    ),
    (  # a heading "X : « ... »"
        "Paul Verdier : « Nous tiendrons nos engagements »",
        "direct", "Nous tiendrons nos engagements", "person", "Paul Verdier", "heading",
    ),
    (  # an incise inside the marks
        "« Nous n'avons pas le choix, a expliqué le ministre de l'Intérieur, il faut agir. »",
        "direct", "Nous n'avons pas le choix, a expliqué le ministre de l'Intérieur, il faut agir.",
        "person", "le ministre de l'Intérieur", "inversion",
    ),
    (  # a time noun the parser takes for a subject is skipped
        "Le mardi, avant la réunion, Olivier Faure a dénoncé « une manœuvre grossière ».",
        "partial", "une manœuvre grossière", "person", "Olivier Faure", "subject",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "kind", "content", "skind", "name", "how"), MARKED)
def test_marked_quotes(analyze_text, text, kind, content, skind, name, how):
    quote = _quote(analyze_text(text).quotes, content, kind)
    assert quote.span.text[0] in OPENING and quote.span.start < quote.content.start
    # closed at its mark, or (left open) at the end of its paragraph
    assert quote.span.text[-1] in CLOSING or quote.content.end == quote.span.end
    assert quote.speaker.kind == skind
    assert name in (quote.speaker.name or "")
    assert quote.resolved_by == how


def test_channel_is_recorded(analyze_text):
    quotes = analyze_text("« Merci à tous », a écrit Claire Morvan sur Telegram.").quotes
    quote = _quote(quotes, "Merci à tous")
    assert quote.speaker.channel == "Telegram"
    assert quote.speaker.span is not None and quote.speaker.span.text == "Claire Morvan"
    assert quote.cue is not None and quote.cue.text == "écrit"


def test_unclosed_quote_closes_at_paragraph_end(nlp):
    from recoupe.analyze import analyze

    text = (
        "Le maire a déclaré : « Nous rouvrirons l'école dès lundi.  \nLa préfecture n'a pas réagi."
    )
    (result,) = analyze([_article(text)], nlp=nlp)
    quote = _quote(result.analysis.quotes, "Nous rouvrirons l'école dès lundi.", "direct")
    assert quote.span.text == "« Nous rouvrirons l'école dès lundi."
    assert quote.speaker.name == "Le maire"
    notes = [n for n in result.analysis.notes if n.code == "unclosed_quote"]
    assert [n.span for n in notes] == [quote.span]


VERBS = ["déclaré", "affirmé", "indiqué", "assuré", "estimé", "souligné", "ajouté", "rappelé"]


@pytest.mark.parametrize("verb", [*VERBS, "annoncé", "expliqué", "précisé", "confirmé"])
def test_indirect_speech(analyze_text, verb):
    text = f"La présidente de la région a {verb} que les travaux reprendraient en mars."
    quote = _quote(analyze_text(text).quotes, "les travaux reprendraient en mars", "indirect")
    assert quote.span.text == "que les travaux reprendraient en mars"
    assert quote.speaker.kind == "person"
    assert quote.speaker.name == "La présidente de la région"
    assert quote.cue is not None and quote.cue.text == verb


# text, content, speaker kind, part of the speaker's name, resolved_by
# fmt: off
INDIRECT = [
    (
        "Le Monde a révélé que le projet serait abandonné.",
        "le projet serait abandonné", "outlet", "Le Monde", "subject",
    ),
    (
        "Le Parisien, citant des sources policières, a écrit que le suspect avait été interpellé.",
        "le suspect avait été interpellé", "outlet", "Le Parisien", "subject",
    ),
    (
        "Le ministère des Affaires étrangères a annoncé que l'ambassade resterait ouverte.",
        "l'ambassade resterait ouverte", "institution", "ministère des Affaires étrangères",
        "subject",
    ),
    (  # "Elle a ajouté que": the pronoun goes back to the named speaker
        "La ministre de la Santé, Agnès Buzyn, a estimé que l'épidémie reculait. "
        "Elle a ajouté que les hôpitaux restaient sous tension.",
        "les hôpitaux restaient sous tension", "person", "Agnès Buzyn", "pronoun",
    ),
    (  # "Il" after a sentence whose subject is an unnamed role
        "Le maire a annoncé sa démission. Il a expliqué qu'il voulait se consacrer à sa famille.",
        "il voulait se consacrer à sa famille", "person", "Le maire", "pronoun",
    ),
    (  # a second verb of saying coordinated with the first keeps its subject
        "Le ministre a déclaré que les discussions étaient difficiles et a ajouté qu'il "
        "restait optimiste.",
        "il restait optimiste", "person", "Le ministre", "subject",
    ),
    (  # a circumstance between the verb and "que"
        "Le préfet a confirmé mercredi lors d'un point presse que la route resterait fermée.",
        "la route resterait fermée", "person", "Le préfet", "subject",
    ),
    (  # one verb of saying in two words
        "L'Élysée a fait savoir que le président ne se rendrait pas au sommet.",
        "le président ne se rendrait pas au sommet", "institution", "Élysée", "subject",
    ),
    (  # an impersonal passive has no speaker
        "Il a été rapporté que la réunion serait reportée.",
        "la réunion serait reportée", "unknown", "", "impersonal",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "content", "skind", "name", "how"), INDIRECT)
def test_indirect_speakers(analyze_text, text, content, skind, name, how):
    quote = _quote(analyze_text(text).quotes, content, "indirect")
    assert quote.span.text in ("que " + content, "qu'" + content)
    assert quote.speaker.kind == skind
    assert name in (quote.speaker.name or "")
    assert quote.resolved_by == how


# text, credited clause, speaker kind, part of the speaker's name
# fmt: off
ACCORDING_TO = [
    (
        "Selon le ministère de l'Intérieur, 120 000 personnes ont manifesté.",
        "120 000 personnes ont manifesté", "institution", "ministère de l'Intérieur",
    ),
    (
        "D'après l'Insee, le chômage a reculé au premier trimestre.",
        "le chômage a reculé au premier trimestre", "institution", "Insee",
    ),
    (
        "Le chômage a reculé au premier trimestre, selon l'Insee.",
        "Le chômage a reculé au premier trimestre", "institution", "Insee",
    ),
    (
        "À en croire Le Figaro, le remaniement aura lieu jeudi.",
        "le remaniement aura lieu jeudi", "outlet", "Le Figaro",
    ),
    (  # a clause about the source is part of the cue, not of what it credits
        "Selon Reuters, qui cite des sources anonymes, l'accord est proche.",
        "l'accord est proche", "agency", "Reuters",
    ),
    (
        "Selon l'AFP, le port est fermé depuis mardi.",
        "le port est fermé depuis mardi", "agency", "AFP",
    ),
    (
        "Selon un communiqué de Matignon, la réforme sera présentée en juin.",
        "la réforme sera présentée en juin", "readout", "Matignon",
    ),
    (  # a document of an institution: credited to the institution
        "D'après une étude de l'Insee publiée en mars, le chômage a reculé.",
        "le chômage a reculé", "readout", "Insee",
    ),
    (
        "Comme l'indique le site web de la mairie, la piscine fermera en août.",
        "la piscine fermera en août", "readout", "mairie",
    ),
    (
        "Le maire de Lyon, Grégory Doucet, a visité le chantier. Selon lui, rien ne change.",
        "rien ne change", "person", "Grégory Doucet",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "clause", "skind", "name"), ACCORDING_TO)
def test_according_to(analyze_text, text, clause, skind, name):
    quote = _quote(analyze_text(text).quotes, clause, "according_to")
    assert quote.span.text == clause
    assert quote.speaker.kind == skind
    assert name in (quote.speaker.name or "")
    assert quote.cue is not None


def test_bare_role_is_the_person_named_with_it_before(analyze_text):
    text = (
        "« C'est un effort sans précédent », a déclaré la ministre de la Santé, Catherine "
        "Vautrin. Sur France Inter, la ministre a assuré que les mesures entreraient en vigueur "
        "en juillet."
    )
    quotes = analyze_text(text).quotes
    first = _quote(quotes, "C'est un effort sans précédent", "direct")
    later = _quote(quotes, "les mesures entreraient en vigueur en juillet", "indirect")
    assert later.speaker.name == "la ministre"
    assert later.speaker.key is not None and later.speaker.key == first.speaker.key


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        ("Le président a démenti avoir reçu la lettre.", "avoir reçu la lettre", "Le président"),
        (
            "Interrogée par Le Parisien, la militante a raconté avoir été menacée.",
            "avoir été menacée", "la militante",
        ),
    ],
)  # fmt: skip
def test_infinitive_clause_is_indirect_speech(analyze_text, text, content, name):
    quote = _quote(analyze_text(text).quotes, content, "indirect")
    assert quote.speaker.name == name


def test_readout_without_institution_takes_the_last_one_credited(analyze_text):
    text = (
        "Selon un communiqué de Matignon, la réforme sera présentée en juin. "
        "« Aucun arbitrage n'a été rendu », précise le communiqué."
    )
    quote = _quote(analyze_text(text).quotes, "Aucun arbitrage n'a été rendu", "direct")
    assert quote.speaker.kind == "readout"
    assert quote.speaker.name == "Matignon"
    assert quote.speaker.span is not None and quote.speaker.span.text == "le communiqué"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Il a démenti la rumeur selon laquelle il quitterait le parti.", "according_to"),
        ("Le missile « Rafale » a été présenté au salon.", None),  # a name, not a quotation
        ("Le communiqué ne mentionnait pas que le sommet serait reporté.", "indirect"),  # negated
        ("Le train est arrivé à l'heure et les voyageurs sont descendus.", None),
        ("Il faut rappeler que la loi avait été votée en 2019.", None),  # the outlet's voice
    ],
)
def test_not_quotes(analyze_text, text, kind):
    quotes = analyze_text(text).quotes
    speech = ("direct", "partial", "indirect", "according_to")
    assert [q for q in quotes if q.kind in speech and (kind is None or q.kind == kind)] == []


# A quoted term is recorded as such (kind "term", nobody speaks), a quoted fragment of
# speech is a partial quote: text, fragment, expected kind
# fmt: off
TERMS = [
    # a name or a title: every word capitalised
    ("Le missile « Rafale » a été présenté au salon.", "Rafale", "term"),
    # the same words written again elsewhere in the article: a label used as a noun
    ("Les « lanceurs d'alerte » ont manifesté. Les lanceurs d'alerte veulent une loi.",
     "lanceurs d'alerte", "term"),
    ("La colère des « zadistes » grandit. Le préfet a reçu des zadistes lundi.",
     "zadistes", "term"),
    # a short fragment no speaker is credited with and no verb governs
    ("Le quartier des « bobos » a changé.", "bobos", "term"),
    # a fragment of speech: a named person's words, even short
    ("La maire, Anne Durand, a exprimé sa « profonde tristesse » après l'incendie.",
     "profonde tristesse", "partial"),
    ("Paul Girard approuve une « colère légitime » et réclame des mesures.",
     "colère légitime", "partial"),
    # a name inside the fragment: a title or a label
    ("Lors de « l'opération Tempête » qui a mobilisé quelque 500 policiers, 40 "
     "personnes ont été arrêtées.", "l'opération Tempête", "term"),
    # a short fragment right below a named person's verb, in a list of two
    ("La maire, Anne Durand, a déploré samedi « des scènes de chaos » et des « dégâts "
     "immenses » pour la ville.", "dégâts immenses", "partial"),
    # the same noun phrase written again in the plural
    ("Un « bonnet vert » de 60 ans a pris la parole. Les bonnets verts étaient nombreux.",
     "bonnet vert", "term"),
    # words said and embedded again in a post: not a label ("sans ..." is no noun phrase)
    ("Le député a jugé les annonces « sans effet ».\nLes annonces sont sans effet. "
     "Il faut agir.", "sans effet", "partial"),
    # a single word said, not a noun: not a term though written again
    ("Le ministre a répondu « oui » à la demande. Le syndicat attendait ce oui.", "oui",
     "partial"),
    # the words are said twice, a verb in them: words quoted again, not a label
    ("Il veut « tourner la page ». Il faut « tourner la page », a-t-il répété.",
     "tourner la page", "partial"),
]
# fmt: on


@pytest.mark.parametrize(("text", "fragment", "kind"), TERMS)
def test_scare_quotes_are_terms(analyze_text, text, fragment, kind):
    quote = _quote(analyze_text(text).quotes, fragment)
    assert quote.kind == kind
    if kind == "term":
        assert quote.speaker.kind == "unknown" and quote.resolved_by is None


# A speaker is a person or an organisation: text, quoted content, part of the expected
# name (None: the speaker stays unknown rather than a thing, a date or a place)
# fmt: off
SPEAKERS = [
    # apposition: the name, an age and a trade, then the verb with no subject of its own
    ("Dans le centre, Julie, 41 ans, infirmière à Lyon, se plaignait de « travailler "
     "sans relâche depuis des mois ».", "travailler sans relâche depuis des mois", "Julie"),
    # the subject of the verb that governs the fragment, not a verb of saying
    ("Marc Petit, 60 ans, venu de Nantes avec sa fille approuve une « révolte juste » "
     "contre la taxe.", "révolte juste", "Marc Petit"),
    # an incise with a verb that is not a verb of saying, its subject after it
    ("« La mesure arrive trop tard », soupire Hélène Roux, commerçante.",
     "La mesure arrive trop tard", "Hélène Roux"),
    # a reflexive verb and a circumstance before the inverted subject
    ("« C'est une honte », s'indigne pour sa part Me Jean Dubois, avocat de la famille.",
     "C'est une honte", "Jean Dubois"),
    ("« Je suis choqué par ces images », a réagi dans la matinée M. Durand.",
     "Je suis choqué par ces images", "Durand"),
    # a role with a demonstrative or "même" points back to the person just named
    ("« Les patrons doivent payer », déplore Paul Martin, porte-parole du syndicat. "
     "« Cette taxe a eu des effets concrets sur les salaires », assure le même syndicaliste.",
     "Cette taxe a eu des effets concrets sur les salaires", "Paul Martin"),
    # a colon sentence with no verb: "X, role : « ... »"
    ("Jeanne Morel, secrétaire nationale du parti : « Nous voulons des salaires dignes ! »",
     "Nous voulons des salaires dignes !", "Jeanne Morel"),
    # the sentence before introduces the speaker, the quotation stands alone
    ("Sur la place, Lucie Bernard, 48 ans, raconte ses difficultés.\n"
     "« Je suis aide à domicile depuis dix ans. On n'est jamais remplacées. »",
     "Je suis aide à domicile depuis dix ans. On n'est jamais remplacées.", "Lucie Bernard"),
    # a colon after a verb of saying, the parser hanging the passage on an earlier verb
    ("« Tenez bon ! », écrit le député Luc Renard, tandis que la sénatrice, Ana Roca, "
     "a déclaré : « Je soutiens les salariés en grève ».",
     "Je soutiens les salariés en grève", "Ana Roca"),
    # a relative clause of the subject: "X, qui qualifie ... d'« ... »"
    ("Même ton chez la députée Claire Vidal, qui qualifie le plan d'« irréaliste », "
     "dénonçant des mesures tardives.", "irréaliste", "Claire Vidal"),
    # "estime-t-il" after a quote inside a sentence whose subject is named before it
    ("Le maire, Paul Vernier, regrette des mesures « sans effet réel. Il faut agir vite », "
     "estime-t-il.", "sans effet réel. Il faut agir vite", "Paul Vernier"),
    # a circumstance between commas before the inverted subject
    ("« Les commerçants ont beaucoup perdu », a relevé, de son côté, Louise Caron.",
     "Les commerçants ont beaucoup perdu", "Louise Caron"),
    # the rest of a title, then the name after a comma
    ("« Il faut de la fermeté », plaidait le ministre de la Ville et des Sports, "
     "Hugo Lambert, sur une radio.", "Il faut de la fermeté", "Hugo Lambert"),
    # a partial quote in the sentence after a quote of the same paragraph
    ("« Le fichier serait utile », ajoute Marie Faure, porte-parole du syndicat. "
     "La base de données serait bâtie « sur le modèle des stades ».",
     "sur le modèle des stades", "Marie Faure"),
    # the subject of its own clause, not the verb of saying of the first clause
    ("Le maire Paul Roy s'est félicité de « la bonne organisation », et l'adjointe Léa "
     "Morin pense avoir « sauvé la saison des fêtes ».", "sauvé la saison des fêtes",
     "Léa Morin"),
    # the agent of a passive verb of saying
    ("Cette grève a été saluée samedi par l'économiste Hugo Blanc, ancien conseiller du "
     "ministre.\n« Les salariés ont raison de se battre. »",
     "Les salariés ont raison de se battre.", "Hugo Blanc"),
    # a circumstance of two prepositions before an outlet
    ("« La réunion a été annulée », a rapporté en fin de soirée le quotidien Le Monde.",
     "La réunion a été annulée", "Le Monde"),
    # "Pour X, « ... »" at the head of a sentence credits X
    ('Pour le porte-parole du parti, Gilles Martin, "il est urgent" que le gouvernement '
     '"fasse un geste fort" envers les salariés.', "fasse un geste fort", "Gilles Martin"),
    # a participle after an incise: the speaker of the incise, not the quotation's subject
    ("Les émeutiers, que le ministre accuse de tout casser, « n'auront pas le dernier mot », "
     "a affirmé Paul Roy, en promettant des renforts, annonçant de « nombreuses "
     "arrestations ».", "nombreuses arrestations", "Paul Roy"),
    # an auxiliary and an adverb before a verb the tagger misread, the name after it
    ("« Tout cela est absurde », a également tweeté Marc Olivier, élu local.",
     "Tout cela est absurde", "Marc Olivier"),
    # one closing mark ends a quotation and the one inside it, an incise follows
    ("Des heurts ont eu lieu. «Les grilles ont cédé. Des jeunes criaient «dehors», "
     "peut-on lire sur le Réveil Lorrain. Le calme est revenu. «Nous avons eu peur», "
     "a raconté Inès Vidal.", "Nous avons eu peur", "Inès Vidal"),
    ("Des heurts ont eu lieu. «Les grilles ont cédé. Des jeunes criaient «dehors», "
     "peut-on lire sur le Réveil Lorrain. Le calme est revenu.",
     "Les grilles ont cédé. Des jeunes criaient «dehors", "Réveil Lorrain"),
    # "elle" after a sentence naming a woman: the person named last, not an earlier speaker
    ("«La ville est calme», souligne Le Temps. Une marche saluée par Alice Perrin. «Bravo "
     "aux bénévoles», a-t-elle déclaré.", "Bravo aux bénévoles", "Alice Perrin"),
    # a sentence of saying between two quotations introduces the second one
    ("«La ville est calme», souligne Alice Perrin. Le maire, Luc Faure, s'est agacé de ces "
     "dégâts. «Je suis choqué par ces attaques.»", "Je suis choqué par ces attaques.",
     "Luc Faure"),
    # "il" after "X a déclaré que M. Y ...": Y is talked about, X speaks
    ("Le président Jean Morel a déclaré que M. Paul Durand avait son numéro.\n"
     "« Nous restons prudents », a-t-il déclaré mardi.", "Nous restons prudents",
     "Jean Morel"),
    # not a speaker: a thing, a count, a place
    ("Un camion a été incendié près de la gare. « La situation est grave », a-t-il précisé.",
     "La situation est grave", None),
    ("Le bilan est lourd. « Il y a des dizaines de blessés », a-t-il ajouté.",
     "Il y a des dizaines de blessés", None),
    ("La France a dénoncé une « provocation inacceptable et grave » samedi.",
     "provocation inacceptable et grave", None),
    # a participle after the marks is no incise ("soutenu par", "envers" read as one)
    ("« Il y a des excès, mais ce n'est pas représentatif » du mouvement, très largement "
     "soutenu par une majorité de Français.", "Il y a des excès, mais ce n'est pas "
     "représentatif", None),
    ("Pour la plupart des habitants, la « vie chère et sans issue » reste le premier souci.",
     "vie chère et sans issue", None),
    # a name inside the object of a main clause is no apposed subject of a participle:
    # the participle takes the subject of the clause
    ("Le maire a critiqué les mesures prises par le préfet, Marc Lebrun, les jugeant "
     "« sans aucun effet sur le terrain ».", "sans aucun effet sur le terrain", "maire"),
]
# fmt: on


@pytest.mark.parametrize(("text", "content", "name"), SPEAKERS)
def test_speakers_are_people_or_organisations(analyze_text, text, content, name):
    quote = _quote(analyze_text(text).quotes, content)
    if name is None:
        assert quote.speaker.kind == "unknown", quote.speaker
    else:
        assert quote.speaker.kind in ("person", "institution", "outlet", "agency"), quote.speaker
        assert name in (quote.speaker.name or ""), quote.speaker


def test_a_short_fragment_far_below_a_verb_of_saying_is_not_credited(analyze_text):
    text = (
        "Le syndicat a réclamé la création d'un registre recensant les fraudeurs arrêtés au "
        "lendemain d'une « nuit de colère » marquée par des vols."
    )
    quote = _quote(analyze_text(text).quotes, "nuit de colère")
    assert quote.speaker.kind == "unknown"


def test_a_pronoun_skips_a_thing_for_the_person_heard_before(analyze_text):
    text = (
        "« Nous tenons la situation », a déclaré le préfet Marc Lenoir.\n"
        "Un véhicule a été volé près du palais. « Il y a cent blessés », a-t-il précisé."
    )
    quote = _quote(analyze_text(text).quotes, "Il y a cent blessés")
    assert quote.speaker.key == "marc lenoir"


def test_uncredited_fragment_has_an_explicit_unknown_speaker(analyze_text):
    quotes = analyze_text(
        'Les experts parlent d\'une "crise sans précédent" dans le secteur.'
    ).quotes
    quote = _quote(quotes, "crise sans précédent", "partial")
    assert quote.speaker.kind == "unknown"
    assert quote.resolved_by is None


@pytest.mark.seeds
def test_seed_quotes_are_honest(seed_analyses):
    for text, analysis in seed_analyses:
        unclosed = {n.span for n in analysis.notes if n.code == "unclosed_quote"}
        for q in analysis.quotes:
            for span in (q.span, q.content, q.cue, q.speaker.span):
                if span is not None:
                    assert text[span.start : span.end] == span.text
            assert q.span.start <= q.content.start < q.content.end <= q.span.end
            assert q.speaker.kind in SPEAKER_KINDS
            assert q.kind in ("direct", "partial", "term", "indirect", "according_to")
            if q.kind in ("direct", "partial", "term"):
                assert q.span.text[0] in OPENING
                assert q.span in unclosed or q.span.text[-1] in CLOSING
    assert sum(len(a.quotes) for _, a in seed_analyses) >= 26


@given(st.text(alphabet=st.sampled_from(list("ab l «»“”‘’\"'\n.\u00a0")), max_size=60))
def test_quote_marks_never_cross_a_paragraph(text):
    for m in find_marked(text, lexicon("fr").mark_pairs):
        assert 0 <= m.start < m.content_start <= m.content_end <= m.end <= len(text)
        assert text[m.start] in OPENING and "\n" not in text[m.start : m.end]
        assert not m.closed or text[m.end - 1] in CLOSING
        assert m.closed or not text[m.end :].split("\n", 1)[0].strip()


def test_one_closing_mark_ends_a_quotation_and_the_one_inside_it():
    text = "«Les grilles ont cédé aux cris de «dehors», lit-on. «Nous avons eu peur», dit-elle."
    found = [
        text[m.content_start : m.content_end] for m in find_marked(text, lexicon("fr").mark_pairs)
    ]
    assert found == ["Les grilles ont cédé aux cris de «dehors", "Nous avons eu peur"]


def test_a_quotation_left_open_still_runs_to_the_paragraph_end():
    text = "«Les grilles ont cédé aux cris de «dehors». Le calme est revenu."
    (m,) = find_marked(text, lexicon("fr").mark_pairs)
    assert not m.closed and m.end == len(text)


def test_a_label_repeated_outside_the_body_is_still_a_term(nlp):
    from recoupe.analyze import analyze

    text = "Les lanceurs d'alerte à Lyon\nLe ministre a répondu aux « lanceurs d'alerte » lundi."
    body_start = text.index("Le ministre")
    article = Article(
        id="t-body",
        source="t.txt",
        origin="t.txt",
        text=text,
        body=(TextSpan(start=body_start, end=len(text), text=text[body_start:]),),
        language="fr",
    )
    (result,) = analyze([article], nlp=nlp)
    assert _quote(result.analysis.quotes, "lanceurs d'alerte").kind == "term"
