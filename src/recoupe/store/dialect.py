"""The few statements that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text, any_, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY


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
            return column == any_(bindparam("among", values, type_=ARRAY(Text)))
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

    def upsert_add_many(
        self, table: Any, key: str, column: str, rows: list[dict[str, Any]]
    ) -> tuple[Any, list[dict[str, Any]] | None]:
        """``upsert_add`` of ``rows`` (distinct keys) as ``(statement, parameters)``.

        On PostgreSQL one statement over two arrays: the key frequencies of a batch are
        thousands of rows, and a server round of execution per row costs more than the
        upsert. SQLite runs in this process: one execution per row costs nothing extra.
        """
        if self.name != "postgresql":
            return self.upsert_add(table, key, column), rows
        arrays = (
            func.unnest(bindparam(c.name, [row[c.name] for row in rows], type_=ARRAY(c.type)))
            for c in (table.c[key], table.c[column])
        )
        statement = postgresql.insert(table).from_select([key, column], select(*arrays))
        upsert = statement.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={column: table.c[column] + statement.excluded[column]},
        )
        return upsert, None
