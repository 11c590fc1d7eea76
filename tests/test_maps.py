"""GET /maps/{metric}.svg against the loaded data: a readable, credited, accessible choropleth, and clear refusals."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import httpx

from api.settings import Settings
from seeds.sources import read_manifest
from tests.support import graphql

SVG = "{http://www.w3.org/2000/svg}"
RATE = "mynumber-card-issued-rate-soumu"


def parsed(response: httpx.Response) -> ET.Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 - the suite's own server


def area_paths(root: ET.Element) -> list[ET.Element]:
    """Paths of areas: those inside a class group (borders drawn on top have no title)."""
    return [p for g in root.iter(f"{SVG}g") if g.get("class", "").startswith(("class-", "no-data")) for p in g]


async def test_a_municipal_map_has_one_titled_path_per_area_and_a_text_alternative(client: httpx.AsyncClient) -> None:
    root = parsed(await client.get(f"/maps/{RATE}.svg"))
    assert root.get("role") == "img"
    assert root.get("width") and root.get("height") and len((root.get("viewBox") or "").split()) == 4
    title = root.findtext(f"{SVG}title") or ""
    desc = root.findtext(f"{SVG}desc") or ""
    assert "2022-12-31" in title and "市区町村" in title
    for part in ("最小 31.7%（沖縄県 多良間村）", "中央値", "最大 95.4%（大分県 姫島村）", "値のない市区町村: 0"):
        assert part in desc
    paths = area_paths(root)
    assert len(paths) == 1741
    titles = [p.findtext(f"{SVG}title") or "" for p in paths]
    assert all(t.endswith("%（2022-12-31）") for t in titles)
    assert "大分県 姫島村: 95.4%（2022-12-31）" in titles


async def test_issue_17_titles_name_the_metric_fully(client: httpx.AsyncClient) -> None:
    # The column name alone does not say it is about マイナンバーカード: the cited publication's title says so.
    root = parsed(await client.get(f"/maps/{RATE}.svg"))
    full = "マイナンバーカード交付状況：人口に対する交付枚数率"
    heading = next(t.text or "" for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold")
    assert (root.findtext(f"{SVG}title") or "").startswith(full) and heading.startswith(full)
    assert (root.findtext(f"{SVG}desc") or "").startswith(f"{full}の市区町村別の値")
    # A name that already says it is kept as it is.
    issued = parsed(await client.get("/maps/mynumber-card-issued-soumu.svg?level=prefecture"))
    assert (issued.findtext(f"{SVG}title") or "").startswith("マイナンバーカード交付枚数（都道府県別")


async def test_the_legend_has_five_numbered_classes_and_a_no_data_entry(client: httpx.AsyncClient) -> None:
    root = parsed(await client.get(f"/maps/{RATE}.svg"))
    entries = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend-class"]
    texts = [[t.text or "" for t in g.iter(f"{SVG}text")] for g in entries]
    assert [number for number, _ in texts] == ["1", "2", "3", "4", "5", "–", "–"]
    assert texts[0][1].startswith("31.7 – ")
    assert texts[4][1].split("（")[0].endswith("95.4%")
    assert sum(int(label.split("（")[1].rstrip("）").replace(",", "")) for _, label in texts[:5]) == 1741
    assert texts[5][1] == "値なし（0）"
    fills = {g.get("fill") for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("class-")}
    assert len(fills) == 5


async def test_the_credit_line_names_the_boundaries_the_data_and_hiraku(client: httpx.AsyncClient) -> None:
    root = parsed(await client.get(f"/maps/{RATE}.svg?level=prefecture"))
    credit = "".join(t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "credit")
    boundaries = next(s for s in read_manifest() if s.slug == "policy-dashboard-boundaries")
    assert boundaries.attribution in credit and "CC BY 4.0" in credit
    assert "総務省" in credit and "hiraku" in credit


async def test_prefectures_on_a_given_date(client: httpx.AsyncClient) -> None:
    root = parsed(await client.get(f"/maps/{RATE}.svg", params={"level": "prefecture", "date": "2017-03-08"}))
    assert "2017-03-08" in (root.findtext(f"{SVG}title") or "")
    paths = area_paths(root)
    assert len(paths) == 47
    assert any((p.findtext(f"{SVG}title") or "").startswith("東京都: ") for p in paths)


def refusal(response: httpx.Response, status: int, code: str) -> str:
    """The message of a refusal: a JSON error like the API's, never cached."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["cache-control"] == "no-store"
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": code}
    message: str = error["message"]
    return message


async def test_refusals_name_what_is_wrong(client: httpx.AsyncClient) -> None:
    assert "no-such-metric" in refusal(await client.get("/maps/no-such-metric.svg"), 404, "NOT_FOUND")
    national = await client.get("/maps/mynaportal-registered-users.svg")
    assert "no values by prefecture or municipality" in refusal(national, 404, "NOT_FOUND")
    for params, name in (
        ({"date": "2022-13-01"}, "`date`"),
        ({"date": "yesterday"}, "`date`"),
        ({"level": "x"}, "`level`"),
    ):
        assert name in refusal(await client.get(f"/maps/{RATE}.svg", params=params), 400, "BAD_REQUEST")
    empty = await client.get(f"/maps/{RATE}.svg", params={"date": "2020-01-02"})
    assert refusal(empty, 404, "NOT_FOUND") == (
        f"the metric '{RATE}' has no municipality values on 2020-01-02; the nearest dates with values are "
        "2019-11-01 and 2020-01-20, of 47 dates from 2017-03-08 to 2022-12-31"
    )


async def test_issue_15_10_only_a_calendar_date_is_a_date(client: httpx.AsyncClient) -> None:
    # Python's fromisoformat takes ISO week dates and basic forms too; the parameter is documented as YYYY-MM-DD.
    for given in ("2022-W52-6", "2022W526", "20221231", "2022-12-3１", "+2022-12-3"):
        message = refusal(await client.get(f"/maps/{RATE}.svg", params={"date": given}), 400, "BAD_REQUEST")
        assert message == f"`date` must be a date as YYYY-MM-DD, got {given!r}"
    parsed(await client.get(f"/maps/{RATE}.svg", params={"date": "2022-12-31"}))


async def test_issue_15_8_a_repeated_parameter_is_refused(client: httpx.AsyncClient) -> None:
    # Which of the values would be drawn is not clear (SECURITY.md item 21): refused, never a 304 for it.
    for query in ("date=2022-12-31&date=2017-03-08", "level=prefecture&level=municipality"):
        name = query.split("=")[0]
        response = await client.get(f"/maps/{RATE}.svg?{query}", headers={"if-none-match": "*"})
        assert refusal(response, 400, "BAD_REQUEST") == f"`{name}` is given more than once: give each parameter once"


async def test_maps_are_cached_by_dataset_version(client: httpx.AsyncClient) -> None:
    first = await client.get(f"/maps/{RATE}.svg?level=prefecture")
    assert first.headers["cache-control"].startswith("public, max-age=")
    again = await client.get(f"/maps/{RATE}.svg?level=prefecture", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    other = await client.get(f"/maps/{RATE}.svg?level=municipality", headers={"if-none-match": first.headers["etag"]})
    assert other.status_code == 200


async def test_issue_17_metric_map_url_is_absolute(client: httpx.AsyncClient, settings: Settings) -> None:
    query = f"""{{ rate: metric(slug: "{RATE}") {{ latest: mapUrl
                     byPrefecture: mapUrl(level: PREFECTURE, date: "2017-03-08") none: mapUrl(date: "2020-01-02") }}
                 national: metric(slug: "mynaportal-registered-users") {{ mapUrl }} }}"""
    data = (await graphql(client, query))["data"]
    base = f"{settings.public_url}/maps/{RATE}.svg"
    assert base.startswith(("http://", "https://"))
    assert data["rate"] == {
        "latest": base,
        "byPrefecture": f"{base}?level=prefecture&date=2017-03-08",
        "none": None,
    }
    assert data["national"] == {"mapUrl": None}
    url = data["rate"]["byPrefecture"].removeprefix(settings.public_url)
    assert len(area_paths(parsed(await client.get(url)))) == 47


def inset_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "inset":
            rect, label = group.find(f"{SVG}rect"), group.findtext(f"{SVG}text") or ""
            assert rect is not None
            x, y, w, h = (float(rect.get(name) or 0) for name in ("x", "y", "width", "height"))
            boxes[label] = (x, y, x + w, y + h)
    return boxes


def inside(path: ET.Element, box: tuple[float, float, float, float]) -> bool:
    """Whether every ring of an area's path starts inside the box."""
    starts = [tuple(map(float, m)) for m in re.findall(r"M(-?[0-9.]+) (-?[0-9.]+)", path.get("d") or "")]
    return bool(starts) and all(box[0] < x < box[2] and box[1] < y < box[3] for x, y in starts)


async def test_issue_17_okinawa_and_ogasawara_are_in_insets(client: httpx.AsyncClient) -> None:
    for level, count in (("municipality", 41), ("prefecture", 1)):
        root = parsed(await client.get(f"/maps/{RATE}.svg?level={level}"))
        boxes = inset_boxes(root)
        assert set(boxes) == {"沖縄県", "小笠原村"}
        paths = {(p.findtext(f"{SVG}title") or "").split(":")[0]: p for p in area_paths(root)}
        okinawa = [p for name, p in paths.items() if name.startswith("沖縄県")]
        assert len(okinawa) == count and all(inside(p, boxes["沖縄県"]) for p in okinawa)
        assert not any(inside(p, boxes["沖縄県"]) for name, p in paths.items() if not name.startswith("沖縄県"))
        # The insets sit in the main map's empty sea, to the right of Kyushu: the frame is the main islands'.
        view = [float(v) for v in (root.get("viewBox") or "").split()]
        assert boxes["小笠原村"][2] < boxes["沖縄県"][0] and boxes["沖縄県"][2] <= view[0] + view[2]
        assert "沖縄県と小笠原村は右下の枠内に同じ縮尺で移して示す。" in (root.findtext(f"{SVG}desc") or "")
    municipal = {(p.findtext(f"{SVG}title") or "").split(":")[0]: p for p in area_paths(parsed(
        await client.get(f"/maps/{RATE}.svg")))}  # fmt: skip
    assert inside(municipal["東京都 小笠原村"], inset_boxes(root)["小笠原村"])
    assert not inside(municipal["東京都 八丈町"], inset_boxes(root)["小笠原村"])


async def test_issue_17_the_northern_territories_are_drawn_as_no_data_and_explained(
    client: httpx.AsyncClient,
) -> None:
    for level in ("municipality", "prefecture"):
        root = parsed(await client.get(f"/maps/{RATE}.svg?level={level}"))
        [group] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "northern-territories"]
        assert group.get("fill") == "url(#no-data)"
        assert [p.findtext(f"{SVG}title") for p in group] == ["北方領土の6村: 値なし（出典に載っていない）"]
        legend = [
            [t.text for t in g.iter(f"{SVG}text")] for g in root.iter(f"{SVG}g") if g.get("class") == "legend-class"
        ]
        assert legend[-1] == ["–", "北方領土の6村: 値なし（出典に載っていない）"]
        assert "北方領土の6村（色丹村、泊村、留夜別村、留別村、紗那村、蘂取村）は境界データに形があるが" in (
            root.findtext(f"{SVG}desc") or ""
        )
