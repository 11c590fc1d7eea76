"""Observation: one value of a metric at a date, with its source and a global ID from its natural key."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import strawberry

from db.types import Record
from loaders.observations import ObservationKey
from schema.context import Info
from schema.enums import DateBasis
from schema.errors import BadUserInput, literal
from schema.node import Node
from schema.scalars import LocalGovCode
from schema.types.area import Area
from schema.types.rows import decimal_text
from schema.types.source import Source, cited


@strawberry.type(description="A dimension of an observation, e.g. age group or sex.")
class Dimension:
    name: str = strawberry.field(description="The dimension, e.g. age_group, sex, municipality_group.")
    value: str = strawberry.field(description="Its value as the source prints it, e.g. 20～24歳, 女, 町村.")


@strawberry.input(description="One dimension of a breakdown to select.")
class DimensionInput:
    name: str = strawberry.field(description="The dimension, e.g. sex, age_group, municipality_group.")
    value: str = strawberry.field(
        description="Its value as the source prints it, e.g. 女, 20～24歳, 町村 (see `Metric.dimensions`)."
    )


NATION = "nation"
KEY_FORM = "metric slug:area code or nation:YYYY-MM-DD[:dimensions as a JSON object]"


def dimension_list(dimensions_json: str) -> list[Dimension]:
    """A breakdown's dimensions by name, from the database's JSON."""
    values: dict[str, str] = json.loads(dimensions_json)
    return [Dimension(name=name, value=value) for name, value in sorted(values.items())]


def canonical_dimensions(values: dict[str, str]) -> str:
    """The one text of a breakdown in IDs, whatever order the database or a client gives its dimensions in."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def observation_key_text(key: ObservationKey) -> str:
    """The key inside an observation's global ID; the dimensions are left out for the totals."""
    slug, area_code, date, dimensions = key
    text = f"{slug}:{area_code or NATION}:{date.isoformat()}"
    return text if dimensions == "{}" else f"{text}:{dimensions}"


def parse_observation_key(text: str) -> ObservationKey:
    """The key of an observation's global ID; an error naming the expected form when it is not one."""
    slug, _, rest = text.partition(":")
    area, _, rest = rest.partition(":")
    date_text, _, dimensions_text = rest.partition(":")
    date, values = _date(date_text), _dimensions(dimensions_text)
    if not slug or not area or date is None or values is None:
        raise BadUserInput(f"not a valid Observation ID: its key {literal(text)} is not {KEY_FORM}")
    return slug, None if area == NATION else area, date, canonical_dimensions(values)


def _date(text: str) -> dt.date | None:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return date if date.isoformat() == text else None  # not the other forms fromisoformat reads (2023W01 …)


def _dimensions(text: str) -> dict[str, str] | None:
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        return None
    if not isinstance(values, dict) or not all(isinstance(value, str) for value in values.values()):
        return None
    return values


@strawberry.type(
    description="A value of a metric at a date, exactly as the source states it. Its ID is made of what identifies "
    "it in the data (metric, area or the nation, date and breakdown), so it stays the same in later datasets."
)
class Observation(Node):
    date: dt.date = strawberry.field(description="As-of date, or the last day of the period the value covers.")
    value: float = strawberry.field(description="The value as a number (see `exactValue` for the decimal).")

    @strawberry.field(description="The value as an exact decimal string.")
    def exact_value(self) -> str:
        return decimal_text(self.decimal)

    display_value: str | None = strawberry.field(
        description="The value as printed in the source, e.g. 「約6,410万人」."
    )
    approximate: bool = strawberry.field(description="「約」, 「超」 or rounded in the source.")
    at_least: bool = strawberry.field(description="「以上」「超」: the value is a lower bound.")
    date_basis: DateBasis = strawberry.field(
        description="STATED: the source gives the date; REPORT_PERIOD_END: it gives none, and the value "
        "stands at the end of the report's period (2023-08-31)."
    )
    period_start: dt.date | None = strawberry.field(description="First day of the period the value covers.")
    area_code: LocalGovCode | None = strawberry.field(description="6-digit local government code; null for the nation.")
    # The exact value and the breakdown as the database gives them, turned into text only when asked for (a page of
    # observations is read by the thousand).
    decimal: strawberry.Private[Decimal]
    dimensions_json: strawberry.Private[str]
    citation_id: strawberry.Private[int]
    metric_slug: strawberry.Private[str]

    def global_key(self) -> str:
        dimensions = canonical_dimensions(json.loads(self.dimensions_json))
        return observation_key_text((self.metric_slug, self.area_code, self.date, dimensions))

    @strawberry.field(description="The prefecture or municipality; null for the nation as a whole.")
    async def area(self, info: Info) -> Area | None:
        from schema.types.municipality import Municipality
        from schema.types.prefecture import Prefecture

        if self.area_code is None:
            return None
        row = await info.context.loaders.area_by_code.load(self.area_code)
        if row is None:
            return None
        return Prefecture.from_row(row) if row["level"] == "prefecture" else Municipality.from_row(row)

    @strawberry.field(description="The breakdown this value belongs to (empty for a total).")
    def dimensions(self) -> list[Dimension]:
        return dimension_list(self.dimensions_json)

    @strawberry.field(description="Where the value is stated.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record, metric_slug: str) -> Observation:
        """An observation of the metric `metric_slug` (the row holds its id only)."""
        return cls(
            date=row["date"],
            value=float(row["value"]),
            decimal=row["value"],
            display_value=row["stated"],
            approximate=row["approximate"],
            at_least=row["at_least"],
            date_basis=DateBasis(row["date_basis"]),
            period_start=row["period_start"],
            area_code=row["area_code"],
            dimensions_json=row["dimensions"],
            citation_id=row["citation_id"],
            metric_slug=metric_slug,
        )
