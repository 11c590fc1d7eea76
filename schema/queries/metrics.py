"""Queries over the figures: metrics, filtered and paged, and one metric by slug."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import metrics
from db.metrics import MetricFilter as MetricWhere
from schema.connection import Connection, build_connection
from schema.context import Info
from schema.pagination import After, Before, First, Last, PageRequest, encode_cursor
from schema.types.metric import Metric

METRIC_CURSOR = "metric"


@strawberry.input(description="Narrows the list of metrics.")
class MetricFilter:
    initiative: str | None = strawberry.field(default=None, description="Slug of an initiative.")
    unit: str | None = strawberry.field(default=None, description="Unit code, e.g. `percent`.")
    kind: str | None = strawberry.field(default=None, description="Kind, e.g. `count`.")


@strawberry.type
class MetricQuery:
    @strawberry.field(description="Every figure the report states, in report order.")
    async def metrics(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[MetricFilter | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[Metric]:
        page = PageRequest.from_arguments(METRIC_CURSOR, first, after, last, before)
        f = filter or MetricFilter()
        where = MetricWhere(f.initiative, f.unit, f.kind)
        pool = info.context.pool
        rows = await metrics.metrics_page(
            pool, cursor=page.id_cursor(), backward=page.backward, limit=page.limit + 1, where=where
        )

        async def count() -> int:
            return await metrics.metrics_count(pool, where)

        return build_connection(
            page,
            [Metric.from_row(row) for row in rows],
            [encode_cursor(METRIC_CURSOR, row["id"]) for row in rows],
            count,
        )

    @strawberry.field(description="One metric by its slug; null when there is none.")
    async def metric(
        self,
        info: Info,
        slug: Annotated[str, strawberry.argument(description="The slug, as in the object's `slug` field.")],
    ) -> Metric | None:
        row = await info.context.loaders.metric_by_slug.load(slug)
        return Metric.from_row(row) if row else None
