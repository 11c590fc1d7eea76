"""Milestone: a planned item of an initiative's 今後の展開, with the period read from its wording."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from db.types import Record
from schema.context import Info
from schema.errors import ServiceUnavailable
from schema.node import Node
from schema.types.period import Period
from schema.types.source import Source, report_passage

if TYPE_CHECKING:
    from schema.types.initiative import Initiative


@strawberry.type(
    description="A planned item of 今後の展開（予定）, in the report's words, with its period when stated."
)
class Milestone(Node):
    text: str = strawberry.field(description="The item as printed.")
    position: int = strawberry.field(description="Order within its initiative's 今後の展開, from 1.")
    period: Period = strawberry.field(description="Read from the wording; null dates when it states none.")
    initiative_slug: strawberry.Private[str]
    initiative_id: strawberry.Private[int]

    def global_key(self) -> str:
        return f"{self.initiative_slug}:{self.position}"

    @strawberry.field(description="The initiative page this item belongs to.")
    async def initiative(self, info: Info) -> Annotated[Initiative, strawberry.lazy("schema.types.initiative")]:
        from schema.types.initiative import Initiative

        row = await info.context.loaders.initiative_by_id.load(self.initiative_id)
        if row is None:
            raise ServiceUnavailable("a milestone's initiative is missing from the loaded dataset")
        return Initiative.from_row(row)

    @strawberry.field(description="Where the report states it: its initiative's page.")
    async def source(self, info: Info) -> Source:
        row = await info.context.loaders.initiative_by_id.load(self.initiative_id)
        section = f"{row['section']} > 今後の展開（予定）" if row else None
        return await report_passage(info, section=section, page=row["page"] if row else None)

    @classmethod
    def from_row(cls, row: Record) -> Milestone:
        return cls(
            text=row["text"],
            position=row["position"],
            period=Period(
                text=row["period_text"],
                start=row["period_start"],
                end=row["period_end"],
                approximate=row["approximate"],
                fiscal_year=row["fiscal_year"],
            ),
            initiative_slug=row["initiative_slug"],
            initiative_id=row["initiative_id"],
        )
