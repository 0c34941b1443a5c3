"""A toll given in coordinated parts is compared as its sum."""

from __future__ import annotations

from recoupe.align import align


def _count(build, text: str, words: str, value: float, counts: str, noun: str | None = None):
    q = build.replace(build.quantity(text, words, value), counts=counts)
    return build.replace(q, context=build.at(text, noun)) if noun else q


def _values(dossier) -> list:
    return [d for d in dossier.divergences if d.kind == "value"]


PARTS = (
    "Au total 40 manifestants et 5 policiers ont été blessés samedi à Brélia, selon la préfecture."
)
WHOLE = "La préfecture dit que 45 personnes avaient été blessées samedi à Brélia, dont 5 policiers."
OTHER = "La préfecture dit que 60 personnes avaient été blessées samedi à Brélia, dont 5 policiers."


def _parts(build, text: str = PARTS, source: str = "a.txt"):
    return build.article(
        text,
        source=source,
        quantities=[
            _count(build, text, "40", 40.0, "injured", "40 manifestants"),
            _count(build, text, "5", 5.0, "police", "5 policiers"),
        ],
    )


def _whole(build, text: str, total: float, source: str):
    figure = f"{total:g}"
    return build.article(
        text,
        source=source,
        quantities=[
            _count(build, text, figure, total, "injured", f"{figure} personnes"),
            _count(build, text, "5 policiers", 5.0, "police", "5 policiers"),
        ],
    )


def test_parts_of_a_toll_agree_with_the_total(build) -> None:
    # 40 protesters and 5 police injured are the 45 injured, 5 of them police
    dossier = align([_parts(build), _whole(build, WHOLE, 45.0, "b.txt")])
    assert _values(dossier) == []


def test_the_sum_of_the_parts_is_what_another_total_contradicts(build) -> None:
    parts = _parts(build)
    dossier = align(
        [parts, _whole(build, WHOLE, 45.0, "b.txt"), _whole(build, OTHER, 60.0, "c.txt")]
    )
    (value,) = _values(dossier)
    by_value = {s.value: set(s.sources) for s in value.sides}
    assert set(by_value) == {"45", "60"}
    assert parts.article.id in by_value["45"]


def test_figures_of_two_counts_joined_by_et_are_not_added(build) -> None:
    # arrests and injured are two tolls, whatever joins them
    text = "Au total 40 personnes ont été interpellées et 5 blessées samedi à Brélia."
    article = build.article(
        text,
        source="a.txt",
        quantities=[
            _count(build, text, "40", 40.0, "arrests", "40 personnes"),
            _count(build, text, "5", 5.0, "injured", "5 blessées"),
        ],
    )
    other = _whole(build, WHOLE, 45.0, "b.txt")
    sides = [s for d in _values(align([article, other])) for s in d.sides]
    assert article.article.id not in {a for s in sides if s.value == "45" for a in s.sources}
    assert {s.value for s in sides} == {"5", "45"}  # 5 injured against 45


def test_a_part_after_a_comma_is_no_coordinated_part(build) -> None:
    text = "Au total 40 manifestants ont été blessés samedi à Brélia, et 5 policiers aussi."
    article = build.article(
        text,
        source="a.txt",
        quantities=[
            _count(build, text, "40", 40.0, "injured", "40 manifestants"),
            _count(build, text, "5", 5.0, "police", "5 policiers"),
        ],
    )
    (value,) = _values(align([article, _whole(build, WHOLE, 45.0, "b.txt")]))
    assert {s.value for s in value.sides} == {"40", "45"}
