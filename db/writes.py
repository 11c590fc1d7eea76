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


async def insert_dataset(conn: asyncpg.Connection, version: str, fields: Row, inputs: Mapping[str, str]) -> None:
    await conn.execute(sql("dataset_insert"), version, *fields, json.dumps(inputs, sort_keys=True))
