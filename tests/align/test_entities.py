"""Entity resolution across articles: spelling variants merge, different people do not."""

from __future__ import annotations

import pytest

from recoupe.align import align
from recoupe.align.names import first_names_compatible, phonetic, surnames_match


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("poutchenko", "putchenko"),  # ou/u transliteration
        ("kovalenko", "kowalenko"),  # w/v
        ("grigoryev", "grigoriev"),  # y/i
        ("abramovitch", "abramovich"),  # tch/ch
        ("mallory", "malory"),  # doubled letter
        ("bortnikova", "bortnikowa"),
        ("lavrentine", "lavrentin"),  # final e
        ("khoury", "houry"),  # kh/h
    ],
)
def test_transliterated_surnames_match(a: str, b: str) -> None:
    assert surnames_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("tremblay", "tusk"),
        ("moreau", "morin"),
        ("martin", "martinez"),  # a longer name, not a spelling
        ("lebrun", "lebon"),
    ],
)
def test_different_surnames_do_not_match(a: str, b: str) -> None:
    assert not surnames_match(a, b)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        (("karine",), ("carine",), True),
        (("j",), ("jeanne",), True),
        ((), ("jeanne",), True),
        (("jeanne",), ("paul",), False),
        (("marie",), ("mario",), False),
    ],
)
def test_first_names(a, b, compatible: bool) -> None:
    assert first_names_compatible(a, b) is compatible


def test_phonetic_key_folds_accents_and_final_e() -> None:
    assert phonetic("Lavrentine") == phonetic("lavrentin")


def _entity_of(dossier, surface: str) -> set[str]:
    return {e.id for e in dossier.entities for m in e.mentions if m.span.text == surface}


def test_variants_merge_across_articles(build) -> None:
    a = build.article(
        "La ministre Jeanne Morel-Vasseur a rencontré Piotr Kovalenko à Brest. "
        "Mme Morel-Vasseur a salué l'accord.",
        source="a.txt",
        mentions=[
            ("Jeanne Morel-Vasseur", "PER"),
            ("Morel-Vasseur", "PER"),
            ("Piotr Kovalenko", "PER"),
            ("Brest", "LOC"),
        ],
    )
    b = build.article(
        "Selon Jeanne Morel Vasseur, l'entretien avec Piotr Kowalenko a duré une heure. "
        "Kowalenko n'a pas commenté.",
        source="b.txt",
        mentions=[
            ("Jeanne Morel Vasseur", "PER"),
            ("Piotr Kowalenko", "PER"),
            ("Kowalenko", "PER"),
        ],
    )
    dossier = align([a, b])
    assert (
        len(
            _entity_of(dossier, "Jeanne Morel-Vasseur")
            | _entity_of(dossier, "Morel-Vasseur")
            | _entity_of(dossier, "Jeanne Morel Vasseur")
        )
        == 1
    )
    kov = _entity_of(dossier, "Piotr Kovalenko") | _entity_of(dossier, "Kowalenko")
    assert len(kov) == 1
    assert _entity_of(dossier, "Piotr Kowalenko") == kov


def test_same_surname_different_first_names_stay_apart(build) -> None:
    a = build.article(
        "Paul Garnier et Lucie Garnier ont signé. Garnier a ensuite parlé à la presse.",
        source="a.txt",
        mentions=[("Paul Garnier", "PER"), ("Lucie Garnier", "PER"), ("Garnier", "PER")],
    )
    dossier = align([a])
    assert _entity_of(dossier, "Paul Garnier") != _entity_of(dossier, "Lucie Garnier")
    # the lone surname is ambiguous: it joins neither
    lone = _entity_of(dossier, "Garnier") - _entity_of(dossier, "Paul Garnier")
    assert lone and not lone & _entity_of(dossier, "Lucie Garnier")


def test_near_names_of_two_people_do_not_merge(build) -> None:
    a = build.article(
        "Donatien Trallet a appelé Donatien Tresk.",
        source="a.txt",
        mentions=[("Donatien Trallet", "PER"), ("Donatien Tresk", "PER")],
    )
    dossier = align([a])
    assert _entity_of(dossier, "Donatien Trallet") != _entity_of(dossier, "Donatien Tresk")


def test_surname_alone_joins_the_only_full_name(build) -> None:
    a = build.article(
        "Le président Aurelio Bastida a parlé mardi. M. Bastida a promis un accord.",
        source="a.txt",
        mentions=[("Aurelio Bastida", "PER"), ("Bastida", "PER")],
    )
    b = build.article("Bastida a confirmé l'accord.", source="b.txt", mentions=[("Bastida", "PER")])
    dossier = align([a, b])
    assert len(_entity_of(dossier, "Aurelio Bastida") | _entity_of(dossier, "Bastida")) == 1
    (ent,) = [e for e in dossier.entities if e.label == "PER"]
    assert ent.name == "Aurelio Bastida"


def test_surname_alone_joins_a_full_name_the_model_took_for_no_person(build) -> None:
    # the model tags the full name MISC and the lone surname PER: one person all the same
    a = build.article(
        "Le ministre Aurelio Bastida a parlé mardi.",
        source="a.txt",
        mentions=[("Aurelio Bastida", "MISC")],
    )
    b = build.article("Bastida a confirmé l'accord.", source="b.txt", mentions=[("Bastida", "PER")])
    dossier = align([a, b])
    assert len(_entity_of(dossier, "Aurelio Bastida") | _entity_of(dossier, "Bastida")) == 1


def test_places_merge_through_wrappers_and_hyphens(build) -> None:
    a = build.article(
        "Les troupes ont quitté la région de Valdorra. Le Palais-Rouge a démenti.",
        source="a.txt",
        mentions=[("région de Valdorra", "LOC"), ("Palais-Rouge", "ORG")],
    )
    b = build.article(
        "Valdorra reste calme, selon le Palais Rouge.",
        source="b.txt",
        mentions=[("Valdorra", "LOC"), ("Palais Rouge", "LOC")],
    )
    dossier = align([a, b])
    assert len(_entity_of(dossier, "région de Valdorra") | _entity_of(dossier, "Valdorra")) == 1
    assert len(_entity_of(dossier, "Palais-Rouge") | _entity_of(dossier, "Palais Rouge")) == 1


@pytest.mark.parametrize(
    ("first", "second", "entities"),
    [
        # one name: spaced and glued, "du" misprinted for "de la", a street, a building
        (("Radio Vent TV", "ORG"), ("RadioVent TV", "ORG"), 1),
        (("Porte de la Lune", "LOC"), ("Porte du Lune", "LOC"), 1),
        (("avenue des Tilleuls-Bleus", "LOC"), ("Tilleuls-Bleus", "LOC"), 1),
        (("Palais de l'Orangerie", "LOC"), ("Orangerie", "ORG"), 1),
        (("musée du Belvédère", "LOC"), ("Belvédère", "LOC"), 1),
        # two: a station is not its city, one letter apart, too short to read loosely
        (("gare de Lyon", "LOC"), ("Lyon", "LOC"), 2),
        (("Porte de la Lune", "LOC"), ("Porte de la Dune", "LOC"), 2),
        (("ABC", "ORG"), ("A B C", "ORG"), 2),
    ],
)
def test_place_and_organisation_spellings(build, first, second, entities) -> None:
    a = build.article(
        f"Les équipes étaient devant {first[0]} samedi.", source="a.txt", mentions=[first]
    )
    b = build.article(f"Selon {second[0]}, tout est calme.", source="b.txt", mentions=[second])
    dossier = align([a, b])
    assert len(_entity_of(dossier, first[0]) | _entity_of(dossier, second[0])) == entities


def test_quote_speakers_resolve_to_entities(build) -> None:
    text = "« Nous signerons », a déclaré M. Bastida. Aurelio Bastida était à Lyon."
    a = build.article(
        text,
        source="a.txt",
        mentions=[("Aurelio Bastida", "PER"), ("Bastida", "PER"), ("Lyon", "LOC")],
        quotes=[
            ("« Nous signerons »", "M. Bastida"),
        ],
    )
    dossier = align([a])
    (quote,) = dossier.quotes
    assert quote.speaker_id is not None
    ent = next(e for e in dossier.entities if e.id == quote.speaker_id)
    assert ent.name == "Aurelio Bastida"


def test_entity_ids_are_stable_whatever_the_input_order(build) -> None:
    a = build.article(
        "Aurelio Bastida est à Lyon.",
        source="a.txt",
        mentions=[("Aurelio Bastida", "PER"), ("Lyon", "LOC")],
    )
    b = build.article(
        "Lyon accueille Bastida.", source="b.txt", mentions=[("Lyon", "LOC"), ("Bastida", "PER")]
    )
    one, two = align([a, b]), align([b, a])
    assert [(e.id, e.name) for e in one.entities] == [(e.id, e.name) for e in two.entities]
    assert one.id == two.id
