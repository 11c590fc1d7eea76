"""Sort orders of lists, GitHub style: `orderBy: {field, direction}`."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    _value_: str  # the column or SQL word it stands for (typed for mypy: `enum_value` wraps it)
    ASC = strawberry.enum_value("asc", description="Ascending: smallest, earliest or first in order first.")
    DESC = strawberry.enum_value("desc", description="Descending: largest, latest or last in order first.")


@strawberry.enum(description="How initiatives can be sorted.")
class InitiativeOrderField(Enum):
    _value_: str  # the column or SQL word it stands for (typed for mypy: `enum_value` wraps it)
    POSITION = strawberry.enum_value("position", description="Report order.")
    TITLE = strawberry.enum_value("title", description="By title (code points).")


@strawberry.input(description="Sort order of initiatives (default: report order).")
class InitiativeOrder:
    field: InitiativeOrderField = strawberry.field(
        default=InitiativeOrderField.POSITION, description="POSITION: report order; TITLE: by title (code points)."
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")


@strawberry.enum(description="How metrics can be sorted.")
class MetricOrderField(Enum):
    _value_: str  # the column or SQL word it stands for (typed for mypy: `enum_value` wraps it)
    POSITION = strawberry.enum_value("position", description="Report order.")
    NAME = strawberry.enum_value("name", description="By name (code points).")
    SLUG = strawberry.enum_value("slug", description="By slug.")


@strawberry.input(description="Sort order of metrics (default: report order).")
class MetricOrder:
    field: MetricOrderField = strawberry.field(
        default=MetricOrderField.POSITION, description="POSITION: report order; NAME; SLUG."
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")


@strawberry.enum(description="How milestones can be sorted.")
class MilestoneOrderField(Enum):
    _value_: str  # the column or SQL word it stands for (typed for mypy: `enum_value` wraps it)
    POSITION = strawberry.enum_value("position", description="Report order.")
    DUE = strawberry.enum_value("due", description="By the end of the period, undated items last.")


@strawberry.input(description="Sort order of milestones (default: report order).")
class MilestoneOrder:
    field: MilestoneOrderField = strawberry.field(
        default=MilestoneOrderField.POSITION,
        description="POSITION: report order; DUE: by the end of the period, undated items last.",
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")
