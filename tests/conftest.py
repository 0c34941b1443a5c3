"""Shared fixtures: the analysis pipeline (loaded once), the seed corpus, helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recoupe.model import Article, TextSpan

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The full French pipeline with recoupe's components (fr_core_news_md)."""
    from recoupe.analyze import build_nlp

    return build_nlp()


def make_article(
    text: str, *, published: str | None = "2025-03-19", source: str = "t.txt"
) -> Article:
    """An article whose whole text is body, for component tests on hand-written French."""
    return Article(
        id="test-" + str(abs(hash(text)) % 10**8),
        source=source,
        origin=source,
        text=text,
        body=(TextSpan(start=0, end=len(text), text=text),),
        published=dt.date.fromisoformat(published) if published else None,
        language="fr",
    )


@pytest.fixture(scope="session")
def analyze_text(nlp):
    """``analyze_text(text, published=...)`` -> Analysis of one hand-written article."""
    from recoupe.analyze import analyze

    def run(text: str, *, published: str | None = "2025-03-19"):
        (result,) = analyze([make_article(text, published=published)], nlp=nlp)
        return result.analysis

    return run


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return sorted(SEEDS.iterdir())


@pytest.fixture(scope="session")
def seed_analyses(nlp, seed_paths):
    """Each seed analysed once, as one article whose whole text is body: (text, Analysis).

    Published on the day after the events they report, so relative dates resolve.
    """
    from recoupe.analyze import analyze

    articles = [
        make_article(path.read_text(encoding="utf-8"), published="2025-03-19", source=path.name)
        for path in seed_paths
    ]
    return [(result.article.text, result.analysis) for result in analyze(articles, nlp=nlp)]


@pytest.fixture(scope="session")
def words_only():
    """Story settings where words alone decide, so that placement tests read plainly."""
    from recoupe.stories import StorySettings

    return StorySettings(
        join=0.01,  # few threads: the stories are cut inside them
        merge=0.5,
        converge=2.0,
        cut=0.5,
        attach=1.0,  # strays stay alone
        lexical=1.0,
        semantic=0.0,
        names=0.0,
        years=0.0,
        days=0.0,
        gap=0.0,
    )
