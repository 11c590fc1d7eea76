"""The directory of local governments: 47 prefectures and 1,741 municipalities from the pinned sources."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from db.areacode import AreaCodeError, normalise
from seeds.sources import FetchResult, SourceRowError

LOCALGOVJP = "localgovjp"
ENGLISH_NAMES = "list-of-cities-in-japan"
BOUNDARIES = "policy-dashboard-boundaries"
PREFECTURE_COUNT = 47
# The counts the report's 1,788 local governments break down into; the import checks them.
MUNICIPALITY_KINDS = {"政令市": 20, "特別区": 23, "市": 772, "町": 743, "村": 183}


@dataclass(frozen=True)
class LocalGov:
    code: str
    level: str
    kind: str
    name: str
    name_kana: str
    name_en: str | None
    prefecture_code: str | None
    county: str | None
    latitude: float
    longitude: float
    website: str | None
    population: int | None = None
    population_date: str | None = None


def read_directory(
    localgovjp: FetchResult, english: FetchResult | None, boundaries: FetchResult | None
) -> list[LocalGov]:
    """Prefectures then municipalities, in code order, with kinds derived and their counts verified."""
    prefectures = _prefectures(localgovjp.paths["prefjp-utf8.csv"])
    by_name = {p.name: p.code for p in prefectures}
    municipalities, designated = _municipalities(localgovjp.paths["localgovjp-utf8.csv"], by_name)
    english_names = _english_names(english.paths["build/cities_in_japan_2023.csv"]) if english else {}
    counties = _counties(boundaries.paths["data/map/ja_municipality_area.json"]) if boundaries else {}
    result = list(prefectures)
    for m in municipalities:
        kind = "政令市" if m.code in designated else _kind(m)
        county = counties.get(m.code) or None
        result.append(replace(m, kind=kind, name_en=english_names.get(m.code[:5]), county=county))
    _check_counts(localgovjp.paths["localgovjp-utf8.csv"], result)
    return result


def _prefectures(path: Path) -> list[LocalGov]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            # The source prints prefecture codes as integers, losing the leading zero (10006 for 010006).
            code = _code(path, reader.line_num, row["lgcode"].strip().zfill(6))
            rows.append(
                LocalGov(
                    code=code,
                    level="prefecture",
                    kind="都道府県",
                    name=row["pref"].strip(),
                    name_kana=row["prefkana"].strip(),
                    name_en=row["pref_en"].strip() or None,
                    prefecture_code=None,
                    county=None,
                    latitude=_float(path, reader.line_num, "lat", row["lat"]),
                    longitude=_float(path, reader.line_num, "lng", row["lng"]),
                    website=row["url"].strip() or None,
                )
            )
    if len(rows) != PREFECTURE_COUNT:
        raise SourceRowError(path, None, "rows", f"expected {PREFECTURE_COUNT} prefectures, found {len(rows)}")
    return rows


def _municipalities(path: Path, prefecture_codes: dict[str, str]) -> tuple[list[LocalGov], set[str]]:
    """The 1,741 municipalities, and the codes of the designated cities (those listed with wards)."""
    municipalities: list[LocalGov] = []
    ward_cities: set[tuple[str, str]] = set()
    city_keys: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            city = row["city"].strip()
            if " " in city:
                # A ward of a designated city (「札幌市 中央区」): not among the 1,741, but it marks its city.
                ward_cities.add((row["pref"].strip(), city.split(" ", 1)[0]))
                continue
            line = reader.line_num
            prefecture = row["pref"].strip()
            if prefecture not in prefecture_codes:
                raise SourceRowError(path, line, "pref", f"unknown prefecture {prefecture!r}")
            code = _code(path, line, row["lgcode"].strip())
            city_keys[code] = (prefecture, city)
            municipalities.append(
                LocalGov(
                    code=code,
                    level="municipality",
                    kind="",
                    name=city,
                    name_kana=row["citykana"].strip(),
                    name_en=None,
                    prefecture_code=prefecture_codes[prefecture],
                    county=None,
                    latitude=_float(path, line, "lat", row["lat"]),
                    longitude=_float(path, line, "lng", row["lng"]),
                    website=row["url"].strip() or None,
                )
            )
    designated = {code for code, key in city_keys.items() if key in ward_cities}
    return municipalities, designated


def _kind(m: LocalGov) -> str:
    if m.prefecture_code == "130001" and m.name.endswith("区"):
        return "特別区"
    for suffix in ("市", "町", "村"):
        if m.name.endswith(suffix):
            return suffix
    raise ValueError(f"{m.code} {m.name}: cannot tell 市, 町 or 村 from its name")


def _english_names(path: Path) -> dict[str, str]:
    """English names by 5-digit code; ward rows (the 2024 set) are left out."""
    names = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["special_district_ja"].strip():
                names[row["id"].strip()] = row["city_en"].strip()
    return names


def _counties(path: Path) -> dict[str, str]:
    """郡 of each town and village, from the boundary file's properties."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    counties = {}
    for layer in topology["objects"].values():
        for geometry in layer["geometries"]:
            properties = geometry["properties"]
            counties[properties["lg_code"]] = properties.get("county_name", "")
    return counties


def _check_counts(path: Path, directory: list[LocalGov]) -> None:
    counts = Counter(m.kind for m in directory if m.level == "municipality")
    if dict(counts) != MUNICIPALITY_KINDS:
        raise SourceRowError(path, None, "city", f"municipalities by kind are {dict(counts)}, not {MUNICIPALITY_KINDS}")


def _code(path: Path, line: int, raw: str) -> str:
    try:
        return normalise(raw)
    except AreaCodeError as error:
        raise SourceRowError(path, line, "lgcode", str(error)) from error


def _float(path: Path, line: int, field: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError as error:
        raise SourceRowError(path, line, field, f"{raw!r} is not a number") from error
