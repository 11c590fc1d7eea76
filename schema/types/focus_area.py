"""FocusArea: one of the Digital Agency's 3 注力領域, under which chapter 2 groups its initiatives."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.node import Node
from schema.types.rendering import ENGLISH_TITLE, Rendering, english_title
from schema.types.rows import from_record
from schema.types.source import Source, report_passage


@strawberry.type(description="A focus area (注力領域) of the Digital Agency, as chapter 2 of the report names it.")
class FocusArea(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    position: int = strawberry.field(description="Order in the report, from 1.")
    name: str = strawberry.field(description="The report's own wording.")
    page: int = strawberry.field(description="Page of the section in the report's table of contents.")
    section: strawberry.Private[str]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description=ENGLISH_TITLE)
    async def english_title(self, info: Info) -> Rendering | None:
        return await english_title(info, "FocusArea", self.slug)

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await report_passage(info, section=self.section, page=self.page)

    @classmethod
    def from_row(cls, row: Record) -> FocusArea:
        return from_record(cls, row)
