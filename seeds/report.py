"""The curated data of the annual report in seeds/report, read and validated as a whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seeds import checks
from seeds.models import (
    AgencyRole,
    Catalog,
    Edition,
    FocusArea,
    Initiative,
    Metric,
    Milestone,
    MissionStatement,
    PolicyGoal,
    PriorityPlanItem,
    ReportSection,
)
from seeds.records import Record, read_record, read_records, require_unique
from seeds.sources import read_manifest

REPORT_DIR = Path(__file__).parent / "report"


@dataclass(frozen=True)
class Report:
    edition: Edition
    focus_areas: list[FocusArea]
    initiatives: list[Initiative]
    policy_goals: list[PolicyGoal]
    mission: list[MissionStatement]
    priority_plan: list[PriorityPlanItem]
    roles: list[AgencyRole]
    sections: list[ReportSection]
    milestones: list[Milestone]
    metrics: list[Metric]
    catalogs: list[Catalog]


def read_report(directory: Path = REPORT_DIR) -> Report:
    """Read and validate every curated file; raise SeedError naming the first bad record and field."""
    edition = read_record(directory / "edition.yaml", Edition)
    focus_areas = _read(directory / "focus_areas.yaml", FocusArea, unique=("slug", "position"))
    initiatives = _read(directory / "initiatives.yaml", Initiative, unique=("slug", "position", "title"))
    checks.focus_area_links(directory / "focus_areas.yaml", focus_areas, directory / "initiatives.yaml", initiatives)
    metrics = _read_metrics(directory)
    initiative_slugs = {i.slug for _, i in initiatives}
    for path, located in metrics:
        checks.initiative_references(path, located, initiative_slugs)
    checks.metric_components(metrics)
    checks.unit_labels(metrics)
    checks.metric_values(metrics, {source.slug for source in read_manifest()})
    catalogs = _read_optional(directory / "catalogs.yaml", Catalog, unique=("slug",))
    checks.initiative_references(directory / "catalogs.yaml", catalogs, initiative_slugs)
    checks.catalog_entries(directory / "catalogs.yaml", catalogs)
    sections = _read_optional(directory / "sections.yaml", ReportSection, unique=("slug", "position"))
    milestones = _read_optional(directory / "milestones.yaml", Milestone, unique=("text",))
    checks.milestone_parents(directory / "milestones.yaml", milestones, initiative_slugs, {s.slug for _, s in sections})
    return Report(
        edition=edition,
        focus_areas=_records(focus_areas),
        initiatives=_records(initiatives),
        policy_goals=_records(_read_optional(directory / "policy_goals.yaml", PolicyGoal, unique=("slug", "position"))),
        mission=_records(_read_optional(directory / "mission.yaml", MissionStatement, unique=("slug", "position"))),
        priority_plan=_records(
            _read_optional(directory / "priority_plan.yaml", PriorityPlanItem, unique=("slug", "position"))
        ),
        roles=_records(_read_optional(directory / "roles.yaml", AgencyRole, unique=("position",))),
        sections=_records(sections),
        milestones=_records(milestones),
        metrics=[metric for _, located in metrics for _, metric in located],
        catalogs=_records(catalogs),
    )


def _read(path: Path, model: type[Record], *, unique: tuple[str, ...]) -> list[tuple[int, Record]]:
    records = read_records(path, model)
    for field in unique:
        require_unique(path, records, field)
    return records


def _read_optional(path: Path, model: type[Record], *, unique: tuple[str, ...]) -> list[tuple[int, Record]]:
    return _read(path, model, unique=unique) if path.exists() else []


def _read_metrics(directory: Path) -> list[tuple[Path, list[tuple[int, Metric]]]]:
    """Every metrics*.yaml file; slugs are unique across all of them."""
    files = [(path, read_records(path, Metric)) for path in sorted(directory.glob("metrics*.yaml"))]
    checks.unique_across(files, "slug")
    return files


def _records(located: list[tuple[int, Any]]) -> list[Any]:
    return [record for _, record in located]
