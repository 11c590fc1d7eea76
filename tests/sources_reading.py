"""The test suite's own reading of the source files, independent of the importers, to compare against the API."""

from __future__ import annotations

import csv
from pathlib import Path

from seeds.sources import FetchResult


def municipal_codes(localgovjp: FetchResult) -> dict[tuple[str, str], str]:
    """(prefecture, municipality) -> 6-digit code, from localgovjp."""
    with localgovjp.paths["localgovjp-utf8.csv"].open(encoding="utf-8-sig") as handle:
        return {(r["pref"], r["city"]): r["lgcode"] for r in csv.DictReader(handle) if " " not in r["city"]}


def snapshot_rows(path: Path, codes: dict[tuple[str, str], str]) -> dict[str, dict[str, str]]:
    """code -> row of one all_localgovs.csv, the code read the way the source prints it."""
    rows = {}
    with path.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            printed = row["団体コード"]
            code = codes[row["都道府県名"], row["市区町村名"]] if printed == "<NA>" else printed.zfill(6)
            rows[code] = row
    return rows
