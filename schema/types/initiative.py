"""Initiative: one project page of the report's chapter 2 (成果と進捗)."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.node import Node
from schema.pagination import After, Before, First, Last, PageRequest
from schema.types.focus_area import FocusArea
from schema.types.metric import METRIC_CURSOR, Metric
from schema.types.milestone import Milestone
from schema.types.rendering import ENGLISH_TITLE, Rendering, english_title
from schema.types.rows import from_record
from schema.types.service_catalog import ServiceCatalog
from schema.types.source import Source, report_passage


@strawberry.type(description="A project page of chapter 2 of the report, in the report's own words.")
class Initiative(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    position: int = strawberry.field(description="Order in the report, from 1.")
    title: str = strawberry.field(description="The title in the focus area's list of projects.")
    headline: str = strawberry.field(description="The page's first heading.")
    lead: str | None = strawberry.field(description="The line under the headline.")
    achievements_title: str = strawberry.field(description="1年の成果・進捗: its heading.")
    achievements: str = strawberry.field(description="1年の成果・進捗: the text.")
    background: str = strawberry.field(description="取組の背景.")
    outlook: list[str] = strawberry.field(description="今後の展開（予定）: the items as printed.")
    page: int = strawberry.field(description="Page of the chapter section in the report's table of contents.")
    section: str = strawberry.field(description="Where the page sits in the report.")
    focus_area_id: strawberry.Private[int | None]
    initiative_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description=ENGLISH_TITLE)
    async def english_title(self, info: Info) -> Rendering | None:
        return await english_title(info, "Initiative", self.slug)

    @strawberry.field(description="The focus area the report files this initiative under.")
    async def focus_area(self, info: Info) -> FocusArea | None:
        if self.focus_area_id is None:
            return None
        row = await info.context.loaders.focus_area_by_id.load(self.focus_area_id)
        return FocusArea.from_row(row) if row else None

    @strawberry.field(description="The figures the report states on this page, in report order.")
    async def metrics(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Metric]:
        page = PageRequest.from_arguments(METRIC_CURSOR, first, after, last, before)
        loaders = info.context.loaders
        rows = await loaders.metric_pages_by_initiative_id.load((self.initiative_id, page.slice()))

        async def count() -> int:
            return await loaders.metric_count_by_initiative_id.load(self.initiative_id)

        return ranked_connection(page, METRIC_CURSOR, rows, Metric.from_row, count)

    @strawberry.field(
        description="The items of 今後の展開（予定）, then the page's other dated steps, with their periods."
    )
    async def milestones(self, info: Info) -> list[Milestone]:
        rows = await info.context.loaders.milestones_by_initiative_id.load(self.initiative_id)
        return [Milestone.from_row(row) for row in rows]

    @strawberry.field(description="Catalogues and full lists the page gives.")
    async def catalogs(self, info: Info) -> list[ServiceCatalog]:
        rows = await info.context.loaders.catalogs_by_initiative_id.load(self.initiative_id)
        return [ServiceCatalog.from_row(row) for row in rows]

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await report_passage(info, section=self.section, page=self.page)

    @classmethod
    def from_row(cls, row: Record) -> Initiative:
        return from_record(cls, row, initiative_id=row["id"])
