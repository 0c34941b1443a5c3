"""Thread profiles and members as stored: the codec's JSON, written and read directly.

Profiles and members are read on every placement; the codec's generic walk over a few
hundred weights would be most of its time, so these two records are written and read
here, to the very JSON ``codec.dumps`` gives (a test holds them to it). Embeddings go
to binary columns as float32.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import numpy as np

from recoupe.stories import Member, ThreadProfile

_PROFILE_FIELDS = tuple(f.name for f in dataclasses.fields(ThreadProfile))
_PROFILE_TUPLES = ("languages", "merged")


def dump_profile(profile: ThreadProfile) -> str:
    """The profile as ``codec.dumps`` writes it, embedding left out."""
    plain = {name: getattr(profile, name) for name in _PROFILE_FIELDS}
    plain["first"] = profile.first.isoformat() if profile.first else None
    plain["last"] = profile.last.isoformat() if profile.last else None
    for name in _PROFILE_TUPLES:
        plain[name] = list(plain[name])
    plain["embedding"] = []
    return json.dumps(plain, ensure_ascii=False)


def load_profile(text: str, embedding: bytes | None) -> ThreadProfile:
    """The profile ``dump_profile`` wrote, with its embedding."""
    plain = json.loads(text)
    plain["first"] = _date(plain["first"])
    plain["last"] = _date(plain["last"])
    for name in _PROFILE_TUPLES:
        plain[name] = tuple(plain[name])
    plain["embedding"] = unpack(embedding)
    return ThreadProfile(**plain)


def member_row(member: Member) -> dict[str, Any]:
    """The columns of a member (besides the placement's score and reason)."""
    vectors = {
        "terms": member.terms,
        "names": member.names,
        "dates": list(member.dates),
        "ordinals": list(member.ordinals),
    }
    return {
        "article_id": member.article_id,
        "seq": member.seq,
        "story_id": member.story_id,
        "published": member.published,
        "outlet": member.outlet,
        "title": member.title,
        "vectors": json.dumps(vectors, ensure_ascii=False),
        "embedding": pack(member.embedding),
    }


def load_member(row: Any) -> Member:
    """A member from its row (vectors and embedding included when selected)."""
    vectors = json.loads(row.vectors) if getattr(row, "vectors", None) else {}
    return Member(
        article_id=row.article_id,
        seq=row.seq,
        story_id=row.story_id,
        terms=vectors.get("terms", {}),
        names=vectors.get("names", {}),
        embedding=unpack(getattr(row, "embedding", None)),
        dates=tuple(vectors.get("dates", ())),
        ordinals=tuple(vectors.get("ordinals", ())),
        published=row.published,
        title=row.title,
        outlet=row.outlet,
    )


def pack(embedding: tuple[float, ...]) -> bytes | None:
    """An embedding as float32 bytes (None when empty)."""
    if not embedding:
        return None
    return np.asarray(embedding, dtype=np.float32).tobytes()


def unpack(data: bytes | None) -> tuple[float, ...]:
    """What ``pack`` wrote."""
    if not data:
        return ()
    return tuple(np.frombuffer(data, dtype=np.float32).tolist())


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
