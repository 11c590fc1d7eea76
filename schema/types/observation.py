"""Observation: one value of a metric at a date, with its source."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import strawberry

from db.types import Record
from schema.context import Info
from schema.enums import DateBasis
from schema.scalars import LocalGovCode
from schema.types.area import Area
from schema.types.rows import decimal_text
from schema.types.source import Source, cited


@strawberry.type(description="A dimension of an observation, e.g. age group or sex.")
class Dimension:
    name: str = strawberry.field(description="e.g. age_group, sex.")
    value: str = strawberry.field(description="e.g. 20-29, female.")


@strawberry.input(description="One dimension of a breakdown to select.")
class DimensionInput:
    name: str = strawberry.field(description="e.g. sex, age_group, municipality_group.")
    value: str = strawberry.field(description="e.g. 女, 20～24, 町村 (as the source prints it).")


@strawberry.type(description="A value of a metric at a date, exactly as the source states it.")
class Observation:
    date: dt.date = strawberry.field(description="As-of date, or the last day of the period the value covers.")
    value: float = strawberry.field(description="The value as a number (see `exactValue` for the decimal).")

    @strawberry.field(description="The value as an exact decimal string.")
    def exact_value(self) -> str:
        return decimal_text(self.decimal)

    display_value: str | None = strawberry.field(
        description="The value as printed in the source, e.g. 「約6,410万人」."
    )
    approximate: bool = strawberry.field(description="「約」, 「超」 or rounded in the source.")
    at_least: bool = strawberry.field(description="「以上」「超」: the value is a lower bound.")
    date_basis: DateBasis = strawberry.field(
        description="STATED: the source gives the date; REPORT_PERIOD_END: it gives none, and the value "
        "stands at the end of the report's period (2023-08-31)."
    )
    period_start: dt.date | None = strawberry.field(description="First day of the period the value covers.")
    area_code: LocalGovCode | None = strawberry.field(description="6-digit local government code; null for the nation.")
    # The exact value and the breakdown as the database gives them, turned into text only when asked for (a page of
    # observations is read by the thousand).
    decimal: strawberry.Private[Decimal]
    dimensions_json: strawberry.Private[str]
    citation_id: strawberry.Private[int]

    @strawberry.field(description="The prefecture or municipality; null for the nation as a whole.")
    async def area(self, info: Info) -> Area | None:
        from schema.types.municipality import Municipality
        from schema.types.prefecture import Prefecture

        if self.area_code is None:
            return None
        row = await info.context.loaders.area_by_code.load(self.area_code)
        if row is None:
            return None
        return Prefecture.from_row(row) if row["level"] == "prefecture" else Municipality.from_row(row)

    @strawberry.field(description="The breakdown this value belongs to (empty for a total).")
    def dimensions(self) -> list[Dimension]:
        values: dict[str, str] = json.loads(self.dimensions_json)
        return [Dimension(name=name, value=value) for name, value in sorted(values.items())]

    @strawberry.field(description="Where the value is stated.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> Observation:
        return cls(
            date=row["date"],
            value=float(row["value"]),
            decimal=row["value"],
            display_value=row["stated"],
            approximate=row["approximate"],
            at_least=row["at_least"],
            date_basis=DateBasis(row["date_basis"]),
            period_start=row["period_start"],
            area_code=row["area_code"],
            dimensions_json=row["dimensions"],
            citation_id=row["citation_id"],
        )
