"""Milestones as rows: the 今後の展開 items of every initiative and the dated steps of milestones.yaml, each citing
its sentence, with every period its wording states."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from seeds.models import Milestone, SourceRef
from seeds.periods import Period, find_periods
from seeds.report import Report

Row = tuple[Any, ...]


@dataclass(frozen=True)
class MilestoneItem:
    """A milestone before loading: its parent by slug, its periods as read, the passage it cites."""

    initiative: str | None
    section: str | None
    position: int
    text: str
    status: str
    periods: list[Period]
    source: SourceRef


def milestone_rows(
    report: Report, initiative_ids: dict[str, int], section_ids: dict[str, int], cite: Callable[[SourceRef], int]
) -> list[Row]:
    """Rows of the milestone table (without their ids), in the order of `report_milestones`."""
    return [_row(item, initiative_ids, section_ids, cite) for item in report_milestones(report)]


def report_milestones(report: Report) -> list[MilestoneItem]:
    """Every milestone, in report order: by page, then as the files list them."""
    items = _initiative_items(report) + _section_items(report)
    return sorted(items, key=lambda item: item.source.page or 0)


def _initiative_items(report: Report) -> list[MilestoneItem]:
    items: list[MilestoneItem] = []
    for initiative in report.initiatives:
        section = f"{initiative.section} > 今後の展開（予定）"
        for position, text in enumerate(initiative.outlook, start=1):
            periods = find_periods(text, promulgated=initiative.promulgated)
            source = SourceRef(section=section, page=initiative.page, quote=text)
            items.append(MilestoneItem(initiative.slug, None, position, text, "planned", periods, source))
        others = [m for m in report.milestones if m.initiative == initiative.slug]
        for position, m in enumerate(others, start=len(initiative.outlook) + 1):
            items.append(MilestoneItem(initiative.slug, None, position, m.text, m.status, _periods(m), m.source))
    return items


def _section_items(report: Report) -> list[MilestoneItem]:
    items: list[MilestoneItem] = []
    for section in report.sections:
        steps = [m for m in report.milestones if m.section == section.slug]
        for position, m in enumerate(steps, start=1):
            items.append(MilestoneItem(None, section.slug, position, m.text, m.status, _periods(m), m.source))
    return items


def _periods(milestone: Milestone) -> list[Period]:
    """The periods of a curated milestone: its own `period` when given (read in `implied_year`), else its text's."""
    if milestone.period is None:
        return find_periods(milestone.text)
    if milestone.implied_year is None:
        return find_periods(milestone.period)
    # 「11月末まで」 is read as 「2023年11月末まで」 but keeps the wording as printed.
    read = find_periods(f"{milestone.implied_year}年{milestone.period}")
    return [replace(read[0], text=milestone.period)] if read else []


def _row(
    item: MilestoneItem, initiative_ids: dict[str, int], section_ids: dict[str, int], cite: Callable[[SourceRef], int]
) -> Row:
    first = item.periods[0] if item.periods else None
    fiscal_years = sorted({p.fiscal_year for p in item.periods if p.fiscal_year is not None})
    return (
        initiative_ids[item.initiative] if item.initiative else None,
        section_ids[item.section] if item.section else None,
        item.position,
        item.text,
        item.status,
        first.text if first else None,
        first.start if first else None,
        first.end if first else None,
        first.approximate if first else False,
        first.fiscal_year if first else None,
        json.dumps([_period_json(p) for p in item.periods], ensure_ascii=False),
        fiscal_years,
        cite(item.source),
    )


def _period_json(period: Period) -> dict[str, Any]:
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {"text": period.text, "start": day(period.start), "end": day(period.end), "approximate": period.approximate}
