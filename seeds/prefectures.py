"""The 47 prefectures from the localgovjp source (prefjp-utf8.csv)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from seeds.areacode import AreaCodeError, normalise
from seeds.sources import SourceRowError

SOURCE_SLUG = "localgovjp"
SOURCE_FILE = "prefjp-utf8.csv"
PREFECTURE_COUNT = 47


@dataclass(frozen=True)
class Prefecture:
    code: str
    name: str
    name_kana: str
    name_en: str
    latitude: float
    longitude: float
    website: str


def read_prefectures(path: Path) -> list[Prefecture]:
    prefectures = list(_rows(path))
    if len(prefectures) != PREFECTURE_COUNT:
        raise SourceRowError(path, None, "rows", f"expected {PREFECTURE_COUNT} prefectures, found {len(prefectures)}")
    return prefectures


def _rows(path: Path) -> Iterator[Prefecture]:
    # utf-8-sig: the file starts with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            # The source prints prefecture codes as integers, losing the leading zero (10006 for 010006).
            raw_code = row["lgcode"].strip().zfill(6)
            try:
                code = normalise(raw_code)
            except AreaCodeError as error:
                raise SourceRowError(path, line, "lgcode", str(error)) from error
            try:
                latitude, longitude = float(row["lat"]), float(row["lng"])
            except ValueError as error:
                raise SourceRowError(path, line, "lat/lng", str(error)) from error
            yield Prefecture(
                code=code,
                name=row["pref"].strip(),
                name_kana=row["prefkana"].strip(),
                name_en=row["pref_en"].strip(),
                latitude=latitude,
                longitude=longitude,
                website=row["url"].strip(),
            )
