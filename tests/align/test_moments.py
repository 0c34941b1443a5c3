"""A toll updated over two days, told by parts of the day, is an evolution."""

from __future__ import annotations

from recoupe.align import align
from recoupe.align.moments import Moment


def _kinds(dossier) -> dict[str, list]:
    out: dict[str, list] = {}
    for div in dossier.divergences:
        out.setdefault(div.kind, []).append(div)
    return out


def _arrests(build, text: str, figure: str, value: float, dates=(), source: str = "a.txt"):
    q = build.replace(build.quantity(text, figure, value), counts="arrests")
    return build.article(
        text,
        source=source,
        quantities=[build.replace(q, context=build.at(text, figure))],
        dates=[build.date(text, words, iso) for words, iso in dates],
        published="2031-05-10",
    )


EARLY = "Samedi en début d'après-midi, 40 personnes avaient été interpellées à Valdorra."
LATE = "Au total, 75 personnes ont été interpellées à Valdorra, a annoncé dimanche matin la police."
EVENING = "Vers 19 h, 60 personnes avaient été interpellées à Valdorra, selon la police."


def test_a_toll_told_by_parts_of_two_days_is_an_evolution(build) -> None:
    early = _arrests(build, EARLY, "40", 40.0, [("Samedi", "2031-05-10")])
    late = _arrests(build, LATE, "75", 75.0, [("dimanche matin", "2031-05-11")], "b.txt")
    kinds = _kinds(align([early, late]))
    (grown,) = kinds["evolution"]
    assert [s.value for s in grown.sides] == ["40 at 2031-05-10 14:00", "75 at 2031-05-11 09:00"]
    assert "value" not in kinds


def test_an_hour_without_a_day_is_on_the_day_its_article_was_written(build) -> None:
    text = EVENING
    q = build.replace(
        build.quantity(text, "60", 60.0), counts="arrests", context=build.at(text, "60")
    )
    evening = build.article(
        text,
        source="c.txt",
        quantities=[q],
        dates=[build.date(text, "19 h", "T19:00", kind="time")],
        published="2031-05-10",
    )
    late = _arrests(build, LATE, "75", 75.0, [("dimanche matin", "2031-05-11")], "b.txt")
    (grown,) = _kinds(align([evening, late]))["evolution"]
    assert [s.value for s in grown.sides] == ["60 at 2031-05-10 19:00", "75 at 2031-05-11 09:00"]


def test_a_lower_figure_told_the_next_morning_is_a_divergence(build) -> None:
    early = _arrests(build, EARLY.replace("40", "90"), "90", 90.0, [("Samedi", "2031-05-10")])
    late = _arrests(build, LATE, "75", 75.0, [("dimanche matin", "2031-05-11")], "b.txt")
    (value,) = _kinds(align([early, late]))["value"]
    assert value.reason.startswith("a later account gives a lower figure")


def test_a_part_of_the_day_needs_its_date_or_a_lead_word(build) -> None:
    # "soir" in a name is no moment: without moments two figures are a plain divergence
    text = "Selon le journal Le Soir, 60 personnes ont été interpellées à Valdorra."
    named = _arrests(build, text, "60", 60.0)
    late = _arrests(build, LATE, "75", 75.0, [("dimanche matin", "2031-05-11")], "b.txt")
    (value,) = _kinds(align([named, late]))["value"]
    assert value.reason.startswith("different figures")


def test_moments_sort_a_day_without_hour_before_its_hours() -> None:
    assert Moment("2031-05-10").key < Moment("2031-05-10", 60).key < Moment("2031-05-11").key
    assert Moment("2031-05-10", 14 * 60).label(with_day=False) == "14:00"
    assert Moment("2031-05-10", 16 * 60, utc=True).label(with_day=True) == "2031-05-10 16:00Z"


# ------------------------------------------------------- a count at an hour, or not


def _turnout(build, text: str, figure: str, clause: str, hour: str | None, source: str):
    q = build.replace(
        build.quantity(text, figure, 12000.0), counts="participants", context=build.at(text, figure)
    )
    dates = [build.date(text, hour, "T14:00", kind="time")] if hour else []
    told = build.claim(
        text, clause, trigger="manifestants", lemma="manifestant", category="OTHER", quantities=[q]
    )
    return build.article(
        text,
        source=source,
        quantities=[q],
        dates=dates,
        claims=[told],
        published="2031-05-10",
    )


MIDDAY = "Environ 12 000 manifestants ont été recensés à Valdorra vers 14 h, selon la police."
UNTIMED = "La police a recensé environ 12 000 manifestants à Valdorra samedi."


def test_a_count_at_an_hour_given_elsewhere_with_no_time_is_a_detail(build) -> None:
    midday = _turnout(build, MIDDAY, "12 000", MIDDAY[:-1], "14 h", "a.txt")
    untimed = _turnout(build, UNTIMED, "12 000", UNTIMED[:-1], None, "b.txt")
    (detail,) = _kinds(align([midday, untimed]))["detail"]
    assert [s.value for s in detail.sides] == ["12000 at 14:00", "12000, no time given"]
    assert "count at an hour of the day" in detail.reason


def test_an_hour_in_another_clause_is_not_the_count_s(build) -> None:
    text = (
        "Environ 12 000 manifestants ont défilé à Valdorra, et le cortège s'est dispersé vers 14 h."
    )
    elsewhere = _turnout(
        build, text, "12 000", "Environ 12 000 manifestants ont défilé", "14 h", "a.txt"
    )
    untimed = _turnout(build, UNTIMED, "12 000", UNTIMED[:-1], None, "b.txt")
    assert "detail" not in _kinds(align([elsewhere, untimed]))


def test_two_figures_that_only_agree_as_bounds_are_no_interim_count(build) -> None:
    midday = _turnout(build, MIDDAY, "12 000", MIDDAY[:-1], "14 h", "a.txt")
    # "plus de 11 000" agrees with "environ 12 000", and is not that figure
    text = "La police a recensé plus de 11 000 manifestants à Valdorra samedi."
    more = _turnout(build, text, "11 000", text[:-1], None, "b.txt")
    more = build.replace(
        more,
        analysis=build.replace(
            more.analysis,
            quantities=tuple(
                build.replace(q, value=11000.0, qualifier="more_than")
                for q in more.analysis.quantities
            ),
        ),
    )
    assert "detail" not in _kinds(align([midday, more]))
