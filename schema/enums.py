"""The enumerable values of answers, as GraphQL enums with a description on every value, so that code generators and
linters see the closed set. Each Python value is the text the database holds, so a row's text converts with
`Enum(text)`; the GraphQL name is what clients read."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(
    description="What an area is. The names of the municipal kinds are those of `MunicipalityKind`, which filters "
    "municipalities; `kindLabel` gives the Japanese word."
)
class AreaKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    PREFECTURE = strawberry.enum_value("都道府県", description="A prefecture (都道府県), one of 47.")
    DESIGNATED_CITY = strawberry.enum_value("政令市", description="A designated city (政令指定都市), with wards.")
    SPECIAL_WARD = strawberry.enum_value("特別区", description="One of the 23 special wards (特別区) of 東京都.")
    CITY = strawberry.enum_value("市", description="A city (市) that is not a designated city.")
    TOWN = strawberry.enum_value("町", description="A town (町).")
    VILLAGE = strawberry.enum_value("村", description="A village (村).")


@strawberry.enum(description="The unit of a metric's numbers; `unitLabel` gives the counter word as printed.")
class MetricUnit(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    COUNT = strawberry.enum_value("count", description="A number of things (件, 枚, 社, 団体 …).")
    PEOPLE = strawberry.enum_value("people", description="A number of people (人).")
    PERCENT = strawberry.enum_value("percent", description="Percent (%): 50 means a half.")
    YEN = strawberry.enum_value("yen", description="Japanese yen (円).")
    RATIO = strawberry.enum_value("ratio", description="A ratio (倍): 2 means twice.")
    POINTS = strawberry.enum_value("points", description="Points on a scale (点, or a rank's score).")
    DAYS = strawberry.enum_value("days", description="Days (日).")
    HOURS = strawberry.enum_value("hours", description="Hours (時間).")
    MINUTES = strawberry.enum_value("minutes", description="Minutes (分).")
    YEARS = strawberry.enum_value("years", description="Years (年).")


@strawberry.enum(description="What a metric measures.")
class MetricKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    COUNT = strawberry.enum_value("count", description="How many (things or people).")
    PERCENT = strawberry.enum_value("percent", description="A share or rate, in percent.")
    RATIO = strawberry.enum_value("ratio", description="One quantity as a multiple of another.")
    CURRENCY = strawberry.enum_value("currency", description="An amount of money.")
    DURATION = strawberry.enum_value("duration", description="A length of time.")
    SCORE = strawberry.enum_value("score", description="A score or index on a scale.")


@strawberry.enum(description="Where an observation's date comes from.")
class DateBasis(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    STATED = strawberry.enum_value("stated", description="The source gives the date.")
    REPORT_PERIOD_END = strawberry.enum_value(
        "report_period_end",
        description="The source gives none: the value stands at the end of the report's period (2023-08-31).",
    )


@strawberry.enum(description="How a comparison is stated.")
class ComparisonKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    RATIO = strawberry.enum_value("ratio", description="A multiple (「3.6倍」).")
    DIFFERENCE = strawberry.enum_value("difference", description="A difference in the metric's unit (「+5,776条項」).")
    PERCENT_POINT = strawberry.enum_value("percent_point", description="A difference in percentage points (pt).")
    PERCENT_CHANGE = strawberry.enum_value(
        "percent_change", description="A change printed in percent (「約14%増」, 「7%改善」)."
    )
    CHANGE = strawberry.enum_value(
        "change",
        description="From one value to another (「85%から91%へ」): `value` is the later value and `baselineValue` "
        "the earlier; no difference is computed.",
    )


@strawberry.enum(description="Whether a catalogue entry (service) is in use, when the source says so.")
class ServiceStatus(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    DONE = strawberry.enum_value("done", description="In use (導入済み).")
    PLANNED = strawberry.enum_value("planned", description="Planned (導入予定).")


@strawberry.enum(description="Where a search matched.")
class MatchedIn(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    TITLE = strawberry.enum_value(
        "title", description="The title, its reading (kana or romaji), its English title or an alias."
    )
    TEXT = strawberry.enum_value("text", description="Only the body text.")


@strawberry.enum(description="Whose document states a value.")
class CitationKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    PRIMARY = strawberry.enum_value("primary", description="The figure owner's own document.")
    QUOTED = strawberry.enum_value("quoted", description="A document that quotes the figure owner.")


@strawberry.enum(description="A kind of object `search` finds; `SearchResult.kind` says which was found.")
class SearchKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    # The Python values are the GraphQL type names, which `node` looks objects up by.
    INITIATIVE = strawberry.enum_value("Initiative", description="An initiative (施策) of the report.")
    FOCUS_AREA = strawberry.enum_value("FocusArea", description="A focus area grouping initiatives.")
    PREFECTURE = strawberry.enum_value("Prefecture", description="A prefecture (都道府県).")
    MUNICIPALITY = strawberry.enum_value("Municipality", description="A municipality (市区町村).")
    METRIC = strawberry.enum_value("Metric", description="A figure the report states.")
    MILESTONE = strawberry.enum_value("Milestone", description="A dated step of an initiative or section.")
    SERVICE_CATALOG = strawberry.enum_value("ServiceCatalog", description="A catalogue of services or items.")
    SERVICE = strawberry.enum_value("Service", description="An entry of a catalogue.")
    POLICY_GOAL = strawberry.enum_value("PolicyGoal", description="A policy goal.")
    MISSION_STATEMENT = strawberry.enum_value(
        "MissionStatement", description="The agency's mission, vision or a value."
    )
    PRIORITY_PLAN_ITEM = strawberry.enum_value(
        "PriorityPlanItem", description="An item of the priority plan (重点計画)."
    )
    REPORT_SECTION = strawberry.enum_value("ReportSection", description="A section of the report.")
    AGENCY_ROLE = strawberry.enum_value("AgencyRole", description="A role of the Digital Agency.")


@strawberry.enum(description="Whether a milestone has taken place, as the report says.")
class MilestoneStatus(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    PLANNED = strawberry.enum_value("planned", description="Still to come, or the report does not say it took place.")
    DONE = strawberry.enum_value("done", description="The report says it took place (「2023年5月に…開始しました」).")


@strawberry.enum(description="Which part of the Digital Agency's ミッション・ビジョン・バリュー a statement is.")
class MissionStatementKind(Enum):
    _value_: str  # what the database holds (typed for mypy: `enum_value` wraps it)
    MISSION = strawberry.enum_value("mission", description="The Mission (ミッション).")
    VISION = strawberry.enum_value("vision", description="A Vision (ビジョン).")
    VALUE = strawberry.enum_value("value", description="A Value (バリュー).")
