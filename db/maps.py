"""Named queries for maps: which levels and dates a metric has area values for, and the areas to draw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.sql import sql
from db.types import Executor, Record


@dataclass(frozen=True)
class LevelDates:
    """A level's latest date with area values, and whether the date asked for has any."""

    latest: dt.date
    has_date: bool


async def map_levels(db: Executor, metric_id: int, date: dt.date | None) -> dict[str, LevelDates]:
    """The levels (prefecture, municipality) that have values of the metric; empty when it has no area values."""
    rows = await db.fetch(sql("map_levels"), metric_id, date)
    return {row["level"]: LevelDates(row["latest"], row["has_date"]) for row in rows}


async def map_levels_by_keys(db: Executor, keys: Sequence[tuple[int, dt.date | None]]) -> list[Record]:
    """map_levels for many (metric id, date) at once: rows of metric_id, date, level, latest, has_date."""
    metric_ids, dates = [key[0] for key in keys], [key[1] for key in keys]
    return list(await db.fetch(sql("map_levels_by_keys"), metric_ids, dates))


async def map_areas(db: Executor, metric_id: int, level: str, date: dt.date) -> list[Record]:
    """Every area of the level with its outline and value on the date (either may be None)."""
    return list(await db.fetch(sql("map_areas"), metric_id, level, date))


async def area_shapes_by_level(db: Executor, level: str) -> list[Record]:
    return list(await db.fetch(sql("area_shapes_by_level"), level))


def chosen_level(levels: dict[str, LevelDates], level: str | None) -> str | None:
    """The level asked for when it has values; by default municipalities when there are municipal values, for the
    finer picture, else prefectures. None: nothing to map."""
    if level is not None:
        return level if level in levels else None
    return next((name for name in ("municipality", "prefecture") if name in levels), None)
