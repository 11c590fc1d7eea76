"""The root Query type: thin resolvers that check arguments and ask a loader or a named query."""

from __future__ import annotations

import strawberry

from db import report
from db.dataset import prefectures
from schema.connection import Connection, build_connection
from schema.context import Info
from schema.errors import NotFound, PublicError, ServiceUnavailable
from schema.node import Node, decode_id
from schema.pagination import PageRequest, encode_cursor
from schema.types.dataset import Dataset
from schema.types.focus_area import FocusArea
from schema.types.initiative import Initiative
from schema.types.prefecture import Prefecture

INITIATIVE_CURSOR = "initiative"
MAX_NODES_PER_REQUEST = 100


@strawberry.input(description="Narrows the list of initiatives.")
class InitiativeFilter:
    focus_area: str | None = strawberry.field(default=None, description="Slug of a focus area.")


async def resolve_node(info: Info, global_id: str) -> Node:
    type_name, key = decode_id(global_id)
    loaders = info.context.loaders
    if type_name == "Initiative":
        row = await loaders.initiative_by_slug.load(key)
        if row is not None:
            return Initiative.from_row(row)
    elif type_name == "FocusArea":
        row = await loaders.focus_area_by_slug.load(key)
        if row is not None:
            return FocusArea.from_row(row)
    raise NotFound(f"no object has the ID {global_id!r}")


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global ID; null and an error when there is none.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)

    @strawberry.field(description=f"Objects by global IDs (at most {MAX_NODES_PER_REQUEST}), in the order asked.")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES_PER_REQUEST:
            raise PublicError(f"`ids` holds {len(ids)} IDs; at most {MAX_NODES_PER_REQUEST} are allowed")
        found: list[Node | None] = []
        for global_id in ids:
            try:
                found.append(await resolve_node(info, global_id))
            except PublicError as error:
                # graphql-core turns an exception returned as a list item into null plus an error at its path.
                found.append(error)  # type: ignore[arg-type]
        return found

    @strawberry.field(description="The edition of the report and the version of the loaded data.")
    async def dataset(self, info: Info) -> Dataset:
        row = await info.context.loaders.dataset.load(None)
        if row is None:
            raise ServiceUnavailable("no dataset is loaded yet: run `hiraku data load`")
        return Dataset.from_row(row)

    @strawberry.field(description="The 3 focus areas (注力領域), in report order.")
    async def focus_areas(self, info: Info) -> list[FocusArea]:
        return [FocusArea.from_row(row) for row in await report.focus_areas(info.context.pool)]

    @strawberry.field(description="The initiative pages of chapter 2, in report order.")
    async def initiatives(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: InitiativeFilter | None = None,
    ) -> Connection[Initiative]:
        page = PageRequest.from_arguments(INITIATIVE_CURSOR, first, after, last, before)
        focus_area = filter.focus_area if filter else None
        pool = info.context.pool
        rows = await report.initiatives_page(
            pool, cursor=page.cursor, backward=page.backward, limit=page.limit + 1, focus_area=focus_area
        )

        async def count() -> int:
            return await report.initiatives_count(pool, focus_area=focus_area)

        return build_connection(
            page,
            [Initiative.from_row(row) for row in rows],
            [encode_cursor(INITIATIVE_CURSOR, row["position"]) for row in rows],
            count,
        )

    @strawberry.field(description="One initiative by its slug; null when there is none.")
    async def initiative(self, info: Info, slug: str) -> Initiative | None:
        row = await info.context.loaders.initiative_by_slug.load(slug)
        return Initiative.from_row(row) if row else None

    @strawberry.field(description="The 47 prefectures, by code.")
    async def prefectures(self, info: Info) -> list[Prefecture]:
        return [Prefecture.from_row(row) for row in await prefectures(info.context.pool)]
