"""Rows from the pinned sources: the areas of the directory and the observations of the issuance series."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from db.search import search_form
from seeds.directory import LocalGov
from seeds.mynumber import POPULATION, Series
from seeds.sources import Source

Row = tuple[Any, ...]


@dataclass
class SourceData:
    """What the available sources give: the directory (empty without it) and the series (None without it)."""

    directory: list[LocalGov] = field(default_factory=list)
    series: Series | None = None
    series_source: Source | None = None


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


def sources_observations(sources: SourceData, metric_ids: dict[str, int], cite: Callable[[Row], int]) -> list[Row]:
    """Observation rows (without ids) of the series, one citation per source file."""
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
