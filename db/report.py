"""Named queries over the report's structure: focus areas and initiatives."""

from __future__ import annotations

from collections.abc import Sequence

from db.paging import Slice
from db.sql import sql
from db.types import Executor, Record


async def focus_areas(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("focus_areas")))


async def focus_areas_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("focus_areas_by_ids"), list(ids)))


async def initiatives_page(db: Executor, page: Slice, *, focus_area: str | None) -> list[Record]:
    """A page of initiatives, nearest first, each row with its `rank` and the filtered `total`."""
    return list(await db.fetch(sql("initiatives_page"), *page.arguments(), focus_area))


async def initiatives_count(db: Executor, *, focus_area: str | None) -> int:
    count: int = await db.fetchval(sql("initiatives_count"), focus_area)
    return count


async def initiatives_by_slugs(db: Executor, slugs: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("initiatives_by_slugs"), list(slugs)))


async def focus_areas_by_slugs(db: Executor, slugs: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("focus_areas_by_slugs"), list(slugs)))


async def initiatives_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("initiatives_by_ids"), list(ids)))
