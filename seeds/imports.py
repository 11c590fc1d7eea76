"""Observations imported from a long-format CSV (`hiraku data import observations FILE`).

One row per value: metric, area_code, date, value, dimensions, source_document, source_url, figure_owner,
citation_kind, as_of, note (area_code, dimensions, as_of and note may be left out: empty). An imported file becomes an
input of the dataset, kept under the imports folder in the order of import, so that every later load includes it;
importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db.areacode import AreaCodeError, normalise

COLUMNS = (
    "metric", "area_code", "date", "value", "dimensions", "source_document", "source_url", "figure_owner",
    "citation_kind", "as_of", "note",
)  # fmt: skip
REQUIRED = ("metric", "date", "value", "source_document", "source_url", "figure_owner", "citation_kind")
# A column left out is empty in every row: the nation, a total, no publication date, no note (the documented meaning).
OPTIONAL = ("area_code", "dimensions", "as_of", "note")
PROGRESS_EVERY = 50_000


@dataclass(frozen=True)
class ImportedValue:
    line: int
    metric: str
    area_code: str | None
    date: dt.date
    value: Decimal
    stated: str
    dimensions: str
    citation: tuple[str, str, str, str, dt.date | None, str | None]


class ImportFileError(Exception):
    """A file with bad rows: every problem, by line and field; nothing is imported."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(f"  {problem}" for problem in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{path}: {len(problems)} problem(s), nothing imported:\n{shown}{more}")


def read_import(
    path: Path,
    metrics: set[str],
    areas: set[str],
    progress: Callable[[int], None] | None = None,
) -> list[ImportedValue]:
    """Every row of the file, validated; raises ImportFileError listing all bad rows."""
    values: list[ImportedValue] = []
    problems: list[str] = []
    seen: dict[tuple[str, str | None, dt.date, str], int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_header(path, list(reader.fieldnames or []))
        for row in reader:
            line = reader.line_num
            row_problems: list[str] = []
            value = _row(line, row, metrics, areas, row_problems)
            if value is not None:
                key = (value.metric, value.area_code, value.date, value.dimensions)
                if key in seen:
                    row_problems.append(f"line {line}: the same metric, area, date and dimensions as line {seen[key]}")
                seen.setdefault(key, line)
            if row_problems:
                problems += row_problems
            elif value is not None:
                values.append(value)
            if progress and line % PROGRESS_EVERY == 0:
                progress(line)
    if problems:
        raise ImportFileError(path, problems)
    if not values:
        raise ImportFileError(path, ["the file has no rows"])
    return values


def _check_header(path: Path, header: list[str]) -> None:
    """The required columns must be there; a column of another name is refused rather than ignored, since a
    misspelt optional one (`area` for `area_code`) would otherwise turn every value into the nation's."""
    problems = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(f"line 1: missing required column(s) {', '.join(missing)}")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        problems.append(f"line 1: unknown column(s) {', '.join(unknown)} (the columns are {', '.join(COLUMNS)})")
    if problems:
        raise ImportFileError(path, problems)


def unreadable(path: Path) -> str | None:
    """Why the file cannot be imported before its rows are read (a missing, empty or undecodable file), or None."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "no such file"
    except IsADirectoryError:
        return "it is a directory"
    except PermissionError:
        return "permission denied"
    except OSError as error:
        return error.strerror.lower() if error.strerror else type(error).__name__
    if not data.strip():
        return "the file is empty"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return f"not UTF-8 text (line {line})"
    return None


def _row(
    line: int, row: dict[str, str], metrics: set[str], areas: set[str], problems: list[str]
) -> ImportedValue | None:
    def bad(field: str, message: str) -> None:
        problems.append(f"line {line}: field {field!r}: {message}")

    cells = {name: (row.get(name) or "").strip() for name in COLUMNS}
    for name in REQUIRED:
        if not cells[name]:
            bad(name, "is empty")
    if cells["metric"] and cells["metric"] not in metrics:
        bad("metric", f"no metric has the slug {cells['metric']!r}")
    area_code = None
    if cells["area_code"]:
        try:
            area_code = normalise(cells["area_code"])
            if area_code not in areas:
                bad("area_code", f"{area_code} is not a prefecture or municipality of the directory")
        except AreaCodeError as error:
            bad("area_code", str(error))
    day = _date(cells["date"], "date", bad)
    as_of = _date(cells["as_of"], "as_of", bad) if cells["as_of"] else None
    value = None
    if cells["value"]:
        try:
            value = Decimal(cells["value"].replace(",", ""))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            bad("value", f"{cells['value']!r} is not a number")
    dimensions = _dimensions(cells["dimensions"], bad)
    if cells["citation_kind"] and cells["citation_kind"] not in ("primary", "quoted"):
        bad("citation_kind", "is neither primary nor quoted")
    if cells["source_url"] and not cells["source_url"].startswith(("https://", "http://")):
        bad("source_url", "is not an http(s) URL")
    if problems or day is None or value is None or dimensions is None:
        return None
    citation = (
        cells["source_document"],
        cells["source_url"],
        cells["figure_owner"],
        cells["citation_kind"],
        as_of,
        cells["note"] or None,
    )
    return ImportedValue(line, cells["metric"], area_code, day, value, cells["value"], dimensions, citation)


def _date(text: str, field: str, bad: Callable[[str, str], None]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        bad(field, f"{text!r} is not a date (YYYY-MM-DD)")
        return None


def _dimensions(text: str, bad: Callable[[str, str], None]) -> str | None:
    """`sex=女;age_group=20～24` as canonical JSON; empty for a total."""
    pairs: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, equals, value = part.partition("=")
        if not equals or not name.strip() or not value.strip():
            bad("dimensions", f"{part!r} is not name=value")
            return None
        pairs[name.strip()] = value.strip()
    return json.dumps(pairs, ensure_ascii=False, sort_keys=True)


def stored_imports(folder: Path) -> list[Path]:
    """The kept files in the order they were imported: a later file's values and citations come after an earlier
    one's, so that importing a file only adds to what is loaded (files kept before numbering come first)."""
    return sorted(folder.glob("observations-*.csv"), key=_import_order) if folder.exists() else []


def _import_order(path: Path) -> tuple[int, str]:
    number, _, _ = path.stem.removeprefix("observations-").partition("-")
    return (int(number), path.name) if number.isdigit() and len(number) == 6 else (0, path.name)


def store(path: Path, folder: Path) -> tuple[Path, bool]:
    """Keep a copy named by its rank and its content; (the copy, False) when that content was imported before."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    kept = stored_imports(folder)
    for target in kept:
        if target.stem.endswith(digest):
            return target, False
    rank = max((_import_order(p)[0] for p in kept), default=0) + 1
    target = folder / f"observations-{rank:06d}-{digest}.csv"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target, True
