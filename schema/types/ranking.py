"""AreaRanking: areas ordered by their value of a metric on a date, ties and missing values explicit."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from schema.types.area import Area
from schema.types.observation import Observation


@strawberry.enum(description="A level of areas.")
class AreaLevel(Enum):
    PREFECTURE = "prefecture"
    MUNICIPALITY = "municipality"


@strawberry.type(description="An area's place in a ranking.")
class AreaRank:
    rank: int = strawberry.field(description="1 for the first; equal values share a rank (1, 2, 2, 4).")
    tied: bool = strawberry.field(description="Another area has the same value.")
    area: Area = strawberry.field(description="The prefecture or municipality.")
    observation: Observation = strawberry.field(description="The value, with its source.")


@strawberry.type(description="Areas of one level ranked by a metric on one date.")
class AreaRanking:
    date: dt.date | None = strawberry.field(description="The date ranked; null when the metric has no area values.")
    level: AreaLevel = strawberry.field(description="The level ranked.")
    areas: int = strawberry.field(description="How many areas of the level (and prefecture) there are.")
    areas_with_value: int = strawberry.field(description="How many of them have a value on the date.")
    areas_without_value: int = strawberry.field(description="How many have none: they are not ranked.")
    entries: list[AreaRank] = strawberry.field(description="The first ranks, best first.")
