"""Legend classes of a choropleth: quintiles of the values drawn, with their colours and printed ranges."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

# ColorBrewer YlGnBu, 5 classes: sequential, marked safe for colour-blind readers and for greyscale print.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
# The class number drawn on each swatch must stay readable on it.
INK = ("#000000", "#000000", "#000000", "#ffffff", "#ffffff")
CLASSES = 5


@dataclass(frozen=True)
class MapClass:
    number: int
    colour: str
    ink: str
    low: Decimal
    high: Decimal
    count: int

    def label(self, unit: str) -> str:
        if self.low == self.high:
            return f"{format_value(self.low)}{unit}（{self.count:,}）"
        return f"{format_value(self.low)} – {format_value(self.high)}{unit}（{self.count:,}）"


def quintile_classes(values: list[Decimal]) -> tuple[list[MapClass], list[Decimal]]:
    """Up to five classes holding about as many areas each, and the upper bound of each class.

    Quantiles rather than equal steps because rates cluster (most municipalities lie within a few points of each
    other): equal steps would paint nearly every area the same. Equal values never straddle two classes, so
    fewer than five classes come out when the values have fewer than five distinct levels."""
    ordered = sorted(values)
    if not ordered:
        return [], []
    n = len(ordered)
    cuts = [ordered[math.ceil(k * n / CLASSES) - 1] for k in range(1, CLASSES)] + [ordered[-1]]
    bounds = sorted(set(cuts))
    members: list[list[Decimal]] = [[] for _ in bounds]
    for value in ordered:
        members[class_index(value, bounds)].append(value)
    shades = _shades(len(bounds))
    classes = [
        MapClass(i + 1, PALETTE[shade], INK[shade], group[0], group[-1], len(group))
        for i, (shade, group) in enumerate(zip(shades, members, strict=True))
    ]
    return classes, bounds


def class_index(value: Decimal, bounds: list[Decimal]) -> int:
    return next(i for i, bound in enumerate(bounds) if value <= bound)


def _shades(count: int) -> list[int]:
    """Palette positions spread over the whole ramp when there are fewer classes than colours."""
    if count == 1:
        return [CLASSES // 2]
    return [round(i * (CLASSES - 1) / (count - 1)) for i in range(count)]


def format_value(value: Decimal) -> str:
    """12345 -> "12,345"; 45.678 -> "45.68": thousands separated, at most two decimals."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
