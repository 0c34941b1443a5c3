"""One codec for every model record: dataclass <-> plain JSON-ready values.

The store, batch workers and reports all serialise through ``to_plain`` and
``from_plain`` so that there is no second schema. Dates become ISO strings,
tuples become lists, ``None`` fields are kept (explicit beats absent).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

from recoupe import model

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """Turn a model record (or a container of them) into JSON-ready values."""
    names = _field_names(type(value))
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a record class, in order, looked up once per class; None for
    any other type (a record class itself is no record: its type is ``type``)."""
    if cls not in _FIELD_NAMES:
        fields = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else None
        _FIELD_NAMES[cls] = None if fields is None else tuple(f.name for f in fields)
    return _FIELD_NAMES[cls]


def from_plain(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from what ``to_plain`` produced."""
    return _decode(cls, data)


def dumps(value: Any, *, indent: int | None = None) -> str:
    """Serialise a record to JSON text (stable key order, UTF-8 kept readable)."""
    return json.dumps(to_plain(value), ensure_ascii=False, indent=indent, sort_keys=False)


def loads(cls: type[T], text: str) -> T:
    """Parse JSON text written by ``dumps`` back into a record of type ``cls``."""
    return from_plain(cls, json.loads(text))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(args[0], data)
    if origin is tuple:
        (item, *_rest) = typing.get_args(tp)
        return tuple(_decode(item, v) for v in data)
    if origin is dict:
        _key, val = typing.get_args(tp)
        return {k: _decode(val, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: _decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return tp(**kwargs)
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if tp is float and isinstance(data, int):
        return float(data)
    return data
