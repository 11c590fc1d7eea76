"""The insets and the 北方領土 rule against the pinned boundary file: the rule picks out exactly the rings of the
six villages the file marks as 北方領土, and path data moved into an inset keeps its shape."""

from __future__ import annotations

import json

from api.mapinsets import HOKKAIDO, is_northern_territory, place, rings
from seeds import shapes
from seeds.sources import FetchResult


def test_the_northern_territories_rule_matches_the_villages_the_boundary_file_marks(
    fetched: list[FetchResult],
) -> None:
    source = next(r for r in fetched if r.source.slug == shapes.SOURCE_SLUG)
    topology = json.loads(source.paths[shapes.FILES["municipality"]].read_text(encoding="utf-8"))
    arcs = shapes._arcs(topology)
    picked: dict[bool, list[bool]] = {True: [], False: []}
    for layer in topology["objects"].values():
        for geometry in layer["geometries"]:
            properties = geometry["properties"]
            if properties["prefecture_code"] != "01":
                continue
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            for polygon in polygons:
                ring = shapes._ring(polygon[0], arcs)
                if len(set(ring)) < 3:
                    continue
                [parsed] = rings(shapes._path_data(ring))
                picked[bool(properties["is_hoppo_city"])].append(is_northern_territory(HOKKAIDO, parsed))
    assert len(picked[True]) >= 6 and all(picked[True])
    assert len(picked[False]) > 100 and not any(picked[False])


def test_a_ring_keeps_its_shape_when_moved_into_an_inset() -> None:
    [ring] = rings("M10 800l5 0 0 5-5 0z")
    assert ring.box == (10.0, 800.0, 15.0, 805.0)
    [inset] = place({"沖縄県": [ring.box]}, 500.0, 400.0).values()
    [moved] = rings(ring.moved(inset.dx, inset.dy))
    x0, y0, x1, y1 = inset.box
    assert x0 < moved.box[0] < moved.box[2] < x1 and y0 < moved.box[1] < moved.box[3] < y1
    assert moved.rest == ring.rest and (x1, y1) == (500.0, 400.0)
