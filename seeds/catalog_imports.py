"""Catalogue entries imported from a CSV (`hiraku data import catalogue FILE`), with the taxonomy they name.

One row per entry. Multi-valued cells: `;` between values; a category is a path of names as published
(`避難>避難所運営`); facets are `name=value|value;name=value`. Any other column is kept as published in the
entry's attributes, so that a published catalogue is carried without loss. See docs/import-catalogue.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from db.areacode import AreaCodeError, normalise

KNOWN = (
    "catalog", "key", "name", "provider", "description", "url", "categories", "facets", "target_users",
    "municipalities", "source_document", "source_url", "as_of",
)  # fmt: skip
REQUIRED = ("catalog", "name", "source_document", "source_url")


@dataclass(frozen=True)
class ImportedEntry:
    line: int
    catalog: str
    key: str
    name: str
    provider: str | None
    description: str | None
    url: str | None
    categories: tuple[tuple[str, ...], ...]
    facets: tuple[tuple[str, tuple[str, ...]], ...]
    target_users: tuple[str, ...]
    municipalities: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...]
    citation: tuple[str, str, dt.date | None]


class CatalogImportError(Exception):
    """A file with bad rows: every problem, by line and field; nothing is imported."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        shown = "\n".join(f"  {problem}" for problem in problems[:50])
        super().__init__(f"{path}: {len(problems)} problem(s), nothing imported:\n{shown}")


def read_catalog_import(path: Path, catalogs: set[str], areas: set[str]) -> list[ImportedEntry]:
    """Every row, validated; raises CatalogImportError listing all bad rows."""
    entries: list[ImportedEntry] = []
    problems: list[str] = []
    keys: dict[tuple[str, str], int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = list(reader.fieldnames or [])
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise CatalogImportError(path, [f"line 1: missing required column(s) {', '.join(missing)}"])
        for row in reader:
            line = reader.line_num
            row_problems: list[str] = []
            entry = _entry(line, row, columns, catalogs, areas, row_problems)
            if entry is not None:
                key = (entry.catalog, entry.key)
                if key in keys:
                    row_problems.append(f"line {line}: field 'key': {entry.key!r} repeats line {keys[key]}")
                keys.setdefault(key, line)
            problems += row_problems
            if entry is not None and not row_problems:
                entries.append(entry)
    if problems:
        raise CatalogImportError(path, problems)
    if not entries:
        raise CatalogImportError(path, ["the file has no rows"])
    return entries


def _entry(
    line: int, row: dict[str, str], columns: list[str], catalogs: set[str], areas: set[str], problems: list[str]
) -> ImportedEntry | None:
    def bad(field: str, message: str) -> None:
        problems.append(f"line {line}: field {field!r}: {message}")

    cell = {name: (row.get(name) or "").strip() for name in columns}
    for name in REQUIRED:
        if not cell.get(name):
            bad(name, "is empty")
    if cell.get("catalog") and cell["catalog"] not in catalogs:
        bad("catalog", f"no catalogue has the slug {cell['catalog']!r}")
    for name in ("url", "source_url"):
        if cell.get(name) and not cell[name].startswith(("https://", "http://")):
            bad(name, "is not an http(s) URL")
    municipalities = []
    for code in _values(cell.get("municipalities", ""), ";"):
        try:
            municipality = normalise(code)
        except AreaCodeError as error:
            bad("municipalities", str(error))
            continue
        if municipality not in areas:
            bad("municipalities", f"{municipality} is not a municipality of the directory")
        municipalities.append(municipality)
    facets = []
    for part in _values(cell.get("facets", ""), ";"):
        name, equals, values = part.partition("=")
        if not equals or not name.strip() or not _values(values, "|"):
            bad("facets", f"{part!r} is not name=value|value")
            continue
        facets.append((name.strip(), tuple(_values(values, "|"))))
    as_of = None
    if cell.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(cell["as_of"])
        except ValueError:
            bad("as_of", f"{cell['as_of']!r} is not a date (YYYY-MM-DD)")
    if problems:
        return None
    return ImportedEntry(
        line=line,
        catalog=cell["catalog"],
        key=cell.get("key") or cell["name"],
        name=cell["name"],
        provider=cell.get("provider") or None,
        description=cell.get("description") or None,
        url=cell.get("url") or None,
        categories=tuple(tuple(_values(path, ">")) for path in _values(cell.get("categories", ""), ";")),
        facets=tuple(facets),
        target_users=tuple(_values(cell.get("target_users", ""), ";")),
        municipalities=tuple(municipalities),
        attributes=tuple((name, cell[name]) for name in columns if name not in KNOWN and cell[name]),
        citation=(cell["source_document"], cell["source_url"], as_of),
    )


def _values(text: str, separator: str) -> list[str]:
    return [value.strip() for value in text.split(separator) if value.strip()]


def stored_catalog_imports(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalogue-*.csv")) if folder.exists() else []


def store_catalog(path: Path, folder: Path) -> tuple[Path, bool]:
    """Keep a copy named by its content; (the copy, False) when that content was imported before."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = folder / f"catalogue-{digest}.csv"
    if target.exists():
        return target, False
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target, True


def category_slug(path: tuple[str, ...]) -> str:
    """A stable identifier for a category named by a publisher's file (its names may be in any script)."""
    return "imported-" + hashlib.sha256(">".join(path).encode()).hexdigest()[:10]
