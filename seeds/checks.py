"""Checks across curated records: references resolve, breakdowns sum, lists match their stated counts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from seeds.models import Catalog, CatalogCategory, FocusArea, Initiative, Metric, Milestone
from seeds.records import SeedError


def focus_area_links(
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


def initiative_references(path: Path, records: Iterable[tuple[int, Any]], initiatives: set[str]) -> None:
    for line, record in records:
        if record.initiative is not None and record.initiative not in initiatives:
            raise SeedError(
                path, line, f"record {record.slug!r}, field 'initiative': unknown initiative {record.initiative!r}"
            )


def unique_across(files: list[tuple[Path, list[tuple[int, Any]]]], field: str) -> None:
    seen: dict[Any, tuple[Path, int]] = {}
    for path, records in files:
        for line, record in records:
            value = getattr(record, field)
            if value in seen:
                other_path, other_line = seen[value]
                raise SeedError(
                    path, line, f"field {field!r}: {value!r} repeats the record at {other_path.name}:{other_line}"
                )
            seen[value] = (path, line)


def metric_values(files: list[tuple[Path, list[tuple[int, Metric]]]], sources: set[str]) -> None:
    """Every metric has a sourced value in the curated files, or names the pinned source that gives them."""
    for path, located in files:
        for line, metric in located:
            if metric.series is not None and metric.series not in sources:
                raise SeedError(path, line, f"record {metric.slug!r}, field 'series': unknown source {metric.series!r}")
            if metric.series is None and not (metric.observations or metric.comparisons or metric.targets):
                raise SeedError(
                    path, line, f"record {metric.slug!r}: no observation, comparison or target, and no `series`"
                )


def metric_components(files: list[tuple[Path, list[tuple[int, Metric]]]]) -> None:
    """Components exist, and at every date of the total where they all have a value, they sum to it."""
    metrics = {metric.slug: metric for _, located in files for _, metric in located}
    for path, located in files:
        for line, metric in located:
            for slug in metric.components:
                if slug not in metrics or slug == metric.slug:
                    raise SeedError(
                        path, line, f"record {metric.slug!r}, field 'components': unknown component metric {slug!r}"
                    )
            if metric.components:
                _check_sum(path, line, metric, [metrics[slug] for slug in metric.components])


def _check_sum(path: Path, line: int, total: Metric, components: list[Metric]) -> None:
    checked = 0
    for observation in total.observations:
        parts: list[Decimal] = []
        for component in components:
            values = [
                o.value for o in component.observations if o.date == observation.date and o.area == observation.area
            ]
            if values:
                parts.append(values[0])
        if not parts:
            continue
        if len(parts) != len(components):
            raise SeedError(
                path,
                line,
                f"record {total.slug!r}, field 'components': only {len(parts)} of {len(components)} components "
                f"have a value at {observation.date}",
            )
        if sum(parts) != observation.value:
            raise SeedError(
                path,
                line,
                f"record {total.slug!r}, field 'components': the components sum to {sum(parts)} at "
                f"{observation.date}, but the total is {observation.value}",
            )
        checked += 1
    if checked == 0:
        raise SeedError(path, line, f"record {total.slug!r}, field 'components': no date at which to check the sum")


def catalog_entries(path: Path, catalogs: list[tuple[int, Catalog]]) -> None:
    """Entries name categories of their own catalogue; a list given in full has as many entries as it states."""
    for line, catalog in catalogs:
        slugs = _category_slugs(catalog.categories)
        if len(slugs) != len(set(slugs)):
            raise SeedError(path, line, f"record {catalog.slug!r}, field 'categories': a category slug repeats")
        for index, entry in enumerate(catalog.entries, start=1):
            unknown = [slug for slug in entry.categories if slug not in slugs]
            if unknown:
                raise SeedError(
                    path,
                    line,
                    f"record {catalog.slug!r}, field 'entries.{index}.categories': unknown category {unknown[0]!r}",
                )
        if catalog.entries and catalog.stated_count is not None and len(catalog.entries) != catalog.stated_count:
            raise SeedError(
                path,
                line,
                f"record {catalog.slug!r}, field 'entries': {len(catalog.entries)} entries, "
                f"but the report states {catalog.stated_count}",
            )


def _category_slugs(categories: list[CatalogCategory]) -> list[str]:
    return [slug for category in categories for slug in [category.slug, *_category_slugs(category.children)]]


# The counter word printed after a figure's number: 「約6,410万人」 -> 人, 「4つの府省庁」 -> 府省庁, 「+86件」 -> 件.
_COUNTER = re.compile(
    r"\d(?:[\d,.]*\d)?\s*[万億兆]?\s*(?:つ?の)?(?P<word>[^\d\s]*?)\s*(?:以上|超|を超え|増加|増|減少|減)?\s*$"
)


def unit_labels(files: list[tuple[Path, list[tuple[int, Metric]]]]) -> None:
    """A figure's printed counter word is its metric's `unit_label`: a 枚 metric is never shown in 万件."""
    for path, metrics in files:
        for line, metric in metrics:
            stated = [o.stated for o in metric.observations] + [t.stated for t in metric.targets]
            stated += [c.stated for c in metric.comparisons if c.kind == "difference"]
            for text in stated:
                word = _counter_word(text)
                if word and word != metric.unit_label and not (metric.unit == "percent" and word == "割"):
                    problem = f"{text!r} is printed in {word}, but the metric's unit_label is {metric.unit_label!r}"
                    raise SeedError(path, line, f"record {metric.slug!r}, field 'stated': {problem}")


def _counter_word(stated: str) -> str | None:
    flat = re.sub(r"[（(][^)）]*[)）]", "", unicodedata.normalize("NFKC", stated).replace("**", ""))
    match = _COUNTER.search(flat)
    return match.group("word") if match else None


def milestone_parents(
    path: Path, milestones: list[tuple[int, Milestone]], initiatives: set[str], sections: set[str]
) -> None:
    """Every milestone names a known initiative or section; the two never share a slug (the key of its ID)."""
    if shared := initiatives & sections:
        raise SeedError(path, None, f"slugs {sorted(shared)} name both an initiative and a report section")
    for line, milestone in milestones:
        if milestone.initiative is not None and milestone.initiative not in initiatives:
            raise SeedError(path, line, f"field 'initiative': unknown initiative {milestone.initiative!r}")
        if milestone.section is not None and milestone.section not in sections:
            raise SeedError(path, line, f"field 'section': unknown report section {milestone.section!r}")
