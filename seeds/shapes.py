"""Area shapes for maps: the boundary TopoJSON decoded, projected and simplified into SVG path data.

The arcs are shared between neighbours, so each arc is simplified once and both neighbours keep the same edge:
no gaps or slivers appear between areas. Coordinates are kept in tenths of a pixel of a map WIDTH pixels wide.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.areacode import AreaCodeError, normalise
from seeds.sources import FetchResult, SourceRowError

SOURCE_SLUG = "policy-dashboard-boundaries"
FILES = {"municipality": "data/map/ja_municipality_area.json", "prefecture": "data/map/ja_prefecture_area.json"}
# The frame: all of Japan's 47 prefectures except 南鳥島 (153.98°E), which would double the map's width for a
# dot; its ring is left out of 小笠原村 and of 東京都. Equirectangular, with longitudes shrunk by cos(36°N) so
# that shapes look as they do on the usual maps of Japan.
WEST, EAST, SOUTH, NORTH = 122.9, 149.0, 24.0, 45.6
WIDTH = 1000.0
SHRINK = math.cos(math.radians(36.0))
SCALE = WIDTH / ((EAST - WEST) * SHRINK)
# Douglas–Peucker tolerance in pixels: below what a reader can see at the map's width.
TOLERANCE_PX = 0.5
TENTHS = 10

Point = tuple[int, int]


@dataclass(frozen=True)
class AreaShape:
    """One area's outline as SVG path data (tenths of a pixel, relative moves) and its bounding box in pixels."""

    code: str
    level: str
    path: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass
class Shapes:
    shapes: list[AreaShape] = field(default_factory=list)
    # Codes the boundary files give that the directory does not know.
    unknown: list[str] = field(default_factory=list)

    def summary(self, area_codes: set[str]) -> str | None:
        """A note for the load's output when some area has no shape or some shape no area; None when all match."""
        missing = len(area_codes - {s.code for s in self.shapes})
        if not missing and not self.unknown:
            return None
        unknown = (
            f"; {len(self.unknown)} shapes name no known area ({', '.join(self.unknown[:5])})" if self.unknown else ""
        )
        return f"{SOURCE_SLUG}: {missing} of {len(area_codes)} areas have no shape{unknown}"


def read_shapes(source: FetchResult, area_codes: set[str]) -> Shapes:
    """Shapes of both levels for the areas of the directory; raises SourceRowError on a malformed file."""
    result = Shapes()
    for level, name in FILES.items():
        path = source.paths[name]
        topology = json.loads(path.read_text(encoding="utf-8"))
        arcs = _arcs(topology)
        for layer in topology["objects"].values():
            for geometry in layer["geometries"]:
                # The six villages of the 北方領土 have codes but are not in the directory of local governments.
                if (geometry.get("properties") or {}).get("is_hoppo_city"):
                    continue
                code = _code(path, level, geometry)
                if code not in area_codes:
                    result.unknown.append(code)
                    continue
                shape = _shape(code, level, geometry, arcs)
                if shape is not None:
                    result.shapes.append(shape)
    return result


def _code(path: Path, level: str, geometry: dict[str, Any]) -> str:
    properties = geometry.get("properties") or {}
    raw = properties.get("lg_code") if level == "municipality" else f"{properties.get('prefecture_code', '')}000"
    try:
        return normalise(str(raw))
    except AreaCodeError as error:
        raise SourceRowError(path, None, "lg_code", str(error)) from error


def _arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc delta-decoded, projected, simplified and rounded to tenths of a pixel."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append(((lon - WEST) * SHRINK * SCALE, (NORTH - lat) * SCALE))
        arcs.append(_rounded(_simplified(points)))
    return arcs


def _simplified(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative; the end points of an arc are always kept, so shared vertices stay shared."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            px, py = points[index]
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = index, d
        if distance > TOLERANCE_PX:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _rounded(points: list[tuple[float, float]]) -> list[Point]:
    rounded: list[Point] = []
    for x, y in points:
        point = (round(x * TENTHS), round(y * TENTHS))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def _shape(code: str, level: str, geometry: dict[str, Any], arcs: list[list[Point]]) -> AreaShape | None:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = [_ring(indexes, arcs) for polygon in polygons for indexes in polygon]
    # Rings that shrank below a triangle are specks at this scale; 南鳥島 lies outside the frame.
    kept = [ring for ring in rings if len(set(ring)) >= 3 and any(x <= WIDTH * TENTHS for x, _ in ring)]
    if not kept:
        return None
    xs = [x for ring in kept for x, _ in ring]
    ys = [y for ring in kept for _, y in ring]
    path = "".join(_path_data(ring) for ring in kept)
    return AreaShape(code, level, path, min(xs) / TENTHS, min(ys) / TENTHS, max(xs) / TENTHS, max(ys) / TENTHS)


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring from its arcs; ~i is arc i reversed, and each arc starts where the previous one ended."""
    ring: list[Point] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring += points[1:] if ring else points
    return ring


def _path_data(ring: list[Point]) -> str:
    """`M x y l dx dy … z` in pixels with one decimal: relative moves are short numbers."""
    (x0, y0), rest = ring[0], ring[1:]
    if rest and rest[-1] == ring[0]:
        rest = rest[:-1]
    parts = [f"M{_number(x0)} {_number(y0)}l"]
    previous = ring[0]
    numbers: list[str] = []
    for x, y in rest:
        numbers += [_number(x - previous[0]), _number(y - previous[1])]
        previous = (x, y)
    parts.append(_joined(numbers))
    return "".join(parts) + "z"


def _number(tenths: int) -> str:
    """12 -> "1.2", -5 -> "-.5", 30 -> "3": the shortest form SVG reads back exactly."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), TENTHS)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _joined(numbers: list[str]) -> str:
    # A minus sign separates numbers by itself; otherwise a space is needed.
    return "".join(n if i == 0 or n.startswith("-") else f" {n}" for i, n in enumerate(numbers))


COLUMNS = ("code", "level", "path", "x_min", "y_min", "x_max", "y_max")


def shape_rows(shapes: Shapes) -> list[tuple[object, ...]]:
    """Rows of area_shape, in COLUMNS order."""
    return [(s.code, s.level, s.path, s.x_min, s.y_min, s.x_max, s.y_max) for s in shapes.shapes]


def read_available(fetched: list[FetchResult], area_codes: set[str]) -> Shapes | None:
    """The shapes when the boundary source is available and there are areas to draw; else None."""
    source = next((r for r in fetched if r.source.slug == SOURCE_SLUG and r.available), None)
    return read_shapes(source, area_codes) if source and area_codes else None
