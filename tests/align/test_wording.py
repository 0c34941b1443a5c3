"""Wording: loaded words only some outlets use are a divergence of the story; the names
the articles give one armed confrontation are listed apart (``Dossier.wording``)."""

from __future__ import annotations

import pytest

from recoupe.align import align
from recoupe.align.wording import own_words


def _kinds(wording) -> dict[str, list]:
    out: dict[str, list] = {}
    for div in wording:
        out.setdefault(div.kind, []).append(div)
    return out


def _loaded(dossier) -> list:
    return [d for d in dossier.divergences if d.kind == "loaded_language"]


def test_loaded_words_only_some_outlets_use(build) -> None:
    a = build.article(
        "Le régime a réprimé la manifestation des dockers de Valdorra.", source="a.txt"
    )
    b = build.article(
        "Le gouvernement a dispersé la manifestation des dockers de Valdorra.", source="b.txt"
    )
    dossier = align([a, b])
    (loaded,) = _loaded(dossier)
    assert loaded.id.startswith("v")
    assert loaded.facts == ()  # it frames the whole story, no one fact
    (using,) = [s for s in loaded.sides if s.evidence]
    assert using.sources == (a.article.id,)
    assert using.value == "regime"
    (plain,) = [s for s in loaded.sides if not s.evidence]
    assert plain.sources == (b.article.id,)
    assert "loaded_language" not in _kinds(dossier.wording)


def test_events_named_differently(build) -> None:
    a = build.article("La guerre entre les deux pays dure depuis trois ans.", source="a.txt")
    b = build.article("Le conflit entre les deux pays dure depuis trois ans.", source="b.txt")
    dossier = align([a, b])
    (naming,) = _kinds(dossier.wording)["naming"]
    assert {s.value for s in naming.sides} == {"guerre", "conflit"}
    assert [w.id for w in dossier.wording] == [f"w{n}" for n in range(1, len(dossier.wording) + 1)]


def test_the_trap_articles_that_all_use_the_same_words_make_no_naming(build) -> None:
    text = "La guerre et le conflit entre les deux pays durent depuis trois ans."
    a = build.article(text, source="a.txt")
    b = build.article("Selon Valdorra, " + text[0].lower() + text[1:], source="b.txt")
    assert "naming" not in _kinds(align([a, b]).wording)


def test_the_trap_a_crisis_and_street_clashes_are_no_names_of_a_war(build) -> None:
    a = build.article(
        "Le gouvernement de Valdorra a tenu une réunion de crise samedi soir.", source="a.txt"
    )
    b = build.article(
        "Des affrontements ont opposé les dockers à la police samedi à Valdorra.",
        source="b.txt",
    )
    assert "naming" not in _kinds(align([a, b]).wording)


def test_the_trap_a_labour_dispute_is_no_name_of_a_war(build) -> None:
    a = build.article("Le conflit social paralyse le port de Valdorra.", source="a.txt")
    b = build.article("La guerre entre les deux pays dure depuis trois ans.", source="b.txt")
    assert "naming" not in _kinds(align([a, b]).wording)


def test_the_trap_a_terrorist_attack_named_so_is_no_loaded_word(build) -> None:
    a = build.article(
        "Le suspect avait été condamné pour un attentat terroriste commis à Valdorra en 2021.",
        source="a.txt",
    )
    b = build.article("Le suspect avait été condamné à Valdorra en 2021.", source="b.txt")
    assert not _loaded(align([a, b]))


def test_a_law_s_title_in_quotation_marks_is_not_the_outlet_s_wording(build) -> None:
    a = build.article(
        "Le Sénat de Valdorra a voté la loi « contre le terrorisme portuaire » mardi.",
        source="a.txt",
    )
    b = build.article("Le Sénat de Valdorra a voté la loi sur les ports mardi.", source="b.txt")
    assert not _loaded(align([a, b]))


def test_a_law_s_title_without_quotation_marks_is_skipped_too(build) -> None:
    a = build.article(
        "Les députés examinent le projet de loi relatif à la lutte contre le terrorisme.",
        source="a.txt",
    )
    b = build.article("Les députés examinent un texte sur la sécurité des ports.", source="b.txt")
    assert not _loaded(align([a, b]))


def test_a_term_inside_a_name_is_not_the_outlet_s_wording(build) -> None:
    a = build.article(
        "La statue rend hommage aux morts de la Grande Guerre à Valdorra.", source="a.txt"
    )
    b = build.article("Le conflit entre les deux pays dure depuis trois ans.", source="b.txt")
    assert "naming" not in _kinds(align([a, b]).wording)


def test_a_quoted_speaker_s_words_are_not_the_outlet_s(build) -> None:
    a = build.article(
        "« Ce sont des barbares », a lancé Hugo Lestrade devant le port de Valdorra.",
        source="a.txt",
    )
    b = build.article("Hugo Lestrade s'est exprimé devant le port de Valdorra.", source="b.txt")
    assert not _loaded(align([a, b]))


def test_the_trap_the_same_word_outside_the_quotes_still_counts(build) -> None:
    a = build.article(
        "Des casseurs « en colère » ont mené une attaque barbare contre le port de Valdorra.",
        source="a.txt",
    )
    b = build.article("Des casseurs ont attaqué le port de Valdorra.", source="b.txt")
    (loaded,) = _loaded(align([a, b]))
    assert {s.value for s in loaded.sides if s.evidence} == {"barbare"}


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        ("Le régime a cédé.", "regime", None),
        ("Régime et barbarie : rien n'a changé.", "regime et barbarie", None),
        ("Un député a dit « barbarie » hier.", "un depute a dit", "barbarie"),
        ("Il cite “la barbarie” du régime.", "du regime", "barbarie"),
        ("La Seconde Guerre mondiale est loin.", "mondiale est loin", "guerre"),
        ("La loi de lutte contre le terrorisme, votée hier, inquiète.", "inquiete", "terrorisme"),
        ("Le PIB et l'ONU restent.", "pib", None),  # all-capital words are no names
        ("Après les attentats terroristes, le régime.", "le regime", "terroristes"),
        ("Un conflit social dure.", "dure", "conflit"),
    ],
)
def test_own_words(text: str, kept: str, left_out: str | None) -> None:
    words = own_words(text)
    assert kept in words
    if left_out is not None:
        assert left_out not in words
