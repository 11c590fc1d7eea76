"""`hiraku data load`: every available input in one transaction, skipped when nothing changed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from db import writes
from db.dataset import dataset_version
from seeds import directory, mynumber, shapes
from seeds.catalog_imports import read_catalog_import, stored_catalog_imports
from seeds.directory import LocalGov
from seeds.english import read_search_aids
from seeds.imports import read_import, stored_imports
from seeds.report import REPORT_DIR, Report, read_report
from seeds.rows import TABLE_COLUMNS, report_tables
from seeds.search import ENGLISH_COLUMNS, SEARCH_COLUMNS, english_rows, search_rows
from seeds.source_rows import SourceData
from seeds.sources import FetchResult

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Everything whose change must change the loaded data: the curated files, the importers and the tables.
VERSIONED_DIRS = ("seeds", "db/migrations")


@dataclass
class LoadResult:
    version: str
    skipped: bool
    counts: dict[str, int] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    unused: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def dataset_inputs(
    fetched: list[FetchResult], report_dir: Path = REPORT_DIR, imports_dir: Path | None = None
) -> dict[str, str]:
    """Every input of a load and its sha256; a missing source is an input too, so its return reloads."""
    inputs: dict[str, str] = {}
    for folder in VERSIONED_DIRS:
        for path in sorted((PROJECT_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".sql", ".toml"}:
                inputs[str(path.relative_to(PROJECT_DIR))] = hashlib.sha256(path.read_bytes()).hexdigest()
    for path in sorted(report_dir.glob("*.yaml")):
        inputs[f"report/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    imported = [*stored_imports(imports_dir), *stored_catalog_imports(imports_dir)] if imports_dir else []
    for path in imported:
        inputs[f"imports/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    for result in fetched:
        for file in result.source.files:
            key = f"source:{result.source.slug}/{file.path}"
            inputs[key] = file.sha256 if result.available else "missing"
    return inputs


def version_of(inputs: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


async def load(
    conn: asyncpg.Connection,
    fetched: list[FetchResult],
    *,
    force: bool = False,
    report_dir: Path = REPORT_DIR,
    imports_dir: Path | None = None,
) -> LoadResult:
    """Skip when the inputs are those loaded; else validate them all, then replace the data in one transaction."""
    inputs = dataset_inputs(fetched, report_dir, imports_dir)
    version = version_of(inputs)
    result = LoadResult(version, skipped=False, missing={r.source.slug: r.problem for r in fetched if r.problem})
    if not force and await dataset_version(conn) == version:
        result.skipped = True
        return result

    report = read_report(report_dir)
    aids = read_search_aids(report, report_dir)
    sources = read_sources(fetched, result)
    metrics = {m.slug for m in report.metrics}
    areas = {g.code for g in sources.directory}
    for path in stored_imports(imports_dir) if imports_dir else []:
        sources.imported.append((path, read_import(path, metrics, areas)))
    catalogs = {c.slug for c in report.catalogs}
    municipalities = {g.code for g in sources.directory if g.level == "municipality"}
    for path in stored_catalog_imports(imports_dir) if imports_dir else []:
        sources.imported_entries.append((path, read_catalog_import(path, catalogs, municipalities)))
    area_shapes = shapes.read_available(fetched, areas)
    note = area_shapes.summary(areas) if area_shapes else None
    result.notes += [note] if note else []

    async with conn.transaction():
        await writes.begin_load(conn)
        await writes.insert_data_sources(conn, _source_rows(fetched))
        await writes.insert_focus_areas(conn, _focus_area_rows(report))
        await writes.insert_initiatives(conn, _initiative_rows(report))
        tables = report_tables(report, await writes.initiative_ids(conn), sources)
        for table, columns in TABLE_COLUMNS.items():
            await writes.copy_rows(conn, table, columns, tables.rows.get(table, []))
        await writes.copy_rows(conn, "search_document", SEARCH_COLUMNS, search_rows(report, sources, aids))
        await writes.copy_rows(conn, "english_title", ENGLISH_COLUMNS, english_rows(aids))
        await writes.copy_rows(
            conn, "area_shape", shapes.COLUMNS, shapes.shape_rows(area_shapes) if area_shapes else []
        )
        await writes.refresh_breakdowns(conn)
        await writes.insert_dataset(conn, version, _edition_fields(report), inputs)
    result.counts = {
        "focus areas": len(report.focus_areas),
        "initiatives": len(report.initiatives),
        "metrics": len(tables.rows.get("metric", [])),
        "observations": len(tables.rows.get("observation", [])),
        "milestones": len(tables.rows.get("milestone", [])),
        "catalogues": len(tables.rows.get("catalog", [])),
        "areas": len(tables.rows.get("area", [])),
        "area shapes": len(area_shapes.shapes) if area_shapes else 0,
        "imported files": len(sources.imported) + len(sources.imported_entries),
    }
    return result


def read_sources(fetched: list[FetchResult], result: LoadResult) -> SourceData:
    """The directory and the series, from the sources that are available; a series needs the directory."""
    available = {r.source.slug: r for r in fetched if r.available}
    data = SourceData(directory=read_directory(fetched))
    if mynumber.SOURCE_SLUG in available:
        if data.directory:
            source = available[mynumber.SOURCE_SLUG]
            data.series, data.series_source = mynumber.read_series(source, data.directory), source.source
            if data.series.corrected:
                result.notes.append(
                    f"{mynumber.SOURCE_SLUG}: {data.series.corrected} population values were printed differently "
                    "by a later snapshot of the same reference date; the later value is kept"
                )
        else:
            result.unused[mynumber.SOURCE_SLUG] = f"its areas need the directory of {directory.LOCALGOVJP}"
    return data


def read_directory(fetched: list[FetchResult]) -> list[LocalGov]:
    """The prefectures and municipalities of the directory (empty without it), without reading the series."""
    available = {r.source.slug: r for r in fetched if r.available}
    if directory.LOCALGOVJP not in available:
        return []
    return directory.read_directory(
        available[directory.LOCALGOVJP], available.get(directory.ENGLISH_NAMES), available.get(directory.BOUNDARIES)
    )


def _source_rows(fetched: list[FetchResult]) -> list[tuple[object, ...]]:
    return [
        (
            s.slug,
            s.position,
            s.title,
            f"{s.repository}/tree/{s.commit}",
            s.description,
            s.licence,
            s.attribution,
            s.attribution_en,
            r.available,
            r.problem,
        )
        for r in fetched
        for s in [r.source]
    ]


def _focus_area_rows(report: Report) -> list[tuple[object, ...]]:
    return [(a.slug, a.position, a.name, a.page, a.section) for a in report.focus_areas]


def _initiative_rows(report: Report) -> list[tuple[object, ...]]:
    return [
        (
            i.slug,
            i.position,
            i.title,
            i.focus_area,
            i.headline,
            i.lead,
            i.achievements_title,
            i.achievements,
            i.background,
            i.outlook,
            i.page,
            i.section,
        )
        for i in report.initiatives
    ]


def _edition_fields(report: Report) -> tuple[object, ...]:
    e = report.edition
    return (
        e.title,
        e.publisher,
        e.period_start,
        e.period_end,
        e.url,
        e.licence,
        e.licence_note,
        e.compatible_licence,
        e.compatible_licence_url,
        e.attribution,
        e.attribution_en,
    )
