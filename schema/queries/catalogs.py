"""Queries over catalogues and their entries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import catalogs
from db.catalogs import ServiceFilter as ServiceWhere
from db.search import search_form
from schema.codes import USE_AREA_CODE, one_code
from schema.connection import Connection
from schema.context import Info
from schema.errors import no_such
from schema.pagination import After, Before, First, Last
from schema.scalars import LocalGovCode
from schema.strings import checked, checked_optional
from schema.types.service import Service
from schema.types.service_catalog import ServiceCatalog, service_connection


@strawberry.input(description="A facet value an entry must have.")
class FacetInput:
    name: str = strawberry.field(description="The facet, as published (e.g. フェーズ).")
    value: str = strawberry.field(description="One of its values, as published (e.g. 発災前).")


@strawberry.input(description="Narrows the list of catalogue entries; the conditions combine (AND).")
class ServiceFilter:
    catalog: str | None = strawberry.field(default=None, description="Slug of a catalogue.")
    category: str | None = strawberry.field(
        default=None, description="Slug or name of a category; entries of its sub-categories are included."
    )
    facets: list[FacetInput] | None = strawberry.field(default=None, description="Facet values it must all have.")
    area_code: LocalGovCode | None = strawberry.field(
        default=None, description="Only entries used by this municipality (5 or 6 digits)."
    )
    municipality_code: LocalGovCode | None = strawberry.field(
        default=None, description="Only entries used by this municipality.", deprecation_reason=USE_AREA_CODE
    )
    search: str | None = strawberry.field(default=None, description="Words in its name, provider or description.")


@strawberry.type
class CatalogQuery:
    @strawberry.field(description="Every catalogue and full list the report gives.")
    async def service_catalogs(self, info: Info) -> list[ServiceCatalog]:
        return [ServiceCatalog.from_row(row) for row in await catalogs.catalogs(info.context.pool)]

    @strawberry.field(description="One catalogue by its slug; null and a NOT_FOUND error when there is none.")
    async def service_catalog(
        self,
        info: Info,
        slug: Annotated[str, strawberry.argument(description="The slug, as in the object's `slug` field.")],
    ) -> ServiceCatalog | None:
        row = await info.context.loaders.catalog_by_slug.load(checked(slug, "slug"))
        if row is None:
            raise no_such(
                "catalogue", "slug", slug, "The catalogues' slugs are listed by { serviceCatalogs { slug } }."
            )
        return ServiceCatalog.from_row(row)

    @strawberry.field(
        description="Entries of all catalogues; filters by catalogue, category, facet, municipality and words combine."
    )
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
        words = checked_optional(f.search, "filter.search")
        where = ServiceWhere(
            checked_optional(f.catalog, "filter.catalog"),
            checked_optional(f.category, "filter.category"),
            tuple((checked(x.name, "filter.facets"), checked(x.value, "filter.facets")) for x in f.facets or []),
            one_code(f.area_code, f.municipality_code, "filter.municipalityCode"),
            (search_form(words).strip() or None) if words else None,
        )
        return await service_connection(
            info,
            where,
            first=first,
            after=after,
            last=last,
            before=before,
        )
