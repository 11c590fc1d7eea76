"""ReportSection: a free-form passage, such as a topic of the organisation chapter."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.node import Node
from schema.types.milestone import Milestone
from schema.types.source import Source, cited


@strawberry.type(description="A passage of the report that is not an initiative page (e.g. デジタル庁の組織づくり).")
class ReportSection(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    position: int = strawberry.field(description="Order in the report, from 1.")
    chapter: str = strawberry.field(description="Where it sits in the report.")
    title: str = strawberry.field(description="The heading, verbatim.")
    headline: str | None = strawberry.field(description="The heading it is printed under.")
    text: str = strawberry.field(description="The body, verbatim.")
    items: list[str] = strawberry.field(description="Bullet lists printed with it, verbatim.")
    section_id: strawberry.Private[int]
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @strawberry.field(description="The steps the passage dates (e.g. 「原則として11月末まで」), with their periods.")
    async def milestones(self, info: Info) -> list[Milestone]:
        rows = await info.context.loaders.milestones_by_report_section_id.load(self.section_id)
        return [Milestone.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: Record) -> ReportSection:
        return cls(
            slug=row["slug"],
            position=row["position"],
            chapter=row["chapter"],
            title=row["title"],
            headline=row["headline"],
            text=row["text"],
            items=list(row["items"]),
            section_id=row["id"],
            citation_id=row["citation_id"],
        )
