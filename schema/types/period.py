"""Period: a date range parsed from a Japanese expression, with the expression as printed."""

from __future__ import annotations

import datetime as dt

import strawberry


@strawberry.type(description="A period as the report words it, and the date range read from it (open ends are null).")
class Period:
    text: str | None = strawberry.field(description="The expression as printed, e.g. 「2023年度末まで」.")
    start: dt.date | None = strawberry.field(description="First day (inclusive); null when open or unreadable.")
    end: dt.date | None = strawberry.field(description="Last day (inclusive); null when open or unreadable.")
    approximate: bool = strawberry.field(description="「頃」「目途」: the report gives the period as approximate.")
    fiscal_year: int | None = strawberry.field(description="The fiscal year (April–March) the period ends in.")


def fiscal_year_of(day: dt.date | None) -> int | None:
    """The Japanese fiscal year (April to March) a day falls in."""
    if day is None:
        return None
    return day.year if day.month >= 4 else day.year - 1
