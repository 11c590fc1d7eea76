"""Building a GraphQL object from a database row whose columns are named like the type's fields."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, TypeVar

from db.types import Record

T = TypeVar("T")


def from_record(cls: type[T], row: Record, **overrides: Any) -> T:
    """An instance of the (dataclass-based) Strawberry type `cls`, each field taken from its column or `overrides`."""
    names = [field.name for field in dataclasses.fields(cls) if field.init]  # type: ignore[arg-type]
    values: dict[str, Any] = {name: overrides[name] if name in overrides else row[name] for name in names}
    return cls(**values)


def decimal_text(value: Decimal) -> str:
    """A decimal as plain digits, never in exponent form (6.41E+7 -> 64100000), keeping published decimals."""
    return format(value, "f")
