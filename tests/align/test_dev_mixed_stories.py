"""Several real stories in one input (issue 10): each is cross-checked on its own.

The dev stories (JSON Lines, with outlet and date) are read together with the dev
distractors (other days of the same protests, read as plain text with the corpus
manifest), grouped into stories and cross-checked story by story, as ``recoupe analyze``
does. Asserted: no fact, divergence or omission crosses two predicted stories; each dev
story is found whole; and its figures are those of analysing its file alone. Only
structure and figures: no story's words appear here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scoring import SHARED, load_scorer

from recoupe import align, parts, report, stories
from recoupe.analyze import analyze
from recoupe.config import load_settings
from recoupe.ingest import read_all
from recoupe.model import AnalyzedArticle, Dossier, Duplicate
from recoupe.run import cross_check, story_settings

DEV = SHARED / "corpus" / "dev"
GOLD = SHARED / "eval" / "gold" / "dev"

pytestmark = [pytest.mark.seeds, pytest.mark.model]


@pytest.fixture(scope="module")
def mixed(nlp) -> tuple[list[AnalyzedArticle], list[Duplicate], Dossier]:
    if not (DEV / "jsonl").is_dir() or not (DEV / "distractors").is_dir():
        pytest.skip(f"dev corpus not found at {DEV}")
    read = read_all([DEV / "jsonl", DEV / "distractors"])
    analyzed = list(analyze(read.articles, nlp=nlp))
    settings = load_settings()
    found = stories.cluster(
        ((item.article, item.analysis) for item in analyzed),
        encoder=stories.load_encoder() if settings.stories.encoder else None,
        settings=story_settings(settings),
    )
    duplicates = list(read.duplicates)
    return analyzed, duplicates, cross_check(analyzed, found, duplicates=duplicates)


def _dev_stories() -> list[str]:
    return sorted(p.stem for p in (DEV / "jsonl").glob("*.jsonl"))


def _members(analyzed: list[AnalyzedArticle], story: str) -> list[AnalyzedArticle]:
    """The articles read from one dev story's JSON Lines file."""
    return [i for i in analyzed if Path(i.article.origin.split("#")[0]).stem == story]


def test_no_record_crosses_two_stories(mixed) -> None:
    _analyzed, _duplicates, dossier = mixed
    assert len(dossier.stories) > len(_dev_stories())
    story_of = {a: s.id for s in dossier.stories for a in s.articles}
    own = {s.id: set(s.facts) for s in dossier.stories}
    for fact in dossier.facts:
        assert len({story_of[e.article_id] for e in fact.evidence}) == 1, fact.id
    for div in dossier.divergences:
        docs = {e.article_id for side in div.sides for e in side.evidence}
        docs |= {a for side in div.sides for a in side.sources}
        assert len({story_of[d] for d in docs}) == 1, div.id
    for profile in dossier.profiles:
        mine = own[story_of[profile.article_id]]
        assert set(profile.facts_omitted) <= mine and set(profile.facts_carried) <= mine


@pytest.mark.parametrize("story", _dev_stories() if (DEV / "jsonl").is_dir() else [])
def test_each_dev_story_is_found_whole_and_scores_as_alone(mixed, story: str) -> None:
    analyzed, duplicates, dossier = mixed
    members = _members(analyzed, story)
    ids = {item.article.id for item in members}
    (found,) = [s for s in dossier.stories if ids & set(s.articles)]
    assert set(found.articles) == ids
    scorer = load_scorer()
    gold = json.loads((GOLD / f"{story}.json").read_text(encoding="utf-8"))
    corpus = scorer.Corpus(str(DEV / story))
    united = json.loads(report.render(parts.story_part(dossier, found.id), "json"))
    pairs = [d for d in duplicates if {d.article_id, d.of_id} <= ids]
    alone = json.loads(report.render(align.align(members, duplicates=pairs), "json"))
    assert scorer.score(gold, united, corpus) == scorer.score(gold, alone, corpus)
