"""The issuance series: every snapshot's municipal values served exactly as the source files print them."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
import pytest_asyncio

from api.settings import Settings
from db.pool import ApiPool
from schema import build_schema
from schema.context import Context
from seeds.sources import FetchResult
from tests.differential import api_pool
from tests.limits_support import api_role_dsn
from tests.sources_reading import municipal_codes, snapshot_rows
from tests.support import graphql

SERIES = """query($after: String) { municipalities(first: 100, after: $after) {
  nodes { code
    issued: observations(metric: "mynumber-card-issued-soumu", first: 100) { nodes { date exactValue displayValue } }
    rate: observations(metric: "mynumber-card-issued-rate-soumu", first: 100) { nodes { date exactValue } } }
  pageInfo { hasNextPage endCursor } } }"""


@pytest_asyncio.fixture(scope="module")
async def patient_pool(settings: Settings, loaded_dsn: str) -> AsyncIterator[ApiPool]:
    """The API role's pool with the differential test's patient limits: this file checks the values, and 18 pages
    of 100 municipalities × 200 observations must not depend on how busy the machine is (the 2 s statement limit
    has tests of its own)."""
    async with api_pool(api_role_dsn(settings, loaded_dsn)) as pool:
        yield pool


async def _served(pool: ApiPool) -> dict[tuple[str, str], tuple[str, str]]:
    """Every municipal value of the two series as the API answers it (the schema the server runs, executed here)."""
    schema = build_schema()
    served: dict[tuple[str, str], tuple[str, str]] = {}
    after = None
    while True:
        result = await schema.execute(SERIES, {"after": after}, context_value=Context.for_request(pool))
        assert not result.errors and result.data, result.errors
        page = result.data["municipalities"]
        for node in page["nodes"]:
            rates = {o["date"]: o["exactValue"] for o in node["rate"]["nodes"]}
            for o in node["issued"]["nodes"]:
                served[(node["code"], o["date"])] = (o["exactValue"], rates[o["date"]])
        if not page["pageInfo"]["hasNextPage"]:
            return served
        after = page["pageInfo"]["endCursor"]


async def test_every_snapshot_row_for_row(patient_pool: ApiPool, fetched: list[FetchResult]) -> None:
    source = next(r for r in fetched if r.source.slug == "mynumbercard-statistics")
    codes = municipal_codes(next(r for r in fetched if r.source.slug == "localgovjp"))
    served = await _served(patient_pool)
    snapshots = [path for name, path in source.paths.items() if name.endswith("all_localgovs.csv")]
    assert len(snapshots) == 47
    expected: dict[tuple[str, str], tuple[str, str]] = {}
    for path in snapshots:
        for code, row in snapshot_rows(path, codes).items():
            day = row["算出基準日"].replace("/", "-")
            expected[(code, day)] = (row["交付枚数"], row["人口に対する交付枚数率"])
    assert len(expected) == 47 * 1741
    assert {key: (Decimal(a), Decimal(b)) for key, (a, b) in served.items()} == {
        key: (Decimal(a), Decimal(b)) for key, (a, b) in expected.items()
    }


async def test_counts_are_integers_and_rates_keep_their_precision(client: httpx.AsyncClient) -> None:
    query = """{ municipality(areaCode: "011002") {
        issued: observations(metric: "mynumber-card-issued-soumu", last: 1) { nodes { date exactValue source {
            figureOwner citationKind url asOf } } }
        rate: observations(metric: "mynumber-card-issued-rate-soumu", last: 1) { nodes { exactValue } } } }"""
    municipality = (await graphql(client, query))["data"]["municipality"]
    issued = municipality["issued"]["nodes"][0]
    assert (issued["date"], issued["exactValue"]) == ("2022-12-31", "1113718")
    assert municipality["rate"]["nodes"][0]["exactValue"] == "56.8"
    source = issued["source"]
    assert (source["figureOwner"], source["citationKind"], source["asOf"]) == ("総務省", "QUOTED", "2022-12-31")
    assert source["url"].endswith("/static/data/20221231/all_localgovs.csv")


async def test_the_nation_groups_and_age_by_sex(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "mynumber-card-issued-soumu") {
        latest { date exactValue area { code } }
        women20: observations(last: 1, dimensions: [{name: "age_group", value: "20～24"}, {name: "sex", value: "女"}])
          { nodes { date exactValue dimensions { name value } } }
        towns: observations(last: 1, dimensions: [{name: "municipality_group", value: "町村"}]) { nodes { exactValue } }
      } }"""
    metric = (await graphql(client, query))["data"]["metric"]
    assert metric["latest"]["area"] is None  # the nation
    assert metric["latest"]["date"] in ("2022-12-31", "2023-07-31", "2023-06-30") or metric["latest"]["date"] > "2022"
    women = metric["women20"]["nodes"][0]
    assert women["date"] == "2022-12-31"
    assert {d["name"]: d["value"] for d in women["dimensions"]} == {"age_group": "20～24", "sex": "女"}
    assert metric["towns"]["nodes"]


async def test_the_ten_highest_issuance_rates(client: httpx.AsyncClient, fetched: list[FetchResult]) -> None:
    source = next(r for r in fetched if r.source.slug == "mynumbercard-statistics")
    path = source.paths["static/data/20221231/all_localgovs.csv"]
    with path.open(encoding="utf-8-sig") as handle:
        rates = sorted((Decimal(r["人口に対する交付枚数率"]) for r in csv.DictReader(handle)), reverse=True)
    query = """{ metric(slug: "mynumber-card-issued-rate-soumu") {
        ranking(level: MUNICIPALITY, date: "2022-12-31", first: 10) {
          date areas areasWithValue areasWithoutValue
          entries { rank tied area { name } observation { exactValue } } } } }"""
    ranking: dict[str, Any] = (await graphql(client, query))["data"]["metric"]["ranking"]
    assert (ranking["areas"], ranking["areasWithValue"], ranking["areasWithoutValue"]) == (1741, 1741, 0)
    values = [Decimal(e["observation"]["exactValue"]) for e in ranking["entries"]]
    assert values == rates[:10]
    for entry in ranking["entries"]:
        value = Decimal(entry["observation"]["exactValue"])
        assert entry["rank"] == 1 + sum(1 for r in rates if r > value)
        assert entry["tied"] == (rates.count(value) > 1)


async def test_a_ranking_of_a_date_without_values_names_the_dates_with_values(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "mynumber-card-issued-rate-soumu") {
        ranking(level: PREFECTURE, date: "2022-12-30") {
          areas areasWithValue areasWithoutValue entries { rank } } } }"""
    body = await graphql(client, query)
    assert body["data"] == {"metric": None}  # the ranking is not nullable
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["metric", "ranking"], "NOT_FOUND")
    assert error["message"] == (
        "The metric 'mynumber-card-issued-rate-soumu' has no prefecture values on 2022-12-30; the nearest dates "
        "with values are 2022-11-30 and 2022-12-31, of 47 dates from 2017-03-08 to 2022-12-31."
    )


async def test_a_ranking_of_a_metric_without_area_values_on_a_date_says_it_has_none(client: httpx.AsyncClient) -> None:
    query = (
        '{ metric(slug: "mynaportal-registered-users") { ranking(level: PREFECTURE, date: "2023-07-31") { date } } }'
    )
    [error] = (await graphql(client, query))["errors"]
    assert error["message"] == (
        "The metric 'mynaportal-registered-users' has no prefecture values on 2023-07-31; it has none on any date."
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ('level: MUNICIPALITY, areaCode: "011002"', 'No prefecture with code "011002": it is the code of a '
         "municipality, 札幌市."),
        ('level: PREFECTURE, areaCode: "13"', "`areaCode` narrows a ranking of municipalities; a ranking of "
         "prefectures takes none"),
        ('level: MUNICIPALITY, areaCode: "13", date: "2022-12-30"', "The metric 'mynumber-card-issued-rate-soumu' "
         "has no municipality values in 東京都 on 2022-12-30; the nearest dates with values are 2022-11-30 and "
         "2022-12-31, of 47 dates from 2017-03-08 to 2022-12-31."),
    ],
    ids=["a-municipality", "prefectures", "a-prefecture-on-a-date"],
)  # fmt: skip
async def test_a_ranking_narrowed_to_nothing_says_why(client: httpx.AsyncClient, arguments: str, message: str) -> None:
    query = f'{{ metric(slug: "mynumber-card-issued-rate-soumu") {{ ranking({arguments}) {{ date }} }} }}'
    assert [e["message"] for e in (await graphql(client, query))["errors"]] == [message]
