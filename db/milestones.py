"""Named queries over milestones: the items of 今後の展開 and other dated steps, with their parsed periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.paging import Slice
from db.sql import sql
from db.types import Executor, Record


@dataclass(frozen=True)
class MilestoneFilter:
    initiative: str | None = None
    fiscal_year: int | None = None
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    dated: bool | None = None

    def arguments(self) -> tuple[object, ...]:
        return (self.initiative, self.fiscal_year, self.due_before, self.due_after, self.dated)


async def milestones_page(db: Executor, page: Slice, where: MilestoneFilter) -> list[Record]:
    """A page of milestones, nearest first, each row with its `rank` and the filtered `total`."""
    return list(await db.fetch(sql("milestones_page"), *page.arguments(), *where.arguments()))


async def milestones_count(db: Executor, where: MilestoneFilter) -> int:
    count: int = await db.fetchval(sql("milestones_count"), *where.arguments())
    return count


async def milestones_by_initiative_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("milestones_by_initiative_ids"), list(ids)))


async def milestones_by_report_section_ids(db: Executor, ids: Sequence[int]) -> list[Record]:
    return list(await db.fetch(sql("milestones_by_report_section_ids"), list(ids)))


async def milestones_by_keys(db: Executor, keys: Sequence[tuple[str, int]]) -> list[Record]:
    return list(await db.fetch(sql("milestones_by_keys"), [k[0] for k in keys], [k[1] for k in keys]))
