"""Area: a prefecture or a municipality, by its 全国地方公共団体コード."""

from __future__ import annotations

import datetime as dt

import strawberry

from schema.node import Node


@strawberry.interface(description="A prefecture or a municipality. Figures for the nation as a whole have no area.")
class Area(Node):
    code: str = strawberry.field(description="6-digit 全国地方公共団体コード, check digit included.")
    name: str = strawberry.field(description="Name in kanji, as the directory gives it.")
    name_kana: str | None = strawberry.field(description="Reading in hiragana, from the directory.")
    name_en: str | None = strawberry.field(
        description="English name where a source has one (not an official romanisation)."
    )
    kind: str = strawberry.field(description="都道府県, or for a municipality 政令市, 特別区, 市, 町 or 村.")
    population: int | None = strawberry.field(description="Population at `populationDate` (総務省's base).")
    population_date: dt.date | None = strawberry.field(description="The reference date of `population`.")
    latitude: float | None = strawberry.field(description="Office (庁舎) latitude.")
    longitude: float | None = strawberry.field(description="Office (庁舎) longitude.")
    website: str | None = strawberry.field(description="Official website.")

    def global_key(self) -> str:
        return self.code
