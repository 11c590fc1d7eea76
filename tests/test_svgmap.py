"""The choropleth renderer on hand-made areas: missing values hatched and listed, classes from quintiles."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

from api.mapclasses import quintile_classes
from api.svgmap import MapArea, MapSpec, render

SVG = "{http://www.w3.org/2000/svg}"
SQUARE = "M0 0l10 0 0 10-10 0z"


def spec(values: list[Decimal | None], *, shaped: int | None = None) -> MapSpec:
    areas = [
        MapArea(
            f"{i:06d}",
            f"村{i}",
            SQUARE if shaped is None or i < shaped else None,
            (i * 10.0, 0.0, i * 10 + 10.0, 10.0),
            v,
        )
        for i, v in enumerate(values)
    ]
    return MapSpec("率", "%", dt.date(2022, 12, 31), "municipality", areas, ["地図：境界", "データ：値"])


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - rendered by the test itself


def test_areas_without_a_value_are_hatched_counted_and_named() -> None:
    root = parse(render(spec([Decimal(v) for v in range(1, 11)] + [None, None])))
    hatched = [g for g in root.iter(f"{SVG}g") if g.get("class") == "no-data"]
    assert len(hatched) == 1 and hatched[0].get("fill") == "url(#no-data)" and len(hatched[0]) == 2
    assert root.find(f".//{SVG}pattern[@id='no-data']") is not None
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "値なし（2）" in legend
    assert "値のない市区町村: 2（村10、村11）" in (root.findtext(f"{SVG}desc") or "")


def test_areas_without_a_shape_are_listed_in_the_text_alternative() -> None:
    root = parse(render(spec([Decimal(1), Decimal(2), Decimal(3)], shaped=2)))
    assert "地図に形のない市区町村: 1（村2）" in (root.findtext(f"{SVG}desc") or "")
    assert len([p for p in root.iter(f"{SVG}path") if p.find(f"{SVG}title") is not None]) == 2


def test_quintiles_hold_about_a_fifth_each_and_never_split_equal_values() -> None:
    classes, _ = quintile_classes([Decimal(v) for v in range(1, 101)])
    assert (classes[0].low, classes[0].high) == (1, 20)
    assert [c.count for c in classes] == [20] * 5
    few, _ = quintile_classes([Decimal(1)] * 8 + [Decimal(2)] * 2)
    assert [(c.low, c.high, c.count) for c in few] == [(1, 1, 8), (2, 2, 2)]
    assert few[0].colour != few[1].colour
