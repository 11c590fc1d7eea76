"""Relay connections: edges with cursors, nodes, page info and a total count."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from db.types import Record
from schema.pagination import PageRequest, encode_cursor

T = TypeVar("T")


@strawberry.type(description="Where a page sits in its list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="More items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item; pass as `before`.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last item; pass as `after`.")


@strawberry.type(description="An item of a page, with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque; valid for this dataset version.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list (a Relay connection), in a stable order.")
class Connection(Generic[T]):
    # Plain attributes where possible (an execution plan reads them without calling a resolver); cursors are made
    # only when edges are asked for.
    edges: list[Edge[T]] = strawberry.field(
        description="The items of this page with their cursors.", resolver=lambda root: root.edges_with_cursors()
    )
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    nodes: list[T] = strawberry.field(description="The nodes of this page, without cursors.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]
    _cursors: strawberry.Private[Callable[[], list[str]]]

    def edges_with_cursors(self) -> list[Edge[T]]:
        return [Edge(cursor=cursor, node=node) for cursor, node in zip(self._cursors(), self.nodes, strict=True)]

    @strawberry.field(description="How many items the whole list (with its filter) holds.")
    async def total_count(self) -> int:
        return await self._count()


def build_connection(
    page: PageRequest,
    rows: Sequence[Record],
    build: Callable[[Record], T],
    cursor: Callable[[Record], str],
    count: Callable[[], Awaitable[int]],
) -> Connection[T]:
    """A connection from rows fetched with limit + 1 by keyset, nearest first (reversed when paging backward)."""
    has_more = len(rows) > page.limit
    rows = list(rows[: page.limit])
    if page.backward:
        rows.reverse()
    # A cursor names a row that exists, so there is always something on its other side.
    info = PageInfo(
        has_next_page=has_more if not page.backward else page.cursor is not None,
        has_previous_page=has_more if page.backward else page.cursor is not None,
        start_cursor=cursor(rows[0]) if rows else None,
        end_cursor=cursor(rows[-1]) if rows else None,
    )
    return Connection(
        _cursors=lambda: [cursor(row) for row in rows], page_info=info, nodes=[build(row) for row in rows], _count=count
    )


def ranked_connection(
    page: PageRequest,
    kind: str,
    rows: Sequence[Record],
    build: Callable[[Record], T],
    count: Callable[[], Awaitable[int]],
) -> Connection[T]:
    """A connection from rows carrying their `rank` and the list's `total`, nearest first."""
    ordered = sorted(rows, key=lambda row: row["rank"])
    total = ordered[0]["total"] if ordered else None

    async def total_count() -> int:
        if total is not None:
            return int(total)
        return 0 if page.cursor is None else await count()

    if ordered:
        has_next, has_previous = ordered[-1]["rank"] < total, ordered[0]["rank"] > 1
    else:
        # An empty page: beyond one end of the list, whose other side holds the cursor's row, if any.
        has_next, has_previous = (page.cursor is not None, False) if page.backward else (False, page.cursor is not None)
    info = PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=encode_cursor(kind, ordered[0]["rank"]) if ordered else None,
        end_cursor=encode_cursor(kind, ordered[-1]["rank"]) if ordered else None,
    )
    return Connection(
        _cursors=lambda: [encode_cursor(kind, row["rank"]) for row in ordered],
        page_info=info,
        nodes=[build(row) for row in ordered],
        _count=total_count,
    )
