"""Metric: a figure the report states, with its observations, comparisons, targets and breakdown."""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlencode

import strawberry

from db import maps
from db.metrics import ObservationWindow
from db.types import Record
from loaders.observations import ObservationPage
from loaders.rankings import RankingKey
from schema.codes import AREA_CODE, USE_AREA_CODE, one_code
from schema.connection import Connection, build_connection
from schema.context import Info
from schema.enums import MetricKind, MetricUnit
from schema.errors import BadUserInput, ServiceUnavailable
from schema.limits import MAX_CHART_AREAS, MAX_PAGE_SIZE, RANKING_PAGE_SIZE
from schema.node import Node
from schema.pagination import After, Before, First, Last, PageRequest, encode_cursor
from schema.scalars import PREFECTURE_CODE_FORMS, LocalGovCode
from schema.strings import checked
from schema.types.breakdown import Breakdown
from schema.types.comparison import Comparison
from schema.types.observation import DimensionInput, Observation
from schema.types.ranking import RANKING_CURSOR, AreaLevel, AreaRanking, no_areas, no_values, ranking_page
from schema.types.rendering import ENGLISH_TITLE, Rendering, english_title
from schema.types.source import Source, cited
from schema.types.target import Target

if TYPE_CHECKING:
    from schema.types.initiative import Initiative

OBSERVATION_CURSOR = "observation"


def observation_cursor(row: Record) -> str:
    """An observation's place in date order: its date, then its id."""
    return encode_cursor(OBSERVATION_CURSOR, f"{row['date'].isoformat()}|{row['id']}")


METRIC_CURSOR = "metric"
METRIC_SLUGS = "The metrics' slugs are listed by { metrics { nodes { slug } } }."


@strawberry.type(description="A figure the report states. Numbers never carry units: see `unit` and `unitLabel`.")
class Metric(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    name: str = strawberry.field(description="The report's own name for the figure.")
    unit: MetricUnit = strawberry.field(
        description="Unit: COUNT, PEOPLE, PERCENT, YEN, RATIO, POINTS, DAYS, HOURS, MINUTES or YEARS."
    )
    unit_label: str = strawberry.field(description="The unit as printed (件, 枚, 人, 社, %, 円 …).")
    kind: MetricKind = strawberry.field(description="COUNT, PERCENT, RATIO, CURRENCY, DURATION or SCORE.")
    description: str | None = strawberry.field(description="The report's own definition, where it gives one.")
    note: str | None = strawberry.field(description="Curators' remark: how it differs from similar figures.")
    metric_id: strawberry.Private[int]
    initiative_id: strawberry.Private[int | None]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description=ENGLISH_TITLE)
    async def english_title(self, info: Info) -> Rendering | None:
        return await english_title(info, "Metric", self.slug)

    @strawberry.field(description="The most recent national observation.")
    async def latest(self, info: Info) -> Observation | None:
        row = await info.context.loaders.latest_observation_by_metric_id.load(self.metric_id)
        return Observation.from_row(row, self.slug) if row else None

    @strawberry.field(description="Observations in date order, optionally between two dates or for one area.")
    async def observations(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from", description="First date.")] = None,
        to: Annotated[dt.date | None, strawberry.argument(description="Last date.")] = None,
        area_code: Annotated[
            LocalGovCode | None,
            strawberry.argument(
                description="A prefecture (2, 5 or 6 digits, e.g. 13) or municipality (5 or 6); null: the nation."
            ),
        ] = None,
        dimensions: Annotated[
            list[DimensionInput] | None,
            strawberry.argument(description='A breakdown, e.g. [{name: "sex", value: "女"}]; none: totals.'),
        ] = None,
    ) -> Connection[Observation]:
        page = PageRequest.from_arguments(OBSERVATION_CURSOR, first, after, last, before)
        breakdown = {checked(d.name, "dimensions.name"): checked(d.value, "dimensions.value") for d in dimensions or []}
        window = ObservationWindow(
            area_code=area_code,
            date_from=from_,
            date_to=to,
            dimensions=json.dumps(breakdown, ensure_ascii=False, sort_keys=True),
        )
        key = ObservationPage(page.limit + 1, page.date_id_cursor(), page.backward, window)
        rows = await info.context.loaders.observation_pages.load((self.metric_id, key))
        loaders = info.context.loaders

        async def count() -> int:
            return await loaders.observation_counts.load((self.metric_id, window))

        return build_connection(
            page, rows, partial(Observation.from_row, metric_slug=self.slug), observation_cursor, count
        )

    @strawberry.field(
        description="Areas ranked by their value on a date, highest first (e.g. issuance rates): a connection over "
        "every ranked area, paged with `first`/`after` or `last`/`before`. A date without values is a NOT_FOUND "
        "error that names the dates with values."
    )
    async def ranking(
        self,
        info: Info,
        level: Annotated[AreaLevel, strawberry.argument(description="Prefectures or municipalities.")],
        date: Annotated[
            dt.date | None, strawberry.argument(description="The date to rank; default: the latest with area values.")
        ] = None,
        area_code: Annotated[
            LocalGovCode | None,
            strawberry.argument(description=f"Only municipalities of this prefecture: {PREFECTURE_CODE_FORMS}"),
        ] = None,
        prefecture: Annotated[
            LocalGovCode | None,
            strawberry.argument(
                description=f"Only municipalities of this prefecture: {PREFECTURE_CODE_FORMS}",
                deprecation_reason=USE_AREA_CODE,
            ),
        ] = None,
        first: Annotated[
            int | None,
            strawberry.argument(
                description=f"Ranks from the start or `after` (1..{MAX_PAGE_SIZE}, default {RANKING_PAGE_SIZE})."
            ),
        ] = None,
        after: After = None,
        last: Annotated[
            int | None,
            strawberry.argument(description=f"Ranks from the end or `before` (1..{MAX_PAGE_SIZE})."),
        ] = None,
        before: Before = None,
        ascending: Annotated[bool, strawberry.argument(description="Lowest first.")] = False,
    ) -> AreaRanking:
        named = "prefecture" if prefecture is not None else AREA_CODE
        prefecture = one_code(area_code, prefecture, "prefecture")
        page = PageRequest.from_arguments(RANKING_CURSOR, first, after, last, before, default=RANKING_PAGE_SIZE)
        key = RankingKey(self.metric_id, level.value, date, prefecture, ascending, page.slice())
        ranked = await info.context.loaders.area_rankings.load(key)
        if ranked is None:
            return await ranking_page(info, page, level, None, [], 0, 0, self.slug)
        if ranked.areas == 0 and prefecture is not None:
            raise await no_areas(info, level, prefecture, named)
        if ranked.with_value == 0 and date is not None:
            raise await no_values(info, self.slug, ranked.request)
        return await ranking_page(
            info, page, level, ranked.request.date, ranked.rows, ranked.areas, ranked.with_value, self.slug
        )

    @strawberry.field(
        description="Where to get a choropleth map (SVG) of the metric's area values: an absolute URL, "
        "e.g. `https://…/maps/mynumber-card-issued-rate-soumu.svg?level=prefecture`. The map has a legend of five "
        "quintile classes, each area's value on hover, a text alternative and the credit lines its licences ask "
        "for. Null when the metric has no values by area (at that level, on that date)."
    )
    async def map_url(
        self,
        info: Info,
        date: Annotated[
            dt.date | None, strawberry.argument(description="The date to map; default: the latest with area values.")
        ] = None,
        level: Annotated[
            AreaLevel | None,
            strawberry.argument(description="Default: municipalities when there are municipal values."),
        ] = None,
    ) -> str | None:
        levels = await info.context.loaders.map_levels.load((self.metric_id, date))
        chosen = maps.chosen_level(levels, level.value if level else None)
        if chosen is None or (date is not None and not levels[chosen].has_date):
            return None
        # Only what was asked for: without a date the URL keeps showing the latest values after a new load.
        asked = {"level": chosen if level else None, "date": date.isoformat() if date else None}
        query = urlencode({name: value for name, value in asked.items() if value})
        return f"{info.context.public_url}/maps/{self.slug}.svg" + (f"?{query}" if query else "")

    @strawberry.field(
        description="Where to get a line chart (SVG) of the metric's totals over time: an absolute URL, e.g. "
        "`https://…/charts/mynumber-card-issued-rate-soumu.svg?area=nation,130001`. Lines are told apart by colour, "
        "dash, marker and a label; the chart has a text alternative with each line's first, last, lowest and highest "
        "values and the credit lines. The chart answers 404 naming an area that has no totals of the metric."
    )
    def chart_url(
        self,
        info: Info,
        areas: Annotated[
            list[LocalGovCode] | None,
            strawberry.argument(description=f"Up to {MAX_CHART_AREAS} areas (with `nation`, one fewer)."),
        ] = None,
        nation: Annotated[
            bool | None,
            strawberry.argument(description="Draw the nation as a whole too; by default only without `areas`."),
        ] = None,
    ) -> str:
        codes = list(dict.fromkeys(areas or []))
        drawn = ["nation"] if (nation if nation is not None else not codes) else []
        drawn += codes
        if not drawn:
            raise BadUserInput("`chartUrl` needs an area or `nation: true`")
        if len(drawn) > MAX_CHART_AREAS:
            raise BadUserInput(f"`chartUrl` draws at most {MAX_CHART_AREAS} lines; {len(drawn)} were asked for")
        return f"{info.context.public_url}/charts/{self.slug}.svg?" + urlencode({"area": ",".join(drawn)}, safe=",")

    @strawberry.field(
        description="The breakdowns its values come in, each with its counts: the totals first (if it has any), "
        "then the combinations of dimensions ordered by their names and values (code point order), e.g. age_group "
        "0～4歳 and sex 女 before age_group 0～4歳 and sex 男. Empty when the metric has no values."
    )
    async def dimensions(self, info: Info) -> list[Breakdown]:
        rows = await info.context.loaders.breakdowns_by_metric_id.load(self.metric_id)
        return [Breakdown.from_row(row) for row in rows]

    @strawberry.field(description="Comparisons the report states (「3.6倍」, 「+5,776条項」).")
    async def comparisons(self, info: Info) -> list[Comparison]:
        rows = await info.context.loaders.comparisons_by_metric_id.load(self.metric_id)
        return [Comparison.from_row(row) for row in rows]

    @strawberry.field(description="Values the report plans for a period.")
    async def targets(self, info: Info) -> list[Target]:
        return [Target.from_row(row) for row in await info.context.loaders.targets_by_metric_id.load(self.metric_id)]

    @strawberry.field(description="The parts of this figure, whose values sum to it at each date they share.")
    async def components(self, info: Info) -> list[Metric]:
        rows = await info.context.loaders.components_by_metric_id.load(self.metric_id)
        return [Metric.from_row(row) for row in rows]

    @strawberry.field(description="The initiative page the figure belongs to, if any.")
    async def initiative(self, info: Info) -> Annotated[Initiative, strawberry.lazy("schema.types.initiative")] | None:
        from schema.types.initiative import Initiative

        if self.initiative_id is None:
            return None
        row = await info.context.loaders.initiative_by_id.load(self.initiative_id)
        return Initiative.from_row(row) if row else None

    @strawberry.field(
        description="Where the figure is stated: the source of its latest national value, else of a "
        "target or comparison, else of its most recent value of any area or breakdown."
    )
    async def source(self, info: Info) -> Source:
        loaders = info.context.loaders
        latest = await loaders.latest_observation_by_metric_id.load(self.metric_id)
        targets = await loaders.targets_by_metric_id.load(self.metric_id)
        comparisons = await loaders.comparisons_by_metric_id.load(self.metric_id)
        for row in ([latest] if latest else []) + targets + comparisons:
            return await cited(info, row["citation_id"])
        # Only a breakdown (e.g. by age and sex) or only areas: the source of its most recent value.
        other = await loaders.latest_citation_by_metric_id.load(self.metric_id)
        if other is not None:
            return await cited(info, other["citation_id"])
        raise ServiceUnavailable(f"the metric {self.slug!r} has no sourced value")

    @classmethod
    def from_row(cls, row: Record) -> Metric:
        return cls(
            slug=row["slug"],
            name=row["name"],
            unit=MetricUnit(row["unit"]),
            unit_label=row["unit_label"],
            kind=MetricKind(row["kind"]),
            description=row["description"],
            note=row["note"],
            metric_id=row["id"],
            initiative_id=row["initiative_id"],
        )
