"""Custom scalars: LocalGovCode, the code of a local government, checked wherever a code is taken; and the dates,
with the standard their text follows (`@specifiedBy`) so that code generators can map them to a date type."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NewType

import strawberry
from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition

from db.areacode import normalise

LocalGovCode = NewType("LocalGovCode", str)
PREFECTURE_CODE_FORMS = "2 digits (JIS X 0401, 01 to 47, e.g. 13), or 5 or 6 digits (13000, 130001)."


def _parse(value: object) -> LocalGovCode:
    if not isinstance(value, str):
        raise ValueError("a local government code is a string of 2, 5 or 6 digits")
    return LocalGovCode(normalise(value))


SCALARS: dict[object, ScalarDefinition] = {
    LocalGovCode: strawberry.scalar(
        name="LocalGovCode",
        description=(
            "全国地方公共団体コード: 6 digits with the check digit (e.g. 011002), or the first 5 (01100); a "
            "prefecture also by its 2-digit JIS X 0401 code, 01 to 47 (13 is 東京都, 130001). Answers always give "
            "6 digits. A wrong check digit is an error that gives the right code."
        ),
        serialize=str,
        parse_value=_parse,
    ),
    # Strawberry's own Date and DateTime (same names, same parsing and isoformat answers), with the standard named.
    dt.date: dataclasses.replace(
        DateDefinition,
        description="A calendar date, YYYY-MM-DD (RFC 3339 full-date, ISO 8601), e.g. 2023-08-31.",
        specified_by_url="https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
    ),
    dt.datetime: dataclasses.replace(
        DateTimeDefinition,
        description="A date and time with its UTC offset (RFC 3339 date-time, ISO 8601), e.g. "
        "2026-01-01T00:00:00+00:00.",
        specified_by_url="https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
    ),
}
