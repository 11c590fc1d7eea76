"""Target: a planned value of a metric for a period (e.g. Jグランツ 1,560件 in FY2024)."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.types.period import Period, fiscal_year_of
from schema.types.rows import decimal_text
from schema.types.source import Source, cited


@strawberry.type(description="A value the report plans for a period.")
class Target:
    value: float = strawberry.field(description="The planned value as a number.")
    exact_value: str = strawberry.field(description="The same as an exact decimal string.")
    stated: str = strawberry.field(description="The target as printed.")
    period: Period = strawberry.field(description="The period the target is set for.")
    citation_id: strawberry.Private[int]

    @strawberry.field(description="Where the target is stated.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> Target:
        end = row["period_end"]
        return cls(
            value=float(row["value"]),
            exact_value=decimal_text(row["value"]),
            stated=row["stated"],
            period=Period(
                text=row["period_text"],
                start=row["period_start"],
                end=end,
                approximate=row["approximate"],
                fiscal_year=fiscal_year_of(end),
            ),
            citation_id=row["citation_id"],
        )
