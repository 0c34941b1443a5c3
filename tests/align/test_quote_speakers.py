"""Quote speakers resolve to the entity the analysis keyed, not the first name in the phrase."""

from __future__ import annotations

from recoupe.align.entities import EntityIndex
from recoupe.align.quotes import resolve_source
from recoupe.model import Entity, EntityMention, Source, TextSpan

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
