"""The マイナンバーカード issuance series of 総務省, as compiled in the mynumbercard-statistics source.

Every snapshot gives cumulative cards issued (交付枚数), the rate per population and the population used, per
municipality, prefecture, group of municipalities and the nation, and by age and sex. The import checks that
municipal figures sum to the prefectures' and the nation's in every snapshot.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db.areacode import AreaCodeError, normalise
from seeds.directory import LocalGov
from seeds.sources import FetchResult, SourceRowError

SOURCE_SLUG = "mynumbercard-statistics"
ISSUED = "mynumber-card-issued-soumu"
RATE = "mynumber-card-issued-rate-soumu"
POPULATION = "mynumber-card-population-base-soumu"
SHARE = "mynumber-card-issued-share-soumu"
METRICS = (ISSUED, RATE, POPULATION, SHARE)
# The two municipalities whose code the source prints as <NA> from 2021-08 on, by (prefecture, name).
MISSING_CODES = {("東京都", "三宅村"): "133817", ("東京都", "八丈町"): "134015"}


@dataclass(frozen=True)
class SeriesValue:
    metric: str
    area_code: str | None
    date: dt.date
    value: Decimal
    stated: str
    dimensions: tuple[tuple[str, str], ...]
    file: str


@dataclass
class Series:
    values: list[SeriesValue] = field(default_factory=list)
    # file name -> the snapshot's 算出基準日
    files: dict[str, dt.date] = field(default_factory=dict)
    snapshots: set[dt.date] = field(default_factory=set)
    # Population values of one reference date that a later snapshot printed differently (a correction).
    corrected: int = 0


def read_series(source: FetchResult, directory: list[LocalGov]) -> Series:
    """Every value of every snapshot; raises SourceRowError on a bad row or totals that do not agree."""
    prefectures = {g.name: g.code for g in directory if g.level == "prefecture"}
    municipalities = {g.code: g for g in directory if g.level == "municipality"}
    series = Series()
    population: dict[tuple[str | None, dt.date, tuple[tuple[str, str], ...]], tuple[dt.date, SeriesValue]] = {}
    for name in sorted(source.paths):
        path = source.paths[name]
        snapshot = _snapshot_date(path)
        table = name.rsplit("/", 1)[-1]
        if table == "all_localgovs.csv":
            rows = list(_localgov_rows(path, name, prefectures, municipalities))
        elif table == "all_prefectures.csv":
            rows = list(_prefecture_rows(path, name, prefectures))
        elif table == "summary_by_types.csv":
            rows = list(_group_rows(path, name))
        else:
            rows = list(_demographic_rows(path, name))
        for value in rows:
            if value.metric != POPULATION:
                series.values.append(value)
                continue
            # Snapshots repeat the population of the same reference date: keep it once, from the latest
            # snapshot, which is where the source corrected an earlier misprint (2019-09-16, by age and sex).
            key = (value.area_code, value.date, value.dimensions)
            earlier = population.get(key)
            if earlier is None or earlier[0] < snapshot:
                if earlier is not None and earlier[1].value != value.value:
                    series.corrected += 1
                population[key] = (snapshot, value)
        series.files[name] = snapshot
    series.values += [value for _, value in population.values()]
    _check_totals(series)
    series.snapshots = {v.date for v in series.values if v.metric == ISSUED}
    return series


def _snapshot_date(path: Path) -> dt.date:
    for line, row in _csv(path):
        return _date(path, line, "算出基準日", row["算出基準日"])
    raise SourceRowError(path, None, "算出基準日", "the file has no rows")


def _csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row


def _localgov_rows(
    path: Path, name: str, prefectures: dict[str, str], municipalities: dict[str, LocalGov]
) -> Iterator[SeriesValue]:
    for line, row in _csv(path):
        key = (row["都道府県名"], row["市区町村名"])
        code = _municipal_code(path, line, row["団体コード"], key)
        known = municipalities.get(code)
        # Some snapshots print towns with their 郡 (「石狩郡当別町」).
        if known is None or known.prefecture_code != prefectures.get(key[0]) or not key[1].endswith(known.name):
            raise SourceRowError(path, line, "団体コード", f"{code} is not {key[1]} of {key[0]} in the directory")
        yield from _area_values(path, line, row, name, code, issued_date_column="交付件数基準日")


def _municipal_code(path: Path, line: int, printed: str, key: tuple[str, str]) -> str:
    """The 6-digit code: the source prints it as an integer (leading zero lost) and as <NA> for two villages."""
    if printed == "<NA>":
        if key not in MISSING_CODES:
            raise SourceRowError(path, line, "団体コード", f"<NA> for {key}, which has no known code")
        return MISSING_CODES[key]
    try:
        return normalise(printed.strip().zfill(6))
    except AreaCodeError as error:
        raise SourceRowError(path, line, "団体コード", str(error)) from error


def _prefecture_rows(path: Path, name: str, prefectures: dict[str, str]) -> Iterator[SeriesValue]:
    for line, row in _csv(path):
        code = prefectures.get(row["都道府県名"])
        if code is None:
            raise SourceRowError(path, line, "都道府県名", f"unknown prefecture {row['都道府県名']!r}")
        yield from _area_values(path, line, row, name, code, issued_date_column="交付枚数算出基準日")


def _group_rows(path: Path, name: str) -> Iterator[SeriesValue]:
    for line, row in _csv(path):
        group = row["区分"]
        dimensions = () if group == "全国" else (("municipality_group", group),)
        population = {"総数（人口）": row["人口"], **row}
        yield from _area_values(
            path, line, population, name, None, issued_date_column="交付枚数算出基準日", dimensions=dimensions
        )


def _area_values(
    path: Path,
    line: int,
    row: dict[str, str],
    name: str,
    code: str | None,
    *,
    issued_date_column: str,
    dimensions: tuple[tuple[str, str], ...] = (),
) -> Iterator[SeriesValue]:
    issued_on = _date(path, line, issued_date_column, row[issued_date_column])
    counted_on = _date(path, line, "人口算出基準日", row["人口算出基準日"])
    for metric, column, day in (
        (ISSUED, "交付枚数", issued_on),
        (RATE, "人口に対する交付枚数率", issued_on),
        (POPULATION, "総数（人口）", counted_on),
    ):
        yield SeriesValue(metric, code, day, _number(path, line, column, row[column]), row[column], dimensions, name)


def _demographic_rows(path: Path, name: str) -> Iterator[SeriesValue]:
    columns = {
        POPULATION: "人口({})",
        ISSUED: "交付件数({})",
        RATE: "交付率({})",
        SHARE: "全体に対する交付件数割合({})",
    }
    for line, row in _csv(path):
        issued_on = _date(path, line, "交付枚数算出基準日", row["交付枚数算出基準日"])
        counted_on = _date(path, line, "人口算出基準日", row["人口算出基準日"])
        for sex in ("男", "女", "計"):
            dimensions = (("age_group", row["年齢"]), ("sex", sex))
            for metric, template in columns.items():
                column = template.format(sex)
                day = counted_on if metric == POPULATION else issued_on
                value = _number(path, line, column, row[column])
                yield SeriesValue(metric, None, day, value, row[column], dimensions, name)


def _check_totals(series: Series) -> None:
    """In every snapshot, municipalities sum to their prefecture, and prefectures to the nation."""
    sums: dict[tuple[str, dt.date, str], Decimal] = defaultdict(Decimal)
    totals: dict[tuple[str, dt.date, str], Decimal] = {}
    for v in series.values:
        if v.metric not in (ISSUED, POPULATION) or v.dimensions:
            continue
        if v.area_code is None:
            totals[(v.metric, v.date, "nation")] = v.value
        elif v.area_code[2:] == "0000" or _is_prefecture(v.area_code):
            totals[(v.metric, v.date, v.area_code)] = v.value
            sums[(v.metric, v.date, "nation")] += v.value
        else:
            sums[(v.metric, v.date, _prefecture_of(v.area_code))] += v.value
    for key, total in totals.items():
        if key in sums and sums[key] != total:
            metric, day, area = key
            raise SourceRowError(
                Path(SOURCE_SLUG), None, metric, f"the parts of {area} sum to {sums[key]} on {day}, not {total}"
            )


def _is_prefecture(code: str) -> bool:
    return code[2:5] == "000"


def _prefecture_of(code: str) -> str:
    return normalise(code[:2] + "000")


def _date(path: Path, line: int, column: str, printed: str) -> dt.date:
    try:
        return dt.datetime.strptime(printed, "%Y/%m/%d").date()
    except ValueError as error:
        raise SourceRowError(path, line, column, f"{printed!r} is not a date") from error


def _number(path: Path, line: int, column: str, printed: str) -> Decimal:
    try:
        return Decimal(printed)
    except InvalidOperation as error:
        raise SourceRowError(path, line, column, f"{printed!r} is not a number") from error
