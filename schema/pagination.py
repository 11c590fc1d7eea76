"""Relay connection arguments: checked against the page-size limits, with opaque cursors."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from typing import Annotated

import strawberry

from db.paging import Slice
from schema.errors import BadUserInput
from schema.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

CURSOR_PREFIX = "v1:"
MAX_POSITION = 2**63 - 1  # PostgreSQL's bigint, the type of a position in a ranked list
MAX_ROW_ID = 2**31 - 1  # PostgreSQL's integer, the type of the row ids a (date, id) cursor holds


def encode_cursor(kind: str, key: object) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{kind}:{key}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str, argument: str) -> str:
    """The sort key a cursor stands for; an error naming the argument when it is not one of this list's."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
        prefix, cursor_kind, key = text.split(":", 2)
        if f"{prefix}:" != CURSOR_PREFIX or cursor_kind != kind:
            raise ValueError(cursor_kind)
        return key
    except (ValueError, UnicodeError, binascii.Error) as error:
        raise BadUserInput(f"`{argument}` is not a valid cursor for this list") from error


@dataclass(frozen=True)
class PageRequest:
    """What a client asked for: how many rows, from which cursor, in which direction."""

    limit: int
    cursor: str | None
    backward: bool
    argument: str = "after"

    def slice(self, order: str = "position", *, descending: bool = False) -> Slice:
        """The ranks to fetch for a ranked list sorted by `order`."""
        rank = self.id_cursor()
        return Slice(
            limit=self.limit,
            after=None if self.backward else rank,
            before=rank if self.backward else None,
            backward=self.backward,
            order=order,
            descending=descending,
        )

    def id_cursor(self) -> int | None:
        """The cursor of a ranked list: a position, 1 or more. Only the positions a list can hold are read (a
        bigint in SQL), so that a forged one is refused here instead of failing in the database."""
        if self.cursor is None:
            return None
        if not (self.cursor.isascii() and self.cursor.isdigit() and 1 <= int(self.cursor) <= MAX_POSITION):
            raise BadUserInput(f"`{self.argument}` is not a valid cursor for this list")
        return int(self.cursor)

    def date_id_cursor(self) -> tuple[dt.date, int] | None:
        """The cursor of a list ordered by (date, id). Only ids an integer column holds are read, so that a forged
        one is refused here instead of failing in the database."""
        if self.cursor is None:
            return None
        try:
            day, row_id = self.cursor.split("|")
            if not (row_id.isascii() and row_id.isdigit() and 1 <= int(row_id) <= MAX_ROW_ID):
                raise ValueError(row_id)
            return dt.date.fromisoformat(day), int(row_id)
        except ValueError as error:
            raise BadUserInput(f"`{self.argument}` is not a valid cursor for this list") from error

    @classmethod
    def from_arguments(
        cls,
        kind: str,
        first: int | None,
        after: str | None,
        last: int | None,
        before: str | None,
        *,
        default: int = DEFAULT_PAGE_SIZE,
    ) -> PageRequest:
        if first is not None and last is not None:
            raise BadUserInput("pass either `first` or `last`, not both")
        for name, value in (("first", first), ("last", last)):
            if value is not None and not 1 <= value <= MAX_PAGE_SIZE:
                raise BadUserInput(f"`{name}` must be between 1 and {MAX_PAGE_SIZE}, got {value}")
        backward = last is not None or (before is not None and first is None)
        if backward and after is not None:
            raise BadUserInput("`after` pages forward: combine it with `first`, not `last`")
        if not backward and before is not None:
            raise BadUserInput("`before` pages backward: combine it with `last`, not `first`")
        size = (last if backward else first) or default
        raw_cursor = before if backward else after
        argument = "before" if backward else "after"
        cursor = decode_cursor(kind, raw_cursor, argument) if raw_cursor is not None else None
        return cls(limit=size, cursor=cursor, backward=backward, argument=argument)


First = Annotated[int | None, strawberry.argument(description="Items from the start or `after` (1..100, default 20).")]
After = Annotated[str | None, strawberry.argument(description="Cursor to start after (an `endCursor`).")]
Last = Annotated[int | None, strawberry.argument(description="Page size from the end or `before` (1..100).")]
Before = Annotated[str | None, strawberry.argument(description="Cursor to end before (a `startCursor`).")]
