"""Breakdown: one combination of dimensions a metric's values come in, with how many values it holds."""

from __future__ import annotations

import datetime as dt

import strawberry

from db.types import Record
from schema.types.observation import Dimension, dimension_list


@strawberry.type(
    description="One breakdown of a metric's values (e.g. sex × age group), or its totals. Its `dimensions`, passed "
    "as they are to `Metric.observations(dimensions:)`, select its values."
)
class Breakdown:
    dimensions: list[Dimension] = strawberry.field(
        description="The combination, by dimension name; empty for the totals."
    )
    observation_count: int = strawberry.field(description="Its values: the nation's and every area's.")
    nation_observation_count: int = strawberry.field(
        description="Its values for the nation as a whole: what `observations(dimensions:)` without `areaCode` "
        "counts in `totalCount`."
    )
    area_count: int = strawberry.field(description="Prefectures and municipalities with values (0: the nation only).")
    date_count: int = strawberry.field(description="Dates with values.")
    first_date: dt.date = strawberry.field(description="The earliest date with a value.")
    last_date: dt.date = strawberry.field(description="The latest date with a value.")

    @classmethod
    def from_row(cls, row: Record) -> Breakdown:
        return cls(
            dimensions=dimension_list(row["dimensions"]),
            observation_count=row["observations"],
            nation_observation_count=row["nation_observations"],
            area_count=row["areas"],
            date_count=row["dates"],
            first_date=row["first_date"],
            last_date=row["last_date"],
        )
