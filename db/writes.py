"""The statements of a data load. Run on one connection, inside the load's transaction, as the loader role."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import asyncpg

from db.sql import sql

Row = Sequence[Any]


async def begin_load(conn: asyncpg.Connection) -> None:
    """Take the loader role for this transaction and empty every data table."""
    await conn.execute(sql("loader_role_set"))
    await conn.execute(sql("data_truncate"))


async def begin_import(conn: asyncpg.Connection) -> str | None:
    """Take the loader role for this transaction and lock the dataset; the version loaded (None: nothing is)."""
    await conn.execute(sql("loader_role_set"))
    version: str | None = await conn.fetchval(sql("dataset_version_lock"))
    return version


async def metric_ids(conn: asyncpg.Connection) -> dict[str, int]:
    return {row["slug"]: row["id"] for row in await conn.fetch(sql("metric_ids"))}


async def observation_values(conn: asyncpg.Connection, keys: Sequence[Row]) -> dict[int, Any]:
    """The loaded value at each (metric id, area code or None, date, dimensions as JSON) by the key's index."""
    columns = [list(column) for column in zip(*keys, strict=True)] if keys else [[], [], [], []]
    rows = await conn.fetch(sql("observation_values_at_keys"), *columns)
    return {row["position"] - 1: row["value"] for row in rows}


async def last_ids(conn: asyncpg.Connection) -> tuple[int, int]:
    """The highest citation id and observation id loaded."""
    citation, observation = await conn.fetchrow(sql("last_ids")) or (0, 0)
    return int(citation), int(observation)


async def update_dataset(conn: asyncpg.Connection, version: str, inputs: Mapping[str, str]) -> None:
    await conn.execute(sql("dataset_update"), version, json.dumps(inputs, sort_keys=True))


async def insert_data_sources(conn: asyncpg.Connection, rows: Iterable[Row]) -> None:
    await conn.executemany(sql("data_source_insert"), rows)


async def insert_focus_areas(conn: asyncpg.Connection, rows: Iterable[Row]) -> None:
    await conn.executemany(sql("focus_area_insert"), rows)


async def insert_initiatives(conn: asyncpg.Connection, rows: Iterable[Row]) -> None:
    await conn.executemany(sql("initiative_insert"), rows)


async def initiative_ids(conn: asyncpg.Connection) -> dict[str, int]:
    return {row["slug"]: row["id"] for row in await conn.fetch(sql("initiative_ids"))}


async def copy_rows(conn: asyncpg.Connection, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Bulk-load rows with COPY; the table and column names come from the loader's own constants."""
    await conn.copy_records_to_table(table, records=list(rows), columns=list(columns))


async def refresh_breakdowns(conn: asyncpg.Connection) -> None:
    """Recount each metric's breakdowns (`Metric.dimensions`) from the observations now loaded."""
    await conn.execute(sql("metric_breakdown_refresh"))


async def insert_dataset(conn: asyncpg.Connection, version: str, fields: Row, inputs: Mapping[str, str]) -> None:
    await conn.execute(sql("dataset_insert"), version, *fields, json.dumps(inputs, sort_keys=True))
