"""Loaders of observation pages and counts, batched across metrics that ask for the same page."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import asyncpg
from strawberry.dataloader import DataLoader

from db.metrics import ObservationWindow, observation_counts_by_metric_ids, observations_by_metric_ids
from db.types import Record


@dataclass(frozen=True)
class ObservationPage:
    """Which page of a metric's observations: limit (+1 to see past the end), cursor, direction, window."""

    limit: int
    cursor: tuple[dt.date, int] | None
    backward: bool
    window: ObservationWindow


def observation_pages(pool: asyncpg.Pool) -> DataLoader[tuple[int, ObservationPage], list[Record]]:
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

    return DataLoader(load_fn=load)


def observation_counts(pool: asyncpg.Pool) -> DataLoader[tuple[int, ObservationWindow], int]:
    async def load(keys: list[tuple[int, ObservationWindow]]) -> list[int]:
        metric_ids_by_window: dict[ObservationWindow, list[int]] = defaultdict(list)
        for metric_id, window in keys:
            metric_ids_by_window[window].append(metric_id)
        counts: dict[tuple[int, ObservationWindow], int] = {}
        for window, metric_ids in metric_ids_by_window.items():
            for row in await observation_counts_by_metric_ids(pool, metric_ids, window):
                counts[(row["metric_id"], window)] = row["count"]
        return [counts.get(key, 0) for key in keys]

    return DataLoader(load_fn=load)
