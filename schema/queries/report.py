"""Queries over the report's structure and texts: dataset, focus areas, initiatives, milestones and more."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from db import milestones, report, texts
from db.milestones import MilestoneFilter as MilestoneWhere
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.errors import no_such
from schema.ordering import InitiativeOrder, MilestoneOrder, OrderDirection
from schema.pagination import After, Before, First, Last, PageRequest
from schema.strings import checked, checked_optional
from schema.types.agency_role import AgencyRole
from schema.types.dataset import Dataset
from schema.types.focus_area import FocusArea
from schema.types.initiative import Initiative
from schema.types.milestone import Milestone
from schema.types.mission_statement import MissionStatement
from schema.types.policy_goal import PolicyGoal
from schema.types.priority_plan_item import PriorityPlanItem
from schema.types.report_section import ReportSection
from schema.types.source import edition

INITIATIVE_CURSOR = "initiative"
MILESTONE_CURSOR = "milestone"
INITIATIVE_SLUGS = "The initiatives' slugs are listed by { initiatives { nodes { slug } } }."


@strawberry.input(description="Narrows the list of initiatives.")
class InitiativeFilter:
    focus_area: str | None = strawberry.field(default=None, description="Slug of a focus area.")


@strawberry.input(description="Narrows the list of milestones. Due dates are the last day of each period.")
class MilestoneFilter:
    initiative: str | None = strawberry.field(default=None, description="Slug of an initiative.")
    fiscal_year: int | None = strawberry.field(
        default=None,
        description="Due in this fiscal year (April–March): one of the periods of its wording ends in it. A period "
        "open at the end (「2023年9月以降」) is due in none.",
    )
    due_before: dt.date | None = strawberry.field(default=None, description="Due on or before this date.")
    due_after: dt.date | None = strawberry.field(default=None, description="Due on or after this date.")
    dated: bool | None = strawberry.field(
        default=None, description="true: only items whose wording states a period; false: only those without."
    )


@strawberry.type
class ReportQuery:
    @strawberry.field(description="The edition of the report and the version of the loaded data.")
    async def dataset(self, info: Info) -> Dataset:
        return Dataset.from_row(await edition(info))

    @strawberry.field(description="The 3 focus areas (注力領域), in report order.")
    async def focus_areas(self, info: Info) -> list[FocusArea]:
        return [FocusArea.from_row(row) for row in await report.focus_areas(info.context.pool)]

    @strawberry.field(description="The initiative pages of chapter 2, in report order.")
    async def initiatives(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[InitiativeFilter | None, strawberry.argument(description="Narrows the list.")] = None,
        order_by: Annotated[InitiativeOrder | None, strawberry.argument(description="Sort order.")] = None,
    ) -> Connection[Initiative]:
        page = PageRequest.from_arguments(INITIATIVE_CURSOR, first, after, last, before)
        order = order_by or InitiativeOrder()
        focus_area = checked_optional(filter.focus_area if filter else None, "filter.focusArea")
        pool = info.context.pool
        window = page.slice(order.field.value, descending=order.direction is OrderDirection.DESC)
        rows = await report.initiatives_page(pool, window, focus_area=focus_area)

        async def count() -> int:
            return await report.initiatives_count(pool, focus_area=focus_area)

        return ranked_connection(page, INITIATIVE_CURSOR, rows, Initiative.from_row, count)

    @strawberry.field(description="One initiative by its slug; null and a NOT_FOUND error when there is none.")
    async def initiative(
        self,
        info: Info,
        slug: Annotated[str, strawberry.argument(description="The slug, as in the object's `slug` field.")],
    ) -> Initiative | None:
        row = await info.context.loaders.initiative_by_slug.load(checked(slug, "slug"))
        if row is None:
            raise no_such("initiative", "slug", slug, INITIATIVE_SLUGS)
        return Initiative.from_row(row)

    @strawberry.field(description="The planned items of every initiative's 今後の展開, in report order.")
    async def milestones(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[MilestoneFilter | None, strawberry.argument(description="Narrows the list.")] = None,
        order_by: Annotated[MilestoneOrder | None, strawberry.argument(description="Sort order.")] = None,
    ) -> Connection[Milestone]:
        page = PageRequest.from_arguments(MILESTONE_CURSOR, first, after, last, before)
        order = order_by or MilestoneOrder()
        f = filter or MilestoneFilter()
        initiative = checked_optional(f.initiative, "filter.initiative")
        where = MilestoneWhere(initiative, f.fiscal_year, f.due_before, f.due_after, f.dated)
        pool = info.context.pool
        window = page.slice(order.field.value, descending=order.direction is OrderDirection.DESC)
        rows = await milestones.milestones_page(pool, window, where)

        async def count() -> int:
            return await milestones.milestones_count(pool, where)

        return ranked_connection(page, MILESTONE_CURSOR, rows, Milestone.from_row, count)

    @strawberry.field(description="The 6 目指す姿 of chapter 1.")
    async def policy_goals(self, info: Info) -> list[PolicyGoal]:
        return [PolicyGoal.from_row(row) for row in await info.context.loaders.policy_goals.load(None)]

    @strawberry.field(description="Mission, Visions and Values of the Digital Agency.")
    async def mission_statements(self, info: Info) -> list[MissionStatement]:
        return [MissionStatement.from_row(row) for row in await info.context.loaders.mission_statements.load(None)]

    @strawberry.field(description="The 10 items of the priority plan (chapter 3, 今後の取組).")
    async def priority_plan(self, info: Info) -> list[PriorityPlanItem]:
        return [PriorityPlanItem.from_row(row) for row in await info.context.loaders.priority_plan_items.load(None)]

    @strawberry.field(description="The Digital Agency's 10 roles.")
    async def agency_roles(self, info: Info) -> list[AgencyRole]:
        return [AgencyRole.from_row(row) for row in await texts.agency_roles(info.context.pool)]

    @strawberry.field(description="Passages that are not initiative pages (e.g. the organisation chapter).")
    async def report_sections(self, info: Info) -> list[ReportSection]:
        return [ReportSection.from_row(row) for row in await info.context.loaders.report_sections.load(None)]
