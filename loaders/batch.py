"""Building loaders from batch queries: rows put back in key order, one row or a list per key."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import TypeVar

from db.paging import Slice
from db.types import Record
from loaders.loader import Dispatch, Loader

Key = TypeVar("Key", bound=Hashable)


def keyed(keys: Sequence[Key], rows: Sequence[Record], column: str) -> list[Record | None]:
    """One row per key, in key order, None for a key without a row."""
    by_key = {row[column]: row for row in rows}
    return [by_key.get(key) for key in keys]


def one_per_key(
    dispatch: Dispatch, fetch: Callable[[list[Key]], Awaitable[list[Record]]], column: str
) -> Loader[Key, Record | None]:
    """A loader of the row whose `column` equals the key."""

    async def load(keys: list[Key]) -> list[Record | None]:
        return keyed(keys, await fetch(keys), column)

    return Loader(load, dispatch)


def one_per_key_priming(
    dispatch: Dispatch, fetch: Callable[[list[Key]], Awaitable[list[Record]]], column: str
) -> Loader[Key, Record | None]:
    """Like one_per_key, for queries that also return rows likely to be asked for next: those are kept in the
    loader's cache, so that asking for them sends no statement."""
    loader: Loader[Key, Record | None]

    async def load(keys: list[Key]) -> list[Record | None]:
        by_key = {row[column]: row for row in await fetch(keys)}
        for key, row in by_key.items():
            loader.prime(key, row)
        return [by_key.get(key) for key in keys]

    loader = Loader(load, dispatch)
    return loader


def many_per_key(
    dispatch: Dispatch, fetch: Callable[[list[Key]], Awaitable[list[Record]]], column: str
) -> Loader[Key, list[Record]]:
    """A loader of all rows whose `column` equals the key, in the order the query returns them."""

    async def load(keys: list[Key]) -> list[list[Record]]:
        groups: dict[Key, list[Record]] = defaultdict(list)
        for row in await fetch(keys):
            groups[row[column]].append(row)
        return [groups.get(key, []) for key in keys]

    return Loader(load, dispatch)


def whole_table(dispatch: Dispatch, fetch: Callable[[], Awaitable[list[Record]]]) -> Loader[None, list[Record]]:
    """A loader of a small table read once per request (the key is always None)."""

    async def load(keys: list[None]) -> list[list[Record]]:
        rows = await fetch()
        return [rows for _ in keys]

    return Loader(load, dispatch)


def pages_per_key(
    dispatch: Dispatch,
    fetch: Callable[[list[Key], Slice], Awaitable[list[Record]]],
) -> Loader[tuple[Key, Slice], list[Record]]:
    """A loader of one page of children per parent: one statement per distinct page, whatever the parents."""

    async def load(keys: list[tuple[Key, Slice]]) -> list[list[Record]]:
        parents_by_page: dict[Slice, list[Key]] = defaultdict(list)
        for parent_id, page in keys:
            parents_by_page[page].append(parent_id)
        found: dict[tuple[Key, Slice], list[Record]] = defaultdict(list)
        for page, parent_ids in parents_by_page.items():
            for row in await fetch(parent_ids, page):
                found[(row["parent_id"], page)].append(row)
        return [found.get(key, []) for key in keys]

    return Loader(load, dispatch)


def counts_per_key(
    dispatch: Dispatch, fetch: Callable[[list[Key]], Awaitable[list[Record]]], column: str
) -> Loader[Key, int]:
    """A loader of a count per key from rows of (`column`, count); 0 for a key without a row."""

    async def load(keys: list[Key]) -> list[int]:
        counts = {row[column]: int(row["count"]) for row in await fetch(keys)}
        return [counts.get(key, 0) for key in keys]

    return Loader(load, dispatch)
