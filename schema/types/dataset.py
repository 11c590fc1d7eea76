"""Dataset: the edition of the report, the version of what is loaded, and its sources."""

from __future__ import annotations

import datetime as dt

import strawberry

from db.dataset import data_sources
from db.exports import EXPORT_FORMATS, EXPORT_TABLES, export_row_counts
from db.types import Record
from schema.context import Info
from schema.types.data_source import DataSource
from schema.types.download import Download
from schema.types.rows import from_record


@strawberry.type(description="What hiraku serves: the report edition, the loaded version and its sources.")
class Dataset:
    version: str = strawberry.field(description="Hash over every loaded input; changes whenever the data does.")
    loaded_at: dt.datetime = strawberry.field(description="When this version was loaded.")
    title: str = strawberry.field(description="The edition of the report.")
    publisher: str = strawberry.field(description="Who publishes the report.")
    period_start: dt.date = strawberry.field(description="First day of the period the report covers.")
    period_end: dt.date = strawberry.field(description="Last day of the period the report covers.")
    url: str = strawberry.field(description="The report on the publisher's site.")
    licence: str = strawberry.field(description="The report's terms of use.")
    licence_note: str | None = strawberry.field(description="How the terms of use apply.")
    compatible_licence: str | None = strawberry.field(description="SPDX identifier of a compatible licence.")
    compatible_licence_url: str | None = strawberry.field(description="Text of the compatible licence.")
    attribution: str = strawberry.field(description="出典 line for the whole dataset.")
    attribution_en: str = strawberry.field(description="The same in English.")

    @strawberry.field(description="Every pinned source, loaded or missing.")
    async def sources(self, info: Info) -> list[DataSource]:
        return [DataSource.from_row(row) for row in await data_sources(info.context.pool)]

    @strawberry.field(description="Sources this dataset lacks (could not be had, or failed their checksum).")
    async def missing_sources(self, info: Info) -> list[DataSource]:
        rows = await data_sources(info.context.pool)
        return [DataSource.from_row(row) for row in rows if not row["available"]]

    @strawberry.field(description="Every file of the bulk export, as GET /export/ lists them.")
    async def downloads(self, info: Info) -> list[Download]:
        rows = await export_row_counts(info.context.pool)
        return [
            Download(
                table=name,
                format=format_,
                media_type=media_type,
                url=f"{info.context.public_url}/export/{name}.{format_}",
                rows=rows[name],
                filters=list(table.filters),
            )
            for name, table in EXPORT_TABLES.items()
            for format_, media_type in EXPORT_FORMATS.items()
        ]

    @strawberry.field(
        description="The Frictionless Data Package describing every export (column types, keys, licence, sources): "
        "what `frictionless validate` and other open-data tools read."
    )
    def data_package_url(self, info: Info) -> str:
        return f"{info.context.public_url}/export/datapackage.json"

    @classmethod
    def from_row(cls, row: Record) -> Dataset:
        return from_record(cls, row)
