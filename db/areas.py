"""Named queries over areas: prefectures, municipalities, their observations and rankings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.paging import Slice
from db.search import like_literal
from db.sql import sql
from db.types import Executor, Record


@dataclass(frozen=True)
class MunicipalityFilter:
    prefecture_code: str | None = None
    kind: str | None = None
    # A name or kana fragment, already in search form.
    name: str | None = None

    def arguments(self) -> tuple[object, ...]:
        pattern = f"%{like_literal(self.name)}%" if self.name else None
        return (self.prefecture_code, self.kind, pattern)


@dataclass(frozen=True)
class RankingRequest:
    """A page of one ranking: the positions of `page` (after or before a position, at most `page.limit`)."""

    metric_id: int
    level: str
    date: dt.date
    prefecture_code: str | None
    ascending: bool
    page: Slice


async def prefectures(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("prefectures")))


async def areas_by_codes(db: Executor, codes: Sequence[str]) -> list[Record]:
    """The areas with these codes, and their prefectures."""
    return list(await db.fetch(sql("areas_by_codes"), list(codes)))


async def municipalities_page(db: Executor, page: Slice, where: MunicipalityFilter) -> list[Record]:
    """A page of municipalities, nearest first, each row with its `rank` and the filtered `total`."""
    return list(await db.fetch(sql("municipalities_page"), *page.arguments(), *where.arguments()))


async def municipalities_count(db: Executor, where: MunicipalityFilter) -> int:
    count: int = await db.fetchval(sql("municipalities_count"), *where.arguments())
    return count


async def municipalities_page_by_prefecture_codes(db: Executor, codes: Sequence[str], page: Slice) -> list[Record]:
    arguments = (page.after, page.before, page.limit, page.backward)
    return list(await db.fetch(sql("municipalities_page_by_prefecture_codes"), list(codes), *arguments))


async def municipality_counts_by_prefecture_codes(db: Executor, codes: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("municipality_counts_by_prefecture_codes"), list(codes)))


async def observations_by_area_codes(
    db: Executor,
    codes: Sequence[str],
    metric_id: int,
    *,
    cursor: tuple[dt.date, int] | None,
    backward: bool,
    limit: int,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> list[Record]:
    query = sql("observations_backward_by_area_codes" if backward else "observations_forward_by_area_codes")
    day, row_id = cursor if cursor else (None, None)
    return list(await db.fetch(query, list(codes), metric_id, day, row_id, limit, date_from, date_to))


async def rankings_by_keys(db: Executor, requests: Sequence[RankingRequest]) -> list[Record]:
    """For each request, a page of the areas by value on its date, best first, with their `place` (ties share
    it), whether they are `tied`, their position (`rank`, ties broken by code) and the `total` ranked; each row's
    `key` is its request's position, counted from 1."""
    columns = (
        [r.metric_id for r in requests],
        [r.level for r in requests],
        [r.prefecture_code for r in requests],
        [r.date for r in requests],
        [r.ascending for r in requests],
        [r.page.limit for r in requests],
        [r.page.after for r in requests],
        [r.page.before for r in requests],
        [r.page.backward for r in requests],
    )
    return list(await db.fetch(sql("area_rankings_by_keys"), *columns))


async def ranking_counts_by_keys(db: Executor, requests: Sequence[RankingRequest]) -> list[Record]:
    """For each request (`key`, from 1): the `areas` of its level and the number `with_value` on its date."""
    columns = (
        [r.metric_id for r in requests],
        [r.level for r in requests],
        [r.prefecture_code for r in requests],
        [r.date for r in requests],
    )
    return list(await db.fetch(sql("area_ranking_counts_by_keys"), *columns))


async def ranking_latest_dates_by_keys(db: Executor, keys: Sequence[tuple[int, str]]) -> list[dt.date | None]:
    """For each (metric id, level), in order: the latest date with a value for some area of the level, or None."""
    rows = await db.fetch(sql("area_ranking_latest_dates_by_keys"), [k[0] for k in keys], [k[1] for k in keys])
    return [row["date"] for row in rows]


async def observation_counts_by_area_codes(
    db: Executor, codes: Sequence[str], metric_id: int, date_from: dt.date | None, date_to: dt.date | None
) -> list[Record]:
    query = sql("observation_counts_by_area_codes")
    return list(await db.fetch(query, list(codes), metric_id, date_from, date_to))
