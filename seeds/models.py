"""The record types of the curated report files in seeds/report, validated field by field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from seeds.records import SeedRecord

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]
Page = Annotated[int, Field(ge=1, le=80)]
Position = Annotated[int, Field(ge=1)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

# Unit codes: numbers never carry units; the Japanese counter word is kept as `unit_label`.
UnitCode = Literal["count", "percent", "yen", "ratio", "points", "days", "hours", "minutes", "years", "people"]
MetricKind = Literal["count", "percent", "ratio", "currency", "duration", "score"]
ComparisonKind = Literal["ratio", "difference", "percent_point", "percent_change", "change"]
CitationKind = Literal["primary", "quoted"]
DateBasis = Literal["stated", "report_period_end"]


class Edition(SeedRecord):
    title: Text
    publisher: Text
    period_start: dt.date
    period_end: dt.date
    url: Url
    licence: Text
    licence_note: Text | None = None
    compatible_licence: Text | None = None
    compatible_licence_url: Url | None = None
    attribution: Text
    attribution_en: Text


class FocusArea(SeedRecord):
    slug: Slug
    position: Position
    name: Text
    page: Page
    section: Text
    initiative_titles: list[Text]


class Initiative(SeedRecord):
    slug: Slug
    position: Position
    title: Text
    focus_area: Slug | None
    page: Page
    section: Text
    headline: Text
    lead: Text | None = None
    achievements_title: Text
    achievements: Text
    background: Text
    outlook: list[Text]
    promulgated: dt.date | None = Field(
        default=None, description="Promulgation date the page states (「2023年6月16日公布」): anchors 公布後N年以内."
    )


class SourceRef(SeedRecord):
    """Where a value is stated. Defaults to the report itself; `document`/`url` name any other publication."""

    section: Text | None = None
    page: Page | None = None
    quote: Text | None = Field(default=None, description="The report's own sentence or caption holding the value.")
    as_of: dt.date | None = None
    figure_owner: Text = "デジタル庁"
    document: Text | None = None
    url: Url | None = None
    citation_kind: CitationKind = "primary"
    licence: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _locatable(self) -> SourceRef:
        if self.document is None and (self.section is None or self.page is None):
            raise ValueError("a passage of the report needs `section` and `page`")
        if self.document is not None and self.url is None:
            raise ValueError("a document other than the report needs its `url`")
        return self


class Observation(SeedRecord):
    value: Decimal
    stated: Text = Field(description="The value as printed, e.g. 「約6,410万人」.")
    date: dt.date = Field(description="As-of date, or the last day of the period the value covers.")
    date_basis: DateBasis = "stated"
    period_start: dt.date | None = None
    approximate: bool = False
    at_least: bool = Field(default=False, description="「以上」「超」「を超え」: the value is a lower bound.")
    area: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] | None = None
    source: SourceRef


class Comparison(SeedRecord):
    kind: ComparisonKind
    value: Decimal
    stated: Text
    baseline: Text | None = Field(default=None, description="The baseline as printed, e.g. 「2022年7月」.")
    baseline_date: dt.date | None = None
    baseline_value: Decimal | None = Field(
        default=None, description="The earlier value when the report prints it: 「85%から91%へ」 -> 85."
    )
    date: dt.date | None = Field(default=None, description="When the compared value stands.")
    approximate: bool = False
    at_least: bool = Field(default=False, description="「超」「以上」: the value is a lower bound.")
    source: SourceRef


class Target(SeedRecord):
    value: Decimal
    stated: Text
    period: Text = Field(description="The period as printed, parsed like a milestone, e.g. 「2024年度」.")
    source: SourceRef


class Metric(SeedRecord):
    slug: Slug
    name: Text = Field(description="The report's own name for the figure.")
    unit: UnitCode
    unit_label: Text
    kind: MetricKind
    initiative: Slug | None = None
    description: Text | None = Field(default=None, description="The source's own definition of the figure.")
    note: Text | None = Field(default=None, description="Curators' remark: how it differs from similar figures.")
    components: list[Slug] = []
    series: Slug | None = Field(
        default=None, description="The pinned source whose files give this metric's values (seeds/sources.toml)."
    )
    observations: list[Observation] = []
    comparisons: list[Comparison] = []
    targets: list[Target] = []


class Milestone(SeedRecord):
    """A dated step the report states outside an initiative's 今後の展開 list (those are read from `outlook`)."""

    text: Text = Field(description="The item or sentence as printed.")
    initiative: Slug | None = Field(default=None, description="The initiative page it is printed on.")
    section: Slug | None = Field(default=None, description="Or the report section (sections.yaml) it belongs to.")
    status: Literal["planned", "done"] = Field(description="`done` when the report says it took place.")
    period: Text | None = Field(
        default=None, description="The period as printed, when it is not in `text` (e.g. a sentence's 「11月末まで」)."
    )
    implied_year: int | None = Field(
        default=None, description="The year of a date printed without one (「11月末まで」); say why in source.note."
    )
    source: SourceRef

    @model_validator(mode="after")
    def _one_parent(self) -> Milestone:
        if (self.initiative is None) == (self.section is None):
            raise ValueError("a milestone belongs to exactly one of `initiative` and `section`")
        if self.source.quote is None:
            raise ValueError("a milestone needs its sentence as `source.quote`")
        if self.implied_year is not None and self.source.note is None:
            raise ValueError("`implied_year` needs a `source.note` saying why the date falls in that year")
        return self


class PolicyGoal(SeedRecord):
    slug: Slug
    position: Position
    title: Text
    tagline: Text
    challenge: Text = Field(description="課題")
    vision: Text = Field(description="目指す姿")
    text: Text
    source: SourceRef


class MissionStatement(SeedRecord):
    slug: Slug
    position: Position
    kind: Literal["mission", "vision", "value"]
    title: Text
    subtitle: Text | None = None
    text: Text
    source: SourceRef


class PriorityPlanSubItem(SeedRecord):
    position: Position
    title: Text
    details: list[Text] = []


class PriorityPlanItem(SeedRecord):
    slug: Slug
    position: Position
    title: Text
    group: Text | None = None
    sub_items: list[PriorityPlanSubItem] = []
    source: SourceRef


class AgencyRole(SeedRecord):
    position: Position
    text: Text
    source: SourceRef


class CatalogCategory(SeedRecord):
    slug: Slug
    name: Text
    children: list[CatalogCategory] = []


class CatalogFacet(SeedRecord):
    """A further classification the publisher uses (e.g. the disaster phase a service serves), with its values."""

    slug: Slug
    name: Text
    values: list[Text]


class CatalogEntry(SeedRecord):
    name: Text
    description: Text | None = None
    provider: Text | None = None
    url: Url | None = None
    categories: list[Slug] = []
    facets: dict[Slug, list[Text]] = {}
    target_users: list[Text] = []
    municipalities: list[Annotated[str, StringConstraints(pattern=r"^[0-9]{5,6}$")]] = []
    status: Literal["done", "planned"] | None = None
    period: Text | None = Field(default=None, description="A date or period as printed, parsed like a milestone.")
    source: SourceRef | None = None


class Catalog(SeedRecord):
    slug: Slug
    name: Text
    publisher: Text
    edition: Text | None = None
    description: Text | None = None
    as_of: dt.date | None = None
    stated_count: int | None = Field(default=None, description="The number of entries the report states.")
    stated_count_text: Text | None = Field(default=None, description="The count as printed (「約560」).")
    url: Url | None = None
    initiative: Slug | None = None
    categories: list[CatalogCategory] = []
    facets: list[CatalogFacet] = []
    entries: list[CatalogEntry] = []
    source: SourceRef


class ReportSection(SeedRecord):
    """A free-form passage of the report that is not an initiative page, e.g. the organisation chapter's topics."""

    slug: Slug
    position: Position
    chapter: Text
    title: Text
    headline: Text | None = None
    text: Text
    items: list[Text] = []
    source: SourceRef
