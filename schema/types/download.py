"""Download: one file of the bulk export, as GET /export/ lists it."""

from __future__ import annotations

import strawberry


@strawberry.type(
    description="A file of the bulk export: a whole table as CSV or JSON (see also `Dataset.dataPackageUrl`)."
)
class Download:
    table: str = strawberry.field(description="The table, e.g. observations, municipalities.")
    format: str = strawberry.field(description="`csv` or `json`.")
    media_type: str = strawberry.field(description="The file's media type, e.g. text/csv; charset=utf-8.")
    url: str = strawberry.field(
        description="Absolute URL of the file (from HIRAKU_PUBLIC_URL). It takes the table's `filters` as query "
        "parameters, and `?bom=1` for Excel (CSV)."
    )
    rows: int = strawberry.field(description="Rows of the whole file, without filters (the header row not counted).")
    filters: list[str] = strawberry.field(description="The query parameters that narrow the file: metric, area.")
