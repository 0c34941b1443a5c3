"""Quote speakers resolve to the entity the analysis keyed, not the first name in the phrase."""

from __future__ import annotations

from recoupe.align.entities import EntityIndex
from recoupe.align.quotes import resolve_source, source_resolver
from recoupe.model import Entity, EntityMention, Quote, Source, TextSpan

TEXT = "le conseiller de Paul Renard, Jean Moulinet, a déclaré"


def _entity(ent_id: str, name: str, key: str, label: str = "PER") -> Entity:
    start = TEXT.index(name)
    span = TextSpan(start=start, end=start + len(name), text=name)
    return Entity(
        id=ent_id,
        name=name,
        label=label,
        key=key,
        mentions=(EntityMention(article_id="a1", span=span),),
    )


def _speaker(key: str | None) -> Source:
    phrase = "le conseiller de Paul Renard, Jean Moulinet"
    return Source(
        kind="person", name=phrase, key=key, span=TextSpan(start=0, end=len(phrase), text=phrase)
    )


def test_the_keyed_name_in_a_phrase_is_the_speaker():
    index = EntityIndex(
        [
            _entity("e1", "Paul Renard", "paul renard"),
            _entity("e2", "Jean Moulinet", "jean moulinet"),
        ]
    )
    assert resolve_source(_speaker("jean moulinet"), "a1", index) == "e2"


def test_without_a_key_the_first_person_in_the_phrase_is_taken():
    index = EntityIndex(
        [
            _entity("e1", "Paul Renard", "paul renard"),
            _entity("e2", "Jean Moulinet", "jean moulinet"),
        ]
    )
    assert resolve_source(_speaker(None), "a1", index) == "e1"


def test_a_place_in_a_persons_role_phrase_is_not_the_speaker():
    # "le conseiller de Paul Renard, Jean Moulinet" with only the place-like name known
    index = EntityIndex([_entity("e1", "Paul Renard", "paul renard", label="LOC")])
    assert resolve_source(_speaker(None), "a1", index) is None


def test_a_nationality_in_a_role_phrase_is_not_the_speaker():
    # "Français" is an entity of the story (a people named elsewhere); "le Premier ministre
    # français" writes it as an adjective, in lower case: it names no one
    phrase = "le Premier ministre français"
    other = "Une majorité de Français soutient le mouvement."
    span = TextSpan(start=other.index("Français"), end=other.index("Français") + 8, text="Français")
    index = EntityIndex(
        [
            Entity(
                id="e1",
                name="Français",
                label="PER",
                key="francais",
                mentions=(EntityMention(article_id="a2", span=span),),
            )
        ]
    )
    speaker = Source(
        kind="person", name=phrase, key=None, span=TextSpan(start=0, end=len(phrase), text=phrase)
    )
    assert resolve_source(speaker, "a1", index) is None
    assert source_resolver(index)(speaker) is None


def test_a_quote_by_a_role_names_the_one_holder_of_that_role(build) -> None:
    from recoupe.align import align

    named = build.article(
        "Le Premier ministre Jean Varga a annoncé une réunion lundi à Brélia.",
        source="a.txt",
        mentions=[("Jean Varga", "PER"), ("Brélia", "LOC")],
        attributions=[
            build.attribution(
                "Le Premier ministre Jean Varga a annoncé une réunion lundi à Brélia.",
                "Le Premier",
                kind="person",
                name="Le Premier ministre Jean Varga",
                named=True,
            )
        ],
    )
    text = "« Nous ne céderons pas », a dit le Premier ministre. « Jamais », a dit le président."
    quotes = build.article(
        text,
        source="b.txt",
        mentions=[("Brélia", "LOC")],
    )
    role = Source(
        kind="person",
        name="le Premier ministre",
        span=build.at(text, "le Premier ministre"),
    )
    bare = Source(kind="person", name="le président", span=build.at(text, "le président"))
    analysis = build.replace(
        quotes.analysis,
        quotes=(
            Quote(
                span=build.at(text, "« Nous ne céderons pas »"),
                content=build.at(text, "Nous ne céderons pas"),
                kind="direct",
                speaker=role,
            ),
            Quote(
                span=build.at(text, "« Jamais »"),
                content=build.at(text, "Jamais"),
                kind="direct",
                speaker=bare,
            ),
        ),
    )
    dossier = align([named, build.replace(quotes, analysis=analysis)])
    by_text = {q.quote.content.text: q.speaker_id for q in dossier.quotes}
    varga = next(e.id for e in dossier.entities if e.name == "Jean Varga")
    assert by_text["Nous ne céderons pas"] == varga
    # a role of one word is no one in particular
    assert by_text["Jamais"] is None
