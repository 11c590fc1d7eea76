"""Putting a batch's rows back in the order of the keys asked for."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

from db.types import Record

Key = TypeVar("Key", bound=Hashable)


def keyed(keys: Sequence[Key], rows: Sequence[Record], column: str) -> list[Record | None]:
    """One row per key, in key order, None for a key without a row."""
    by_key = {row[column]: row for row in rows}
    return [by_key.get(key) for key in keys]
