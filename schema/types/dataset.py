"""Dataset: the edition of the report, the version of what is loaded, and its sources."""

from __future__ import annotations

import datetime as dt

import strawberry

from db.dataset import data_sources
from db.types import Record
from schema.context import Info
from schema.types.data_source import DataSource
from schema.types.rows import from_record


@strawberry.type(description="What hiraku serves: the report edition, the loaded version and its sources.")
class Dataset:
    version: str = strawberry.field(description="Hash over every loaded input; changes whenever the data does.")
    loaded_at: dt.datetime
    title: str
    publisher: str
    period_start: dt.date
    period_end: dt.date
    url: str
    licence: str
    licence_note: str | None
    compatible_licence: str | None = strawberry.field(description="SPDX identifier of a compatible licence.")
    compatible_licence_url: str | None
    attribution: str
    attribution_en: str

    @strawberry.field(description="Every pinned source, loaded or missing.")
    async def sources(self, info: Info) -> list[DataSource]:
        return [DataSource.from_row(row) for row in await data_sources(info.context.pool)]

    @strawberry.field(description="Sources this dataset lacks (could not be had, or failed their checksum).")
    async def missing_sources(self, info: Info) -> list[DataSource]:
        rows = await data_sources(info.context.pool)
        return [DataSource.from_row(row) for row in rows if not row["available"]]

    @classmethod
    def from_row(cls, row: Record) -> Dataset:
        return from_record(cls, row)
