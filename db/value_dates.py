"""The dates a metric has area values on, and the words that tell a client asking for another date which exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from db.sql import sql
from db.types import Executor

FEW_DATES = 6  # up to this many, every date is named; beyond, the nearest ones and the span


async def area_value_dates(db: Executor, metric_id: int, level: str, prefecture_code: str | None) -> list[dt.date]:
    """The dates with a value of the metric for some area of the level (and prefecture), oldest first."""
    return [row["date"] for row in await db.fetch(sql("area_value_dates"), metric_id, level, prefecture_code)]


def dates_with_values(day: dt.date, dates: Sequence[dt.date]) -> str:
    """A clause naming the dates (sorted) that have values, for a client who asked for `day`, which has none."""
    if not dates:
        return "it has none on any date"
    if len(dates) <= FEW_DATES:
        return f"{_dates_are(len(dates))} {_listed([d.isoformat() for d in dates])}"
    before = max((d for d in dates if d < day), default=None)
    after = min((d for d in dates if d > day), default=None)
    nearest = [d.isoformat() for d in (before, after) if d is not None]
    closest = "the nearest date with values is" if len(nearest) == 1 else "the nearest dates with values are"
    return f"{closest} {_listed(nearest)}, of {len(dates)} dates from {dates[0]} to {dates[-1]}"


def _dates_are(count: int) -> str:
    return "its only date with values is" if count == 1 else "its dates with values are"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
