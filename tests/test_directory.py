"""All 1,788 local governments: counts by kind, codes, populations, lookup by code and by name."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest

from seeds.mynumber import MISSING_CODES, _municipal_code
from seeds.sources import FetchResult, SourceRowError
from tests.support import graphql

PAGE = """query($after: String) { municipalities(first: 100, after: $after) {
  totalCount nodes { code code5 name nameKana nameEn kind kindLabel county population populationDate
    prefecture { code } }
  pageInfo { hasNextPage endCursor } } }"""


async def _all_municipalities(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await graphql(client, PAGE, {"after": after}))["data"]["municipalities"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_1788_local_governments_with_their_kinds(client: httpx.AsyncClient) -> None:
    municipalities = await _all_municipalities(client)
    prefectures = (await graphql(client, "{ prefectures { code kind kindLabel } }"))["data"]["prefectures"]
    assert len(prefectures) == 47
    assert len(municipalities) == 1741
    kinds = {"DESIGNATED_CITY": 20, "SPECIAL_WARD": 23, "CITY": 772, "TOWN": 743, "VILLAGE": 183}
    assert Counter(m["kind"] for m in municipalities) == kinds
    assert Counter(m["kindLabel"] for m in municipalities) == {
        "政令市": 20,
        "特別区": 23,
        "市": 772,
        "町": 743,
        "村": 183,
    }
    assert {(p["kind"], p["kindLabel"]) for p in prefectures} == {("PREFECTURE", "都道府県")}
    assert len({m["code"] for m in municipalities} | {p["code"] for p in prefectures}) == 1788


def test_every_code_of_the_sources_has_a_valid_check_digit(fetched: list[FetchResult]) -> None:
    from tests.sources_reading import municipal_codes

    localgovjp = next(r for r in fetched if r.source.slug == "localgovjp")
    for code in municipal_codes(localgovjp).values():
        weighted = sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True))
        assert int(code[5]) == (11 - weighted % 11) % 10, code


async def test_populations_of_the_municipalities_sum_to_the_nation(client: httpx.AsyncClient) -> None:
    municipalities = await _all_municipalities(client)
    dates = {m["populationDate"] for m in municipalities}
    assert dates == {"2022-01-01"}
    query = """{ metric(slug: "mynumber-card-population-base-soumu") {
        observations(from: "2022-01-01", to: "2022-01-01") { nodes { exactValue } } } }"""
    nation = (await graphql(client, query))["data"]["metric"]["observations"]["nodes"]
    assert sum(m["population"] for m in municipalities) == int(nation[0]["exactValue"]) == 125927902


async def test_towns_and_villages_have_their_county(client: httpx.AsyncClient) -> None:
    municipalities = {m["code"]: m for m in await _all_municipalities(client)}
    assert municipalities["013030"]["county"] == "石狩郡"
    assert municipalities["011002"]["county"] is None
    # The islands of Tokyo belong to no 郡.
    assert municipalities["134015"]["county"] is None


@pytest.mark.parametrize("code", ["01100", "011002"])
async def test_a_municipality_by_5_or_6_digits(client: httpx.AsyncClient, code: str) -> None:
    query = """query($c: LocalGovCode!) {
      municipality(areaCode: $c) { code name nameKana nameEn kind kindLabel prefecture { name } } }"""
    body = await graphql(client, query, {"c": code})
    assert body["data"]["municipality"] == {
        "code": "011002",
        "name": "札幌市",
        "nameKana": "さっぽろし",
        "nameEn": "Sapporo",
        "kind": "DESIGNATED_CITY",
        "kindLabel": "政令市",
        "prefecture": {"name": "北海道"},
    }


async def test_a_wrong_check_digit_says_so(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "query($c: LocalGovCode!) { municipality(areaCode: $c) { name } }", {"c": "011003"})
    assert "data" not in body  # the variable could not be coerced: nothing was executed
    assert "'011003' has a wrong check digit: the code with 01100 is 011002" in body["errors"][0]["message"]
    literal = await graphql(client, '{ municipality(areaCode: "123") { name } }')
    assert "expected 2 digits (a prefecture, 01 to 47), or 5 or 6 digits" in literal["errors"][0]["message"]


async def test_an_unknown_code_is_null_and_not_found(client: httpx.AsyncClient) -> None:
    body = await graphql(client, '{ municipality(areaCode: "99999") { name } }')
    assert body["data"] == {"municipality": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]


@pytest.mark.parametrize("code", ["13", "13000", "130001"])
async def test_a_prefecture_by_its_2_digit_jis_code_or_5_or_6_digits(client: httpx.AsyncClient, code: str) -> None:
    query = """query($c: LocalGovCode!) { prefecture(areaCode: $c) { code name }
        municipalities(first: 1, filter: {areaCode: $c}) { totalCount nodes { name } } }"""
    body = await graphql(client, query, {"c": code})
    assert body["data"] == {
        "prefecture": {"code": "130001", "name": "東京都"},
        "municipalities": {"totalCount": 62, "nodes": [{"name": "千代田区"}]},
    }


async def test_a_2_digit_code_takes_a_prefectures_place_everywhere(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "mynumber-card-issued-rate-soumu") {
        tokyo: observations(areaCode: "13", last: 1) { nodes { area { name } } }
        ranking(level: MUNICIPALITY, areaCode: "13", first: 1) { areas } } }"""
    metric = (await graphql(client, query))["data"]["metric"]
    assert metric == {"tokyo": {"nodes": [{"area": {"name": "東京都"}}]}, "ranking": {"areas": 62}}


@pytest.mark.parametrize("code", ["00", "48"])
async def test_a_2_digit_code_outside_01_to_47_names_the_range(client: httpx.AsyncClient, code: str) -> None:
    body = await graphql(client, "query($c: LocalGovCode!) { prefecture(areaCode: $c) { name } }", {"c": code})
    assert "data" not in body
    assert (
        f"'{code}' is not a prefecture's code: the JIS X 0401 codes run from 01 to 47" in body["errors"][0]["message"]
    )


@pytest.mark.parametrize("typed", ["さっぽろ", "サッポロ", "ｻｯﾎﾟﾛ", "札幌"])
async def test_municipalities_by_name_or_kana(client: httpx.AsyncClient, typed: str) -> None:
    query = "query($s: String) { municipalities(filter: {search: $s}) { nodes { name } } }"
    names = [n["name"] for n in (await graphql(client, query, {"s": typed}))["data"]["municipalities"]["nodes"]]
    assert names == ["札幌市"]


async def test_search_finds_a_municipality_by_its_kana(client: httpx.AsyncClient) -> None:
    body = await graphql(client, '{ search(query: "さっぽろ") { nodes { kind title node { id } } } }')
    first = body["data"]["search"]["nodes"][0]
    assert (first["kind"], first["title"]) == ("MUNICIPALITY", "札幌市")


async def test_filters_and_order(client: httpx.AsyncClient) -> None:
    query = """{ municipalities(first: 100, filter: {areaCode: "130001", kind: SPECIAL_WARD},
                 orderBy: {field: POPULATION, direction: DESC}) { totalCount nodes { name population } } }"""
    page = (await graphql(client, query))["data"]["municipalities"]
    assert page["totalCount"] == 23
    populations = [n["population"] for n in page["nodes"]]
    assert populations == sorted(populations, reverse=True)
    assert page["nodes"][0]["name"] == "世田谷区"


async def test_prefectures_list_their_municipalities(client: httpx.AsyncClient) -> None:
    query = "{ prefectures { name municipalities(first: 3) { totalCount nodes { prefecture { name } } } } }"
    prefectures = (await graphql(client, query))["data"]["prefectures"]
    assert sum(p["municipalities"]["totalCount"] for p in prefectures) == 1741
    assert all(n["prefecture"]["name"] == p["name"] for p in prefectures for n in p["municipalities"]["nodes"])


def test_codes_printed_without_their_leading_zero_are_read(tmp_path: object) -> None:
    from pathlib import Path

    assert _municipal_code(Path("f.csv"), 2, "11002", ("北海道", "札幌市")) == "011002"
    assert _municipal_code(Path("f.csv"), 2, "131016", ("東京都", "千代田区")) == "131016"


def test_the_two_na_codes_are_filled_in_by_name() -> None:
    from pathlib import Path

    for (prefecture, name), code in MISSING_CODES.items():
        assert _municipal_code(Path("f.csv"), 2, "<NA>", (prefecture, name)) == code
    with pytest.raises(SourceRowError, match="<NA> for"):
        _municipal_code(Path("f.csv"), 7, "<NA>", ("東京都", "千代田区"))
    with pytest.raises(SourceRowError, match="wrong check digit"):
        _municipal_code(Path("f.csv"), 7, "11003", ("北海道", "札幌市"))


async def test_the_kind_an_area_answers_with_filters_municipalities(client: httpx.AsyncClient) -> None:
    """A client can send back the kind it read: `Area.kind` and the filter's `MunicipalityKind` share their names."""
    kind = (await graphql(client, '{ municipality(areaCode: "011002") { kind } }'))["data"]["municipality"]["kind"]
    query = "query($k: MunicipalityKind!) { municipalities(filter: {kind: $k}) { totalCount } }"
    body = await graphql(client, query, {"k": kind})
    assert body["data"]["municipalities"]["totalCount"] == 20
