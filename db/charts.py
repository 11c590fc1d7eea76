"""Named queries for charts: the series of a metric's totals for some areas and the nation."""

from __future__ import annotations

from collections.abc import Sequence

from db.sql import sql
from db.types import Executor, Record


async def chart_series(db: Executor, metric_id: int, area_codes: Sequence[str], nation: bool) -> list[Record]:
    """Rows of area_code (None: the nation), date, value, citation_id, by area then date."""
    return list(await db.fetch(sql("chart_series"), metric_id, list(area_codes), nation))
