"""The tables of the bulk export: which named query each reads and which filters it takes."""

from __future__ import annotations

from dataclasses import dataclass

from db.pool import ApiPool
from db.sql import sql
from db.stream import RowStream, open_stream
from db.types import Executor


@dataclass(frozen=True)
class ExportTable:
    name: str
    # The filters the query takes, in the order of its parameters: "metric" (a slug), "area" (a 6-digit code).
    filters: tuple[str, ...] = ()

    @property
    def query(self) -> str:
        return sql(f"export_{self.name}")


# The files of each table, by extension: their media types.
EXPORT_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}

EXPORT_TABLES = {
    table.name: table
    for table in (
        ExportTable("initiatives"),
        ExportTable("milestones"),
        ExportTable("metrics", ("metric",)),
        ExportTable("observations", ("metric", "area")),
        ExportTable("prefectures"),
        ExportTable("municipalities", ("area",)),
        ExportTable("services", ("area",)),
    )
}


async def export_rows(pool: ApiPool, table: ExportTable, filters: dict[str, str]) -> RowStream:
    """The rows of `table`, filtered, as an open stream (close it when done)."""
    return await open_stream(pool, table.query, *(filters.get(name) for name in table.filters))


async def export_columns(pool: ApiPool, table: ExportTable) -> list[tuple[str, str]]:
    """(name, PostgreSQL type name) of each column of `table`'s export, in order."""
    return await pool.columns(table.query)


async def export_row_count(pool: ApiPool, table: ExportTable) -> int:
    """How many rows the whole (unfiltered) export of `table` has: its own query, counted."""
    count: int = await pool.fetchval(sql("export_row_count").format(export=table.query), *(None for _ in table.filters))
    return count


async def export_row_counts(db: Executor) -> dict[str, int]:
    """Rows of every whole export by table name, in one statement."""
    row = await db.fetchrow(sql("export_row_counts"))
    return dict(row) if row is not None else {}
