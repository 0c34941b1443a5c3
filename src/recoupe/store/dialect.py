"""The few statements that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text, any_, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite


class Dialect:
    """Builds idempotent inserts, additive upserts and array lookups for one database."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._module = postgresql if name == "postgresql" else sqlite

    def among(self, column: Any, values: list[str]) -> Any:
        """``column IN values`` with one array parameter, not one per value.

        Placement looks up a few hundred keys per article; expanding them into as many
        parameters costs more than the query itself.
        """
        if self.name == "postgresql":
            return column == any_(bindparam("among", values, type_=postgresql.ARRAY(Text)))
        each = func.json_each(bindparam("among", json.dumps(values))).table_valued("value")
        return column.in_(select(each.c.value))

    def insert_ignore(self, table: Any) -> Any:
        """``INSERT ... ON CONFLICT DO NOTHING``."""
        return self._module.insert(table).on_conflict_do_nothing()

    def upsert_add(self, table: Any, key: str, column: str) -> Any:
        """Insert, or add the inserted ``column`` to the stored one on a ``key`` conflict."""
        statement = self._module.insert(table)
        return statement.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={column: table.c[column] + statement.excluded[column]},
        )
