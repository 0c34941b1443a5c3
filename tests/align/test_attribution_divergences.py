"""Attribution divergences: sources made canonical, a divergence only between named
sources that are not one."""

from __future__ import annotations

import pytest

from recoupe.align import align
from recoupe.align.attribution import canonical, quotations, role_resolver
from recoupe.align.entities import EntityIndex, resolve_entities
from recoupe.align.quotes import source_resolver
from recoupe.align.units import build_units
from recoupe.model import Attribution, Source, TextSpan

CLAIM = "Le port de Valdorra rouvrira lundi matin"


def _credit(text: str, name: str, *, kind: str = "person", key: str | None = None):
    """The attribution of the whole of ``text`` (one sentence) to ``name``."""
    return Attribution(
        span=_whole(text), source=Source(kind=kind, name=name, key=key, span=_at(text, name))
    )


def _whole(text: str) -> TextSpan:
    return TextSpan(start=0, end=len(text), text=text)


def _at(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start=start, end=start + len(part), text=part)


def _article(build, source: str, said: str, name: str | None, **credit):
    """One article stating the claim, credited to ``name`` (None: not attributed)."""
    text = f"{CLAIM}, {said}." if said else f"{CLAIM}."
    people = [(w, "PER") for w in credit.pop("people", ())]
    attributions = [_credit(text, name, **credit)] if name else []
    return build.article(text, source=source, mentions=people, attributions=attributions)


def _attributions(items) -> list:
    return [d for d in align(items).divergences if d.kind == "attribution"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # an epithet for the named source of the other account
        (
            (
                "a déclaré le ministre de la Pêche Ilona Varga",
                "le ministre de la Pêche Ilona Varga",
                {"key": "ilona varga", "people": ["Ilona Varga"]},
            ),
            ("a déclaré le ministre de la Pêche", "le ministre de la Pêche", {}),
        ),
        # one name in two cases of letters
        (
            ("selon la Préfecture maritime", "la Préfecture maritime", {"kind": "institution"}),
            ("selon la préfecture maritime", "la préfecture maritime", {"kind": "institution"}),
        ),
        # a ministry and its minister, a nationality adjective in between
        (
            (
                "selon le ministère valdorrien de la Pêche",
                "le ministère valdorrien de la Pêche",
                {"kind": "institution"},
            ),
            ("a déclaré le ministre de la Pêche", "le ministre de la Pêche", {}),
        ),
        # a spokesperson and the body she speaks for
        (
            ("a indiqué la porte-parole de la mairie", "la porte-parole de la mairie", {}),
            ("selon la mairie", "la mairie", {"kind": "institution"}),
        ),
        # a body and the woman who heads it: the role in the feminine
        (
            ("selon la préfecture", "la préfecture", {"kind": "institution"}),
            (
                "a annoncé la préfète Ilona Varga",
                "la préfète Ilona Varga",
                {"key": "ilona varga", "people": ["Ilona Varga"]},
            ),
        ),
        (
            ("selon la direction du port", "la direction du port", {"kind": "institution"}),
            ("a annoncé la directrice du port", "la directrice du port", {}),
        ),
        # a surname alone and the full name
        (
            ("a déclaré M. Varga", "M. Varga", {"key": "varga"}),
            ("a déclaré Ilona Varga", "Ilona Varga", {"key": "ilona varga"}),
        ),
    ],
)
def test_two_names_of_one_source_are_no_divergence(build, first, second) -> None:
    a = _article(build, "a.txt", first[0], first[1], **first[2])
    b = _article(build, "b.txt", second[0], second[1], **second[2])
    assert not _attributions([a, b])


def test_different_named_sources_diverge_with_a_reason_naming_both(build) -> None:
    a = _article(build, "a.txt", "selon la préfecture", "la préfecture", kind="institution")
    b = _article(
        build,
        "b.txt",
        "selon le syndicat des dockers",
        "le syndicat des dockers",
        kind="institution",
    )
    (found,) = _attributions([a, b])
    assert "la préfecture" in found.reason and "le syndicat des dockers" in found.reason
    assert 0.0 < found.confidence <= 1.0
    assert {s.value for s in found.sides} == {"la préfecture", "le syndicat des dockers"}


def test_two_people_of_one_title_are_two_sources(build) -> None:
    a = _article(
        build,
        "a.txt",
        "a déclaré le député Ilona Varga",
        "le député Ilona Varga",
        key="ilona varga",
        people=["Ilona Varga"],
    )
    b = _article(
        build,
        "b.txt",
        "a déclaré le député Paul Ostrova",
        "le député Paul Ostrova",
        key="paul ostrova",
        people=["Paul Ostrova"],
    )
    assert len(_attributions([a, b])) == 1


def test_an_unattributed_side_alone_makes_no_divergence(build) -> None:
    a = _article(build, "a.txt", "selon la préfecture", "la préfecture", kind="institution")
    b = _article(build, "b.txt", "", None)
    assert not _attributions([a, b])


def test_an_unattributed_side_is_shown_beside_two_named_ones(build) -> None:
    a = _article(build, "a.txt", "selon la préfecture", "la préfecture", kind="institution")
    b = _article(build, "b.txt", "selon le syndicat", "le syndicat", kind="institution")
    c = _article(build, "c.txt", "", None)
    (found,) = _attributions([a, b, c])
    assert "not attributed" in {s.label for s in found.sides}


def test_an_anonymous_source_makes_no_divergence(build) -> None:
    a = _article(build, "a.txt", "selon la préfecture", "la préfecture", kind="institution")
    b = _article(build, "b.txt", "selon une source portuaire", "une source portuaire")
    assert not _attributions([a, b])


def test_a_clause_taken_for_a_name_is_no_source(build) -> None:
    a = _article(
        build,
        "a.txt",
        "tandis que l'autre élu, Paul Ostrova, se tait",
        "tandis que l'autre élu, Paul Ostrova",
        key="paul ostrova",
    )
    b = _article(build, "b.txt", "a déclaré Ilona Varga", "Ilona Varga", key="ilona varga")
    assert not _attributions([a, b])


def test_a_role_alone_no_source_gives_may_be_the_named_person(build) -> None:
    # nothing says who the mayor is: "le maire" may well be Ilona Varga
    a = _article(build, "a.txt", "a déclaré le maire", "le maire")
    b = _article(build, "b.txt", "a déclaré Ilona Varga", "Ilona Varga", key="ilona varga")
    assert not _attributions([a, b])


def test_the_government_against_a_minister_is_a_slight_difference(build) -> None:
    a = _article(build, "a.txt", "selon le gouvernement", "le gouvernement", kind="institution")
    b = _article(
        build,
        "b.txt",
        "a déclaré le ministre de la Pêche Ilona Varga",
        "le ministre de la Pêche Ilona Varga",
        key="ilona varga",
    )
    c = _article(build, "c.txt", "selon la préfecture", "la préfecture", kind="institution")
    (slight,) = _attributions([a, b])
    (named,) = _attributions([b, c])
    assert slight.confidence < named.confidence


@pytest.mark.parametrize(
    ("name", "label"),
    [
        (
            "le ministre de la Pêche, Ilona Varga, qui a démenti",
            "le ministre de la Pêche, Ilona Varga",
        ),
        ("Ilona Varga, «nous rouvrirons", "Ilona Varga"),
    ],
)
def test_a_name_running_into_a_clause_is_cut_there(name: str, label: str) -> None:
    who = canonical(Source(kind="person", name=name, key="ilona varga"))
    assert who is not None and who.label == label


@pytest.mark.parametrize("name", ["l'intéressé", "ce dernier", "qui a démenti"])
def test_an_unresolved_epithet_or_a_clause_is_no_source(name: str) -> None:
    assert canonical(Source(kind="person", name=name)) is None


def _story(build, *sentences: tuple[str, str, str | None, list[str]]):
    items = []
    for n, (text, name, key, people) in enumerate(sentences):
        items.append(
            build.article(
                text,
                source=f"{n}.txt",
                mentions=[(p, "PER") for p in people],
                attributions=[_credit(text, name, key=key)],
            )
        )
    index = EntityIndex(resolve_entities(items))
    return build_units(items, index, max_chars=400), source_resolver(index), index


def test_a_role_alone_is_the_one_person_the_story_gives_it(build) -> None:
    units, resolve, index = _story(
        build,
        (
            "Le Premier ministre Ilona Varga a visité le port de Valdorra mardi.",
            "Le Premier ministre Ilona Varga",
            "ilona varga",
            ["Ilona Varga"],
        ),
        (
            "Le port de Valdorra rouvrira lundi, a déclaré le Premier ministre.",
            "le Premier ministre",
            None,
            [],
        ),
    )
    found = role_resolver(units, resolve)(Source(kind="person", name="le Premier ministre"))
    assert found == index.lookup("Ilona Varga")


def test_a_role_two_people_hold_names_no_one(build) -> None:
    units, resolve, _ = _story(
        build,
        (
            "Le député Ilona Varga a visité le port de Valdorra mardi.",
            "Le député Ilona Varga",
            "ilona varga",
            ["Ilona Varga"],
        ),
        (
            "Le député Paul Ostrova a visité le port de Valdorra mercredi.",
            "Le député Paul Ostrova",
            "paul ostrova",
            ["Paul Ostrova"],
        ),
    )
    assert role_resolver(units, resolve)(Source(kind="person", name="le député")) is None


def test_whom_a_verb_accuses_is_no_source(build) -> None:
    # "a accusé la préfecture de ...": the préfecture is accused, it does not speak
    text = f"{CLAIM}, et le syndicat a accusé la préfecture de retarder les travaux."
    a = build.article(
        text,
        source="a.txt",
        attributions=[_credit(text, "la préfecture", kind="institution")],
    )
    b = _article(build, "b.txt", "selon la mairie", "la mairie", kind="institution")
    assert not _attributions([a, b])


def test_the_seat_of_a_ministry_is_its_minister(build) -> None:
    a = _article(
        build,
        "a.txt",
        "selon le Quai d'Orsay",
        "le Quai d'Orsay",
        kind="institution",
        key="quai d orsay",
    )
    b = _article(
        build,
        "b.txt",
        "a déclaré le ministre des Affaires étrangères Ilona Varga",
        "le ministre des Affaires étrangères Ilona Varga",
        key="ilona varga",
        people=["Ilona Varga"],
    )
    assert not _attributions([a, b])


def test_a_body_whose_role_two_people_hold_names_neither(build) -> None:
    units, resolve, _ = _story(
        build,
        (
            "Le ministre de la Pêche Ilona Varga a visité le port de Valdorra mardi.",
            "Le ministre de la Pêche Ilona Varga",
            "ilona varga",
            ["Ilona Varga"],
        ),
        (
            "Le ministre de la Pêche Paul Ostrova a visité le port de Valdorra mercredi.",
            "Le ministre de la Pêche Paul Ostrova",
            "paul ostrova",
            ["Paul Ostrova"],
        ),
    )
    body = Source(kind="institution", name="le ministère de la Pêche")
    assert role_resolver(units, resolve)(body) is None
    assert role_resolver(units, resolve)(Source(kind="person", name="le ministre")) is None


SAID = "On ne lâchera rien au port"


def _quoting(build, source: str, text: str, speaker: str | None):
    return build.article(text, source=source, quotes=[(SAID, speaker)])


def test_a_quotation_printed_with_no_speaker_where_others_credit_it(build) -> None:
    a = _quoting(build, "a.txt", f"«{SAID}»: les dockers de Valdorra ont défilé.", None)
    b = _quoting(build, "b.txt", f"«{SAID}», a lancé Ilona Varga, docker.", "Ilona Varga")
    (found,) = quotations([a, b])
    assert "Ilona Varga" in found.reason
    assert {s.label for s in found.sides} == {"said by Ilona Varga", "quoted with no speaker"}
    # each side shows the quotation's sentence, not the bare quoted words
    assert all(len(e.span.text) > len(SAID) + 2 for s in found.sides for e in s.evidence)


def test_one_quotation_credited_to_two_people(build) -> None:
    a = _quoting(build, "a.txt", f"«{SAID}», a lancé Ilona Varga.", "Ilona Varga")
    b = _quoting(build, "b.txt", f"«{SAID}», a lancé Paul Ostrova.", "Paul Ostrova")
    (found,) = quotations([a, b])
    assert {s.value for s in found.sides} == {"Ilona Varga", "Paul Ostrova"}


def test_an_article_crediting_the_quotation_elsewhere_gives_it_a_speaker(build) -> None:
    text = f"«{SAID}»: les dockers ont défilé. «{SAID}», a lancé Ilona Varga."
    a = build.article(
        text, source="a.txt", quotes=[(f"{SAID}»:", None), (f"{SAID}», a", "Ilona Varga")]
    )
    b = _quoting(build, "b.txt", f"«{SAID}», a lancé Ilona Varga.", "Ilona Varga")
    assert not quotations([a, b])


def test_a_short_common_phrase_is_no_quotation_to_credit(build) -> None:
    a = build.article(
        "«C'est une honte», a lancé Ilona Varga.",
        source="a.txt",
        quotes=[("C'est une honte", "Ilona Varga")],
    )
    b = build.article(
        "«C'est une honte», a lancé Paul Ostrova.",
        source="b.txt",
        quotes=[("C'est une honte", "Paul Ostrova")],
    )
    assert not quotations([a, b])


def test_copies_of_one_dispatch_raise_no_quotation_credit(build) -> None:
    a = _quoting(build, "a.txt", f"«{SAID}»: les dockers de Valdorra ont défilé.", None)
    b = _quoting(build, "b.txt", f"«{SAID}», a lancé Ilona Varga, docker.", "Ilona Varga")
    one = {a.article.id: "o1", b.article.id: "o1"}
    assert not quotations([a, b], origin_of=one)


def _stating(build, source: str, speaker: str, verb: str, lemma: str, category: str, figure: str):
    text = f"{CLAIM} avec {figure} dockers, {verb} {speaker}."
    number = build.quantity(text, figure, float(figure), unit="docker")
    return build.article(
        text,
        source=source,
        mentions=[(speaker, "PER")],
        claims=[build.claim(text, text, trigger=verb.split()[-1], lemma=lemma, category=category)],
        quantities=[build.replace(number, counts="workers")],
        attributions=[_credit(text, speaker, key=speaker.lower())],
    )


def test_two_people_saying_different_things_in_one_fact_is_no_divergence(build) -> None:
    # one welcomes, the other threatens; their figures differ and count nothing in common
    a = _stating(build, "a.txt", "Ilona Varga", "a salué", "saluer", "SUPPORT", "40")
    b = _stating(build, "b.txt", "Paul Ostrova", "a menacé", "menacer", "THREATEN", "45")
    b = build.replace(
        b,
        analysis=build.replace(
            b.analysis,
            quantities=tuple(build.replace(q, counts=None) for q in b.analysis.quantities),
        ),
    )
    assert not _attributions([a, b])


def test_one_count_credited_to_two_people_is_a_divergence(build) -> None:
    a = _stating(build, "a.txt", "Ilona Varga", "a salué", "saluer", "SUPPORT", "40")
    b = _stating(build, "b.txt", "Paul Ostrova", "a menacé", "menacer", "THREATEN", "45")
    assert len(_attributions([a, b])) == 1


def test_the_dossier_shows_a_quotation_credited_to_two_people(build) -> None:
    from recoupe.align import align

    a = _quoting(build, "a.txt", f"«{SAID}», a lancé Ilona Varga.", "Ilona Varga")
    b = _quoting(build, "b.txt", f"«{SAID}», a lancé Paul Ostrova.", "Paul Ostrova")
    credited = [d for d in align([a, b]).divergences if d.kind == "attribution"]
    assert any({s.value for s in d.sides} == {"Ilona Varga", "Paul Ostrova"} for d in credited)


def test_a_role_alone_is_the_person_the_rest_of_the_story_gives_it(build) -> None:
    from recoupe.align import align

    said = "Le port de Valdorra rouvrira mardi matin après la grève, a annoncé"
    text_a = (
        "Le Premier ministre Jean Valmont a visité les quais lundi soir. "
        f"{said} le Premier ministre."
    )
    text_b = f"{said} Jean Valmont."
    a = build.article(
        text_a,
        source="a.txt",
        mentions=[("Jean Valmont", "PER")],
        attributions=[
            build.attribution(text_a, "rouvrira", kind="person", name="le Premier ministre"),
            build.attribution(
                text_a, "a visité", kind="person", name="Le Premier ministre Jean Valmont"
            ),
        ],
    )
    b = build.article(
        text_b,
        source="b.txt",
        mentions=[("Jean Valmont", "PER")],
        attributions=[build.attribution(text_b, "rouvrira", kind="person", name="Jean Valmont")],
    )
    dossier = align([a, b])
    assert not [d for d in dossier.divergences if d.kind == "attribution"]
    # and the fact counts one primary source, not two
    (told,) = [f for f in dossier.facts if len(f.sources) == 2]
    assert told.origins == 1


def test_a_sentence_naming_both_sources_credits_no_one_of_them(build) -> None:
    from recoupe.align import align

    text_a = (
        "Jean Valmont a salué le travail des 2 300 policiers déployés à Valdorra, et"
        " Claire Osmont a jugé la journée réussie."
    )
    text_b = "Claire Osmont a annoncé 40 arrestations alors que 2 300 policiers étaient déployés."
    people = [("Jean Valmont", "PER"), ("Claire Osmont", "PER")]
    a = build.article(
        text_a,
        source="a.txt",
        mentions=people,
        quantities=[build.quantity(text_a, "2 300", 2300.0, unit="policier")],
        attributions=[build.attribution(text_a, "a salué", kind="person", name="Jean Valmont")],
    )
    b = build.article(
        text_b,
        source="b.txt",
        mentions=people,
        quantities=[build.quantity(text_b, "2 300", 2300.0, unit="policier")],
        attributions=[build.attribution(text_b, "a annoncé", kind="person", name="Claire Osmont")],
    )
    dossier = align([a, b])
    assert any(len(f.sources) == 2 for f in dossier.facts)
    assert not [d for d in dossier.divergences if d.kind == "attribution"]
