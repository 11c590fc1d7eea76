"""GET /charts/{metric}.svg over a real server: a line chart of a metric's totals that states its values in words
(first, last, lowest, highest, each as the API gives them), tells its lines apart without colour alone, carries
its credit lines, is cached like the maps, and refuses what it cannot draw with a JSON error naming why; and
`Metric.chartUrl` points at it."""

from __future__ import annotations

import re

import httpx
import pytest

from api.settings import Settings
from schema.limits import MAX_CHART_AREAS
from tests.support import graphql

RATE = "mynumber-card-issued-rate-soumu"
PORTAL = "mynaportal-registered-users"
SERIES = """query($slug: String!, $area: LocalGovCode) {
  metric(slug: $slug) {
    name unitLabel
    first: observations(first: 1, areaCode: $area) { nodes { date value exactValue } }
    last: observations(last: 1, areaCode: $area) { nodes { date value exactValue } }
  }
}"""


async def chart(client: httpx.AsyncClient, slug: str, area: str | None = None) -> httpx.Response:
    return await client.get(f"/charts/{slug}.svg", params={"area": area} if area is not None else None)


def number(exact: str) -> str:
    """A value as the chart prints it: thousands separated, at most two decimals."""
    value = float(exact)
    return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


async def test_the_nation_by_default_with_its_values_in_words(client: httpx.AsyncClient) -> None:
    response = await chart(client, PORTAL)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    svg = response.text
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    metric = (await graphql(client, SERIES, {"slug": PORTAL}))["data"]["metric"]
    assert f'<title id="chart-title">{metric["name"]}（全国）</title>' in svg
    desc = re.search(r'<desc id="chart-desc">(.*?)</desc>', svg, re.S)
    assert desc is not None
    unit = metric["unitLabel"]
    first, last = metric["first"]["nodes"][0], metric["last"]["nodes"][0]
    assert f"最初 {number(first['exactValue'])}{unit}（{first['date']}）" in desc.group(1)
    assert f"最後 {number(last['exactValue'])}{unit}（{last['date']}）" in desc.group(1)
    assert f"（{unit}）" in svg  # the value axis names the unit
    assert "データ：出典：" in svg and "作成：hiraku" in svg


async def test_lines_differ_by_dash_and_marker_and_are_labelled(client: httpx.AsyncClient) -> None:
    svg = (await chart(client, RATE, "nation,130001,011002")).text
    assert svg.count('<g class="series"') == 3
    dashes = re.findall(r'<path d="M[^"]*" fill="none" stroke="(#[0-9A-Fa-f]{6})" stroke-width="2.5"'
                        r' stroke-linejoin="round"(?: stroke-dasharray="([^"]*)")?', svg)  # fmt: skip
    assert len({colour for colour, _ in dashes}) == 3 and len({dash for _, dash in dashes}) == 3
    labels = re.search(r'<g class="labels".*?</g>', svg, re.S)
    assert labels is not None
    for name in ("全国", "東京都", "北海道 札幌市"):
        assert name in labels.group(0)
    tokyo = (await graphql(client, SERIES, {"slug": RATE, "area": "130001"}))["data"]["metric"]["last"]["nodes"][0]
    assert f"東京都 {number(tokyo['exactValue'])}%" in labels.group(0)


async def test_it_is_cached_like_the_maps(client: httpx.AsyncClient) -> None:
    first = await chart(client, RATE, "130001")
    assert first.headers["cache-control"] == "public, max-age=300" and first.headers["etag"]
    again = await client.get(f"/charts/{RATE}.svg?area=130001", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("area", "status", "named"),
    [
        (",".join(["nation", *(f"{n:02d}" for n in range(1, MAX_CHART_AREAS))]), 200, None),
        (",".join(["nation", *(f"{n:02d}" for n in range(1, MAX_CHART_AREAS + 1))]), 400, "at most 8"),
        ("99", 400, "not a prefecture"),
        ("13,130001", 400, "twice"),
        ("abc", 400, "`area`"),
        ("471003", 404, None),  # a municipality's code with a wrong check digit is no area
    ],
)
async def test_areas_are_checked(client: httpx.AsyncClient, area: str, status: int, named: str | None) -> None:
    response = await chart(client, RATE, area)
    assert response.status_code == status, response.text[:300]
    if status != 200:
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] in ("BAD_REQUEST", "NOT_FOUND")
        assert named is None or named in error["message"]
        assert response.headers["cache-control"] == "no-store"


async def test_what_cannot_be_drawn_is_named(client: httpx.AsyncClient) -> None:
    no_totals = await chart(client, PORTAL, "130001")
    assert no_totals.status_code == 404 and "東京都 (130001)" in no_totals.json()["errors"][0]["message"]
    unknown = await chart(client, "no-such-metric")
    assert unknown.status_code == 404 and "no-such-metric" in unknown.json()["errors"][0]["message"]
    nul = await client.get("/charts/%00.svg")
    assert nul.status_code == 400
    repeated = await client.get(f"/charts/{RATE}.svg?area=13&area=01")
    assert repeated.status_code == 400 and "more than once" in repeated.json()["errors"][0]["message"]


async def test_chart_url_points_at_the_chart(client: httpx.AsyncClient, settings: Settings) -> None:
    query = """{ metric(slug: "mynumber-card-issued-rate-soumu") {
      default: chartUrl areas: chartUrl(areas: ["130001", "01"]) both: chartUrl(areas: ["130001"], nation: true) } }"""
    urls = (await graphql(client, query))["data"]["metric"]
    base = f"{settings.public_url}/charts/{RATE}.svg?area="
    assert urls == {"default": base + "nation", "areas": base + "130001,010006", "both": base + "nation,130001"}
    assert (await client.get(urls["both"].removeprefix(settings.public_url))).status_code == 200
    too_many = ", ".join(f'"{n:02d}"' for n in range(1, MAX_CHART_AREAS + 2))
    body = await graphql(client, f'{{ metric(slug: "{RATE}") {{ chartUrl(areas: [{too_many}]) }} }}')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
