"""The loader of area rankings: every ranking of a request's level in a fixed number of statements."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from db.areas import RankingRequest, ranking_counts_by_keys, ranking_latest_dates_by_keys, rankings_by_keys
from db.paging import Slice
from db.types import Executor, Record
from loaders.loader import Dispatch, Loader


@dataclass(frozen=True)
class RankingKey:
    """A ranking as asked for: `date` None is the latest date with area values of the level."""

    metric_id: int
    level: str
    date: dt.date | None
    prefecture_code: str | None
    ascending: bool
    page: Slice


@dataclass(frozen=True)
class RankedAreas:
    """A page of a ranking's rows (each with its position `rank` and the `total` ranked), on the date ranked, and
    how many areas there are and have a value."""

    request: RankingRequest
    rows: list[Record]
    areas: int
    with_value: int


def area_rankings(pool: Executor, dispatch: Dispatch) -> Loader[RankingKey, RankedAreas | None]:
    """None for a ranking on the latest date of a metric without area values at that level.

    Whatever the number of metrics and aliases, a batch takes at most three statements: the latest dates of the
    rankings that name none, then the ranks and the counts of all. The stages run inside one batch, so their
    number never depends on how the event loop happens to group the loads."""

    async def load(keys: list[RankingKey]) -> list[RankedAreas | None]:
        latest = await _latest_dates(pool, keys)
        asked = [_request(key, latest) for key in keys]
        requests = list(dict.fromkeys(request for request in asked if request is not None))
        if not requests:
            return [None for _ in keys]
        rows: dict[int, list[Record]] = defaultdict(list)
        for row in await rankings_by_keys(pool, requests):
            rows[row["key"]].append(row)
        # Pages of one ranking share its counts.
        whole = list(dict.fromkeys(_whole(request) for request in requests))
        counted = await ranking_counts_by_keys(pool, whole)
        counts = {request: (row["areas"], row["with_value"]) for request, row in zip(whole, counted, strict=True)}
        found = {
            request: RankedAreas(request, rows[position], *counts[_whole(request)])
            for position, request in enumerate(requests, start=1)
        }
        return [found[request] if request is not None else None for request in asked]

    return Loader(load, dispatch)


async def _latest_dates(pool: Executor, keys: list[RankingKey]) -> dict[tuple[int, str], dt.date | None]:
    """The latest dates of the (metric, level) pairs of the rankings that name no date: one statement, or none."""
    pairs = list(dict.fromkeys((key.metric_id, key.level) for key in keys if key.date is None))
    if not pairs:
        return {}
    return dict(zip(pairs, await ranking_latest_dates_by_keys(pool, pairs), strict=True))


def _request(key: RankingKey, latest: dict[tuple[int, str], dt.date | None]) -> RankingRequest | None:
    """The ranking on its date; None when it names none and the metric has no area values at the level."""
    day = key.date or latest.get((key.metric_id, key.level))
    if day is None:
        return None
    return RankingRequest(key.metric_id, key.level, day, key.prefecture_code, key.ascending, key.page)


def _whole(request: RankingRequest) -> RankingRequest:
    """The ranking a page belongs to: what its counts depend on."""
    return replace(request, ascending=False, page=Slice(limit=0))
