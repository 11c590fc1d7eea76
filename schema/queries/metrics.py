"""Queries over the figures: metrics, filtered and paged, and one metric by slug."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db import metrics
from db.metrics import MetricFilter as MetricWhere
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.enums import MetricKind, MetricUnit
from schema.errors import no_such
from schema.ordering import MetricOrder, OrderDirection
from schema.pagination import After, Before, First, Last, PageRequest
from schema.strings import checked, checked_optional
from schema.types.metric import METRIC_CURSOR, METRIC_SLUGS, Metric


@strawberry.input(description="Narrows the list of metrics.")
class MetricFilter:
    initiative: str | None = strawberry.field(default=None, description="Slug of an initiative.")
    unit: MetricUnit | None = strawberry.field(default=None, description="The unit `Metric.unit` answers (PERCENT).")
    kind: MetricKind | None = strawberry.field(default=None, description="The kind `Metric.kind` answers (COUNT).")


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
        order_by: Annotated[MetricOrder | None, strawberry.argument(description="Sort order.")] = None,
    ) -> Connection[Metric]:
        page = PageRequest.from_arguments(METRIC_CURSOR, first, after, last, before)
        order = order_by or MetricOrder()
        f = filter or MetricFilter()
        where = MetricWhere(
            checked_optional(f.initiative, "filter.initiative"),
            f.unit.value if f.unit else None,
            f.kind.value if f.kind else None,
        )
        pool = info.context.pool
        window = page.slice(order.field.value, descending=order.direction is OrderDirection.DESC)
        rows = await metrics.metrics_page(pool, window, where)

        async def count() -> int:
            return await metrics.metrics_count(pool, where)

        return ranked_connection(page, METRIC_CURSOR, rows, Metric.from_row, count)

    @strawberry.field(description="One metric by its slug; null and a NOT_FOUND error when there is none.")
    async def metric(
        self,
        info: Info,
        slug: Annotated[str, strawberry.argument(description="The slug, as in the object's `slug` field.")],
    ) -> Metric | None:
        row = await info.context.loaders.metric_by_slug.load(checked(slug, "slug"))
        if row is None:
            raise no_such("metric", "slug", slug, METRIC_SLUGS)
        return Metric.from_row(row)
