"""Service: an entry of a catalogue (a service, or an item of a list the report gives in full)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from db.types import Record
from schema.context import Info
from schema.errors import ServiceUnavailable
from schema.node import Node
from schema.types.catalog_category import CatalogCategory
from schema.types.period import Period, fiscal_year_of
from schema.types.source import Source, cited

if TYPE_CHECKING:
    from schema.types.service_catalog import ServiceCatalog


@strawberry.type(description="An entry of a catalogue: a service, or an item of a list the report gives in full.")
class Service(Node):
    name: str = strawberry.field(description="As published.")
    position: int = strawberry.field(description="Order within its catalogue, from 1.")
    description: str | None = strawberry.field(description="As published.")
    provider: str | None = strawberry.field(description="Who provides it, when stated.")
    url: str | None = strawberry.field(description="Where it is offered, when stated.")
    status: str | None = strawberry.field(description="`done` or `planned`, when the source says so.")
    period: Period | None = strawberry.field(description="The date or period the source gives, as printed and read.")
    catalog_slug: strawberry.Private[str]
    catalog_id: strawberry.Private[int]
    category_ids: strawberry.Private[list[int]]
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return f"{self.catalog_slug}:{self.position}"

    @strawberry.field(description="The catalogue it belongs to.")
    async def catalog(self, info: Info) -> Annotated[ServiceCatalog, strawberry.lazy("schema.types.service_catalog")]:
        from schema.types.service_catalog import ServiceCatalog

        row = await info.context.loaders.catalog_by_id.load(self.catalog_id)
        if row is None:
            raise ServiceUnavailable("an entry's catalogue is missing from the loaded dataset")
        return ServiceCatalog.from_row(row)

    @strawberry.field(description="The categories of its catalogue's taxonomy it is filed under.")
    async def categories(self, info: Info) -> list[CatalogCategory]:
        rows = await info.context.loaders.category_by_id.load_many(self.category_ids)
        return [CatalogCategory.from_row(row) for row in rows if row is not None]

    @strawberry.field(description="Where the entry is stated.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> Service:
        dated = row["period_text"] is not None
        return cls(
            name=row["name"],
            position=row["position"],
            description=row["description"],
            provider=row["provider"],
            url=row["url"],
            status=row["status"],
            period=Period(
                text=row["period_text"],
                start=row["period_start"],
                end=row["period_end"],
                approximate=False,
                fiscal_year=fiscal_year_of(row["period_end"] or row["period_start"]),
            )
            if dated
            else None,
            catalog_slug=row["catalog_slug"],
            catalog_id=row["catalog_id"],
            category_ids=list(row["category_ids"]),
            citation_id=row["citation_id"],
        )
