"""A choropleth as an SVG document: areas by class, a legend, a text alternative and the credit line."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from api.mapclasses import MapClass, class_index, format_value, quintile_classes
from api.mapinsets import Inset, Ring, frames, inset_of, is_northern_territory, place, rings, union

LEVEL_NAMES = {"prefecture": "都道府県", "municipality": "市区町村"}
FONT = "'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',Meiryo,sans-serif"
NO_DATA = "url(#no-data)"
TOP, BOTTOM, SIDE = 64.0, 84.0, 12.0
CREDIT_SIZE = 12.0
# The text alternative names areas without a value up to this many, then counts the rest.
LISTED = 50
# The image's width on screen: the frame is the main islands' (沖縄県 and 小笠原村 sit in insets), scaled to it.
DISPLAY_WIDTH = 920.0
# The boundary file draws the six villages of the 北方領土; the directory of local governments and the
# issuance statistics list none of them, so no value can be shown there.
NORTHERN_TERRITORIES = "北方領土の6村（色丹村、泊村、留夜別村、留別村、紗那村、蘂取村）"
NORTHERN_LEGEND = "北方領土の6村: 値なし（出典に載っていない）"


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
    # Borders drawn over the areas without a fill of their own (prefectures over a municipal map): code, path.
    outlines: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Layout:
    """Each area's rings sorted into the main map, an inset, or the 北方領土; the insets placed."""

    rings: dict[str, list[tuple[str | None, Ring]]] = field(default_factory=dict)
    northern: list[Ring] = field(default_factory=list)
    insets: dict[str, Inset] = field(default_factory=dict)

    def path(self, code: str) -> str:
        moves = {label: (inset.dx, inset.dy) for label, inset in self.insets.items()}
        return "".join(ring.moved(*moves.get(label or "", (0.0, 0.0))) for label, ring in self.rings.get(code, []))


def layout(spec: MapSpec) -> Layout:
    out = Layout()
    shapes = [(a.code, a.path) for a in spec.areas if a.path] + spec.outlines
    for number, (code, path) in enumerate(shapes):
        key = code if number < len(shapes) - len(spec.outlines) else f"outline:{code}"
        for ring in rings(path):
            if is_northern_territory(code, ring):
                out.northern.append(ring)
            else:
                out.rings.setdefault(key, []).append((inset_of(code, ring), ring))
    return out


def render(spec: MapSpec) -> str:
    values = [a.value for a in spec.areas if a.value is not None]
    classes, bounds = quintile_classes(values)
    drawn = layout(spec)
    placed = [r for area in drawn.rings.values() for label, r in area if label is None] + drawn.northern
    main = union([r.box for r in placed]) or (0.0, 0.0, 1000.0, 1000.0)
    groups: dict[str, list[tuple[float, float, float, float]]] = {"沖縄県": [], "小笠原村": []}
    for area in drawn.rings.values():
        for label, ring in area:
            if label is not None:
                groups[label].append(ring.box)
    drawn.insets = place(groups, main[2], main[3])
    x0, y0 = min([main[0]] + [i.box[0] for i in drawn.insets.values()]) - SIDE, main[1] - TOP
    x1, y1 = main[2] + SIDE, main[3]
    width, height = x1 - x0, y1 + BOTTOM - y0
    credit_lines = [line for credit in spec.credits for line in wrapped(credit, width - 2 * SIDE)]
    height += max(0, len(credit_lines) - 3) * (CREDIT_SIZE + 4)
    title = f"{spec.metric}（{LEVEL_NAMES[spec.level]}別、{spec.date.isoformat()}）"
    scale = DISPLAY_WIDTH / width
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title map-desc" xml:lang="ja"'
        f' width="{width * scale:.0f}" height="{height * scale:.0f}"'
        f' viewBox="{x0:.1f} {y0:.1f} {width:.1f} {height:.1f}" font-family="{FONT}">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(_description(spec, classes, drawn))}</desc>',
        _definitions(),
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>',
        frames(drawn.insets),
        *_area_groups(spec, drawn, classes, bounds),
        _northern(drawn.northern),
        _outlines(spec, drawn),
        f'<text x="{x0 + SIDE:.1f}" y="{y0 + 34:.1f}" font-size="20" font-weight="bold">{escape(title)}</text>',
        _legend(spec, classes, x0 + SIDE, y0 + TOP + 8, bool(drawn.northern)),
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


def _area_groups(spec: MapSpec, drawn: Layout, classes: list[MapClass], bounds: list[Decimal]) -> list[str]:
    groups: dict[int, list[str]] = {}
    for area in spec.areas:
        if area.path is None:
            continue
        index = -1 if area.value is None else class_index(area.value, bounds)
        shown = "値なし" if area.value is None else f"{format_value(area.value)}{spec.unit}"
        label = escape(f"{area.name}: {shown}（{spec.date.isoformat()}）")
        groups.setdefault(index, []).append(f'<path d="{drawn.path(area.code)}"><title>{label}</title></path>')
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


def _northern(northern: list[Ring]) -> str:
    """The 北方領土 as areas without a value, with their own hover title."""
    if not northern:
        return ""
    path = "".join(ring.moved(0.0, 0.0) for ring in northern)
    return (
        f'<g class="northern-territories" fill="{NO_DATA}" fill-rule="evenodd" stroke="#404040" stroke-width=".8"'
        f' stroke-linejoin="round"><path d="{path}"><title>{escape(NORTHERN_LEGEND)}</title></path></g>'
    )


def _outlines(spec: MapSpec, layout: Layout) -> str:
    if not spec.outlines:
        return ""
    drawn = "".join(f'<path d="{layout.path("outline:" + code)}"/>' for code, _ in spec.outlines)
    return (
        '<g fill="none" stroke="#404040" stroke-width=".8" stroke-linejoin="round" pointer-events="none"'
        f' aria-hidden="true">{drawn}</g>'
    )


def _legend(spec: MapSpec, classes: list[MapClass], x: float, y: float, northern: bool) -> str:
    """Each class: its swatch with its number on it (colour is never the only cue), its range and its count."""
    missing = sum(1 for a in spec.areas if a.value is None)
    rows = [(c.colour, str(c.number), c.ink, c.label(spec.unit)) for c in classes]
    rows.append((NO_DATA, "–", "#000000", f"値なし（{missing:,}）"))
    if northern:
        rows.append((NO_DATA, "–", "#000000", NORTHERN_LEGEND))
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


def _description(spec: MapSpec, classes: list[MapClass], drawn: Layout) -> str:
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
    if drawn.northern:
        parts.append(
            f"{NORTHERN_TERRITORIES}は境界データに形があるが、地方公共団体の一覧にもデータの出典にも載っておらず"
            "値がないため、値なしの模様で示す。"
        )
    if drawn.insets:
        parts.append(f"{'と'.join(drawn.insets)}は右下の枠内に同じ縮尺で移して示す。")
    return "".join(parts)


def _listed(what: str, names: list[str]) -> str:
    if not names:
        return f"{what}: 0。"
    more = f" ほか{len(names) - LISTED:,}" if len(names) > LISTED else ""
    return f"{what}: {len(names):,}（{'、'.join(names[:LISTED])}{more}）。"
