"""Service: an entry of a catalogue (a service, or an item of a list the report gives in full)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from db.types import Record
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.enums import ServiceStatus
from schema.errors import ServiceUnavailable
from schema.node import Node
from schema.pagination import After, Before, First, Last, PageRequest
from schema.types.catalog_category import CatalogCategory, FacetValues
from schema.types.period import Period, fiscal_year_of
from schema.types.source import Source, cited

if TYPE_CHECKING:
    from schema.types.municipality import Municipality
    from schema.types.service_catalog import ServiceCatalog


@strawberry.type(description="An entry of a catalogue: a service, or an item of a list the report gives in full.")
class Service(Node):
    name: str = strawberry.field(description="As published.")
    position: int = strawberry.field(description="Order within its catalogue, from 1.")
    description: str | None = strawberry.field(description="As published.")
    provider: str | None = strawberry.field(description="Who provides it, when stated.")
    url: str | None = strawberry.field(description="Where it is offered, when stated.")
    status: ServiceStatus | None = strawberry.field(description="DONE or PLANNED, when the source says so.")
    period: Period | None = strawberry.field(description="The date or period the source gives, as printed and read.")
    target_users: list[str] = strawberry.field(description="Who it is for, as published (e.g. 住民, 自治体).")
    attributes: JSON = strawberry.field(
        description="Every other field the publisher gives, as published (an imported entry's `key` among them)."
    )
    catalog_slug: strawberry.Private[str]
    facet_value_ids: strawberry.Private[list[int]]
    catalog_id: strawberry.Private[int]
    category_ids: strawberry.Private[list[int]]
    citation_id: strawberry.Private[int]
    entry_id: strawberry.Private[int]

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

    @strawberry.field(description="Its values of the catalogue's facets (e.g. the disaster phase it serves).")
    async def facets(self, info: Info) -> list[FacetValues]:
        rows = [r for r in await info.context.loaders.facet_value_by_id.load_many(self.facet_value_ids) if r]
        return FacetValues.group(rows)

    @strawberry.field(description="The municipalities that use it, by code.")
    async def municipalities(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Annotated[Municipality, strawberry.lazy("schema.types.municipality")]]:
        from schema.types.municipality import Municipality
        from schema.types.prefecture import MUNICIPALITY_CURSOR

        page = PageRequest.from_arguments(MUNICIPALITY_CURSOR, first, after, last, before)
        rows = await info.context.loaders.municipality_pages_by_entry.load((self.entry_id, page.slice()))

        async def count() -> int:
            return await info.context.loaders.municipality_count_by_entry.load(self.entry_id)

        return ranked_connection(page, MUNICIPALITY_CURSOR, rows, Municipality.from_row, count)

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
            status=None if row["status"] is None else ServiceStatus(row["status"]),
            period=Period(
                text=row["period_text"],
                start=row["period_start"],
                end=row["period_end"],
                approximate=False,
                fiscal_year=fiscal_year_of(row["period_end"] or row["period_start"]),
            )
            if dated
            else None,
            target_users=list(row["target_users"]),
            attributes=json.loads(row["attributes"]),
            catalog_slug=row["catalog_slug"],
            facet_value_ids=list(row["facet_value_ids"]),
            entry_id=row["id"],
            catalog_id=row["catalog_id"],
            category_ids=list(row["category_ids"]),
            citation_id=row["citation_id"],
        )
