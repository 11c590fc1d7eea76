"""Loaders of observation pages and counts, batched across metrics that ask for the same page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from db.areas import observation_counts_by_area_codes, observations_by_area_codes
from db.metrics import (
    ObservationWindow,
    observation_counts_by_metric_ids,
    observations_by_keys,
    observations_by_metric_ids,
)
from db.types import Executor, Record
from loaders.loader import Dispatch, Loader


@dataclass(frozen=True)
class ObservationPage:
    """Which page of a metric's observations: limit (+1 to see past the end), cursor, direction, window."""

    limit: int
    cursor: tuple[dt.date, int] | None
    backward: bool
    window: ObservationWindow


def observation_pages(pool: Executor, dispatch: Dispatch) -> Loader[tuple[int, ObservationPage], list[Record]]:
    """One statement per distinct page asked for, whatever the number of metrics."""

    async def load(keys: list[tuple[int, ObservationPage]]) -> list[list[Record]]:
        metric_ids_by_page: dict[ObservationPage, list[int]] = defaultdict(list)
        for metric_id, page in keys:
            metric_ids_by_page[page].append(metric_id)
        found: dict[tuple[int, ObservationPage], list[Record]] = defaultdict(list)
        for page, metric_ids in metric_ids_by_page.items():
            rows = await observations_by_metric_ids(
                pool, metric_ids, cursor=page.cursor, backward=page.backward, limit=page.limit, window=page.window
            )
            for row in rows:
                found[(row["metric_id"], page)].append(row)
        return [found.get(key, []) for key in keys]

    return Loader(load, dispatch)


def observation_counts(pool: Executor, dispatch: Dispatch) -> Loader[tuple[int, ObservationWindow], int]:
    async def load(keys: list[tuple[int, ObservationWindow]]) -> list[int]:
        metric_ids_by_window: dict[ObservationWindow, list[int]] = defaultdict(list)
        for metric_id, window in keys:
            metric_ids_by_window[window].append(metric_id)
        counts: dict[tuple[int, ObservationWindow], int] = {}
        for window, metric_ids in metric_ids_by_window.items():
            for row in await observation_counts_by_metric_ids(pool, metric_ids, window):
                counts[(row["metric_id"], window)] = row["count"]
        return [counts.get(key, 0) for key in keys]

    return Loader(load, dispatch)


ObservationKey = tuple[str, str | None, dt.date, str]
"""What makes an observation unique (the database's index observation_one_value): metric slug, area code (None: the
nation), date and breakdown (canonical JSON, '{}': totals)."""


def observation_by_key(pool: Executor, dispatch: Dispatch) -> Loader[ObservationKey, Record | None]:
    """Observations by their natural key (global IDs): one statement for every key asked for together."""

    async def load(keys: list[ObservationKey]) -> list[Record | None]:
        found: list[Record | None] = [None] * len(keys)
        for row in await observations_by_keys(pool, keys):
            found[row["position"] - 1] = row
        return found

    return Loader(load, dispatch)


@dataclass(frozen=True)
class AreaObservationPage:
    """Which page of one metric's observations of an area."""

    metric_id: int
    limit: int
    cursor: tuple[dt.date, int] | None
    backward: bool
    date_from: dt.date | None
    date_to: dt.date | None


def area_observation_pages(pool: Executor, dispatch: Dispatch) -> Loader[tuple[str, AreaObservationPage], list[Record]]:
    """One statement per distinct page asked for, whatever the number of areas."""

    async def load(keys: list[tuple[str, AreaObservationPage]]) -> list[list[Record]]:
        codes_by_page: dict[AreaObservationPage, list[str]] = defaultdict(list)
        for code, page in keys:
            codes_by_page[page].append(code)
        found: dict[tuple[str, AreaObservationPage], list[Record]] = defaultdict(list)
        for page, codes in codes_by_page.items():
            rows = await observations_by_area_codes(
                pool,
                codes,
                page.metric_id,
                cursor=page.cursor,
                backward=page.backward,
                limit=page.limit,
                date_from=page.date_from,
                date_to=page.date_to,
            )
            for row in rows:
                found[(row["area_code"], page)].append(row)
        return [found.get(key, []) for key in keys]

    return Loader(load, dispatch)


def area_observation_counts(
    pool: Executor, dispatch: Dispatch
) -> Loader[tuple[str, int, dt.date | None, dt.date | None], int]:
    """Counts of one metric's values per area and date range: one statement per metric and range."""

    async def load(keys: list[tuple[str, int, dt.date | None, dt.date | None]]) -> list[int]:
        codes_by_query: dict[tuple[int, dt.date | None, dt.date | None], list[str]] = defaultdict(list)
        for code, metric_id, date_from, date_to in keys:
            codes_by_query[(metric_id, date_from, date_to)].append(code)
        counts: dict[tuple[str, int, dt.date | None, dt.date | None], int] = {}
        for (metric_id, date_from, date_to), codes in codes_by_query.items():
            for row in await observation_counts_by_area_codes(pool, codes, metric_id, date_from, date_to):
                counts[(row["area_code"], metric_id, date_from, date_to)] = row["count"]
        return [counts.get(key, 0) for key in keys]

    return Loader(load, dispatch)
