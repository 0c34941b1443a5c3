"""Exact copies are dropped and reported; reprints and truncated copies are kept and reported."""

from __future__ import annotations

import json
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import PARAGRAPHS, STORY

from recoupe.ingest import dedup, read_all

LONGER = (
    *PARAGRAPHS,
    "Dans la soirée, plusieurs associations de parents d'élèves ont salué la décision, "
    "rappelant que trois écoles du quartier de Recouvrance attendent des travaux depuis dix ans.",
    "Le budget prévoit aussi la gratuité des transports pour les moins de dix-huit ans à partir "
    "de la rentrée de septembre, une mesure chiffrée à quatre millions d'euros par an.",
    "L'opposition a annoncé qu'elle déposerait un recours devant le tribunal administratif "
    "contre la hausse de la taxe foncière votée dans le même texte.",
)


def test_exact_copy_is_dropped_and_reported(write):
    first = write("a.txt", STORY)
    # same body, different page furniture and layout: still the same article
    second = write("b.txt", "Publicité\n\n" + STORY.replace("\n", "\n\n") + "Partager\n")
    result = read_all([first, second])
    (article,) = result.articles
    assert article.source == "a.txt"
    (duplicate,) = result.duplicates
    assert (duplicate.kind, duplicate.similarity) == ("exact", 1.0)
    assert (duplicate.source, duplicate.of_source) == ("b.txt", "a.txt")
    assert duplicate.article_id == duplicate.of_id == article.id


def test_reprint_with_edits_is_a_near_duplicate(write):
    original = write("agence.txt", "\n".join(LONGER))
    edited = [p.replace("lundi soir", "lundi") for p in LONGER]
    edited[3] = edited[3].replace("écologistes", "verts")
    reprint = write("reprise.txt", "Brest : le budget voté\nPar la rédaction\n" + "\n".join(edited))
    result = read_all([original, reprint])
    assert len(result.articles) == 2  # near copies stay
    (duplicate,) = result.duplicates
    assert duplicate.kind == "near"
    assert (duplicate.source, duplicate.of_source) == ("reprise.txt", "agence.txt")
    assert 0.5 <= duplicate.similarity < 1


def test_truncated_copy_is_a_near_duplicate_by_containment(write):
    full = write("1.txt", "\n".join(LONGER))
    truncated = write("2.txt", "\n".join(LONGER[:3]))
    result = read_all([full, truncated])
    (duplicate,) = result.duplicates
    assert (duplicate.kind, duplicate.source, duplicate.of_source) == ("near", "2.txt", "1.txt")
    assert duplicate.similarity >= 0.7


def test_copy_found_in_any_order_against_the_earlier_article(write):
    truncated = write("1.txt", "\n".join(LONGER[:3]))
    full = write("2.txt", "\n".join(LONGER))
    (duplicate,) = read_all([truncated, full]).duplicates
    assert (duplicate.source, duplicate.of_source) == ("2.txt", "1.txt")


def test_different_articles_on_the_same_subject_are_not_duplicates(write):
    other = (
        "Le conseil municipal de Quimper a rejeté jeudi le projet de budget présenté par le maire, "
        "une première depuis vingt ans dans la préfecture du Finistère.\n"
        "Les élus de la majorité ont dénoncé une manœuvre politique, tandis que l'opposition "
        "réclame un audit complet des finances de la ville avant tout nouveau vote.\n"
        "Le préfet pourrait saisir la chambre régionale des comptes si aucun budget n'est adopté "
        "avant la fin du mois d'avril.\n"
    )
    result = read_all([write("brest.txt", STORY), write("quimper.txt", other)])
    assert result.duplicates == ()


def test_duplicate_records_in_json_lines(write):
    lines = [json.dumps({"id": f"r{i}", "text": STORY}) for i in range(3)]
    result = read_all([write("flux.jsonl", "\n".join(lines))])
    assert [a.source for a in result.articles] == ["r0"]
    assert [(d.source, d.of_source, d.kind) for d in result.duplicates] == [
        ("r1", "r0", "exact"),
        ("r2", "r0", "exact"),
    ]


def test_a_copy_cut_to_a_quarter_is_still_found(write):
    # a long article of distinct paragraphs (the words of LONGER, shuffled), then its start
    words = " ".join(LONGER).split()
    paragraphs = [" ".join(random.Random(seed).sample(words, 60)) + "." for seed in range(16)]
    full = write("long.txt", "\n".join(paragraphs))
    excerpt = write("court.txt", "\n".join(paragraphs[:4]))
    (duplicate,) = read_all([full, excerpt]).duplicates
    assert (duplicate.source, duplicate.kind) == ("court.txt", "near")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.integers(0, 40), min_size=1, max_size=15), min_size=2, max_size=6))
def test_shared_shingles_are_counted_as_an_intersection_would(sets: list[set[int]]) -> None:
    shingles = [np.asarray(sorted(s), dtype=np.uint64) for s in sets]
    overlap = dedup._Overlap(shingles)
    for j in range(len(shingles)):
        others = [i for i in range(len(shingles)) if i != j]
        expected = [np.intersect1d(shingles[i], shingles[j]).size for i in others]
        assert overlap.counts(j, others) == expected
