"""Where the remote parts of Japan are drawn: 沖縄県 and 小笠原村 in framed insets, as on the usual maps of Japan,
and the 北方領土 picked out of 北海道's outline so that they can be drawn as areas without a value.

Outlines are SVG path data of the stored shapes (seeds/shapes.py): rings of `Mx yl dx dy … z`, in pixels of a
map 1,000 px wide (equirectangular, longitudes shrunk by cos 36°N, 122.9°E–149°E, north edge 45.6°N). A ring
starts with an absolute move and goes on with relative ones, so moving a ring only rewrites its first point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Rings of 東京都's outline south of 28°N are 小笠原村's (八丈島 and 青ヶ島 lie north of 32°N).
SOUTH_OF_28N = 833.5
# The 北方領土 rings of 北海道's outline: centres east of 知床 (羅臼町's easternmost point is at x 860.8) and
# north of the 歯舞群島, which are 根室市's (its rings' tops are at y 92.3 and below); checked against the boundary
# file's six villages marked is_hoppo_city in tests/test_mapinsets.py.
NORTHERN_TERRITORIES = (858.0, 88.0)
HOKKAIDO = "010006"
TOKYO = "130001"
OGASAWARA = "134210"
PAD, LABEL, GAP = 8.0, 16.0, 8.0

RING = re.compile(r"M(-?[0-9.]+) (-?[0-9.]+)l([^M]*)")
NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Ring:
    x: float
    y: float
    rest: str
    box: Box

    def moved(self, dx: float, dy: float) -> str:
        return f"M{_number(self.x + dx)} {_number(self.y + dy)}l{self.rest}"

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class Inset:
    """A framed box at the map's bottom right: its label, and where its rings go."""

    label: str
    box: Box
    dx: float
    dy: float


def rings(path: str) -> list[Ring]:
    out = []
    for match in RING.finditer(path):
        x = x0 = float(match[1])
        y = y0 = float(match[2])
        xs, ys = [x0], [y0]
        numbers = [float(n) for n in NUMBER.findall(match[3])]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=False):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
        out.append(Ring(x0, y0, match[3], (min(xs), min(ys), max(xs), max(ys))))
    return out


def inset_of(code: str, ring: Ring) -> str | None:
    """The inset a ring of an area is drawn in, or None: in place."""
    if code.startswith("47"):
        return "沖縄県"
    if code == OGASAWARA or (code == TOKYO and ring.centre[1] > SOUTH_OF_28N):
        return "小笠原村"
    return None


def is_northern_territory(code: str, ring: Ring) -> bool:
    x, y = ring.centre
    return code == HOKKAIDO and x > NORTHERN_TERRITORIES[0] and y < NORTHERN_TERRITORIES[1]


def union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def place(groups: dict[str, list[Box]], right: float, bottom: float) -> dict[str, Inset]:
    """Insets side by side, right to left in the order given, their bottoms on the main map's bottom."""
    out = {}
    for label, boxes in groups.items():
        content = union(boxes)
        if content is None:
            continue
        # Wide enough for its label (12 px a character) too; the islands are centred in it.
        width = max(content[2] - content[0] + 2 * PAD, 12 * len(label) + 10)
        height = content[3] - content[1] + 2 * PAD + LABEL
        box = (right - width, bottom - height, right, bottom)
        left = box[0] + (width - (content[2] - content[0])) / 2
        out[label] = Inset(label, box, left - content[0], box[1] + PAD + LABEL - content[1])
        right -= width + GAP
    return out


def frames(insets: dict[str, Inset]) -> str:
    """The insets' frames and labels, under the areas they hold."""
    out = []
    for inset in insets.values():
        x0, y0, x1, y1 = inset.box
        out.append(
            f'<g class="inset"><rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}"'
            ' fill="#ffffff" stroke="#404040" stroke-width="1"/>'
            f'<text x="{x0 + 5:.1f}" y="{y0 + 14:.1f}" font-size="12">{inset.label}</text></g>'
        )
    return "".join(out)


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
