"""Custom scalars: LocalGovCode, the code of a local government, checked wherever a code is taken."""

from __future__ import annotations

from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from db.areacode import normalise

LocalGovCode = NewType("LocalGovCode", str)


def _parse(value: object) -> LocalGovCode:
    if not isinstance(value, str):
        raise ValueError("a local government code is a string of 5 or 6 digits")
    return LocalGovCode(normalise(value))


SCALARS: dict[object, ScalarDefinition] = {
    LocalGovCode: strawberry.scalar(
        name="LocalGovCode",
        description=(
            "全国地方公共団体コード: 6 digits with the check digit (e.g. 011002), or the first 5 (01100). "
            "A wrong check digit is an error that gives the right code."
        ),
        serialize=str,
        parse_value=_parse,
    )
}
