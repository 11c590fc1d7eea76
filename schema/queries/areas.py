"""Queries over the 47 prefectures and 1,741 municipalities."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from db import areas
from db.areas import MunicipalityFilter as MunicipalityWhere
from db.search import search_form
from schema.codes import USE_AREA_CODE, one_code, required_code
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.errors import NotFound, literal, no_such
from schema.ordering import OrderDirection
from schema.pagination import After, Before, First, Last, PageRequest
from schema.scalars import PREFECTURE_CODE_FORMS, LocalGovCode
from schema.strings import checked_optional
from schema.types.municipality import Municipality
from schema.types.prefecture import MUNICIPALITY_CURSOR, Prefecture, no_prefecture


@strawberry.enum(description="The kinds of municipality (市区町村): the names `Area.kind` answers with.")
class MunicipalityKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    DESIGNATED_CITY = strawberry.enum_value("政令市", description="A designated city (政令指定都市), with wards.")
    SPECIAL_WARD = strawberry.enum_value("特別区", description="One of the 23 special wards (特別区) of 東京都.")
    CITY = strawberry.enum_value("市", description="A city (市) that is not a designated city.")
    TOWN = strawberry.enum_value("町", description="A town (町).")
    VILLAGE = strawberry.enum_value("村", description="A village (村).")


# `areaCode` is required in effect (one of the two names must be given): see schema/codes.py.
PrefectureCode = Annotated[
    LocalGovCode | None,
    strawberry.argument(description=f"The prefecture, required (or the deprecated `code`): {PREFECTURE_CODE_FORMS}"),
]
MunicipalityCode = Annotated[
    LocalGovCode | None,
    strawberry.argument(description="The municipality, required (or the deprecated `code`): 5 or 6 digits."),
]
OldCode = Annotated[
    LocalGovCode | None,
    strawberry.argument(description="The same as `areaCode`, by its older name.", deprecation_reason=USE_AREA_CODE),
]


@strawberry.input(description="Narrows the list of municipalities.")
class MunicipalityFilter:
    area_code: LocalGovCode | None = strawberry.field(
        default=None, description=f"Only municipalities of this prefecture: {PREFECTURE_CODE_FORMS}"
    )
    prefecture: LocalGovCode | None = strawberry.field(
        default=None,
        description=f"Only municipalities of this prefecture: {PREFECTURE_CODE_FORMS}",
        deprecation_reason=USE_AREA_CODE,
    )
    kind: MunicipalityKind | None = strawberry.field(default=None, description="政令市, 特別区, 市, 町 or 村.")
    search: str | None = strawberry.field(
        default=None, description="Part of the name or its kana, as typed (「さっぽろ」, 「札幌」, 「ｻｯﾎﾟﾛ」)."
    )


@strawberry.enum(description="How municipalities can be sorted.")
class MunicipalityOrderField(Enum):
    _value_: str  # the column or SQL word it stands for (typed for mypy: `enum_value` wraps it)
    CODE = strawberry.enum_value("code", description="By 全国地方公共団体コード.")
    NAME_KANA = strawberry.enum_value("name_kana", description="By reading (五十音順).")
    POPULATION = strawberry.enum_value("population", description="By population.")


@strawberry.input(description="Sort order of municipalities (default: by code).")
class MunicipalityOrder:
    field: MunicipalityOrderField = strawberry.field(
        default=MunicipalityOrderField.CODE, description="CODE; NAME_KANA (五十音順); POPULATION."
    )
    direction: OrderDirection = strawberry.field(default=OrderDirection.ASC, description="ASC or DESC.")


@strawberry.type
class AreaQuery:
    @strawberry.field(description="The 47 prefectures, by code.")
    async def prefectures(self, info: Info) -> list[Prefecture]:
        return [Prefecture.from_row(row) for row in await areas.prefectures(info.context.pool)]

    @strawberry.field(description="One prefecture by its code; null and a NOT_FOUND error when there is none.")
    async def prefecture(self, info: Info, area_code: PrefectureCode = None, code: OldCode = None) -> Prefecture | None:
        code = required_code(area_code, code, "code")
        row = await info.context.loaders.area_by_code.load(code)
        if row is None or row["level"] != "prefecture":
            raise no_prefecture(code, row, f"; ask municipality(areaCode: {literal(code)})")
        return Prefecture.from_row(row)

    @strawberry.field(
        description="One municipality by its code (5 or 6 digits); null and a NOT_FOUND error when there is none."
    )
    async def municipality(
        self, info: Info, area_code: MunicipalityCode = None, code: OldCode = None
    ) -> Municipality | None:
        code = required_code(area_code, code, "code")
        row = await info.context.loaders.area_by_code.load(code)
        if row is None:
            hint = "The municipalities' codes are listed by { municipalities { nodes { code } } }."
            raise no_such("municipality", "code", code, hint)
        if row["level"] != "municipality":
            raise NotFound(
                f"No municipality with code {literal(code)}: it is the code of a prefecture, {row['name']}; ask "
                f"prefecture(areaCode: {literal(code)}), or municipalities(filter: {{areaCode: {literal(code)}}}) "
                "for its municipalities."
            )
        return Municipality.from_row(row)

    @strawberry.field(description="The 1,741 municipalities, filtered and sorted.")
    async def municipalities(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[MunicipalityFilter | None, strawberry.argument(description="Narrows the list.")] = None,
        order_by: Annotated[MunicipalityOrder | None, strawberry.argument(description="Sort order.")] = None,
    ) -> Connection[Municipality]:
        page = PageRequest.from_arguments(MUNICIPALITY_CURSOR, first, after, last, before)
        f = filter or MunicipalityFilter()
        order = order_by or MunicipalityOrder()
        name = checked_optional(f.search, "filter.search")
        where = MunicipalityWhere(
            one_code(f.area_code, f.prefecture, "filter.prefecture"),
            f.kind.value if f.kind else None,
            search_form(name).strip() or None if name else None,
        )
        pool = info.context.pool
        window = page.slice(order.field.value, descending=order.direction is OrderDirection.DESC)
        rows = await areas.municipalities_page(pool, window, where)

        async def count() -> int:
            return await areas.municipalities_count(pool, where)

        return ranked_connection(page, MUNICIPALITY_CURSOR, rows, Municipality.from_row, count)
