"""ServiceCatalog: a catalogue or a list the report gives, with its taxonomy, stated count and entries."""

from __future__ import annotations

import datetime as dt

import strawberry

from db.catalogs import ServiceFilter, services_count, services_page
from db.types import Record
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.node import Node
from schema.pagination import After, Before, First, Last, PageRequest
from schema.types.catalog_category import CatalogCategory, FacetValues
from schema.types.rendering import ENGLISH_TITLE, Rendering, english_title
from schema.types.service import Service
from schema.types.source import Source, cited

SERVICE_CURSOR = "service"


@strawberry.type(
    description="A catalogue: `statedCount` is what the report states; `entries.totalCount` is what is loaded."
)
class ServiceCatalog(Node):
    slug: str = strawberry.field(description="Stable identifier of the catalogue.")
    name: str = strawberry.field(description="As the report names it.")
    publisher: str = strawberry.field(description="Who publishes the catalogue or list.")
    edition: str | None = strawberry.field(description="Edition as printed (e.g. 第1版).")
    description: str | None = strawberry.field(description="What the report says the catalogue is.")
    as_of: dt.date | None = strawberry.field(description="The date the stated count refers to.")
    stated_count: int | None = strawberry.field(description="The number of entries the report states, if it does.")
    stated_count_text: str | None = strawberry.field(description="That count as printed (「約560」: approximate).")
    url: str | None = strawberry.field(description="Where the publisher offers it, when the report gives it.")
    catalog_id: strawberry.Private[int]
    initiative_id: strawberry.Private[int | None]
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description=ENGLISH_TITLE)
    async def english_title(self, info: Info) -> Rendering | None:
        return await english_title(info, "ServiceCatalog", self.slug)

    @strawberry.field(description="The taxonomy: top-level categories with their sub-categories.")
    async def categories(self, info: Info) -> list[CatalogCategory]:
        rows = await info.context.loaders.categories_by_catalog_id.load(self.catalog_id)
        return CatalogCategory.tree(rows)

    @strawberry.field(description="Further classifications the publisher uses, with their values.")
    async def facets(self, info: Info) -> list[FacetValues]:
        return FacetValues.group(await info.context.loaders.facet_values_by_catalog_id.load(self.catalog_id))

    @strawberry.field(description="The entries that are loaded (none when the publisher's list is not available).")
    async def entries(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Service]:
        page = PageRequest.from_arguments(SERVICE_CURSOR, first, after, last, before)
        loaders = info.context.loaders
        rows = await loaders.service_pages_by_catalog_id.load((self.catalog_id, page.slice()))

        async def count() -> int:
            return await loaders.service_count_by_catalog_id.load(self.catalog_id)

        return ranked_connection(page, SERVICE_CURSOR, rows, Service.from_row, count)

    @strawberry.field(description="Where the report states the catalogue.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> ServiceCatalog:
        return cls(
            slug=row["slug"],
            name=row["name"],
            publisher=row["publisher"],
            edition=row["edition"],
            description=row["description"],
            as_of=row["as_of"],
            stated_count=row["stated_count"],
            stated_count_text=row["stated_count_text"],
            url=row["url"],
            catalog_id=row["id"],
            initiative_id=row["initiative_id"],
            citation_id=row["citation_id"],
        )


async def service_connection(
    info: Info,
    where: ServiceFilter,
    *,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
) -> Connection[Service]:
    page = PageRequest.from_arguments(SERVICE_CURSOR, first, after, last, before)
    pool = info.context.pool
    rows = await services_page(pool, page.slice(), where)

    async def count() -> int:
        return await services_count(pool, where)

    return ranked_connection(page, SERVICE_CURSOR, rows, Service.from_row, count)
