"""Named queries over metrics and their observations, comparisons, targets and components."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.paging import Slice
from db.sql import sql
from db.types import Executor, Record


@dataclass(frozen=True)
class MetricFilter:
    initiative: str | None = None
    unit: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class ObservationWindow:
    """Which observations of a metric: an area (None: the nation) and a date range."""

    area_code: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # The breakdown as canonical JSON ('{}': totals), e.g. '{"age_group": "20～24", "sex": "計"}'.
    dimensions: str = "{}"


async def metrics_page(db: Executor, page: Slice, where: MetricFilter) -> list[Record]:
    """A page of metrics, nearest first, each row with its `rank` and the filtered `total`."""
    return list(await db.fetch(sql("metrics_page"), *page.arguments(), where.initiative, where.unit, where.kind))


async def metrics_page_by_initiative_ids(db: Executor, ids: Sequence[int], page: Slice) -> list[Record]:
    """The same page of metrics of each initiative, rows tagged with `parent_id`."""
    arguments = (page.after, page.before, page.limit, page.backward)
    return list(await db.fetch(sql("metrics_page_by_initiative_ids"), list(ids), *arguments))


async def metrics_count(db: Executor, where: MetricFilter) -> int:
    count: int = await db.fetchval(sql("metrics_count"), where.initiative, where.unit, where.kind)
    return count


async def metrics_by_slugs(db: Executor, slugs: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("metrics_by_slugs"), list(slugs)))


async def metrics_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("metrics_by_ids"), list(ids)))


async def metric_components_by_metric_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("metric_components_by_metric_ids"), list(ids)))


async def latest_observations_by_metric_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("latest_observations_by_metric_ids"), list(ids)))


async def observations_by_metric_ids(
    db: Executor,
    ids: Sequence[int],
    *,
    cursor: tuple[dt.date, int] | None,
    backward: bool,
    limit: int,
    window: ObservationWindow,
) -> list[Record]:
    """Up to `limit` observations per metric after (or before) the cursor, nearest first."""
    query = sql("observations_backward_by_metric_ids" if backward else "observations_forward_by_metric_ids")
    date, row_id = cursor if cursor else (None, None)
    return list(
        await db.fetch(
            query, list(ids), date, row_id, window.area_code, limit, window.date_from, window.date_to, window.dimensions
        )
    )


async def observation_counts_by_metric_ids(db: Executor, ids: Sequence[int], window: ObservationWindow) -> list[Record]:
    query = sql("observations_count_by_metric_ids")
    return list(await db.fetch(query, list(ids), window.area_code, window.date_from, window.date_to, window.dimensions))


async def breakdowns_by_metric_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    """Each metric's breakdowns with their counts, totals first (db/migrations/011_metric_breakdowns.sql)."""
    return list(await db.fetch(sql("breakdowns_by_metric_ids"), list(ids)))


async def observations_by_keys(db: Executor, keys: Sequence[tuple[str, str | None, dt.date, str]]) -> list[Record]:
    """The observation at each (metric slug, area code or None, date, dimensions as JSON), tagged with the key's
    1-based `position`; keys of nothing are left out."""
    columns = [list(column) for column in zip(*keys, strict=True)] if keys else [[], [], [], []]
    return list(await db.fetch(sql("observations_by_keys"), *columns))


async def comparisons_by_metric_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("comparisons_by_metric_ids"), list(ids)))


async def targets_by_metric_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("targets_by_metric_ids"), list(ids)))


async def metric_counts_by_initiative_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("metric_counts_by_initiative_ids"), list(ids)))


async def latest_citations_by_metric_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("latest_citations_by_metric_ids"), list(ids)))
