"""Prefecture: one of the 47 都道府県, with its municipalities."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from db.types import Record
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.enums import AreaKind
from schema.errors import NotFound, literal, no_such
from schema.pagination import After, Before, First, Last, PageRequest
from schema.types.area import Area

if TYPE_CHECKING:
    from schema.types.municipality import Municipality

MUNICIPALITY_CURSOR = "municipality"
PREFECTURE_CODES = "The prefectures' codes are listed by { prefectures { code } }."


@strawberry.type(description="A prefecture (都道府県), from the pinned directory sources.")
class Prefecture(Area):
    @strawberry.field(description="Its municipalities, by code.")
    async def municipalities(
        self, info: Info, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Annotated[Municipality, strawberry.lazy("schema.types.municipality")]]:
        from schema.types.municipality import Municipality

        page = PageRequest.from_arguments(MUNICIPALITY_CURSOR, first, after, last, before)
        loaders = info.context.loaders
        rows = await loaders.municipality_pages_by_prefecture.load((self.code, page.slice()))

        async def count() -> int:
            return await loaders.municipality_count_by_prefecture.load(self.code)

        return ranked_connection(page, MUNICIPALITY_CURSOR, rows, Municipality.from_row, count)

    @classmethod
    def from_row(cls, row: Record) -> Prefecture:
        return cls(**area_fields(row))


def no_prefecture(code: str, row: Record | None, then: str = "") -> NotFound:
    """A code that is not a prefecture's: unknown, or a municipality's (`then` says what to ask instead)."""
    if row is None:
        return no_such("prefecture", "code", code, PREFECTURE_CODES)
    return NotFound(f"No prefecture with code {literal(code)}: it is the code of a municipality, {row['name']}{then}.")


def area_fields(row: Record) -> dict[str, Any]:
    return {
        "code": row["code"],
        "name": row["name"],
        "name_kana": row["name_kana"],
        "name_en": row["name_en"],
        "kind": AreaKind(row["kind"]),
        "population": row["population"],
        "population_date": row["population_date"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "website": row["website"],
    }
