"""Boundary TopoJSON to SVG path data: shared arcs, delta decoding, the check digit and the frame."""

from __future__ import annotations

import json
from pathlib import Path

from seeds.shapes import FILES, SOURCE_SLUG, read_shapes
from seeds.sources import FetchResult, read_manifest


def topology(geometries: list[dict[str, object]]) -> dict[str, object]:
    # Two unit squares side by side, 1° apart, sharing the arc between them (arc 0).
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [130, 35]},
        "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [1, 0], [0, 1], [-1, 0]]],
        "objects": {"areas": {"type": "GeometryCollection", "geometries": geometries}},
    }


def fetched(tmp_path: Path, municipalities: dict[str, object], prefectures: dict[str, object]) -> FetchResult:
    paths = {}
    for level, name in FILES.items():
        path = tmp_path / Path(name).name
        path.write_text(json.dumps(municipalities if level == "municipality" else prefectures), encoding="utf-8")
        paths[name] = path
    source = next(s for s in read_manifest() if s.slug == SOURCE_SLUG)
    return FetchResult(source, paths, None)


def test_neighbours_share_their_edge_and_codes_get_their_check_digit(tmp_path: Path) -> None:
    west = {"type": "Polygon", "arcs": [[0, 1]], "properties": {"lg_code": "131016"}}
    east = {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "properties": {"lg_code": "13102"}}
    northern = {"type": "Polygon", "arcs": [[0, 1]], "properties": {"lg_code": "016951", "is_hoppo_city": True}}
    prefecture = {"type": "Polygon", "arcs": [[0, 1]], "properties": {"prefecture_code": "13"}}
    source = fetched(tmp_path, topology([west, east, northern]), topology([prefecture]))
    result = read_shapes(source, {"131016", "131024", "130001"})
    shapes = {s.code: s for s in result.shapes}
    assert set(shapes) == {"131016", "131024", "130001"} and result.unknown == []
    # The shared edge is x = 131°E in both: the west square's right side, the east square's left side.
    assert shapes["131016"].x_max == shapes["131024"].x_min
    assert shapes["131016"].y_min == shapes["131024"].y_min and shapes["131016"].y_max == shapes["131024"].y_max
    # Closed rings: four corners each, drawn as a move, three relative lines and a close.
    for code in ("131016", "131024"):
        assert shapes[code].path.count("M") == 1 and shapes[code].path.endswith("z")
        assert len(shapes[code].path[1:-1].replace("l", " ").replace("-", " -").split()) == 8
