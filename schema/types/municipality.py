"""Municipality: one of the 1,741 市区町村, with its figures."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Annotated

import strawberry

from db.types import Record
from loaders.observations import AreaObservationPage
from schema.connection import Connection, build_connection, ranked_connection
from schema.context import Info
from schema.errors import ServiceUnavailable, no_such
from schema.pagination import After, Before, First, Last, PageRequest
from schema.strings import checked
from schema.types.area import Area
from schema.types.metric import METRIC_SLUGS, OBSERVATION_CURSOR, observation_cursor
from schema.types.observation import Observation
from schema.types.prefecture import Prefecture, area_fields

if TYPE_CHECKING:
    from schema.types.service import Service


@strawberry.type(description="A municipality (市区町村): 政令市, 特別区, 市, 町 or 村.")
class Municipality(Area):
    county: str | None = strawberry.field(description="郡 of a town or village, when it has one.")
    prefecture_code: strawberry.Private[str]

    @strawberry.field(description="The first 5 digits of the code (without the check digit).")
    def code5(self) -> str:
        return self.code[:5]

    @strawberry.field(description="The prefecture it belongs to.")
    async def prefecture(self, info: Info) -> Prefecture:
        row = await info.context.loaders.area_by_code.load(self.prefecture_code)
        if row is None:
            raise ServiceUnavailable("a municipality's prefecture is missing from the loaded dataset")
        return Prefecture.from_row(row)

    @strawberry.field(description="Its values of one metric, in date order.")
    async def observations(
        self,
        info: Info,
        metric: Annotated[str, strawberry.argument(description="Slug of the metric.")],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from", description="First date.")] = None,
        to: Annotated[dt.date | None, strawberry.argument(description="Last date.")] = None,
    ) -> Connection[Observation]:
        page = PageRequest.from_arguments(OBSERVATION_CURSOR, first, after, last, before)
        row = await info.context.loaders.metric_by_slug.load(checked(metric, "metric"))
        if row is None:
            raise no_such("metric", "slug", metric, METRIC_SLUGS)
        key = AreaObservationPage(row["id"], page.limit + 1, page.date_id_cursor(), page.backward, from_, to)
        rows = await info.context.loaders.area_observation_pages.load((self.code, key))

        async def count() -> int:
            return await info.context.loaders.area_observation_counts.load((self.code, row["id"], from_, to))

        build = partial(Observation.from_row, metric_slug=row["slug"])
        return build_connection(page, rows, build, observation_cursor, count)

    @strawberry.field(description="Catalogue entries (services) it uses, in catalogue order.")
    async def services(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Annotated[Service, strawberry.lazy("schema.types.service")]]:
        from schema.types.service import Service
        from schema.types.service_catalog import SERVICE_CURSOR

        page = PageRequest.from_arguments(SERVICE_CURSOR, first, after, last, before)
        rows = await info.context.loaders.service_pages_by_area.load((self.code, page.slice()))

        async def count() -> int:
            return await info.context.loaders.service_count_by_area.load(self.code)

        return ranked_connection(page, SERVICE_CURSOR, rows, Service.from_row, count)

    @classmethod
    def from_row(cls, row: Record) -> Municipality:
        return cls(**area_fields(row), county=row["county"], prefecture_code=row["prefecture_code"])
