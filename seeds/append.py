"""An imported file of observations added to the loaded dataset, at a cost in proportion to the file's size.

A full load numbers the imported values and their citations after everything else (seeds/rows.py), file after
file in the order they were imported (seeds/imports.py): the rows a new file adds come after those loaded, with the
next ids. So when what is loaded is the load of the other inputs (its version is theirs), inserting the file's rows
and moving to the version over all inputs gives exactly what a full load would. When that cannot be shown, the
caller loads everything instead (NotIncremental says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import asyncpg

from db import writes
from seeds.imports import ImportedValue, stored_imports
from seeds.load import dataset_inputs, version_of
from seeds.report import REPORT_DIR, read_report
from seeds.rows import TABLE_COLUMNS, Row
from seeds.source_rows import Key, cite_imported, imported_observations
from seeds.sources import FetchResult


class NotIncremental(Exception):
    """Why adding the file's rows would not give what a full load gives."""


@dataclass(frozen=True)
class Appended:
    version: str
    observations: int
    citations: int
    given: int  # rows whose value another input gives already: nothing to add


async def append_import(
    conn: asyncpg.Connection,
    fetched: list[FetchResult],
    kept: Path,
    shown: Path,
    values: list[ImportedValue],
    *,
    imports_dir: Path,
    report_dir: Path = REPORT_DIR,
) -> Appended:
    """Add the values of `kept` (just stored, the last import; `shown` is the file as the user named it) in one
    transaction. A value that differs from a loaded one is refused as a load refuses it, and nothing changes."""
    inputs = dataset_inputs(fetched, report_dir, imports_dir)
    if stored_imports(imports_dir)[-1:] != [kept]:
        raise NotIncremental(f"{kept.name} is not the last imported file")
    before = version_of({name: digest for name, digest in inputs.items() if name != f"imports/{kept.name}"})
    report = read_report(report_dir)
    async with conn.transaction():
        loaded = await writes.begin_import(conn)
        if loaded is None:
            raise NotIncremental("nothing is loaded yet")
        if loaded != before:
            raise NotIncremental(f"the loaded version {loaded} is not that of the inputs ({before})")
        metric_ids = await writes.metric_ids(conn)
        keys: list[Key] = [(metric_ids[v.metric], v.area_code, v.date, v.dimensions) for v in values]
        # A load drops a curated value that an imported file gives too: not an addition.
        curated = {(metric_ids[m.slug], o.area, o.date, "{}") for m in report.metrics for o in m.observations}
        for value, key in zip(values, keys, strict=True):
            if key in curated:
                raise NotIncremental(f"line {value.line} gives a value of the curated report")
        found = await writes.observation_values(conn, keys)
        given = {keys[index]: value for index, value in found.items()}
        rows = imported_observations([(shown, values)], metric_ids, given)
        last_citation, last_observation = await writes.last_ids(conn)
        citations: list[Row] = []

        def cite(row: Row) -> int:
            citations.append((last_citation + len(citations) + 1, *row))
            return int(citations[-1][0])

        observations = [(last_observation + n, *row) for n, row in enumerate(cite_imported(rows, cite), start=1)]
        await writes.copy_rows(conn, "citation", TABLE_COLUMNS["citation"], citations)
        await writes.copy_rows(conn, "observation", TABLE_COLUMNS["observation"], observations)
        await writes.refresh_breakdowns(conn)
        version = version_of(inputs)
        await writes.update_dataset(conn, version, inputs)
    return Appended(version, len(observations), len(citations), len(values) - len(rows))
