"""Sort orders of lists, GitHub style: `orderBy: {field, direction}`."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.enum(description="How initiatives can be sorted.")
class InitiativeOrderField(Enum):
    POSITION = "position"
    TITLE = "title"


@strawberry.input(description="Sort order of initiatives (default: report order).")
class InitiativeOrder:
    field: InitiativeOrderField = strawberry.field(
        default=InitiativeOrderField.POSITION, description="POSITION: report order; TITLE: by title (code points)."
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")


@strawberry.enum(description="How metrics can be sorted.")
class MetricOrderField(Enum):
    POSITION = "position"
    NAME = "name"
    SLUG = "slug"


@strawberry.input(description="Sort order of metrics (default: report order).")
class MetricOrder:
    field: MetricOrderField = strawberry.field(
        default=MetricOrderField.POSITION, description="POSITION: report order; NAME; SLUG."
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")


@strawberry.enum(description="How milestones can be sorted.")
class MilestoneOrderField(Enum):
    POSITION = "position"
    DUE = "due"


@strawberry.input(description="Sort order of milestones (default: report order).")
class MilestoneOrder:
    field: MilestoneOrderField = strawberry.field(
        default=MilestoneOrderField.POSITION,
        description="POSITION: report order; DUE: by the end of the period, undated items last.",
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")
