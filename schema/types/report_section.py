"""ReportSection: a free-form passage, such as a topic of the organisation chapter."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.node import Node
from schema.types.source import Source, cited


@strawberry.type(description="A passage of the report that is not an initiative page (e.g. デジタル庁の組織づくり).")
class ReportSection(Node):
    slug: str
    position: int
    chapter: str = strawberry.field(description="Where it sits in the report.")
    title: str
    headline: str | None
    text: str
    items: list[str] = strawberry.field(description="Bullet lists printed with it, verbatim.")
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

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
            citation_id=row["citation_id"],
        )
