"""A choropleth as an SVG document: areas by class, a legend, a text alternative and the credit line."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from api.mapclasses import MapClass, class_index, format_value, quintile_classes

LEVEL_NAMES = {"prefecture": "都道府県", "municipality": "市区町村"}
FONT = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif"
NO_DATA = "url(#no-data)"
TOP, BOTTOM, SIDE = 64.0, 84.0, 12.0
CREDIT_SIZE = 12.0
# The text alternative names areas without a value up to this many, then counts the rest.
LISTED = 50


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    path: str | None
    box: tuple[float, float, float, float] | None
    value: Decimal | None


@dataclass(frozen=True)
class MapSpec:
    metric: str
    unit: str
    date: dt.date
    level: str
    areas: list[MapArea]
    credits: list[str]
    # Borders drawn over the areas without a fill of their own (prefectures over a municipal map).
    outlines: list[str] = field(default_factory=list)


def render(spec: MapSpec) -> str:
    values = [a.value for a in spec.areas if a.value is not None]
    classes, bounds = quintile_classes(values)
    boxes = [a.box for a in spec.areas if a.box] or [(0.0, 0.0, 1000.0, 1000.0)]
    x0, y0 = min(b[0] for b in boxes) - SIDE, min(b[1] for b in boxes) - TOP
    x1, y1 = max(b[2] for b in boxes) + SIDE, max(b[3] for b in boxes)
    width, height = x1 - x0, y1 + BOTTOM - y0
    credit_lines = [line for credit in spec.credits for line in wrapped(credit, width - 2 * SIDE)]
    height += max(0, len(credit_lines) - 3) * (CREDIT_SIZE + 4)
    title = f"{spec.metric}（{LEVEL_NAMES[spec.level]}別、{spec.date.isoformat()}）"
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title map-desc" xml:lang="ja"'
        f' width="{width:.0f}" height="{height:.0f}" viewBox="{x0:.1f} {y0:.1f} {width:.1f} {height:.1f}"'
        f' font-family="{FONT}">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(_description(spec, classes))}</desc>',
        _definitions(),
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>',
        *_area_groups(spec, classes, bounds),
        _outlines(spec.outlines),
        f'<text x="{x0 + SIDE:.1f}" y="{y0 + 34:.1f}" font-size="22" font-weight="bold">{escape(title)}</text>',
        _legend(spec, classes, x0 + SIDE, y0 + TOP + 8),
        *credits(credit_lines, x0 + SIDE, y1 + 28),
        "</svg>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _definitions() -> str:
    # Grey with dark hatching: no value reads as "missing", apart from every colour of the ramp, also in print.
    return (
        '<defs><pattern id="no-data" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/>'
        '<line x1="1.5" y1="0" x2="1.5" y2="6" stroke="#737373" stroke-width="1.5"/></pattern></defs>'
    )


def _area_groups(spec: MapSpec, classes: list[MapClass], bounds: list[Decimal]) -> list[str]:
    groups: dict[int, list[str]] = {}
    for area in spec.areas:
        if area.path is None:
            continue
        index = -1 if area.value is None else class_index(area.value, bounds)
        shown = "値なし" if area.value is None else f"{format_value(area.value)}{spec.unit}"
        label = escape(f"{area.name}: {shown}（{spec.date.isoformat()}）")
        groups.setdefault(index, []).append(f'<path d="{area.path}"><title>{label}</title></path>')
    # Thin white edges inside a municipal map, whose prefecture borders are drawn on top; dark ones otherwise,
    # so that the palest class still shows its coast against the white ground.
    stroke = '"#ffffff" stroke-width=".3"' if spec.outlines else '"#404040" stroke-width=".6"'
    out = []
    for index in sorted(groups):
        fill = NO_DATA if index < 0 else classes[index].colour
        name = "no-data" if index < 0 else f"class-{index + 1}"
        out.append(f'<g class="{name}" fill="{fill}" fill-rule="evenodd" stroke={stroke} stroke-linejoin="round">')
        out += groups[index]
        out.append("</g>")
    return out


def _outlines(paths: list[str]) -> str:
    if not paths:
        return ""
    drawn = "".join(f'<path d="{p}"/>' for p in paths)
    return (
        '<g fill="none" stroke="#404040" stroke-width=".8" stroke-linejoin="round" pointer-events="none"'
        f' aria-hidden="true">{drawn}</g>'
    )


def _legend(spec: MapSpec, classes: list[MapClass], x: float, y: float) -> str:
    """Each class: its swatch with its number on it (colour is never the only cue), its range and its count."""
    missing = sum(1 for a in spec.areas if a.value is None)
    rows = [(c.colour, str(c.number), c.ink, c.label(spec.unit)) for c in classes]
    rows.append((NO_DATA, "–", "#000000", f"値なし（{missing:,}）"))
    heading = f"{spec.unit or '値'}・五分位（区分の{LEVEL_NAMES[spec.level]}数）"
    out = [f'<g class="legend" font-size="14"><text x="{x:.1f}" y="{y + 14:.1f}" font-weight="bold">'
           f"{escape(heading)}</text>"]  # fmt: skip
    for i, (fill, number, ink, label) in enumerate(rows):
        top = y + 26 + i * 26
        out.append(
            f'<g class="legend-class"><rect x="{x:.1f}" y="{top:.1f}" width="30" height="20" fill="{fill}"'
            ' stroke="#404040" stroke-width=".8"/>'
            f'<text x="{x + 15:.1f}" y="{top + 15:.1f}" text-anchor="middle" font-weight="bold" fill="{ink}"'
            f' stroke="none">{number}</text>'
            f'<text x="{x + 40:.1f}" y="{top + 15:.1f}">{escape(label)}</text></g>'
        )
    shapeless = sum(1 for a in spec.areas if a.path is None)
    if shapeless:
        top = y + 26 + len(rows) * 26 + 15
        out.append(f'<text x="{x:.1f}" y="{top:.1f}">地図に形のない{LEVEL_NAMES[spec.level]}: {shapeless:,}</text>')
    out.append("</g>")
    return "".join(out)


def credits(lines: list[str], x: float, y: float) -> list[str]:
    return [
        f'<text class="credit" x="{x:.1f}" y="{y + i * (CREDIT_SIZE + 4):.1f}" font-size="{CREDIT_SIZE:g}"'
        f' fill="#333333">{escape(line)}</text>'
        for i, line in enumerate(lines)
    ]


def wrapped(text: str, width: float) -> list[str]:
    """Lines that fit the width, counting a full-width character as one em and any other as about half."""
    lines, line, used = [], "", 0.0
    for char in text:
        advance = CREDIT_SIZE * (0.55 if char.isascii() else 1.0)
        if used + advance > width and line:
            lines.append(line)
            line, used = "", 0.0
        line, used = line + char, used + advance
    return [*lines, line] if line else lines


def _description(spec: MapSpec, classes: list[MapClass]) -> str:
    """The text alternative: what is mapped, the spread of values, the classes, and what could not be drawn."""
    level = LEVEL_NAMES[spec.level]
    valued = sorted((a for a in spec.areas if a.value is not None), key=lambda a: a.value or 0)
    parts = [f"{spec.metric}の{level}別の値（{spec.date.isoformat()}）を色の濃さで示す地図。"]
    if valued:
        low, high = valued[0], valued[-1]
        median = statistics.median(a.value for a in valued if a.value is not None)
        parts.append(
            f"値のある{level}は{len(valued):,}。最小 {format_value(low.value or Decimal())}{spec.unit}（{low.name}）、"
            f"中央値 {format_value(median)}{spec.unit}、最大 {format_value(high.value or Decimal())}{spec.unit}"
            f"（{high.name}）。"
        )
        ranges = "、".join(f"{c.number}: {c.label(spec.unit)}" for c in classes)
        parts.append(f"区分は五分位（数字が大きいほど濃い色）: {ranges}。")
    parts.append(_listed(f"値のない{level}", [a.name for a in spec.areas if a.value is None]))
    parts.append(_listed(f"地図に形のない{level}", [a.name for a in spec.areas if a.path is None]))
    return "".join(parts)


def _listed(what: str, names: list[str]) -> str:
    if not names:
        return f"{what}: 0。"
    more = f" ほか{len(names) - LISTED:,}" if len(names) > LISTED else ""
    return f"{what}: {len(names):,}（{'、'.join(names[:LISTED])}{more}）。"
