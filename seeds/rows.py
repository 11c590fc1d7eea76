"""The curated report turned into table rows, with ids assigned in report order and a citation for every source."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.areacode import normalise
from db.search import search_form
from seeds.catalog_imports import ImportedEntry, category_slug
from seeds.milestones import milestone_rows
from seeds.models import CatalogCategory, Edition, Observation, SourceRef
from seeds.periods import find_period
from seeds.report import Report
from seeds.source_rows import (
    ImportedRow,
    SourceData,
    area_rows,
    cite_imported,
    imported_observations,
    observation_key,
    series_observations,
)
from seeds.sources import SourceRowError

Row = tuple[Any, ...]


@dataclass
class Tables:
    """Rows per table, in the column order of TABLE_COLUMNS."""

    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> int:
        """Append a row whose first column is its id (1, 2, …) and return that id."""
        rows = self.rows.setdefault(table, [])
        row_id = len(rows) + 1
        rows.append((row_id, *row))
        return row_id


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "area": (
        "code", "level", "kind", "name", "name_kana", "name_en", "prefecture_code", "county", "population",
        "population_date", "latitude", "longitude", "website", "position", "search_name", "search_kana",
    ),
    "citation": (
        "id", "document", "section", "page", "quote", "url", "as_of", "figure_owner", "citation_kind", "licence",
        "note",
    ),
    "policy_goal": ("id", "slug", "position", "title", "tagline", "challenge", "vision", "text", "citation_id"),
    "mission_statement": ("id", "slug", "position", "kind", "title", "subtitle", "text", "citation_id"),
    "priority_plan_item": ("id", "slug", "position", "title", "group_title", "sub_items", "citation_id"),
    "agency_role": ("id", "position", "text", "citation_id"),
    "report_section": ("id", "slug", "position", "chapter", "title", "headline", "text", "items", "citation_id"),
    "metric": ("id", "slug", "name", "unit", "unit_label", "kind", "initiative_id", "description", "note"),
    "observation": (
        "id", "metric_id", "value", "stated", "date", "date_basis", "period_start", "approximate", "at_least",
        "area_code", "dimensions", "citation_id",
    ),
    "comparison": (
        "id", "metric_id", "kind", "value", "stated", "baseline", "baseline_date", "baseline_value", "date",
        "approximate", "at_least", "citation_id",
    ),
    "target": (
        "id", "metric_id", "value", "stated", "period_text", "period_start", "period_end", "approximate", "citation_id",
    ),
    "metric_component": ("metric_id", "component_id", "position"),
    "milestone": (
        "id", "initiative_id", "report_section_id", "position", "text", "status", "period_text", "period_start",
        "period_end", "approximate", "fiscal_year", "periods", "fiscal_years", "citation_id",
    ),
    "catalog": (
        "id", "slug", "position", "name", "publisher", "edition", "description", "as_of", "stated_count",
        "stated_count_text", "url", "initiative_id", "citation_id",
    ),
    "catalog_category": ("id", "catalog_id", "parent_id", "slug", "position", "name"),
    "catalog_facet_value": ("id", "catalog_id", "facet_slug", "facet_name", "facet_position", "value", "position"),
    "catalog_entry": (
        "id", "catalog_id", "position", "name", "description", "provider", "url", "status", "period_text",
        "period_start", "period_end", "category_ids", "facet_value_ids", "target_users", "attributes", "search_text",
        "citation_id",
    ),
    "catalog_entry_municipality": ("entry_id", "area_code"),
}  # fmt: skip


def report_tables(report: Report, initiative_ids: dict[str, int], sources: SourceData | None = None) -> Tables:
    """Rows for every table; `initiative_ids` maps the loaded initiatives' slugs to their ids."""
    tables = Tables()
    sources = sources or SourceData()
    tables.rows["area"] = area_rows(sources)

    def cite(ref: SourceRef) -> int:
        return tables.add("citation", _citation(report.edition, ref))

    for g in report.policy_goals:
        tables.add(
            "policy_goal", (g.slug, g.position, g.title, g.tagline, g.challenge, g.vision, g.text, cite(g.source))
        )
    for m in report.mission:
        tables.add("mission_statement", (m.slug, m.position, m.kind, m.title, m.subtitle, m.text, cite(m.source)))
    for p in report.priority_plan:
        sub_items = json.dumps([s.model_dump() for s in p.sub_items], ensure_ascii=False)
        tables.add("priority_plan_item", (p.slug, p.position, p.title, p.group, sub_items, cite(p.source)))
    for r in report.roles:
        tables.add("agency_role", (r.position, r.text, cite(r.source)))
    section_ids: dict[str, int] = {}
    for s in report.sections:
        row = (s.slug, s.position, s.chapter, s.title, s.headline, s.text, s.items, cite(s.source))
        section_ids[s.slug] = tables.add("report_section", row)
    imported = _metric_rows(report, tables, initiative_ids, cite, sources)
    for milestone in milestone_rows(report, initiative_ids, section_ids, cite):
        tables.add("milestone", milestone)
    _catalog_rows(report, tables, initiative_ids, cite, sources)
    # Imported values and their citations come last, so that importing one more file only adds rows (seeds/append).
    for row in cite_imported(imported, lambda row: tables.add("citation", row)):
        tables.add("observation", row)
    return tables


def _metric_rows(
    report: Report, tables: Tables, initiative_ids: dict[str, int], cite: Any, sources: SourceData
) -> list[ImportedRow]:
    """Rows of the metrics and their figures; the imported values are returned, to be cited and added last."""
    metric_ids: dict[str, int] = {}
    for m in report.metrics:
        initiative_id = initiative_ids[m.initiative] if m.initiative else None
        metric_ids[m.slug] = tables.add(
            "metric", (m.slug, m.name, m.unit, m.unit_label, m.kind, initiative_id, m.description, m.note)
        )
    from_sources = series_observations(sources, metric_ids, lambda row: tables.add("citation", row))
    # (metric, area, date, dimensions) -> value, for the observations the pinned sources and imported files give.
    primary = {observation_key(row): row[1] for row in from_sources}
    imported = imported_observations(sources.imported, metric_ids, primary)
    for m in report.metrics:
        metric_id = metric_ids[m.slug]
        for o in m.observations:
            if _given_by_the_sources(primary, metric_id, o, m.slug):
                continue
            row: Row = (
                metric_id, o.value, o.stated, o.date, o.date_basis, o.period_start, o.approximate, o.at_least,
                o.area, "{}", cite(o.source),
            )  # fmt: skip
            tables.add("observation", row)
        for c in m.comparisons:
            row = (
                metric_id, c.kind, c.value, c.stated, c.baseline, c.baseline_date, c.baseline_value, c.date,
                c.approximate, c.at_least, cite(c.source),
            )  # fmt: skip
            tables.add("comparison", row)
        for t in m.targets:
            period = find_period(t.period)
            start, end, approximate = (period.start, period.end, period.approximate) if period else (None, None, False)
            tables.add("target", (metric_id, t.value, t.stated, t.period, start, end, approximate, cite(t.source)))
        for position, slug in enumerate(m.components, start=1):
            tables.rows.setdefault("metric_component", []).append((metric_id, metric_ids[slug], position))
    for row in from_sources:
        tables.add("observation", row)
    return imported


def _given_by_the_sources(primary: dict[tuple[Any, ...], Any], metric_id: int, o: Observation, slug: str) -> bool:
    """True when a pinned source gives this curated observation too: its value must then be the same."""
    value = primary.get((metric_id, o.area, o.date, "{}"))
    if value is None:
        return False
    if value != o.value:
        problem = f"the curated value {o.value} of {slug!r} on {o.date} differs from the source's {value}"
        raise SourceRowError(Path("seeds/report"), None, slug, problem)
    return True


def _catalog_rows(
    report: Report, tables: Tables, initiative_ids: dict[str, int], cite: Any, sources: SourceData
) -> None:
    imported = _imported_by_catalog(sources)
    for position, c in enumerate(report.catalogs, start=1):
        catalog_citation = cite(c.source)
        catalog_id = tables.add(
            "catalog",
            (
                c.slug, position, c.name, c.publisher, c.edition, c.description, c.as_of, c.stated_count,
                c.stated_count_text, c.url, initiative_ids[c.initiative] if c.initiative else None,
                catalog_citation,
            ),
        )  # fmt: skip
        taxonomy = Taxonomy(tables, catalog_id)
        taxonomy.add_curated(c.categories, None, ())
        for facet_position, facet in enumerate(c.facets, start=1):
            for value in facet.values:
                taxonomy.facet_value(facet.slug, facet.name, value, facet_position)
        curated_facets = {facet.slug: facet.name for facet in c.facets}
        entry_position = 0
        for e in c.entries:
            entry_position += 1
            period = find_period(e.period) if e.period else None
            facet_ids = [
                taxonomy.facet_value(slug, curated_facets.get(slug, slug), value, 0)
                for slug, values in e.facets.items()
                for value in values
            ]
            entry_id = tables.add(
                "catalog_entry",
                (
                    catalog_id, entry_position, e.name, e.description, e.provider, e.url, e.status, e.period,
                    period.start if period else None, period.end if period else None,
                    [taxonomy.by_slug[slug] for slug in e.categories], facet_ids, e.target_users, "{}",
                    _search_text(e.name, e.provider, e.description), cite(e.source) if e.source else catalog_citation,
                ),
            )  # fmt: skip
            for code in e.municipalities:
                tables.rows.setdefault("catalog_entry_municipality", []).append((entry_id, normalise(code)))
        for _, entry in imported.get(c.slug, []):
            entry_position += 1
            citation = cite_import(tables, entry)
            entry_id = tables.add(
                "catalog_entry",
                (
                    catalog_id, entry_position, entry.name, entry.description, entry.provider, entry.url, None,
                    None, None, None,
                    [taxonomy.category_path(names) for names in entry.categories],
                    [taxonomy.facet_value(category_slug((name,)), name, value, 0)
                     for name, values in entry.facets for value in values],
                    list(entry.target_users),
                    json.dumps({"key": entry.key, **dict(entry.attributes)}, ensure_ascii=False),
                    _search_text(entry.name, entry.provider, entry.description), citation,
                ),
            )  # fmt: skip
            for code in entry.municipalities:
                tables.rows.setdefault("catalog_entry_municipality", []).append((entry_id, code))


def _search_text(*parts: str | None) -> str:
    return search_form("\n".join(part for part in parts if part))


def _imported_by_catalog(sources: SourceData) -> dict[str, list[tuple[Path, ImportedEntry]]]:
    """Imported entries per catalogue; a key imported twice (from two files) is an error naming both."""
    by_catalog: dict[str, list[tuple[Path, ImportedEntry]]] = {}
    seen: dict[tuple[str, str], Path] = {}
    for path, entries in sources.imported_entries:
        for entry in entries:
            key = (entry.catalog, entry.key)
            if key in seen:
                problem = f"entry {entry.key!r} of {entry.catalog} was imported before, from {seen[key].name}"
                raise SourceRowError(path, entry.line, "key", problem)
            seen[key] = path
            by_catalog.setdefault(entry.catalog, []).append((path, entry))
    return by_catalog


def cite_import(tables: Tables, entry: ImportedEntry) -> int:
    document, url, as_of = entry.citation
    return tables.add("citation", (document, None, None, None, url, as_of, document, "primary", None, None))


class Taxonomy:
    """The categories and facet values of one catalogue, as rows, found or added by name."""

    def __init__(self, tables: Tables, catalog_id: int) -> None:
        self.tables = tables
        self.catalog_id = catalog_id
        self.by_slug: dict[str, int] = {}
        self.by_path: dict[tuple[str, ...], int] = {}
        self.facets: dict[tuple[str, str], int] = {}
        self.children: dict[int | None, int] = {}

    def _category(self, parent_id: int | None, slug: str, name: str, path: tuple[str, ...]) -> int:
        position = self.children.get(parent_id, 0) + 1
        self.children[parent_id] = position
        category_id = self.tables.add("catalog_category", (self.catalog_id, parent_id, slug, position, name))
        self.by_slug[slug] = category_id
        self.by_path[path] = category_id
        return category_id

    def add_curated(self, categories: list[CatalogCategory], parent_id: int | None, path: tuple[str, ...]) -> None:
        for category in categories:
            category_id = self._category(parent_id, category.slug, category.name, (*path, category.name))
            self.add_curated(category.children, category_id, (*path, category.name))

    def category_path(self, names: tuple[str, ...]) -> int:
        """The category a publisher names by its path (never empty), added with its parents when new."""
        parent_id = None
        for depth in range(1, len(names) + 1):
            path = names[:depth]
            if path not in self.by_path:
                self._category(parent_id, category_slug(path), path[-1], path)
            parent_id = self.by_path[path]
        return self.by_path[names]

    def facet_value(self, slug: str, name: str, value: str, facet_position: int) -> int:
        key = (slug, value)
        if key not in self.facets:
            position = sum(1 for facet_slug, _ in self.facets if facet_slug == slug) + 1
            row = (self.catalog_id, slug, name, facet_position, value, position)
            self.facets[key] = self.tables.add("catalog_facet_value", row)
        return self.facets[key]


def _citation(edition: Edition, ref: SourceRef) -> Row:
    in_report = ref.document is None
    return (
        ref.document or edition.title,
        ref.section,
        ref.page,
        ref.quote,
        ref.url or edition.url,
        ref.as_of,
        ref.figure_owner,
        ref.citation_kind,
        ref.licence or (edition.licence if in_report else None),
        ref.note,
    )
