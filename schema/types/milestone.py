"""Milestone: a dated or planned step the report states, with every period read from its wording."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from db.types import Record
from schema.context import Info
from schema.enums import MilestoneStatus
from schema.errors import ServiceUnavailable
from schema.node import Node
from schema.types.period import Period, fiscal_year_of
from schema.types.source import Source, cited

if TYPE_CHECKING:
    from schema.types.initiative import Initiative
    from schema.types.report_section import ReportSection


@strawberry.type(
    description="A step the report states: an item of an initiative's 今後の展開（予定）, or a step it dates "
    "elsewhere (e.g. chapter 1's 「原則として11月末まで」), in the report's words, with its periods when stated."
)
class Milestone(Node):
    text: str = strawberry.field(description="The item as printed.")
    position: int = strawberry.field(
        description="Order within its parent, from 1: an initiative's 今後の展開 first, then the page's other dated "
        "steps; or the order within its report section."
    )
    status: MilestoneStatus = strawberry.field(
        description="PLANNED, or DONE when the report says it took place (「2023年5月に…開始しました」)."
    )
    period: Period = strawberry.field(
        description="The first period of the wording (null dates when it states none); see `periods` for all."
    )
    periods: list[Period] = strawberry.field(
        description="Every period the wording states, in printed order (「2023年から2025年 着手は2026年頃」: two)."
    )
    parent_slug: strawberry.Private[str]
    initiative_id: strawberry.Private[int | None]
    report_section_id: strawberry.Private[int | None]
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return f"{self.parent_slug}:{self.position}"

    @strawberry.field(description="The initiative page it is printed on; null for a step of a report section.")
    async def initiative(self, info: Info) -> Annotated[Initiative, strawberry.lazy("schema.types.initiative")] | None:
        from schema.types.initiative import Initiative

        if self.initiative_id is None:
            return None
        row = await info.context.loaders.initiative_by_id.load(self.initiative_id)
        if row is None:
            raise ServiceUnavailable("a milestone's initiative is missing from the loaded dataset")
        return Initiative.from_row(row)

    @strawberry.field(description="The report section it belongs to (e.g. chapter 1's マイナンバー pages); or null.")
    async def section(
        self, info: Info
    ) -> Annotated[ReportSection, strawberry.lazy("schema.types.report_section")] | None:
        from schema.types.report_section import ReportSection

        if self.report_section_id is None:
            return None
        rows = await info.context.loaders.report_sections.load(None)
        row = next((row for row in rows if row["id"] == self.report_section_id), None)
        if row is None:
            raise ServiceUnavailable("a milestone's report section is missing from the loaded dataset")
        return ReportSection.from_row(row)

    @strawberry.field(description="Where the report states it, with its sentence as `quote`.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> Milestone:
        return cls(
            text=row["text"],
            position=row["position"],
            status=MilestoneStatus(row["status"]),
            period=Period(
                text=row["period_text"],
                start=row["period_start"],
                end=row["period_end"],
                approximate=row["approximate"],
                fiscal_year=row["fiscal_year"],
            ),
            periods=[_period(item) for item in json.loads(row["periods"])],
            parent_slug=row["parent_slug"],
            initiative_id=row["initiative_id"],
            report_section_id=row["report_section_id"],
            citation_id=row["citation_id"],
        )


def _period(item: dict[str, Any]) -> Period:
    start = dt.date.fromisoformat(item["start"]) if item["start"] else None
    end = dt.date.fromisoformat(item["end"]) if item["end"] else None
    return Period(
        text=item["text"], start=start, end=end, approximate=item["approximate"], fiscal_year=fiscal_year_of(end)
    )
