"""CSV and JSON encodings of an export's rows, batch by batch: per column, a converter chosen by its SQL type."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable, Sequence
from decimal import Decimal
from typing import Any

import orjson

from db.types import Record
from schema.types.rows import decimal_text

BOM = "\ufeff".encode()
Convert = Callable[[Any], Any]


def _csv_cell(type_name: str) -> Convert:
    """A cell for the government's machine-readable CSV: ISO dates, plain decimals, JSON for structured values."""
    if type_name == "numeric":
        return lambda value: decimal_text(value) if isinstance(value, Decimal) else value
    if type_name == "bool":
        return lambda value: None if value is None else ("true" if value else "false")
    if type_name.startswith("_"):  # arrays
        return lambda value: None if value is None else orjson.dumps(value).decode()
    if type_name == "date":
        return lambda value: None if value is None else value.isoformat()
    if type_name == "jsonb":  # PostgreSQL's text of a jsonb has spaces; written compact, as arrays are
        return lambda value: None if value is None else orjson.dumps(orjson.loads(value)).decode()
    return lambda value: value  # text and numbers as they are


def _json_value(type_name: str) -> Convert:
    if type_name == "numeric":
        # At most 13 significant digits in the data: a double holds them exactly.
        return lambda value: None if value is None else float(value)
    if type_name == "jsonb":
        return lambda value: None if value is None else orjson.Fragment(value)
    return lambda value: value  # orjson writes dates as ISO strings


def _converted(rows: Sequence[Record], converters: list[Convert]) -> list[list[Any]]:
    return [[convert(value) for convert, value in zip(converters, row, strict=True)] for row in rows]


async def csv_chunks(
    columns: list[tuple[str, str]], batches: AsyncIterator[list[Record]], *, bom: bool
) -> AsyncIterator[bytes]:
    """One header row, then a chunk per batch (CRLF line ends, as RFC 4180 has them)."""
    converters = [_csv_cell(type_name) for _, type_name in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in columns])
    yield (BOM if bom else b"") + buffer.getvalue().encode()
    async for rows in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_converted(rows, converters))
        yield buffer.getvalue().encode()


async def json_chunks(columns: list[tuple[str, str]], batches: AsyncIterator[list[Record]]) -> AsyncIterator[bytes]:
    """A JSON array of objects, one per line, a chunk per batch."""
    names = [name for name, _ in columns]
    converters = [_json_value(type_name) for _, type_name in columns]
    separator = b"[\n"
    async for rows in batches:
        lines = [orjson.dumps(dict(zip(names, values, strict=True))) for values in _converted(rows, converters)]
        yield separator + b",\n".join(lines)
        separator = b",\n"
    yield b"[]\n" if separator == b"[\n" else b"\n]\n"
