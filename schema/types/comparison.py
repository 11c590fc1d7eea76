"""Comparison: a change the report states, such as 「3.6倍」 or 「+5,776条項」."""

from __future__ import annotations

import datetime as dt

import strawberry

from db.types import Record
from schema.context import Info
from schema.enums import ComparisonKind
from schema.types.rows import decimal_text
from schema.types.source import Source, cited


@strawberry.type(description="A comparison as the report states it (「前年比で3.6倍超」, 「+5,776条項」).")
class Comparison:
    kind: ComparisonKind = strawberry.field(
        description="RATIO (倍), DIFFERENCE (in the metric's unit), PERCENT_POINT (pt), PERCENT_CHANGE (「約14%増」) "
        "or CHANGE (「85%から91%へ」)."
    )
    value: float = strawberry.field(description="The stated change as a number.")
    exact_value: str = strawberry.field(description="The same as an exact decimal string.")
    stated: str = strawberry.field(description="The comparison as printed.")
    baseline: str | None = strawberry.field(description="What it is compared with, as printed (e.g. 「2022年7月」).")
    baseline_date: dt.date | None = strawberry.field(description="The baseline as a date, when the report gives one.")
    baseline_value: float | None = strawberry.field(
        description="The earlier value, when the report prints it (「85%から91%へ」 -> 85)."
    )
    date: dt.date | None = strawberry.field(description="When the compared value stands.")
    approximate: bool = strawberry.field(description="「約」 in the report.")
    at_least: bool = strawberry.field(description="「超」「以上」: the value is a lower bound.")
    citation_id: strawberry.Private[int]

    @strawberry.field(description="Where the comparison is stated.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> Comparison:
        return cls(
            kind=ComparisonKind(row["kind"]),
            value=float(row["value"]),
            exact_value=decimal_text(row["value"]),
            stated=row["stated"],
            baseline=row["baseline"],
            baseline_date=row["baseline_date"],
            baseline_value=None if row["baseline_value"] is None else float(row["baseline_value"]),
            date=row["date"],
            approximate=row["approximate"],
            at_least=row["at_least"],
            citation_id=row["citation_id"],
        )
