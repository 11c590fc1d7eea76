"""Queries over catalogues and their entries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import catalogs
from db.catalogs import ServiceFilter as ServiceWhere
from schema.connection import Connection
from schema.context import Info
from schema.pagination import After, Before, First, Last
from schema.strings import checked, checked_optional
from schema.types.service import Service
from schema.types.service_catalog import ServiceCatalog, service_connection


@strawberry.input(description="Narrows the list of catalogue entries.")
class ServiceFilter:
    catalog: str | None = strawberry.field(default=None, description="Slug of a catalogue.")
    category: str | None = strawberry.field(default=None, description="Slug of a category of that catalogue.")


@strawberry.type
class CatalogQuery:
    @strawberry.field(description="Every catalogue and full list the report gives.")
    async def service_catalogs(self, info: Info) -> list[ServiceCatalog]:
        return [ServiceCatalog.from_row(row) for row in await catalogs.catalogs(info.context.pool)]

    @strawberry.field(description="One catalogue by its slug; null when there is none.")
    async def service_catalog(
        self,
        info: Info,
        slug: Annotated[str, strawberry.argument(description="The slug, as in the object's `slug` field.")],
    ) -> ServiceCatalog | None:
        row = await info.context.loaders.catalog_by_slug.load(checked(slug, "slug"))
        return ServiceCatalog.from_row(row) if row else None

    @strawberry.field(description="Entries of all catalogues, filtered by catalogue and category.")
    async def services(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[ServiceFilter | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[Service]:
        f = filter or ServiceFilter()
        return await service_connection(
            info,
            ServiceWhere(
                checked_optional(f.catalog, "filter.catalog"), checked_optional(f.category, "filter.category")
            ),
            first=first,
            after=after,
            last=last,
            before=before,
        )
