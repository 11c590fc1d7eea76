"""Prefecture: one of the 47 都道府県, keyed by its 6-digit local government code."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.types.rows import from_record


@strawberry.type(description="A prefecture (都道府県), from the pinned localgovjp source.")
class Prefecture:
    code: str = strawberry.field(description="6-digit 全国地方公共団体コード, check digit included.")
    name: str = strawberry.field(description="Kanji name.")
    name_kana: str | None = strawberry.field(description="Reading in hiragana.")
    name_en: str | None = strawberry.field(description="English name as the source gives it (not official).")
    latitude: float | None = strawberry.field(description="Prefectural office.")
    longitude: float | None = strawberry.field(description="Prefectural office.")
    website: str | None = strawberry.field(description="Official website.")

    @classmethod
    def from_row(cls, row: Record) -> Prefecture:
        return from_record(cls, row)
