"""Named queries over the report's structure: focus areas and initiatives."""

from __future__ import annotations

from collections.abc import Sequence

from db.sql import sql
from db.types import Executor, Record


async def focus_areas(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("focus_areas")))


async def focus_areas_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("focus_areas_by_ids"), list(ids)))


async def initiatives_page(
    db: Executor, *, cursor: int | None, backward: bool, limit: int, focus_area: str | None
) -> list[Record]:
    """Up to `limit` initiatives after (or, backward, before) the position `cursor`, nearest first."""
    query = sql("initiatives_backward" if backward else "initiatives_forward")
    return list(await db.fetch(query, cursor, focus_area, limit))


async def initiatives_count(db: Executor, *, focus_area: str | None) -> int:
    count: int = await db.fetchval(sql("initiatives_count"), focus_area)
    return count


async def initiatives_by_slugs(db: Executor, slugs: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("initiatives_by_slugs"), list(slugs)))


async def focus_areas_by_slugs(db: Executor, slugs: Sequence[str]) -> list[Record]:
    return list(await db.fetch(sql("focus_areas_by_slugs"), list(slugs)))


async def initiatives_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("initiatives_by_ids"), list(ids)))
