"""Area: a prefecture or a municipality, by its 全国地方公共団体コード."""

from __future__ import annotations

import datetime as dt

import strawberry

from schema.enums import AreaKind
from schema.node import Node
from schema.scalars import LocalGovCode


@strawberry.interface(description="A prefecture or a municipality. Figures for the nation as a whole have no area.")
class Area(Node):
    code: LocalGovCode = strawberry.field(description="6-digit 全国地方公共団体コード, check digit included.")
    name: str = strawberry.field(description="Name in kanji, as the directory gives it.")
    name_kana: str | None = strawberry.field(description="Reading in hiragana, from the directory.")
    name_en: str | None = strawberry.field(
        description="English name where a source has one (not an official romanisation)."
    )
    kind: AreaKind = strawberry.field(
        description="PREFECTURE, or for a municipality DESIGNATED_CITY, SPECIAL_WARD, CITY, TOWN or VILLAGE."
    )

    @strawberry.field(description="The kind in Japanese: 都道府県, or 政令市, 特別区, 市, 町 or 村.")
    def kind_label(self) -> str:
        return str(self.kind.value)

    population: int | None = strawberry.field(description="Population at `populationDate` (総務省's base).")
    population_date: dt.date | None = strawberry.field(description="The reference date of `population`.")
    latitude: float | None = strawberry.field(description="Office (庁舎) latitude.")
    longitude: float | None = strawberry.field(description="Office (庁舎) longitude.")
    website: str | None = strawberry.field(description="Official website.")

    def global_key(self) -> str:
        return self.code
