"""DataSource: a pinned public file set that the dataset is built from."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.types.rows import from_record


@strawberry.type(description="A pinned public data source (a repository at a commit), and whether it is loaded.")
class DataSource:
    slug: str = strawberry.field(description="Stable identifier of the source.")
    title: str = strawberry.field(description="What the source holds.")
    url: str = strawberry.field(description="The repository at the pinned commit.")
    description: str = strawberry.field(description="Its content and known quirks.")
    licence: str = strawberry.field(description="Its licence (SPDX identifier where one exists).")
    attribution: str = strawberry.field(description="Credit line to show (Japanese).")
    attribution_en: str = strawberry.field(description="Credit line to show (English).")
    available: bool = strawberry.field(description="False when the source could not be had or failed its checksum.")
    problem: str | None = strawberry.field(description="Why the source is missing from this dataset.")

    @classmethod
    def from_row(cls, row: Record) -> DataSource:
        return from_record(cls, row)
