"""Rows from the pinned sources: the areas of the directory and the observations of the issuance series."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.search import search_form
from seeds.catalog_imports import ImportedEntry
from seeds.directory import LocalGov
from seeds.imports import ImportedValue
from seeds.mynumber import POPULATION, Series
from seeds.sources import Source, SourceRowError

Row = tuple[Any, ...]


@dataclass
class SourceData:
    """What the available sources give: the directory (empty without it) and the series (None without it)."""

    directory: list[LocalGov] = field(default_factory=list)
    series: Series | None = None
    series_source: Source | None = None
    imported: list[tuple[Path, list[ImportedValue]]] = field(default_factory=list)
    imported_entries: list[tuple[Path, list[ImportedEntry]]] = field(default_factory=list)


def area_rows(sources: SourceData) -> list[Row]:
    """Prefectures then municipalities, with the latest population the series gives for each."""
    population = _latest_population(sources.series)
    rows = []
    for position, g in enumerate(sources.directory, start=1):
        count, day = population.get(g.code, (None, None))
        rows.append(
            (
                g.code, g.level, g.kind, g.name, g.name_kana, g.name_en, g.prefecture_code, g.county, count, day,
                g.latitude, g.longitude, g.website, position, search_form(g.name), search_form(g.name_kana),
            )
        )  # fmt: skip
    return rows


def _latest_population(series: Series | None) -> dict[str, tuple[int, Any]]:
    latest: dict[str, tuple[int, Any]] = {}
    for v in series.values if series else []:
        newer = v.area_code not in latest or latest[v.area_code or ""][1] < v.date
        if v.metric == POPULATION and v.area_code and not v.dimensions and newer:
            latest[v.area_code] = (int(v.value), v.date)
    return latest


Key = tuple[Any, ...]


@dataclass(frozen=True)
class ImportedRow:
    """A value an imported file adds, before its citation has an id: `row` is an observation row without its id
    and citation id."""

    path: Path
    row: Row
    citation: tuple[Any, ...]


def observation_key(row: Row) -> Key:
    """(metric, area, date, dimensions) of an observation row without id: one value each."""
    return (row[0], row[8], row[3], row[9])


def imported_observations(
    imported: list[tuple[Path, list[ImportedValue]]], metric_ids: dict[str, int], given: dict[Key, Any]
) -> list[ImportedRow]:
    """What the files add, in file and line order, to the values `given` by the inputs before them (it gains
    them): a value given already is left out when equal and refused, naming file, line and field, when not."""
    rows: list[ImportedRow] = []
    for path, values in imported:
        for v in values:
            key = (metric_ids[v.metric], v.area_code, v.date, v.dimensions)
            if key in given:
                if given[key] != v.value:
                    problem = f"the source already gives {given[key]} for this metric, area and date"
                    raise SourceRowError(path, v.line, "value", problem)
                continue
            given[key] = v.value
            row = (
                metric_ids[v.metric],
                v.value,
                v.stated,
                v.date,
                "stated",
                None,
                False,
                False,
                v.area_code,
                v.dimensions,
            )
            rows.append(ImportedRow(path, row, v.citation))
    return rows


def cite_imported(rows: list[ImportedRow], cite: Callable[[Row], int]) -> list[Row]:
    """Observation rows (without ids) of imported values: one citation per distinct citation of a file, cited in
    the order of first use. A load cites them after everything else, so that a file imported later only adds
    citations (and observations) after those already loaded."""
    citations: dict[tuple[Path, tuple[Any, ...]], int] = {}
    observations = []
    for r in rows:
        key = (r.path, r.citation)
        if key not in citations:
            document, url, owner, kind, as_of, note = r.citation
            citations[key] = cite((document, None, None, None, url, as_of, owner, kind, None, note))
        observations.append((*r.row, citations[key]))
    return observations


def series_observations(sources: SourceData, metric_ids: dict[str, int], cite: Callable[[Row], int]) -> list[Row]:
    """Observation rows (without ids) of the issuance series; one citation per source file."""
    series, source = sources.series, sources.series_source
    if series is None or source is None:
        return []
    citations = {
        name: cite(
            (
                f"Code for Japan「mynumbercard_statistics」{name}"
                "（総務省「マイナンバーカード交付状況について」の集成）",
                None,
                None,
                None,
                source.file(name).url,
                day,
                "総務省",
                "quoted",
                source.licence,
                "算出基準日の値。団体コードの欠けた先頭の0と <NA> は hiraku が補った。",
            )
        )
        for name, day in series.files.items()
    }
    return [
        (
            metric_ids[v.metric], v.value, v.stated, v.date, "stated", None, False, False, v.area_code,
            json.dumps(dict(v.dimensions), ensure_ascii=False, sort_keys=True), citations[v.file],
        )
        for v in series.values
    ]  # fmt: skip
