"""Custom scalars: LocalGovCode, the code of a local government, checked wherever a code is taken."""

from __future__ import annotations

from typing import NewType

import strawberry
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
    )
}
