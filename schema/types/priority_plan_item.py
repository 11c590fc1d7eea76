"""PriorityPlanItem: one of the 10 items of the priority plan (chapter 3, 今後の取組), with its sub-items."""

from __future__ import annotations

import json

import strawberry

from db.types import Record
from schema.context import Info
from schema.node import Node
from schema.types.source import Source, cited


@strawberry.type(description="A numbered sub-item of a priority-plan item, with the details listed under it.")
class PriorityPlanSubItem:
    position: int = strawberry.field(description="Its number in the item.")
    title: str = strawberry.field(description="Verbatim.")
    details: list[str] = strawberry.field(description="The measures listed under it, verbatim.")


@strawberry.type(description="An item of the priority plan for the coming year (chapter 3, 今後の取組).")
class PriorityPlanItem(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    position: int = strawberry.field(description="Order in the report, from 1.")
    title: str = strawberry.field(description="Verbatim.")
    group_title: str | None = strawberry.field(description="The heading the item is printed under.")
    sub_items: list[PriorityPlanSubItem] = strawberry.field(description="The numbered sub-items.")
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> PriorityPlanItem:
        sub_items = json.loads(row["sub_items"])
        return cls(
            slug=row["slug"],
            position=row["position"],
            title=row["title"],
            group_title=row["group_title"],
            sub_items=[PriorityPlanSubItem(**item) for item in sub_items],
            citation_id=row["citation_id"],
        )
