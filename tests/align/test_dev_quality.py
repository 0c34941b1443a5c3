"""Quality gate: the dev stories (real scraped press, exhaustive gold) scored against floors.

Each story of ``../shared/corpus/dev`` is read from its JSON Lines file (with outlet,
URL and publication date), analysed, aligned and scored by ``../shared/eval/score.py``.
Floors sit just below what the pipeline reaches on each story; raise them as it
improves, never lower them silently (STYLE.md §13). The story's names, numbers and
phrases appear nowhere in this file: only figures.
"""

from __future__ import annotations

import pytest
from scoring import SHARED, score_corpus

DEV = SHARED / "corpus" / "dev"
GOLD = SHARED / "eval" / "gold" / "dev"

pytestmark = [pytest.mark.seeds, pytest.mark.model]

# (section, figure) -> floor, per story folder. Divergence precision floors were raised
# once every divergence was verified (issue 9): acte3 0.846, acte4 0.833, anticasseurs 1.0
# (5 divergences) when set; to 0.9 when short quoted fragments stopped being quotation
# divergences and one speaker's statements stopped making one fact (1.0 on all three).
FLOORS: dict[str, dict[tuple[str, str], float]] = {
    # reached when the gate was set: support 0.723, pairs 0.475 / 0.757, dates 0.897,
    # quotes 1.0 / 1.0, speakers 0.887, entities 0.969, divergences 0.333 / 0.739; facts
    # raised with links the embedding vouches for: support 0.736, pairs 0.488 / 0.825;
    # pair precision 0.835 once figures counting different things lower the score;
    # pairs 0.506 / 0.818 with the near-clique bar at 0.56 of the threshold; support
    # 0.743, pairs 0.512 / 0.824 once a fact an article tells twice is joined;
    # divergences 0.5 / 1.0 once contrasts read "mais" and a sentence's fronted place;
    # divergences 0.583 / 1.0 (useful 0.625) once actors are compared; speakers 0.903
    # once a quote by a role ("le Premier ministre") names the story's one holder of it,
    # 0.919 once a lone surname joins a full name the model tagged MISC; divergences
    # 0.625 / 1.0 (useful 0.688) once one person's two reactions are compared across two
    # dispatches that a third article runs together
    "gj-acte3-2018-12-01": {
        ("facts", "support_recall"): 0.73,
        ("facts", "alignment_pair_recall"): 0.50,
        ("facts", "alignment_pair_precision"): 0.80,
        ("facts", "date_accuracy"): 0.93,
        ("quotes", "recall"): 0.97,
        ("quotes", "precision"): 0.97,
        ("quotes", "speaker_accuracy"): 0.90,
        ("entities", "merge_rate"): 0.95,
        ("divergences", "recall"): 0.60,
        ("divergences", "useful_recall"): 0.65,
        ("divergences", "precision"): 0.80,
    },
    # support 0.706, pairs 0.453 / 0.944, dates 0.854, quotes 1.0 / 1.0, speakers 0.867,
    # entities 0.958, divergences 0.545 / 0.744; pairs 0.47 / 0.925 with vouched links;
    # support 0.706, pairs 0.478 / 0.94 once figures counting different things lower
    # the score; support 0.713, pairs 0.487 / 0.941 with the near-clique bar at 0.56;
    # support 0.706, divergences 0.545 / 1.0 (useful 0.733) once a detention figure counts
    # custody; pairs 0.491 / 0.938, divergences 0.591 once a noun announcing a figure
    # across a comma says what it counts
    "gj-acte4-2018-12-08": {
        ("facts", "support_recall"): 0.70,
        ("facts", "alignment_pair_recall"): 0.48,
        ("facts", "alignment_pair_precision"): 0.93,
        ("facts", "date_accuracy"): 0.83,
        ("quotes", "recall"): 0.97,
        ("quotes", "precision"): 0.97,
        ("quotes", "speaker_accuracy"): 0.85,
        ("entities", "merge_rate"): 0.95,
        # 0.364 once omissions are searched for: three gold entries (one useful, a scope)
        # that omissions of mixed facts touched by chance are no longer hit; 0.318: a date
        # divergence between two different statements of one loose fact
        # (it hit a gold entry by chance) is no longer raised; 0.227: "M. X" and "le
        # ministère de l'Intérieur" he heads are one source, so the two attribution
        # divergences between them (by chance beside three gold entries) are gone; 0.318
        # with areas named by common words in contrasts ("en régions"); 0.455 with
        # "des centaines" read as a range and bare figures counting their subject
        ("divergences", "recall"): 0.55,
        ("divergences", "useful_recall"): 0.70,
        ("divergences", "precision"): 0.90,
    },
    # support 0.779, pairs 0.544 / 0.963, dates 0.828, quotes 0.944 / 1.0, speakers 0.869,
    # entities 0.952, divergences 0.5 / 0.5; support 0.791, pairs 0.573 / 0.965 with
    # vouched links; support 0.802, pairs 0.602 / 0.967 with the near-clique bar at 0.56;
    # dates 0.862 once a clause its accounts date to another day is a fact of its own
    "gj-loi-anticasseurs-2019-01-07": {
        ("facts", "support_recall"): 0.79,
        ("facts", "alignment_pair_recall"): 0.59,
        ("facts", "alignment_pair_precision"): 0.95,
        ("facts", "date_accuracy"): 0.85,
        ("quotes", "recall"): 0.92,
        ("quotes", "precision"): 0.97,
        ("quotes", "speaker_accuracy"): 0.85,
        ("entities", "merge_rate"): 0.93,
        # 0.429: the two condition divergences that hit gold entries by chance (a
        # hypothetical "si" against a statistic, an indirect question) are gone; 0.286
        # since sentences end before the debris after them (an embedded post under a
        # sentence made it 800 characters long): one omission is no longer raised; 0.429
        # with qualifier divergences ("plus de" against "quelque" for one figure)
        ("divergences", "recall"): 0.42,
        ("divergences", "useful_recall"): 0.44,
        ("divergences", "precision"): 0.90,
    },
}


@pytest.fixture(scope="module")
def scores(nlp) -> dict[str, dict]:
    if not DEV.is_dir():
        pytest.skip(f"dev corpus not found at {DEV}")
    return {
        story: score_corpus(
            nlp, [DEV / "jsonl" / f"{story}.jsonl"], gold=GOLD / f"{story}.json", corpus=DEV / story
        )
        for story in FLOORS
    }


@pytest.mark.parametrize(
    ("story", "section", "figure"),
    [(story, *key) for story, floors in FLOORS.items() for key in floors],
)
def test_dev_figure_above_floor(scores, story: str, section: str, figure: str) -> None:
    assert scores[story][section][figure] >= FLOORS[story][(section, figure)], scores[story][
        section
    ]


@pytest.mark.parametrize("story", list(FLOORS))
def test_no_forged_span(scores, story: str) -> None:
    assert scores[story]["forged_spans"] == []
