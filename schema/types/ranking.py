"""AreaRanking: areas ordered by their value of a metric on a date, ties and missing values explicit."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from db.areas import RankingRequest
from db.types import Record
from db.value_dates import area_value_dates, dates_with_values
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.errors import BadUserInput, NotFound, PublicError
from schema.pagination import PageRequest
from schema.types.area import Area
from schema.types.observation import Observation
from schema.types.prefecture import no_prefecture

RANKING_CURSOR = "ranking"


@strawberry.enum(description="A level of areas.")
class AreaLevel(Enum):
    _value_: str  # the level the database holds (typed for mypy: `enum_value` wraps it)
    PREFECTURE = strawberry.enum_value("prefecture", description="The 47 prefectures (都道府県).")
    MUNICIPALITY = strawberry.enum_value("municipality", description="The 1,741 municipalities (市区町村).")


@strawberry.type(description="An area's place in a ranking.")
class AreaRank:
    rank: int = strawberry.field(description="1 for the first; equal values share a rank (1, 2, 2, 4).")
    tied: bool = strawberry.field(description="Another area has the same value.")
    area: Area = strawberry.field(description="The prefecture or municipality.")
    observation: Observation = strawberry.field(description="The value, with its source.")


@strawberry.type(
    description="Areas of one level ranked by a metric on one date: a page of the ranked areas (a Relay "
    "connection), best first; equal values share a rank and are ordered by code, so paging visits every area once."
)
class AreaRanking(Connection[AreaRank]):
    date: dt.date | None = strawberry.field(description="The date ranked; null when the metric has no area values.")
    level: AreaLevel = strawberry.field(description="The level ranked.")
    areas: int = strawberry.field(description="How many areas of the level (and prefecture) there are.")
    areas_with_value: int = strawberry.field(description="How many of them have a value on the date.")
    areas_without_value: int = strawberry.field(description="How many have none: they are not ranked.")
    entries: list[AreaRank] = strawberry.field(
        description="This page's ranks, best first: the same as `nodes`.",
        deprecation_reason="Use `nodes` (or `edges`): the same ranks, with cursors on `edges`. "
        "Removed in the next release.",
    )

    @classmethod
    def of(
        cls, page: Connection[AreaRank], day: dt.date | None, level: AreaLevel, areas: int, with_value: int
    ) -> AreaRanking:
        """The page of a ranking, with what it ranked."""
        return cls(
            page_info=page.page_info,
            nodes=page.nodes,
            _count=page._count,
            _cursors=page._cursors,
            date=day,
            level=level,
            areas=areas,
            areas_with_value=with_value,
            areas_without_value=areas - with_value,
            entries=page.nodes,
        )


async def ranking_page(
    info: Info,
    page: PageRequest,
    level: AreaLevel,
    day: dt.date | None,
    rows: list[Record],
    areas: int,
    with_value: int,
    metric_slug: str,
) -> AreaRanking:
    """The page of a ranking of the metric `metric_slug` from its rows (each with its position `rank` and the
    `total` ranked)."""
    from schema.types.municipality import Municipality
    from schema.types.prefecture import Prefecture

    loaded = await info.context.loaders.area_by_code.load_many([row["area_code"] for row in rows])
    build = Prefecture.from_row if level is AreaLevel.PREFECTURE else Municipality.from_row
    ranked = {area["code"]: build(area) for area in loaded if area is not None}

    def rank(row: Record) -> AreaRank:
        area = ranked[row["area_code"]]
        return AreaRank(
            rank=row["place"], tied=row["tied"], area=area, observation=Observation.from_row(row, metric_slug)
        )

    async def count() -> int:
        return with_value

    page_of_ranks = ranked_connection(
        page, RANKING_CURSOR, [row for row in rows if row["area_code"] in ranked], rank, count
    )
    return AreaRanking.of(page_of_ranks, day, level, areas, with_value)


# The refusals below cost a statement or two, and only when a ranking would otherwise be silently empty.


async def no_areas(info: Info, level: AreaLevel, prefecture: str, argument: str) -> PublicError:
    """`prefecture` (given as `argument`) matched no area of the level: a ranking of prefectures, or not a
    prefecture's code."""
    if level is AreaLevel.PREFECTURE:
        return BadUserInput(f"`{argument}` narrows a ranking of municipalities; a ranking of prefectures takes none")
    return no_prefecture(prefecture, await info.context.loaders.area_by_code.load(prefecture))


async def no_values(info: Info, slug: str, request: RankingRequest) -> NotFound:
    """A date asked for without values of the metric: the dates that have some."""
    dates = await area_value_dates(info.context.pool, request.metric_id, request.level, request.prefecture_code)
    where = f"{request.level} values"
    if request.prefecture_code is not None:
        prefecture = await info.context.loaders.area_by_code.load(request.prefecture_code)
        where += f" in {prefecture['name'] if prefecture else request.prefecture_code}"
    return NotFound(f"The metric {slug!r} has no {where} on {request.date}; {dates_with_values(request.date, dates)}.")
