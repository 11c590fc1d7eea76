"""Named queries over what is loaded: the dataset, its sources and the areas."""

from __future__ import annotations

from db.sql import sql
from db.types import Executor, Record


async def dataset(db: Executor) -> Record | None:
    row: Record | None = await db.fetchrow(sql("dataset"))
    return row


async def dataset_version(db: Executor) -> str | None:
    version: str | None = await db.fetchval(sql("dataset_version"))
    return version


async def data_sources(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("data_sources")))


async def ready(db: Executor) -> bool:
    """True when the database answers a trivial query."""
    return bool(await db.fetchval(sql("ready")))
