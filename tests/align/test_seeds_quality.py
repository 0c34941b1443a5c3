"""Quality gate: the seed story's dossier scored by ../shared/eval/score.py against pinned floors.

Floors sit just below what the pipeline reaches; raise them as it improves, never
lower them silently (STYLE.md §13).
"""

from __future__ import annotations

import pytest
from scoring import SHARED, score_corpus

SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.json"

pytestmark = [pytest.mark.seeds, pytest.mark.model]

FLOORS = {
    ("facts", "recall"): 0.95,
    ("facts", "support_recall"): 0.91,
    ("facts", "alignment_pair_recall"): 0.71,
    # 0.95 until sentences stopped running on over the page debris after them (a photo
    # credit under a lead): without those words in its embedding, one lead sentence that
    # states two facts now joins the other one's group; 0.902 since.
    ("facts", "alignment_pair_precision"): 0.89,
    ("facts", "date_accuracy"): 0.90,
    ("quotes", "recall"): 0.95,
    ("quotes", "speaker_accuracy"): 0.90,
    ("entities", "merge_rate"): 0.95,
    # 0.562 (9 of 16): one gold divergence used to be caught by a false "different
    # sources" divergence between two names of one source, now gone.
    # Lowered on purpose to 0.438 (7 of 16), issue 9: story-wide wording (loaded words,
    # names for the events) is no divergence of one fact and moved to Dossier.wording,
    # which the scorer does not read; the seed gold counts loaded wording as one gold
    # divergence, and a naming record overlapped an attribution one by chance.
    # 0.375 (6 of 16) since the same change: the lead sentence's new group loses the
    # modality divergence (agreed / proposed) that its old group carried.
    # 0.438 (7 of 16) once actors are compared: a proposal credited to two countries by
    # one account and to one of them by another.
    # 0.5 (8 of 16): loaded words some outlets use are again a divergence of the story
    # (the names given to the war stay in Dossier.wording).
    # 0.562 (9 of 16): one source stating what another account has it only suggest.
    # 0.625 (10 of 16): outlets resting on the two parties' different readouts.
    # 0.75 (12 of 16): parties agreeing to a truce in one account and only to negotiate
    # it in another; its evidence also touches the gold's duration entry.
    ("divergences", "recall"): 0.74,
}


@pytest.fixture(scope="module")
def scores(nlp, seed_paths):
    return score_corpus(nlp, seed_paths, gold=GOLD, corpus=SEEDS)


@pytest.mark.parametrize(("section", "figure"), list(FLOORS))
def test_seed_figure_above_floor(scores, section: str, figure: str) -> None:
    assert scores[section][figure] >= FLOORS[(section, figure)], scores[section]


def test_no_forged_span(scores) -> None:
    assert scores["forged_spans"] == []
