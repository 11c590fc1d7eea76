"""A line chart as an SVG document: a metric's series for up to eight areas, each line told apart by colour, dash,
marker and a label at its end (never colour alone), with axes in the metric's unit, a text alternative and the
credit lines."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from api.mapclasses import format_value
from api.svgmap import CREDIT_SIZE, FONT, credits, wrapped

# Okabe and Ito's palette, which people with any common colour-vision deficiency tell apart (yellow left out: it
# does not show on white), each with a dash pattern and a marker of its own.
STYLES = [
    ("#0072B2", "", "circle"),
    ("#D55E00", "8 4", "square"),
    ("#009E73", "2 3", "triangle"),
    ("#CC79A7", "10 3 2 3", "diamond"),
    ("#E69F00", "6 2 6 6", "circle-open"),
    ("#56B4E9", "1 2", "square-open"),
    ("#000000", "12 4", "triangle-open"),
    ("#8C564B", "4 4", "diamond-open"),
]
WIDTH, LEFT, RIGHT, TOP, PLOT_HEIGHT = 900.0, 84.0, 220.0, 84.0, 360.0
LABEL_GAP = 17.0
# Points are marked when a series has at most this many; beyond, only its first and last.
MARKED = 40


@dataclass(frozen=True)
class Series:
    name: str
    points: list[tuple[dt.date, Decimal]]


@dataclass(frozen=True)
class ChartSpec:
    metric: str
    unit: str
    series: list[Series]
    credits: list[str]


def render(spec: ChartSpec) -> str:
    dates = [d for s in spec.series for d, _ in s.points]
    values = [v for s in spec.series for _, v in s.points]
    first, last = min(dates), max(dates)
    low, high, ticks = _value_axis(min(values), max(values))
    plot_width = WIDTH - LEFT - RIGHT
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return LEFT + (day - first).days / span * plot_width

    def y(value: Decimal) -> float:
        return TOP + PLOT_HEIGHT - float((value - low) / (high - low)) * PLOT_HEIGHT

    credit_lines = [line for credit in spec.credits for line in wrapped(credit, WIDTH - 24)]
    height = TOP + PLOT_HEIGHT + 64 + len(credit_lines) * (CREDIT_SIZE + 4)
    title = f"{spec.metric}（{'・'.join(s.name for s in spec.series)}）"
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" xml:lang="ja"'
        f' width="{WIDTH:.0f}" height="{height:.0f}" viewBox="0 0 {WIDTH:.0f} {height:.0f}" font-family="{FONT}">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(_description(spec))}</desc>',
        f'<rect width="{WIDTH:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        f'<text x="12" y="32" font-size="20" font-weight="bold">{escape(_shortened(title, 40))}</text>',
        _value_ticks(ticks, y, spec.unit),
        _date_ticks(first, last, x),
        *(_line(s, STYLES[i], x, y, spec.unit) for i, s in enumerate(spec.series)),
        _end_labels(spec, y),
        *credits(credit_lines, 12, TOP + PLOT_HEIGHT + 64),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _value_axis(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal, list[Decimal]]:
    """A range from 0 (or below, for negative values) to a round number above the highest value, in 4–6 steps."""
    bottom = min(low, Decimal(0))
    top = high if high > bottom else bottom + 1
    raw = (top - bottom) / 5
    magnitude = Decimal(10) ** math.floor(math.log10(float(raw)))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = (bottom / step).to_integral_value(rounding="ROUND_FLOOR") * step
    end = (top / step).to_integral_value(rounding="ROUND_CEILING") * step
    count = int((end - start) / step)
    return start, end, [start + i * step for i in range(count + 1)]


def _value_ticks(ticks: list[Decimal], y: Callable[[Decimal], float], unit: str) -> str:
    out = ['<g class="value-axis" font-size="13" fill="#333333">']
    for tick in ticks:
        top = y(tick)
        out.append(
            f'<line x1="{LEFT:.1f}" x2="{WIDTH - RIGHT:.1f}" y1="{top:.1f}" y2="{top:.1f}" stroke="#d9d9d9"/>'
            f'<text x="{LEFT - 8:.1f}" y="{top + 4:.1f}" text-anchor="end">{escape(format_value(tick))}</text>'
        )
    out.append(f'<text x="{LEFT - 8:.1f}" y="{TOP - 14:.1f}" text-anchor="end" font-weight="bold">'
               f"{escape(f'（{unit}）' if unit else '')}</text></g>")  # fmt: skip
    return "".join(out)


def _date_ticks(first: dt.date, last: dt.date, x: Callable[[dt.date], float]) -> str:
    """A tick a year (each January) over a long span, a quarter over a short one; the axis names both ends."""
    bottom = TOP + PLOT_HEIGHT
    months = 12 if (last - first).days > 3 * 366 else 3
    ticks = []
    day = dt.date(first.year, 1, 1)
    while day <= last:
        if day >= first:
            ticks.append(day)
        month = day.month - 1 + months
        day = dt.date(day.year + month // 12, month % 12 + 1, 1)
    out = [
        '<g class="date-axis" font-size="13" fill="#333333">',
        f'<line x1="{LEFT:.1f}" x2="{WIDTH - RIGHT:.1f}" y1="{bottom:.1f}" y2="{bottom:.1f}" stroke="#404040"/>',
    ]
    for tick in ticks:
        left = x(tick)
        label = str(tick.year) if months == 12 else f"{tick.year}-{tick.month:02d}"
        out.append(
            f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{bottom:.1f}" y2="{bottom + 5:.1f}" stroke="#404040"/>'
            f'<text x="{left:.1f}" y="{bottom + 20:.1f}" text-anchor="middle">{label}</text>'
        )
    out.append(
        f'<text x="{LEFT:.1f}" y="{bottom + 40:.1f}">{first.isoformat()} – {last.isoformat()}'
        "（日付：値の時点）</text></g>"
    )
    return "".join(out)


def _line(
    series: Series, style: tuple[str, str, str], x: Callable[[dt.date], float], y: Callable[[Decimal], float], unit: str
) -> str:
    colour, dash, marker = style
    coordinates = [(x(d), y(v)) for d, v in series.points]
    path = " ".join(f"{'M' if i == 0 else 'L'}{cx:.1f},{cy:.1f}" for i, (cx, cy) in enumerate(coordinates))
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    out = [
        f'<g class="series" aria-label="{escape(series.name)}">',
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dashed}/>',
    ]
    marked = range(len(coordinates)) if len(coordinates) <= MARKED else (0, len(coordinates) - 1)
    for i in marked:
        (cx, cy), (day, value) = coordinates[i], series.points[i]
        label = escape(f"{series.name} {day.isoformat()}: {format_value(value)}{unit}")
        out.append(_marker(marker, cx, cy, colour, label))
    out.append("</g>")
    return "".join(out)


def _marker(marker: str, cx: float, cy: float, colour: str, label: str = "") -> str:
    """The series' marker at (cx, cy), with `label` (escaped) as its tooltip."""
    fill = "#ffffff" if marker.endswith("-open") else colour
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    tip = f"<title>{label}</title>" if label else ""
    shape = marker.removesuffix("-open")
    if shape == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" {paint}>{tip}</circle>'
    shapes: dict[str, list[tuple[float, float]]] = {
        "square": [(-3.5, -3.5), (3.5, -3.5), (3.5, 3.5), (-3.5, 3.5)],
        "triangle": [(0, -4.5), (4.5, 3.5), (-4.5, 3.5)],
        "diamond": [(0, -5), (5, 0), (0, 5), (-5, 0)],
    }
    d = "M" + " L".join(f"{cx + px:.1f},{cy + py:.1f}" for px, py in shapes[shape]) + " Z"
    return f'<path d="{d}" {paint}>{tip}</path>'


def _end_labels(spec: ChartSpec, y: Callable[[Decimal], float]) -> str:
    """Each series named at the height of its last value, in its colour and with its marker, moved apart just
    enough not to overlap."""
    ends = sorted((y(s.points[-1][1]), i) for i, s in enumerate(spec.series))
    tops: list[tuple[float, int]] = []
    for top, i in ends:
        tops.append((max(top, tops[-1][0] + LABEL_GAP) if tops else top, i))
    overflow = tops[-1][0] - (TOP + PLOT_HEIGHT) if tops else 0
    if overflow > 0:
        tops = [(top - overflow, i) for top, i in tops]
    left = WIDTH - RIGHT + 12
    out = ['<g class="labels" font-size="13">']
    for top, i in tops:
        colour, _, marker = STYLES[i]
        series = spec.series[i]
        value = f"{format_value(series.points[-1][1])}{spec.unit}"
        name = escape(f"{_shortened(series.name, 9)} {value}")
        out.append(_marker(marker, left, top - 4, colour) + f'<text x="{left + 10:.1f}" y="{top:.1f}">{name}</text>')
    out.append("</g>")
    return "".join(out)


def _shortened(text: str, characters: int) -> str:
    return text if len(text) <= characters else text[: characters - 1] + "…"


def _description(spec: ChartSpec) -> str:
    """The text alternative: each series' first, last, lowest and highest values with their dates."""
    parts = [f"{spec.metric}の推移を示す折れ線グラフ（{len(spec.series)}系列）。"]
    unit = spec.unit
    for series in spec.series:
        (first_day, first), (last_day, last) = series.points[0], series.points[-1]
        low_day, low = min(series.points, key=lambda p: (p[1], p[0]))
        high_day, high = max(series.points, key=lambda p: (p[1], p[0]))
        parts.append(
            f"{series.name}: {len(series.points)}時点、最初 {format_value(first)}{unit}（{first_day}）、"
            f"最後 {format_value(last)}{unit}（{last_day}）、最小 {format_value(low)}{unit}（{low_day}）、"
            f"最大 {format_value(high)}{unit}（{high_day}）。"
        )
    return "".join(parts)
