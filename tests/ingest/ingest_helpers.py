"""Helpers for ingest tests: a hand-written story and checks of an article's spans."""

from __future__ import annotations

import itertools

from recoupe.model import Article, IngestResult

# Hand-written French paragraphs (an invented story), long enough for language
# identification and near-duplicate detection.
PARAGRAPHS = (
    "Le conseil municipal de Brest a adopté lundi soir un budget en hausse de 4 % pour "
    "l'année prochaine, après plus de six heures de débats animés.",
    "La maire, Claire Lemoal, a défendu « un effort sans précédent » en faveur des écoles "
    "et des transports publics, tandis que l'opposition dénonçait une dette trop lourde.",
    "Selon la direction des finances, les investissements atteindront 120 millions d'euros, "
    "dont la moitié consacrée à la rénovation thermique des bâtiments communaux.",
    "Les élus écologistes ont voté pour le texte, mais ont réclamé un calendrier précis "
    "pour la fermeture de la dernière chaufferie au fioul de la ville.",
    "Le préfet doit encore valider la délibération dans les deux prochains mois, a précisé "
    "un porte-parole de la mairie à l'issue de la séance.",
)
STORY = "\n".join(PARAGRAPHS) + "\n"


def check_spans(article: Article) -> None:
    """Every span slices to its text; body, dateline and removed spans do not overlap."""
    spans = [*article.body, *article.removed]
    if article.dateline is not None:
        spans.append(article.dateline)
    for span in spans:
        assert 0 <= span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
    ordered = sorted(spans)
    for before, after in itertools.pairwise(ordered):
        assert before.end <= after.start, (before, after)


def uncovered(article: Article) -> str:
    """The non-blank text outside body, dateline and removed spans (the title line, if any)."""
    covered = [False] * len(article.text)
    spans = [*article.body, *article.removed]
    if article.dateline is not None:
        spans.append(article.dateline)
    for span in spans:
        covered[span.start : span.end] = [True] * (span.end - span.start)
    rest = "".join(c if not covered[i] else " " for i, c in enumerate(article.text))
    return " ".join(rest.replace("\ufeff", " ").split())


def body_text(article: Article) -> str:
    return "\n".join(span.text for span in article.body)


def reasons(result: IngestResult) -> list[str]:
    return [r.reason for r in result.rejected]
