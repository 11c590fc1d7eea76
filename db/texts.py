"""Named queries over the report's texts: policy goals, mission, priority plan, roles, sections, citations."""

from __future__ import annotations

from collections.abc import Sequence

from db.sql import sql
from db.types import Executor, Record


async def policy_goals(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("policy_goals")))


async def mission_statements(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("mission_statements")))


async def priority_plan_items(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("priority_plan_items")))


async def agency_roles(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("agency_roles")))


async def english_titles(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("english_titles")))


async def report_sections(db: Executor) -> list[Record]:
    return list(await db.fetch(sql("report_sections")))


async def citations_by_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("citations_by_ids"), list(ids)))
