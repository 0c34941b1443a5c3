"""The report view: divergences most certain first, the uncertain folded, kinds in plain words."""

from __future__ import annotations

import dataclasses

import pytest
from dossier_factory import make_dossier

from recoupe.model import Divergence
from recoupe.report.html import render_html
from recoupe.report.markdown import render_markdown
from recoupe.report.view import CERTAIN, KIND_GLOSS, build_view, certainty


@pytest.mark.parametrize(
    ("confidence", "words"),
    [
        (1.0, "almost certain"),
        (0.85, "almost certain"),
        (0.7, "likely"),
        (0.5, "possible"),
        (0.49, "doubtful"),
        (0.0, "doubtful"),
    ],
)
def test_confidence_in_words(confidence: float, words: str) -> None:
    assert certainty(confidence) == words


def test_the_bar_matches_the_words() -> None:
    # what is folded is exactly what the words call doubtful
    assert certainty(CERTAIN) != "doubtful"
    assert certainty(CERTAIN - 0.01) == "doubtful"


def test_every_kind_the_rules_emit_has_a_gloss() -> None:
    kinds = {"value", "date", "detail", "scope", "polarity", "modality", "condition"}
    kinds |= {"attribution", "omission", "evolution", "edit", "quotation"}
    kinds |= {"loaded_language", "naming"}
    assert kinds <= KIND_GLOSS.keys()
    assert all(gloss and gloss == gloss.strip() for gloss in KIND_GLOSS.values())


def test_uncertain_divergences_are_split_off_in_order() -> None:
    view = build_view(make_dossier())
    assert [dv.divergence.id for dv in view.certain_divergences] == ["v1", "v2", "v3"]
    assert [dv.divergence.id for dv in view.uncertain_divergences] == ["v4"]
    assert [dv.certainty for dv in view.divergences] == [
        "almost certain",
        "likely",
        "possible",
        "doubtful",
    ]
    assert [dv.divergence.id for dv in view.wording] == ["w1"]
    # the glossary lists each kind shown once, divergences first, then wording
    kinds = [kind for kind, _ in view.glossary]
    assert kinds == ["value", "scope", "polarity", "omission", "naming"]


def test_markdown_puts_the_less_certain_after_the_certain_and_wording_after_both() -> None:
    text = render_markdown(make_dossier())
    order = [
        text.index("## Divergences"),
        text.index("v1 · value · almost certain"),
        text.index("v3 · polarity · possible"),
        text.index("### Less certain"),
        text.index('#### <a id="div-v4"></a>v4 · omission · doubtful'),
        text.index("## Wording"),
        text.index("w1 · naming"),
        text.index("## Timeline"),
    ]
    assert order == sorted(order)
    assert "[Wording](#wording)" in text
    assert "**omission**: " + KIND_GLOSS["omission"] in text


def test_html_folds_the_less_certain_in_a_closed_details() -> None:
    html = render_html(make_dossier())
    start = html.index('<details class="less-certain"')
    folded = html[start : html.index("</details>", start)]
    assert 'id="div-v4"' in folded
    assert 'id="div-v1"' not in folded
    assert '<details class="less-certain" id="less-certain">' in html  # closed: no "open"
    assert html.index('id="div-v4"') < html.index('<section id="wording">')
    assert f'title="{KIND_GLOSS["value"]}"' in html


def test_nothing_folded_when_every_divergence_is_certain() -> None:
    made = make_dossier()
    sure = tuple(dataclasses.replace(d, confidence=0.9) for d in made.divergences)
    made = dataclasses.replace(made, divergences=sure)
    assert "Less certain" not in render_markdown(made)
    assert 'id="less-certain"' not in render_html(made)


def test_no_wording_says_so() -> None:
    made = dataclasses.replace(make_dossier(), wording=())
    assert "No wording differences in this dossier." in render_markdown(made)
    assert "No wording differences in this dossier." in render_html(made)


def test_a_kind_without_a_gloss_still_renders() -> None:
    made = make_dossier()
    odd = Divergence(id="v5", kind="novel", reason="a kind the glossary lacks", confidence=0.6)
    made = dataclasses.replace(made, divergences=(*made.divergences, odd))
    assert "v5 · novel · possible" in render_markdown(made)
    assert "novel" not in dict(build_view(made).glossary)
