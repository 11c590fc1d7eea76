"""The curated data of the annual report in seeds/report: its edition, focus areas and initiatives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from seeds.records import SeedError, SeedRecord, read_record, read_records, require_unique

REPORT_DIR = Path(__file__).parent / "report"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1)]
Page = Annotated[int, Field(ge=1, le=200)]


class Edition(SeedRecord):
    title: Text
    publisher: Text
    period_start: dt.date
    period_end: dt.date
    url: Annotated[str, StringConstraints(pattern=r"^https://")]
    licence: Text
    licence_note: Text | None = None
    compatible_licence: Text | None = None
    compatible_licence_url: str | None = None
    attribution: Text
    attribution_en: Text


class FocusArea(SeedRecord):
    slug: Slug
    position: Annotated[int, Field(ge=1)]
    name: Text
    page: Page
    section: Text
    initiative_titles: list[Text]


class Initiative(SeedRecord):
    slug: Slug
    position: Annotated[int, Field(ge=1)]
    title: Text
    focus_area: Slug | None
    page: Page
    section: Text
    headline: Text
    lead: Text | None = None
    achievements_title: Text
    achievements: Text
    background: Text
    outlook: list[Text]


@dataclass(frozen=True)
class Report:
    edition: Edition
    focus_areas: list[FocusArea]
    initiatives: list[Initiative]


def read_report(directory: Path = REPORT_DIR) -> Report:
    """Read and validate every curated file; raise SeedError naming the first bad record and field."""
    edition = read_record(directory / "edition.yaml", Edition)
    areas_path = directory / "focus_areas.yaml"
    focus_areas = read_records(areas_path, FocusArea)
    for field in ("slug", "position"):
        require_unique(areas_path, focus_areas, field)
    initiatives_path = directory / "initiatives.yaml"
    initiatives = read_records(initiatives_path, Initiative)
    for field in ("slug", "position", "title"):
        require_unique(initiatives_path, initiatives, field)
    _check_focus_area_links(areas_path, focus_areas, initiatives_path, initiatives)
    return Report(edition, [a for _, a in focus_areas], [i for _, i in initiatives])


def _check_focus_area_links(
    areas_path: Path,
    focus_areas: list[tuple[int, FocusArea]],
    initiatives_path: Path,
    initiatives: list[tuple[int, Initiative]],
) -> None:
    """Every initiative names a known focus area, and each focus area lists exactly its initiatives' titles."""
    areas = {area.slug: (line, area) for line, area in focus_areas}
    for line, initiative in initiatives:
        if initiative.focus_area is not None and initiative.focus_area not in areas:
            raise SeedError(
                initiatives_path,
                line,
                f"record {initiative.slug!r}, field 'focus_area': unknown focus area {initiative.focus_area!r}",
            )
    for slug, (line, area) in areas.items():
        titles = [i.title for _, i in initiatives if i.focus_area == slug]
        if titles != area.initiative_titles:
            raise SeedError(
                areas_path,
                line,
                f"record {slug!r}, field 'initiative_titles': lists {area.initiative_titles}, "
                f"but the initiatives of this focus area, in order, are {titles}",
            )
