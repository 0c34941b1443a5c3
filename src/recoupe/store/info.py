"""What ``recoupe info`` shows of a store."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreInfo:
    """A store's location, schema, migrations and contents at a glance."""

    url: str  # password hidden
    dialect: str  # sqlite | postgresql
    tables: dict[str, tuple[str, ...]]  # table -> column names
    migrations: tuple[tuple[str, str], ...]  # (name, applied at), in order
    pending: tuple[str, ...]  # migrations this recoupe knows that are not applied
    counts: dict[str, int]  # table -> rows
    stories: int  # live stories (merged ones left out)
    pipelines: dict[str, int]  # pipeline version -> analyses stored
    failed: dict[str, int]  # pipeline version -> analyses that failed (none: left out)
    failed_articles: int = 0  # articles whose analysis failed by every pipeline that tried
